import type { Redis } from "ioredis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number, maxAttempts = 50): Promise<boolean> {
  const key = `stock:${sku}`;
  // WATCH belongs to the connection: use one that no other code shares.
  const conn = redis.duplicate();
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await conn.watch(key);
      const stock = Number(await conn.get(key));
      if (stock < qty) {
        await conn.unwatch();
        return false;
      }
      // EXEC is aborted (resolves to null) if another client changed the key since WATCH: try again.
      const results = await conn.multi().decrby(key, qty).exec();
      if (results !== null) return true;
    }
    throw new Error(`reserve(${sku}): gave up after ${maxAttempts} attempts`);
  } finally {
    conn.disconnect();
  }
}
