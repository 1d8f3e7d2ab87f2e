/**
 * The audit log of the example app (node-redis). Each user has a capped list `audit:<userId>` of
 * JSON entries, and a per-day counter of events `audit:count:<yyyy-mm-dd>`.
 */
import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
await client.connect();

/**
 * The mistake (require-exec): the commands are queued on a builder that is never executed. Nothing
 * reaches Redis, nothing throws, and the audit trail that compliance relies on stays empty.
 */
export async function audit(userId: string, event: string, at = new Date()): Promise<void> {
  const key = `audit:${userId}`;
  const day = at.toISOString().slice(0, 10);
  const multi = client.multi();
  multi.lPush(key, JSON.stringify({ event, at: at.toISOString() }));
  multi.lTrim(key, 0, 999);
  multi.incr(`audit:count:${day}`);
}

/** The same chain thrown away in one statement. */
export function auditLogout(userId: string, at = new Date()): void {
  client
    .multi()
    .lPush(`audit:${userId}`, JSON.stringify({ event: "logout", at: at.toISOString() }))
    .lTrim(`audit:${userId}`, 0, 999);
}

/** Done right: executed, and awaited so that a failure reaches the caller. */
export async function auditSafely(userId: string, event: string, at = new Date()): Promise<void> {
  const key = `audit:${userId}`;
  await client
    .multi()
    .lPush(key, JSON.stringify({ event, at: at.toISOString() }))
    .lTrim(key, 0, 999)
    .incr(`audit:count:${at.toISOString().slice(0, 10)}`)
    .exec();
}
