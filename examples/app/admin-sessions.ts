/**
 * The admin console's session tools. Each login stores `session:<userId>:<sessionId>`.
 *
 * `revokeSessions` ("sign this user out everywhere") calls SCAN once with a large COUNT and
 * deletes what that one page holds (no-incomplete-scan): SCAN filters MATCH after walking about
 * COUNT slots, so on a production keyspace the page holds a few of the user's sessions, or none,
 * and the rest stay valid. `revokeAllSessions` below follows the cursor with `scanIterator`, and
 * `sessionPage` hands the cursor to the admin UI, which asks for the next page itself.
 */
import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
export const ready = client.connect();

export async function revokeSessions(userId: string): Promise<number> {
  const { keys } = await client.scan("0", { MATCH: `session:${userId}:*`, COUNT: 1000 });
  if (keys.length === 0) return 0;
  return client.del(keys);
}

export async function revokeAllSessions(userId: string): Promise<number> {
  let revoked = 0;
  for await (const keys of client.scanIterator({ MATCH: `session:${userId}:*`, COUNT: 1000 })) {
    if (keys.length > 0) revoked += await client.del(keys);
  }
  return revoked;
}

/** One page for the admin UI's session list; the UI sends `cursor` back for the next page. */
export async function sessionPage(userId: string, cursor = "0"): Promise<{ keys: string[]; next: string }> {
  const { cursor: next, keys } = await client.scan(cursor, { MATCH: `session:${userId}:*`, COUNT: 100 });
  return { keys, next };
}
