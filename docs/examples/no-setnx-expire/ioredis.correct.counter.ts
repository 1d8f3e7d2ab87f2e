import type { Redis } from "ioredis";

/** Counts a request of `clientId` in a fixed window; returns whether it is within `limit`. */
export async function allowRequest(
  redis: Redis,
  clientId: string,
  limit: number,
  windowSeconds: number,
): Promise<boolean> {
  const key = `rate:${clientId}`;
  // INCR and EXPIRE ... NX (Redis 7+) in one MULTI: both run, or neither. NX keeps the window
  // from being pushed back by every request.
  const results = await redis.multi().incr(key).expire(key, windowSeconds, "NX").exec();
  if (!results) throw new Error("transaction aborted");
  const [error, count] = results[0];
  if (error) throw error;
  return Number(count) <= limit;
}
