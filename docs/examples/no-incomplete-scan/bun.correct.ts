import type { RedisClient } from "bun";

/** Every session key of a user, to sign them out everywhere. */
export async function sessionKeys(redis: RedisClient, userId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  // The iteration is complete when the cursor comes back as "0".
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
