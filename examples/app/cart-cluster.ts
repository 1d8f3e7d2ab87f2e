/**
 * The cart service, after the move from one Redis server to a Redis Cluster (ioredis `Cluster`).
 *
 * `recordCheckout` counts each order in the shop's statistics with one MULTI over `stats:orders`
 * (slot 10831) and `stats:revenue` (slot 13418) (no-cross-slot): on the single server it worked;
 * on the cluster every checkout's MULTI fails (CROSSSLOT, or a client error when the two slots live
 * on different nodes) and the statistics stop counting. `recordCheckoutTagged` next to it keeps the
 * counters under the hash tag `{stats}`, in one slot. A cart's own keys share the tag
 * `{cart:<userId>}`, so `checkoutCart` moves them in one MULTI.
 */
import { Cluster } from "ioredis";

const cluster = new Cluster([{ host: process.env.REDIS_HOST ?? "127.0.0.1", port: 7000 }]);

export async function recordCheckout(totalCents: number): Promise<void> {
  await cluster.multi().incr("stats:orders").incrby("stats:revenue", totalCents).exec();
}

export async function recordCheckoutTagged(totalCents: number): Promise<void> {
  await cluster.multi().incr("{stats}:orders").incrby("{stats}:revenue", totalCents).exec();
}

/** Moves the cart's items to its last order, atomically: every key is under `{cart:<userId>}`. */
export async function checkoutCart(userId: string): Promise<void> {
  await cluster
    .multi()
    .rename(`{cart:${userId}}:items`, `{cart:${userId}}:last-order`)
    .del(`{cart:${userId}}:coupon`)
    .exec();
}
