import type { RedisClient } from "bun";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(redis: RedisClient, id: string, data: string, ttlSeconds: number): Promise<void> {
  // One command: the value is written with its TTL, or not at all.
  await redis.set(`sess:${id}`, data, "EX", String(ttlSeconds));
}
