import type { RedisClientType } from "redis";

/** Every session key of a user. */
export async function sessionKeys(client: RedisClientType, userId: string): Promise<string[]> {
  // KEYS walks the whole keyspace in one call; the server serves no one else until it is done.
  return client.keys(`session:${userId}:*`);
}
