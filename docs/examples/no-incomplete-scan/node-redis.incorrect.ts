import type { RedisClientType } from "redis";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(client: RedisClientType, userId: string): Promise<string[]> {
  // One SCAN call: the keys that match among about COUNT slots, and a cursor that is dropped here.
  const { keys } = await client.scan("0", { MATCH: `session:${userId}:*`, COUNT: 100 });
  return keys;
}
