import { Batch, type GlideClient } from "@valkey/valkey-glide";

export type Redemption = "redeemed" | "unknown code" | "used up" | "conflict";

/** Redeems one use of a coupon. `client` is used by this flow alone: WATCH is connection state. */
export async function redeemCoupon(client: GlideClient, code: string): Promise<Redemption> {
  const key = `coupon:${code}:uses-left`;
  await client.watch([key]);
  const left = await client.get(key);
  // The connection is still watching `key` after these returns.
  if (left === null) return "unknown code";
  if (Number(left) <= 0) return "used up";
  const results = await client.exec(new Batch(true).decr(key), true);
  return results === null ? "conflict" : "redeemed";
}
