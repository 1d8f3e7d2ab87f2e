// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

/** node-redis v4: one client shared by every request; WATCH runs in executeIsolated(). */
export class Wallets {
  constructor(private readonly client: RedisClientType) {}

  /**
   * Optimistic locking: WATCH the balance, read it, write the new one unless it changed.
   * exec() rejects with WatchError when the balance changed since WATCH; the caller retries.
   */
  async withdraw(wallet: string, amount: number): Promise<"done" | "insufficient"> {
    // executeIsolated() lends the callback a connection of its own.
    return this.client.executeIsolated(async (isolated): Promise<"done" | "insufficient"> => {
      await isolated.watch(wallet);
      const balance = Number(await isolated.get(wallet));
      if (balance < amount) {
        await isolated.unwatch();
        return "insufficient";
      }
      await isolated
        .multi()
        .set(wallet, String(balance - amount))
        .exec();
      return "done";
    });
  }

  /** Another request, at the same time: its EXEC runs on the shared connection, not the isolated one. */
  async audit(wallet: string, entry: string): Promise<void> {
    await this.client.multi().rPush(`${wallet}:audit`, entry).lTrim(`${wallet}:audit`, -1000, -1).exec();
  }
}
