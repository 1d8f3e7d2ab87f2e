import type { Redis } from "ioredis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  const left = await redis.decrby(`stock:${sku}`, qty);
  if (left < 0) {
    // Not enough: put the units back. Until this runs, every other buyer sees too little stock
    // and is refused; if the process dies before it runs, the units are gone for good.
    await redis.incrby(`stock:${sku}`, qty);
    return false;
  }
  return true;
}
