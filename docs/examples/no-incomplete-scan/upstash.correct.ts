import type { Redis } from "@upstash/redis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // The iteration is complete when the cursor comes back as "0".
  do {
    const [next, batch] = await redis.scan(cursor, { match: `session:${userId}:*`, count: 100 });
    cursor = String(next);
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}
