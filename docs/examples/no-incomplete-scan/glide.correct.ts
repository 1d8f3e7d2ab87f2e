import type { GlideClient } from "@valkey/valkey-glide";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(client: GlideClient, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // The iteration is complete when the cursor comes back as "0".
  do {
    const [next, batch] = await client.scan(cursor, { match: `session:${userId}:*`, count: 100 });
    cursor = next.toString();
    keys.push(...batch.map(String));
  } while (cursor !== "0");
  return keys;
}
