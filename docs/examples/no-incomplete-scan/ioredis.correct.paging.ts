import type { Redis } from "ioredis";

/** One page of a user's session keys for an admin screen: the caller asks for the next page with `cursor`. */
export async function sessionPage(
  redis: Redis,
  userId: string,
  cursor = "0",
): Promise<{ keys: string[]; cursor: string; done: boolean }> {
  const [next, keys] = await redis.scan(cursor, "MATCH", `session:${userId}:*`, "COUNT", 100);
  // The cursor goes back to the caller: a page is all it asked for.
  return { keys, cursor: next, done: next === "0" };
}
