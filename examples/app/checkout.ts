/**
 * Checkout for the example app (ioredis). Coupons live in `coupon:<code>:uses-left`, stock in
 * `stock:<sku>`, orders in `order:<id>`. WATCH is connection state, so every checkout borrows a
 * connection of its own from the worker's small pool of transactional connections, and gives it
 * back when done: the next checkout, for another customer, gets the same connection.
 */
import type { Redis } from "ioredis";

/**
 * Mistake 1 (no-dangling-watch): the early returns leave the connection watching the coupon.
 * The next checkout on this connection, for another customer, aborts as soon as anyone
 * redeems or edits that coupon: its exec() resolves to null and the order is lost.
 */
export async function applyCoupon(connection: Redis, code: string): Promise<number> {
  const key = `coupon:${code}:uses-left`;
  await connection.watch(key);
  const left = await connection.get(key);
  if (left === null) return 0;
  if (Number(left) <= 0) return 0;
  const results = await connection.multi().decr(key).exec();
  if (results === null) return 0;
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return 10; // percent off
}

/**
 * Mistake 2 (no-watch-in-multi): the WATCH is queued inside the transaction, after MULTI. The
 * server refuses it, ioredis drops that error, and two customers buying the last items at the
 * same time both succeed: the second SET overwrites the first sale.
 */
export async function reserveStock(connection: Redis, sku: string, quantity: number): Promise<boolean> {
  const key = `stock:${sku}`;
  const stock = Number(await connection.get(key));
  if (stock < quantity) return false;
  const results = await connection
    .multi()
    .watch(key)
    .set(key, String(stock - quantity))
    .exec();
  if (results === null) return false;
  return true;
}

/** The same reservation done right: WATCH on the connection before the read, cleared on every way out. */
export async function reserveStockSafely(connection: Redis, sku: string, quantity: number): Promise<boolean> {
  const key = `stock:${sku}`;
  await connection.watch(key);
  const stock = Number(await connection.get(key));
  if (stock < quantity) {
    await connection.unwatch();
    return false;
  }
  const results = await connection
    .multi()
    .set(key, String(stock - quantity))
    .exec();
  if (results === null) return false; // someone else bought in between: the caller retries
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return true;
}

/** Records the order: an unrelated transaction on the same connection, the victim of mistake 1. */
export async function placeOrder(connection: Redis, orderId: string, total: number): Promise<boolean> {
  const results = await connection
    .multi()
    .hset(`order:${orderId}`, { total, status: "placed" })
    .sadd("orders:open", orderId)
    .exec();
  if (results === null) return false;
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return true;
}
