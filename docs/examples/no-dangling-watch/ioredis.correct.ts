import type { Redis } from "ioredis";

export type Redemption = "redeemed" | "unknown code" | "used up" | "conflict";

/**
 * Redeems one use of a coupon with optimistic locking. `redis` is a dedicated connection that
 * this flow borrows and later flows reuse (WATCH is connection state).
 */
export async function redeemCoupon(redis: Redis, code: string): Promise<Redemption> {
  const key = `coupon:${code}:uses-left`;
  await redis.watch(key);
  const left = await redis.get(key);
  // Every way out clears the WATCH: UNWATCH here, EXEC below.
  if (left === null) {
    await redis.unwatch();
    return "unknown code";
  }
  if (Number(left) <= 0) {
    await redis.unwatch();
    return "used up";
  }
  const results = await redis.multi().decr(key).exec();
  if (results === null) return "conflict";
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return "redeemed";
}
