import { TimeUnit, type GlideClient } from "@valkey/valkey-glide";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  client: GlideClient,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  // One command: the key is created with its TTL, or not at all.
  const acquired = await client.set(`lock:${name}`, owner, {
    conditionalSet: "onlyIfDoesNotExist",
    expiry: { type: TimeUnit.Seconds, count: ttlSeconds },
  });
  return acquired === "OK";
}
