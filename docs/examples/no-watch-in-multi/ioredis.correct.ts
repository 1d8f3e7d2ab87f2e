import type { Redis } from "ioredis";

export type Sale = "sold" | "sold out" | "conflict";

/**
 * Sells one ticket: reads the stock and writes it back one lower, unless another sale changed it
 * in between. `redis` is a connection of this flow alone (WATCH is connection state).
 */
export async function sellTicket(redis: Redis, stockKey: string): Promise<Sale> {
  // WATCH on the connection, before the read it protects and before MULTI.
  await redis.watch(stockKey);
  const stock = Number(await redis.get(stockKey));
  if (stock <= 0) {
    await redis.unwatch();
    return "sold out";
  }
  const results = await redis
    .multi()
    .set(stockKey, String(stock - 1))
    .exec();
  // null: another sale changed the stock since WATCH, and nothing was written. Retry.
  if (results === null) return "conflict";
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return "sold";
}
