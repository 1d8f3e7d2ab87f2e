import type { Redis } from "ioredis";

/** Checks and takes the stock in one script: Redis runs it without serving anyone else meanwhile. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return 0 end
  redis.call("DECRBY", KEYS[1], ARGV[1])
  return 1
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  return (await redis.eval(RESERVE, 1, `stock:${sku}`, qty)) === 1;
}
