import type { Redis } from "@upstash/redis";

/** Every session key of a user. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // SCAN returns a few keys per call; the cursor is "0" again when the iteration is complete.
  do {
    const [next, batch] = await redis.scan(cursor, { match: `session:${userId}:*`, count: 100 });
    cursor = String(next);
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}
