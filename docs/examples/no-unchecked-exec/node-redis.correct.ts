import { type RedisClientType, WatchError } from "redis";

export type Outcome = "done" | "insufficient" | "conflict";

/**
 * node-redis is not affected by this rule: its exec() rejects with WatchError instead of
 * resolving to null. Catch that error, not a null result. `client` is a connection of this flow
 * alone (`client.duplicate()`, `pool.execute`): WATCH is connection state.
 */
export async function transfer(client: RedisClientType, from: string, to: string, amount: number): Promise<Outcome> {
  await client.watch(from);
  const balance = Number(await client.get(from));
  if (balance < amount) {
    await client.unwatch();
    return "insufficient";
  }
  try {
    await client.multi().decrBy(from, amount).incrBy(to, amount).exec();
  } catch (error) {
    // `from` changed since WATCH and nothing was written. The caller may read again and retry.
    if (error instanceof WatchError) return "conflict";
    throw error;
  }
  return "done";
}
