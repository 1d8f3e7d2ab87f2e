import type { Redis } from "@upstash/redis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  redis: Redis,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = crypto.randomUUID();
  if ((await redis.set(lockKey, token, { nx: true, px: ttlMs })) !== "OK") return false;
  try {
    await job();
  } finally {
    await redis.eval(RELEASE, [lockKey], [token]);
  }
  return true;
}
