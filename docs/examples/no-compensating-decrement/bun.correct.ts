import type { RedisClient } from "bun";

/** Takes ARGV[1] units from KEYS[1] only when that many are left; answers what is left, or -1. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return -1 end
  return redis.call("DECRBY", KEYS[1], ARGV[1])
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: RedisClient, sku: string, qty: number): Promise<boolean> {
  // One script: the check and the decrement run with no other command in between.
  const left = Number(await redis.send("EVAL", [RESERVE, "1", `stock:${sku}`, String(qty)]));
  return left >= 0;
}
