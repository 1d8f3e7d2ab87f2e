import type { Redis } from "ioredis";

/** Appends a login to the user's audit trail, keeping the last 100 entries. */
export async function recordLogin(redis: Redis, userId: string, at: Date): Promise<void> {
  const key = `audit:${userId}`;
  const entry = JSON.stringify({ event: "login", at: at.toISOString() });
  const results = await redis.pipeline().lpush(key, entry).ltrim(key, 0, 99).exec();
  const failed = results?.find(([error]) => error);
  if (failed) throw failed[0];
}
