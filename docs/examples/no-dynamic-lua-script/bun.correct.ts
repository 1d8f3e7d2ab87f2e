import type { RedisClient } from "bun";

const SET_PRICE = `
  redis.call('HSET', KEYS[1], 'price', ARGV[1])
  return redis.call('HINCRBY', KEYS[1], 'version', 1)`;

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(redis: RedisClient, sku: string, price: string): Promise<number> {
  return (await redis.send("EVAL", [SET_PRICE, "1", `product:${sku}`, price])) as number;
}
