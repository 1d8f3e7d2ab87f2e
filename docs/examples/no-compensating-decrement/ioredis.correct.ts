import type { Redis } from "ioredis";

/** Takes ARGV[1] units from KEYS[1] only when that many are left; answers what is left, or -1. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return -1 end
  return redis.call("DECRBY", KEYS[1], ARGV[1])
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: Redis, sku: string, qty: number): Promise<boolean> {
  // One script: Redis runs the check and the decrement with no other command in between, and
  // the stock never goes below zero, not even for a moment.
  const left = (await redis.eval(RESERVE, 1, `stock:${sku}`, qty)) as number;
  return left >= 0;
}
