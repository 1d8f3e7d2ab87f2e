// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

export type Sale = "sold" | "sold out";

/**
 * Sells one ticket: reads the stock and writes it back one lower. `client` is a connection of this
 * flow alone (`executeIsolated()`): WATCH is connection state.
 */
export async function sellTicket(client: RedisClientType, stockKey: string): Promise<Sale> {
  const stock = Number(await client.get(stockKey));
  if (stock <= 0) return "sold out";
  // WATCH queued on the builder is sent after MULTI. exec() rejects with "WATCH inside MULTI is
  // not allowed", but only after the SET was committed over the other sales.
  await client
    .multi()
    .watch(stockKey)
    .set(stockKey, String(stock - 1))
    .exec();
  return "sold";
}
