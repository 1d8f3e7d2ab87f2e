import type { RedisClientType } from "redis";

/** One node-redis client for the whole application, shared by every request. */
export class Wallets {
  constructor(private readonly client: RedisClientType) {}

  /**
   * Optimistic locking: WATCH the balance, read it, write the new one unless it changed.
   * exec() rejects with WatchError when the balance changed since WATCH; the caller retries.
   */
  async withdraw(wallet: string, amount: number): Promise<"done" | "insufficient"> {
    // WATCH on the shared connection: any other caller's EXEC on it clears this WATCH.
    await this.client.watch(wallet);
    const balance = Number(await this.client.get(wallet));
    if (balance < amount) {
      await this.client.unwatch();
      return "insufficient";
    }
    await this.client
      .multi()
      .set(wallet, String(balance - amount))
      .exec();
    return "done";
  }

  /** Another request, at the same time: its EXEC clears withdraw()'s WATCH. */
  async audit(wallet: string, entry: string): Promise<void> {
    await this.client.multi().rPush(`${wallet}:audit`, entry).lTrim(`${wallet}:audit`, -1000, -1).exec();
  }
}
