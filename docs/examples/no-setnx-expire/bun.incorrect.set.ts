import type { RedisClient } from "bun";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(redis: RedisClient, id: string, data: string, ttlSeconds: number): Promise<void> {
  const key = `sess:${id}`;
  await redis.set(key, data);
  // If the process dies here (a deploy, an OOM kill), the session has no TTL and never expires.
  await redis.expire(key, ttlSeconds);
}
