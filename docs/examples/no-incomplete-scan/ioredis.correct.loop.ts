import type { Redis } from "ioredis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // The iteration is complete when the cursor comes back as "0"; a page may be empty before that.
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `session:${userId}:*`, "COUNT", 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}
