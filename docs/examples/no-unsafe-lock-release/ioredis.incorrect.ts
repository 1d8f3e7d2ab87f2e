import type { Redis } from "ioredis";
import { randomUUID } from "node:crypto";

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
    // If the job outlived ttlMs, another worker may hold the lock by now: this deletes theirs.
    await redis.del(lockKey);
  }
  return true;
}
