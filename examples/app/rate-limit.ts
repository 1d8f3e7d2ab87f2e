/**
 * API rate limiting at the edge (@upstash/redis over HTTP): at most `LIMIT` requests per API key
 * per minute, counted in `rate:<apiKey>`.
 *
 * `allow` increments the counter and sets its expiry in a second request when the count is 1
 * (no-setnx-expire, counter variant): if the function is stopped between the two (a timeout, a
 * cold-start limit), the counter never expires and, once it reaches the limit, that API key is
 * refused for good. `allowAtomically` below does both in one script.
 */
import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

const LIMIT = 100;
const WINDOW_SECONDS = 60;

const INCR_WITH_TTL = `
local count = redis.call("INCR", KEYS[1])
if redis.call("TTL", KEYS[1]) == -1 then redis.call("EXPIRE", KEYS[1], ARGV[1]) end
return count`;

export async function allow(apiKey: string): Promise<boolean> {
  const key = `rate:${apiKey}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, WINDOW_SECONDS);
  return count <= LIMIT;
}

export async function allowAtomically(apiKey: string): Promise<boolean> {
  const count = await redis.eval<[number], number>(INCR_WITH_TTL, [`rate:${apiKey}`], [WINDOW_SECONDS]);
  return count <= LIMIT;
}
