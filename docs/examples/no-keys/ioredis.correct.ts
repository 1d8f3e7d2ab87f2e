import type { Redis } from "ioredis";

/** Every session key of a user. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  const keys: string[] = [];
  // SCAN returns a few keys per call; other clients are served between the calls.
  for await (const batch of redis.scanStream({ match: `session:${userId}:*`, count: 100 })) {
    keys.push(...(batch as string[]));
  }
  return keys;
}
