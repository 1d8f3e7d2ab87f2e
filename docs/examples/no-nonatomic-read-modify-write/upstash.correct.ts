import type { Redis } from "@upstash/redis";

/** Checks and takes the stock in one script (Upstash has no WATCH). */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return 0 end
  redis.call("DECRBY", KEYS[1], ARGV[1])
  return 1
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  return (await redis.eval<[number], number>(RESERVE, [`stock:${sku}`], [qty])) === 1;
}
