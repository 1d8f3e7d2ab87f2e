import type { RedisClientType } from "redis";
import { randomUUID } from "node:crypto";

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  client: RedisClientType,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  const acquired = await client.set(lockKey, token, { condition: "NX", expiration: { type: "PX", value: ttlMs } });
  if (acquired !== "OK") return false;
  try {
    await job();
  } finally {
    // If the job outlived ttlMs, another worker may hold the lock by now: this deletes theirs.
    await client.del(lockKey);
  }
  return true;
}
