import type { RedisClientType } from "redis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(client: RedisClientType, userId: string): Promise<string[]> {
  const keys: string[] = [];
  // scanIterator passes each reply's cursor back until the server answers "0".
  // redis v5 yields the keys of one SCAN call at a time (redis v4 yields the keys one by one).
  for await (const batch of client.scanIterator({ MATCH: `session:${userId}:*`, COUNT: 100 })) {
    keys.push(...batch);
  }
  return keys;
}
