// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import { WatchError, type RedisClientType } from "redis"; // redis@4

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: RedisClientType, sku: string, qty: number, maxAttempts = 50): Promise<boolean> {
  const key = `stock:${sku}`;
  // WATCH belongs to the connection: executeIsolated lends this callback a connection of its own.
  return client.executeIsolated(async (isolated) => {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await isolated.watch(key);
      const stock = Number(await isolated.get(key));
      if (stock < qty) {
        await isolated.unwatch();
        return false;
      }
      try {
        await isolated.multi().decrBy(key, qty).exec();
        return true;
      } catch (err) {
        // Another client changed the key since WATCH: try again.
        if (!(err instanceof WatchError)) throw err;
      }
    }
    throw new Error(`reserve(${sku}): gave up after ${maxAttempts} attempts`);
  });
}
