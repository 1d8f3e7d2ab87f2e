import { Batch, type GlideClient } from "@valkey/valkey-glide";

export type Redemption = "redeemed" | "unknown code" | "used up" | "conflict";

/** Redeems one use of a coupon. `client` is used by this flow alone: WATCH is connection state. */
export async function redeemCoupon(client: GlideClient, code: string): Promise<Redemption> {
  const key = `coupon:${code}:uses-left`;
  await client.watch([key]);
  const left = await client.get(key);
  if (left === null || Number(left) <= 0) {
    await client.unwatch();
    return left === null ? "unknown code" : "used up";
  }
  const results = await client.exec(new Batch(true).decr(key), true);
  return results === null ? "conflict" : "redeemed";
}
