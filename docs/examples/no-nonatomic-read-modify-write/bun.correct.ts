import type { RedisClient } from "bun";

/** Checks and takes the stock in one script: Redis runs it without serving anyone else meanwhile. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return 0 end
  redis.call("DECRBY", KEYS[1], ARGV[1])
  return 1
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(redis: RedisClient, sku: string, qty: number): Promise<boolean> {
  // Bun has no eval method: EVAL goes through send, with the number of keys before the key.
  return Number(await redis.send("EVAL", [RESERVE, "1", `stock:${sku}`, String(qty)])) === 1;
}
