/**
 * Report generation: one worker at a time builds the monthly report, guarded by a lock.
 *
 * `tryStartReport` takes the lock with SETNX and gives it a TTL with a second command
 * (no-setnx-expire): a worker killed between the two (a deploy, an OOM kill) leaves
 * `lock:report:<month>` without a TTL, and no worker builds that report again until someone
 * deletes the key by hand. `tryStartReportAtomically` below does both in one SET ... EX ... NX.
 */
import Redis from "ioredis";
import { randomUUID } from "node:crypto";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

const LOCK_SECONDS = 15 * 60;

/** Deletes the lock only if it is still ours, in one step. */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export async function tryStartReport(month: string): Promise<string | null> {
  const key = `lock:report:${month}`;
  const token = randomUUID();
  const acquired = await redis.setnx(key, token);
  if (!acquired) return null;
  await redis.expire(key, LOCK_SECONDS);
  return token;
}

export async function tryStartReportAtomically(month: string): Promise<string | null> {
  const token = randomUUID();
  const acquired = await redis.set(`lock:report:${month}`, token, "EX", LOCK_SECONDS, "NX");
  return acquired === "OK" ? token : null;
}

export async function finishReport(month: string, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, `lock:report:${month}`, token);
}
