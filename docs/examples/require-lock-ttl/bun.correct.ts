import type { RedisClient } from "bun";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

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
    await redis.send("EVAL", [RELEASE, "1", lockKey, token]);
  }
  return true;
}
