import type { Redis } from "ioredis";

// One constant text: the server compiles and caches it once.
const SET_PRICE = `
  redis.call('HSET', KEYS[1], 'price', ARGV[1])
  return redis.call('HINCRBY', KEYS[1], 'version', 1)`;

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(redis: Redis, sku: string, price: string): Promise<number> {
  // The price travels as ARGV[1]: data, never code.
  return (await redis.eval(SET_PRICE, 1, `product:${sku}`, price)) as number;
}
