import { type GlideClient, Script } from "@valkey/valkey-glide";

/** Sets a product's price and bumps its version, in one atomic step. Returns the new version. */
export async function setPrice(client: GlideClient, sku: string, price: string): Promise<number> {
  // A new Script per price: each one is compiled and cached by the server, and a quote rewrites it.
  const script = new Script(`
    redis.call('HSET', KEYS[1], 'price', '${price}')
    return redis.call('HINCRBY', KEYS[1], 'version', 1)`);
  return (await client.invokeScript(script, { keys: [`product:${sku}`] })) as number;
}
