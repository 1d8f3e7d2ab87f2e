import { WatchError, type RedisClientType } from "redis";

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: RedisClientType, sku: string, qty: number, maxAttempts = 50): Promise<boolean> {
  const key = `stock:${sku}`;
  // WATCH belongs to the connection: use one that no other code shares (redis v5 has no executeIsolated).
  const conn = client.duplicate();
  conn.on("error", (err) => console.error("Redis connection error", err));
  await conn.connect();
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await conn.watch(key);
      const stock = Number(await conn.get(key));
      if (stock < qty) {
        await conn.unwatch();
        return false;
      }
      try {
        await conn.multi().decrBy(key, qty).exec();
        return true;
      } catch (err) {
        // Another client changed the key since WATCH: try again.
        if (!(err instanceof WatchError)) throw err;
      }
    }
    throw new Error(`reserve(${sku}): gave up after ${maxAttempts} attempts`);
  } finally {
    await conn.close();
  }
}
