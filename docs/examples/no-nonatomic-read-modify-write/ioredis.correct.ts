import type { Redis } from "ioredis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  // DECRBY changes the stock and returns the new value in one step: no one can slip in between.
  const left = await redis.decrby(`stock:${sku}`, qty);
  if (left >= 0) return true;
  // Not enough: put the units back.
  await redis.incrby(`stock:${sku}`, qty);
  return false;
}
