import { type GlideClient, Script, TimeUnit } from "@valkey/valkey-glide";
import { randomUUID } from "node:crypto";

const RELEASE = new Script(
  `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`,
);

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(
  client: GlideClient,
  resource: string,
  job: () => Promise<void>,
  ttlMs = 30_000,
): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  const acquired = await client.set(lockKey, token, {
    conditionalSet: "onlyIfDoesNotExist",
    expiry: { type: TimeUnit.Milliseconds, count: ttlMs },
  });
  if (acquired !== "OK") return false;
  try {
    await job();
  } finally {
    await client.invokeScript(RELEASE, { keys: [lockKey], args: [token] });
  }
  return true;
}
