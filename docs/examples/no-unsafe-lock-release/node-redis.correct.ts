import type { RedisClientType } from "redis";
import { randomUUID } from "node:crypto";

/** Deletes the key only if it still holds our token, in one step on the server. */
const RELEASE = `
  if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
  end
  return 0
`;

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
    await client.eval(RELEASE, { keys: [lockKey], arguments: [token] });
  }
  return true;
}
