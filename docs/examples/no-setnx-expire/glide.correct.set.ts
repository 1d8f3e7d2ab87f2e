import { TimeUnit, type GlideClient } from "@valkey/valkey-glide";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(client: GlideClient, id: string, data: string, ttlSeconds: number): Promise<void> {
  // One command: the value is written with its TTL, or not at all.
  await client.set(`sess:${id}`, data, { expiry: { type: TimeUnit.Seconds, count: ttlSeconds } });
}
