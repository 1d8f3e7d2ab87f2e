import type { Redis } from "ioredis";

export type Outcome = "done" | "insufficient" | "conflict";

/** One ioredis client for the whole application, shared by every request. */
export class Wallets {
  constructor(private readonly redis: Redis) {}

  /** Optimistic locking: WATCH the balance, read it, write the new one unless it changed. */
  async withdraw(wallet: string, amount: number): Promise<Outcome> {
    // WATCH on the shared connection: any other caller's EXEC on it clears this WATCH.
    await this.redis.watch(wallet);
    const balance = Number(await this.redis.get(wallet));
    if (balance < amount) {
      await this.redis.unwatch();
      return "insufficient";
    }
    const results = await this.redis
      .multi()
      .set(wallet, String(balance - amount))
      .exec();
    if (results === null) return "conflict";
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return "done";
  }

  /** Another request, at the same time: its EXEC clears withdraw()'s WATCH. */
  async audit(wallet: string, entry: string): Promise<void> {
    const results = await this.redis.multi().rpush(`${wallet}:audit`, entry).ltrim(`${wallet}:audit`, -1000, -1).exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
