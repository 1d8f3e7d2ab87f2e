import type { Redis } from "ioredis";
import { randomUUID } from "node:crypto";

/** Deletes the key only if it still holds our token, in one step on the server. */
const RELEASE = `
  if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
  end
  return 0
`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  redis: Redis,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  if ((await redis.set(lockKey, token, "PX", ttlMs, "NX")) !== "OK") return false;
  try {
    await job();
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
  return true;
}

/** Releases the lock if we still own it. */
export async function releaseLock(redis: Redis, lockKey: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE, 1, lockKey, token)) === 1;
}
