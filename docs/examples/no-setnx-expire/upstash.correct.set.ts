import type { Redis } from "@upstash/redis";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(redis: Redis, id: string, data: string, ttlSeconds: number): Promise<void> {
  // One request: the value is written with its TTL, or not at all.
  await redis.set(`sess:${id}`, data, { ex: ttlSeconds });
}
