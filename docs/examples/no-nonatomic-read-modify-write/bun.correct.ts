import type { RedisClient } from "bun";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: RedisClient, sku: string, qty: number): Promise<boolean> {
  // DECRBY changes the stock and returns the new value in one step.
  const left = Number(await redis.send("DECRBY", [`stock:${sku}`, String(qty)]));
  if (left >= 0) return true;
  // Not enough: put the units back.
  await redis.send("INCRBY", [`stock:${sku}`, String(qty)]);
  return false;
}
