import type { RedisClient } from "bun";

export type Redemption = "redeemed" | "unknown code" | "used up" | "conflict";

/**
 * Redeems one use of a coupon. `redis` is a connection of this flow alone
 * (`await redis.duplicate()`): WATCH and MULTI are connection state.
 */
export async function redeemCoupon(redis: RedisClient, code: string): Promise<Redemption> {
  const key = `coupon:${code}:uses-left`;
  await redis.send("WATCH", [key]);
  const left = await redis.get(key);
  if (left === null || Number(left) <= 0) {
    await redis.send("UNWATCH", []);
    return left === null ? "unknown code" : "used up";
  }
  await redis.send("MULTI", []);
  await redis.send("DECR", [key]);
  const results = await redis.send("EXEC", []);
  if (results === null) return "conflict";
  if (results.some((result: unknown) => result instanceof Error)) throw new Error("the redemption failed");
  return "redeemed";
}
