import type { RedisClientType } from "redis";

/** Every session key of a user. */
export async function sessionKeys(client: RedisClientType, userId: string): Promise<string[]> {
  const keys: string[] = [];
  // SCAN returns a few keys per call; other clients are served between the calls.
  // redis v5 yields the keys of one SCAN call at a time (redis v4 yields the keys one by one).
  for await (const batch of client.scanIterator({ MATCH: `session:${userId}:*`, COUNT: 100 })) {
    keys.push(...batch);
  }
  return keys;
}
