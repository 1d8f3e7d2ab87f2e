import type { RedisClient } from "bun";

/** Every session key of a user. */
export async function sessionKeys(redis: RedisClient, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // SCAN returns a few keys per call; the cursor is "0" again when the iteration is complete.
  do {
    const [next, batch] = (await redis.send("SCAN", [cursor, "MATCH", `session:${userId}:*`, "COUNT", "100"])) as [
      string,
      string[],
    ];
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}
