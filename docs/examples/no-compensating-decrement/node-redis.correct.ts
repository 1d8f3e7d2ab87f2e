import type { RedisClientType } from "redis";

/** Takes ARGV[1] units from KEYS[1] only when that many are left; answers what is left, or -1. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return -1 end
  return redis.call("DECRBY", KEYS[1], ARGV[1])
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: RedisClientType, sku: string, qty: number): Promise<boolean> {
  // One script: Redis runs the check and the decrement with no other command in between, and
  // the stock never goes below zero, not even for a moment. (The same call in redis v4.)
  const left = await client.eval(RESERVE, { keys: [`stock:${sku}`], arguments: [String(qty)] });
  return Number(left) >= 0;
}
