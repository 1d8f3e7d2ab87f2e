/**
 * Wallets for the example app (ioredis). A balance lives in `wallet:<userId>` (in cents) and
 * moves with optimistic locking: WATCH the payer's balance, read it, then MULTI/EXEC the
 * transfer. WATCH needs a connection of its own, so each payment duplicates the app's client.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

/**
 * The mistake: when the payer's balance changes between WATCH and EXEC (a second payment, a
 * refund), Redis aborts the transaction and ioredis resolves exec() to null. Nothing was
 * written, yet pay() tells checkout the payment went through and the order ships unpaid.
 */
export async function pay(from: string, to: string, cents: number): Promise<boolean> {
  const connection = redis.duplicate();
  try {
    await connection.watch(`wallet:${from}`);
    const balance = Number(await connection.get(`wallet:${from}`));
    if (balance < cents) {
      await connection.unwatch();
      return false;
    }
    await connection.multi().decrby(`wallet:${from}`, cents).incrby(`wallet:${to}`, cents).exec();
    return true;
  } finally {
    connection.disconnect();
  }
}

/** The same payment done right: an aborted transaction is retried with a fresh balance. */
export async function payWithRetry(from: string, to: string, cents: number, attempts = 5): Promise<boolean> {
  const connection = redis.duplicate();
  try {
    for (let attempt = 0; attempt < attempts; attempt++) {
      await connection.watch(`wallet:${from}`);
      const balance = Number(await connection.get(`wallet:${from}`));
      if (balance < cents) {
        await connection.unwatch();
        return false;
      }
      const results = await connection.multi().decrby(`wallet:${from}`, cents).incrby(`wallet:${to}`, cents).exec();
      if (results === null) continue; // someone else moved the balance: read it again
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return true;
    }
    throw new Error(`payment from ${from} kept conflicting; try again later`);
  } finally {
    connection.disconnect();
  }
}
