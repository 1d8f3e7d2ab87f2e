/**
 * Order and invoice numbers for the example app (ioredis), from counters on the app's one
 * shared client, and the nightly job that resets the daily statistics on that same client.
 */
import Redis from "ioredis";

export const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

/** Called by every checkout request. */
export async function nextOrderNumber(): Promise<number> {
  return redis.incr("seq:order");
}

/** Called by the billing worker. */
export async function nextInvoiceNumber(): Promise<number> {
  return redis.incr("seq:invoice");
}

/**
 * The mistake: `multi({ pipeline: false })` sends MULTI at once and puts the shared connection
 * into a transaction until EXEC. Every checkout that asks for an order number meanwhile gets
 * the string "QUEUED" instead of a number, and the job's own DELs wait for the network round
 * trips in between. (A pipelined `redis.multi().del(...).del(...).exec()` sends it all in one go.)
 */
export async function resetDailyStats(): Promise<void> {
  await redis.multi({ pipeline: false });
  await redis.del("stats:orders:today");
  await redis.del("stats:revenue:today");
  await redis.exec();
}
