import type { RedisClientPoolType } from "redis";

/**
 * node-redis v5 and later: a pool (`createClientPool()`) shared by every request. Each
 * `pool.execute()` callback gets a connection of its own (v4: `client.executeIsolated()`).
 */
export class Wallets {
  constructor(private readonly pool: RedisClientPoolType) {}

  /**
   * Optimistic locking: WATCH the balance, read it, write the new one unless it changed.
   * exec() rejects with WatchError when the balance changed since WATCH; the caller retries.
   */
  async withdraw(wallet: string, amount: number): Promise<"done" | "insufficient"> {
    return this.pool.execute(async (client): Promise<"done" | "insufficient"> => {
      await client.watch(wallet);
      const balance = Number(await client.get(wallet));
      if (balance < amount) {
        await client.unwatch();
        return "insufficient";
      }
      await client
        .multi()
        .set(wallet, String(balance - amount))
        .exec();
      return "done";
    });
  }

  /** Another request, at the same time: it runs on another connection of the pool. */
  async audit(wallet: string, entry: string): Promise<void> {
    await this.pool.multi().rPush(`${wallet}:audit`, entry).lTrim(`${wallet}:audit`, -1000, -1).exec();
  }
}
