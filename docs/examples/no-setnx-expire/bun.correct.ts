import type { RedisClient } from "bun";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  redis: RedisClient,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  // One command: the key is created with its TTL, or not at all.
  const acquired = await redis.set(`lock:${name}`, owner, "NX", "EX", String(ttlSeconds));
  return acquired === "OK";
}
