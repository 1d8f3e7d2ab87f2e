import type { Redis } from "ioredis";

export type Outcome = "done" | "insufficient" | "conflict";

/**
 * Moves `amount` between two wallets if the balance allows it. `redis` is a connection of this
 * flow alone: WATCH is connection state (see no-shared-transaction-client).
 */
export async function transfer(redis: Redis, from: string, to: string, amount: number): Promise<Outcome> {
  await redis.watch(from);
  const balance = Number(await redis.get(from));
  if (balance < amount) {
    await redis.unwatch();
    return "insufficient";
  }
  const results = await redis.multi().decrby(from, amount).incrby(to, amount).exec();
  // null: `from` changed since WATCH and nothing was written. The caller may read again and retry.
  if (results === null) return "conflict";
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return "done";
}
