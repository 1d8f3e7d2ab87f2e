import type { Redis } from "@upstash/redis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  const left = await redis.decrby(`stock:${sku}`, qty);
  if (left < 0) {
    // Not enough: put the units back, in a second HTTP request. Until it lands, every other
    // buyer is refused; if the function is stopped before it, the units are gone for good.
    await redis.incrby(`stock:${sku}`, qty);
    return false;
  }
  return true;
}
