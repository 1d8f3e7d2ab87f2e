import type { RedisClient } from "bun";

export type Sale = "sold" | "sold out" | "conflict";

/**
 * Sells one ticket. `redis` is a connection of this flow alone (`await redis.duplicate()`): WATCH
 * and MULTI are connection state.
 */
export async function sellTicket(redis: RedisClient, stockKey: string): Promise<Sale> {
  const stock = Number(await redis.get(stockKey));
  if (stock <= 0) return "sold out";
  await redis.send("MULTI", []);
  // The connection is already in MULTI: the server refuses this WATCH, and the SET below
  // overwrites whatever other sales wrote in the meantime.
  await redis.send("WATCH", [stockKey]);
  await redis.send("SET", [stockKey, String(stock - 1)]);
  const results = await redis.send("EXEC", []);
  if (results === null) return "conflict";
  return "sold";
}
