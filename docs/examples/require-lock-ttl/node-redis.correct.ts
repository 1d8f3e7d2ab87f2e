import type { RedisClientType } from "redis";
import { randomUUID } from "node:crypto";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  client: RedisClientType,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  // node-redis v5 shape (redis v4 silently ignores it: see node-redis-v4.correct.ts).
  const acquired = await client.set(lockKey, token, { condition: "NX", expiration: { type: "PX", value: ttlMs } });
  if (acquired !== "OK") return false;
  try {
    await job();
  } finally {
    await client.eval(RELEASE, { keys: [lockKey], arguments: [token] });
  }
  return true;
}
