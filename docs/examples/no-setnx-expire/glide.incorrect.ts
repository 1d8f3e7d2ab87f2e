import type { GlideClient } from "@valkey/valkey-glide";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  client: GlideClient,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  const acquired = await client.set(key, owner, { conditionalSet: "onlyIfDoesNotExist" });
  if (acquired === null) return false;
  // If the process dies here (a deploy, an OOM kill), the lock has no TTL and is never released.
  await client.expire(key, ttlSeconds);
  return true;
}
