import type { Redis } from "ioredis";
import { randomUUID } from "node:crypto";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  redis: Redis,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  // The expiry is part of the acquisition: a crashed owner's lock frees itself after ttlMs.
  if ((await redis.set(lockKey, token, "PX", ttlMs, "NX")) !== "OK") return false;
  try {
    await job();
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
  return true;
}
