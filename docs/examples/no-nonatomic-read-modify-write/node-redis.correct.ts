import type { RedisClientType } from "redis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: RedisClientType, sku: string, qty: number): Promise<boolean> {
  // DECRBY changes the stock and returns the new value in one step: no one can slip in between.
  const left = await client.decrBy(`stock:${sku}`, qty);
  if (left >= 0) return true;
  // Not enough: put the units back.
  await client.incrBy(`stock:${sku}`, qty);
  return false;
}
