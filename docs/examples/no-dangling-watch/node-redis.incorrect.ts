import type { RedisClientType } from "redis";

export type Redemption = "redeemed" | "unknown code" | "used up";

/**
 * Redeems one use of a coupon with optimistic locking. `client` is a dedicated connection that
 * this flow borrows and later flows reuse (`pool.execute()`, `executeIsolated()` in v4).
 * exec() rejects with WatchError when the coupon changed since WATCH: the caller retries.
 */
export async function redeemCoupon(client: RedisClientType, code: string): Promise<Redemption> {
  const key = `coupon:${code}:uses-left`;
  await client.watch(key);
  const left = await client.get(key);
  if (left === null) return "unknown code";
  if (Number(left) <= 0) throw new Error(`coupon ${code} is used up`);
  await client.multi().decr(key).exec();
  return "redeemed";
}
