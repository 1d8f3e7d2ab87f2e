import type { RedisClientType } from "redis";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(
  client: RedisClientType,
  id: string,
  data: string,
  ttlSeconds: number,
): Promise<void> {
  // One command: the value is written with its TTL, or not at all.
  // { EX } is read by redis v4 and later (v5's `expiration: { type: "EX", value }` is not read by v4).
  await client.set(`sess:${id}`, data, { EX: ttlSeconds });
}
