import type { Redis } from "@upstash/redis";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(redis: Redis, name: string, owner: string, ttlSeconds: number): Promise<boolean> {
  // One command: the key is created with its TTL, or not at all.
  const acquired = await redis.set(`lock:${name}`, owner, { nx: true, ex: ttlSeconds });
  return acquired === "OK";
}
