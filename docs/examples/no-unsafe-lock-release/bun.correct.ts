import type { RedisClient } from "bun";

/** Deletes the key only if it still holds our token, in one step on the server. */
const RELEASE = `
  if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
  end
  return 0
`;

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
