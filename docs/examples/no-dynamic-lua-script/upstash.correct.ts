import type { Redis } from "@upstash/redis";

const SET_PRICE = `
  redis.call('HSET', KEYS[1], 'price', ARGV[1])
  return redis.call('HINCRBY', KEYS[1], 'version', 1)`;

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(redis: Redis, sku: string, price: string): Promise<number> {
  return redis.eval<[string], number>(SET_PRICE, [`product:${sku}`], [price]);
}
