import type { RedisClientType } from "redis";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  client: RedisClientType,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  // One command: the key is created with its TTL, or not at all.
  // redis v5 and later. redis v4 ignores these options and runs a plain SET: see below.
  const acquired = await client.set(`lock:${name}`, owner, {
    condition: "NX",
    expiration: { type: "EX", value: ttlSeconds },
  });
  return acquired === "OK";
}
