import type { RedisClientType } from "redis";

// One constant text: the server compiles and caches it once.
const SET_PRICE = `
  redis.call('HSET', KEYS[1], 'price', ARGV[1])
  return redis.call('HINCRBY', KEYS[1], 'version', 1)`;

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(client: RedisClientType, sku: string, price: string): Promise<number> {
  // The price travels as ARGV[1]: data, never code (the same call in redis v4 and v5).
  return (await client.eval(SET_PRICE, { keys: [`product:${sku}`], arguments: [price] })) as number;
}
