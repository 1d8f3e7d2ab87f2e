import type { RedisClientType } from "redis";

/** Cache invalidations from the other instances; returns the function that stops listening. */
export async function onInvalidate(redis: RedisClientType, drop: (key: string) => void): Promise<() => Promise<void>> {
  // A duplicate is a client of its own: the original's listener does not cover it.
  const subscriber = redis.duplicate();
  subscriber.on("error", (err) => console.error("Redis subscriber error", err));
  await subscriber.connect();
  await subscriber.subscribe("cache:invalidate", (key) => drop(key));
  return async () => {
    await subscriber.close();
  };
}
