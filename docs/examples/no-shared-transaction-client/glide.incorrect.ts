import { Batch, type GlideClient } from "@valkey/valkey-glide";

export type Outcome = "done" | "insufficient" | "conflict";

/** One GLIDE client for the whole application, shared by every request. */
export class Wallets {
  constructor(private readonly client: GlideClient) {}

  /** Optimistic locking: WATCH the balance, read it, write the new one unless it changed. */
  async withdraw(wallet: string, amount: number): Promise<Outcome> {
    // WATCH on the shared connection: any other caller's EXEC on it clears this WATCH.
    await this.client.watch([wallet]);
    const balance = Number(await this.client.get(wallet));
    if (balance < amount) {
      await this.client.unwatch();
      return "insufficient";
    }
    const results = await this.client.exec(new Batch(true).set(wallet, String(balance - amount)), true);
    return results === null ? "conflict" : "done";
  }

  /** Another request, at the same time: its EXEC clears withdraw()'s WATCH. */
  async audit(wallet: string, entry: string): Promise<void> {
    await this.client.exec(new Batch(true).rpush(`${wallet}:audit`, [entry]).ltrim(`${wallet}:audit`, -1000, -1), true);
  }
}
