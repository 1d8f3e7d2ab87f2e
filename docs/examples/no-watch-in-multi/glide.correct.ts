import { Batch, type GlideClient } from "@valkey/valkey-glide";

export type Sale = "sold" | "sold out" | "conflict";

/**
 * valkey-glide: WATCH is `client.watch([keys])`, sent before the atomic Batch. `client` is used by
 * this flow alone: WATCH is connection state.
 */
export async function sellTicket(client: GlideClient, stockKey: string): Promise<Sale> {
  await client.watch([stockKey]);
  const stock = Number(await client.get(stockKey));
  if (stock <= 0) {
    await client.unwatch();
    return "sold out";
  }
  const results = await client.exec(new Batch(true).set(stockKey, String(stock - 1)), true);
  // null: another sale changed the stock since WATCH, and nothing was written. Retry.
  if (results === null) return "conflict";
  return "sold";
}
