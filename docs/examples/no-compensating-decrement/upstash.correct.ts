import type { Redis } from "@upstash/redis";

/** Takes ARGV[1] units from KEYS[1] only when that many are left; answers what is left, or -1. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return -1 end
  return redis.call("DECRBY", KEYS[1], ARGV[1])
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  // One request, one script: the check and the decrement run with nothing in between.
  const left = await redis.eval<[number], number>(RESERVE, [`stock:${sku}`], [qty]);
  return left >= 0;
}
