import type { RedisClientType } from "redis";

export type Sale = "sold" | "sold out";

/**
 * node-redis v5 and later have no watch() on the transaction builder: WATCH is a client command.
 * `client` is a connection of this flow alone (`pool.execute()`, `duplicate()`).
 */
export async function sellTicket(client: RedisClientType, stockKey: string): Promise<Sale> {
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
