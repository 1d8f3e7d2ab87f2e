// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

export type Sale = "sold" | "sold out";

/**
 * Sells one ticket: reads the stock and writes it back one lower. `client` is a connection of this
 * flow alone (`executeIsolated()`): WATCH is connection state.
 */
export async function sellTicket(client: RedisClientType, stockKey: string): Promise<Sale> {
  // WATCH on the connection, before the read it protects and before MULTI.
  await client.watch(stockKey);
  const stock = Number(await client.get(stockKey));
  if (stock <= 0) {
    await client.unwatch();
    return "sold out";
  }
  // Rejects with WatchError, having written nothing, when another sale changed the stock since
  // WATCH: the caller retries.
  await client
    .multi()
    .set(stockKey, String(stock - 1))
    .exec();
  return "sold";
}
