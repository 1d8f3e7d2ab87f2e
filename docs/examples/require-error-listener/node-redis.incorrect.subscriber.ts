import type { RedisClientType } from "redis";

/** Cache invalidations from the other instances; returns the function that stops listening. */
export async function onInvalidate(redis: RedisClientType, drop: (key: string) => void): Promise<() => Promise<void>> {
  // The shared client has its listener (in lib/redis); this connection of its own has none.
  const subscriber = redis.duplicate();
  await subscriber.connect();
  await subscriber.subscribe("cache:invalidate", (key) => drop(key));
  return async () => {
    await subscriber.close();
  };
}
