import type { Redis } from "@upstash/redis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(redis: Redis, resource: string, job: () => Promise<void>): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = crypto.randomUUID();
  // nx without ex / px: if the function is killed (a timeout, a deploy), the lock stays forever.
  if ((await redis.set(lockKey, token, { nx: true })) !== "OK") return false;
  try {
    await job();
  } finally {
    await redis.eval(RELEASE, [lockKey], [token]);
  }
  return true;
}
