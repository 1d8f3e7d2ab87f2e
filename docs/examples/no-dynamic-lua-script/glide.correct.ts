import { type GlideClient, Script } from "@valkey/valkey-glide";

// One Script, made once.
const SET_PRICE = new Script(`
  redis.call('HSET', KEYS[1], 'price', ARGV[1])
  return redis.call('HINCRBY', KEYS[1], 'version', 1)`);

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(client: GlideClient, sku: string, price: string): Promise<number> {
  return (await client.invokeScript(SET_PRICE, { keys: [`product:${sku}`], args: [price] })) as number;
}
