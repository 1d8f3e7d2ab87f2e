import type { Redis } from "ioredis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys: string[] = [];
  // scanStream passes each reply's cursor back until the server answers "0".
  for await (const batch of redis.scanStream({ match: `session:${userId}:*`, count: 100 })) {
    keys.push(...(batch as string[]));
  }
  return keys;
}
