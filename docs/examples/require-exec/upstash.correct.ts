import type { Redis } from "@upstash/redis";

/** Appends a login to the user's audit trail, keeping the last 100 entries. */
export async function recordLogin(redis: Redis, userId: string, at: Date): Promise<void> {
  const key = `audit:${userId}`;
  await redis.pipeline().lpush(key, { event: "login", at: at.toISOString() }).ltrim(key, 0, 99).exec();
}
