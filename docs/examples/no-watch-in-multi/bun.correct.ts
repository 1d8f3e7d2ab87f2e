import type { RedisClient } from "bun";

export type Sale = "sold" | "sold out" | "conflict";

/**
 * Sells one ticket. `redis` is a connection of this flow alone (`await redis.duplicate()`): WATCH
 * and MULTI are connection state.
 */
export async function sellTicket(redis: RedisClient, stockKey: string): Promise<Sale> {
  // WATCH before the read it protects and before MULTI.
  await redis.send("WATCH", [stockKey]);
  const stock = Number(await redis.get(stockKey));
  if (stock <= 0) {
    await redis.send("UNWATCH", []);
    return "sold out";
  }
  await redis.send("MULTI", []);
  await redis.send("SET", [stockKey, String(stock - 1)]);
  const results = await redis.send("EXEC", []);
  // null: another sale changed the stock since WATCH, and nothing was written. Retry.
  if (results === null) return "conflict";
  if (results.some((result: unknown) => result instanceof Error)) throw new Error("the sale failed");
  return "sold";
}
