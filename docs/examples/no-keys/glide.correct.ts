import type { GlideClient } from "@valkey/valkey-glide";

/** Every session key of a user. */
export async function sessionKeys(client: GlideClient, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // SCAN returns a few keys per call; the cursor is "0" again when the iteration is complete.
  do {
    const [next, batch] = await client.scan(cursor, { match: `session:${userId}:*`, count: 100 });
    cursor = next.toString();
    keys.push(...batch.map(String));
  } while (cursor !== "0");
  return keys;
}
