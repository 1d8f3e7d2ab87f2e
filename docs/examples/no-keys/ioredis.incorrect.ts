import type { Redis } from "ioredis";

/** Every session key of a user. */
export async function sessionKeys(redis: Redis, userId: string): Promise<string[]> {
  // KEYS walks the whole keyspace in one call; the server serves no one else until it is done.
  return redis.keys(`session:${userId}:*`);
}
