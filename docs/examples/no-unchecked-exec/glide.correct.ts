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
  // raiseOnError: a failed command throws. null: `from` changed since WATCH, nothing was written.
  const results = await client.exec(transaction, true);
  if (results === null) return "conflict";
  return "done";
}
