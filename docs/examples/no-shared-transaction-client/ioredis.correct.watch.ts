import type { Redis } from "ioredis";

export type Outcome = "done" | "insufficient" | "conflict";

/** One ioredis client for the whole application, shared by every request. */
export class Wallets {
  constructor(private readonly redis: Redis) {}

  /** Optimistic locking: WATCH the balance, read it, write the new one unless it changed. */
  async withdraw(wallet: string, amount: number): Promise<Outcome> {
    // A connection of this call alone: no other caller can clear its WATCH.
    // (For a hot path, keep a small pool of such connections instead.)
    const connection = this.redis.duplicate();
    try {
      await connection.watch(wallet);
      const balance = Number(await connection.get(wallet));
      if (balance < amount) return "insufficient";
      const results = await connection
        .multi()
        .set(wallet, String(balance - amount))
        .exec();
      if (results === null) return "conflict";
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return "done";
    } finally {
      connection.disconnect();
    }
  }

  /** Another request, at the same time: its EXEC no longer touches withdraw()'s connection. */
  async audit(wallet: string, entry: string): Promise<void> {
    const results = await this.redis.multi().rpush(`${wallet}:audit`, entry).ltrim(`${wallet}:audit`, -1000, -1).exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
