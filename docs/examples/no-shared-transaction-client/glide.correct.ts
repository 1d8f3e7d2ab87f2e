import { Batch, GlideClient, type GlideClientConfiguration } from "@valkey/valkey-glide";

export type Outcome = "done" | "insufficient" | "conflict";

/** One GLIDE client for the whole application, shared by every request. */
export class Wallets {
  constructor(
    private readonly client: GlideClient,
    private readonly config: GlideClientConfiguration,
  ) {}

  /** Optimistic locking: WATCH the balance, read it, write the new one unless it changed. */
  async withdraw(wallet: string, amount: number): Promise<Outcome> {
    // GLIDE has no duplicate(): a client of this call alone, so no other caller can clear its
    // WATCH. (For a hot path, keep a small pool of such clients instead.)
    const transactions = await GlideClient.createClient(this.config);
    try {
      await transactions.watch([wallet]);
      const balance = Number(await transactions.get(wallet));
      if (balance < amount) return "insufficient";
      const results = await transactions.exec(new Batch(true).set(wallet, String(balance - amount)), true);
      return results === null ? "conflict" : "done";
    } finally {
      transactions.close();
    }
  }

  /** Another request, at the same time: its EXEC no longer touches withdraw()'s connection. */
  async audit(wallet: string, entry: string): Promise<void> {
    await this.client.exec(new Batch(true).rpush(`${wallet}:audit`, [entry]).ltrim(`${wallet}:audit`, -1000, -1), true);
  }
}
