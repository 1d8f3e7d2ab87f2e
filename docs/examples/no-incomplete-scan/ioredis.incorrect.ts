import type { Redis } from "ioredis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  // One SCAN call walks about COUNT slots of the keyspace and returns the keys among them that
  // match, plus a cursor. Dropping the cursor keeps only that first page.
  const [, keys] = await redis.scan(0, "MATCH", `session:${userId}:*`, "COUNT", 100);
  return keys;
}
