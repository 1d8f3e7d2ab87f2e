import type { Redis } from "ioredis";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(redis: Redis, id: string, data: string, ttlSeconds: number): Promise<void> {
  // One command: the value is written with its TTL, or not at all.
  await redis.set(`sess:${id}`, data, "EX", ttlSeconds);
}
