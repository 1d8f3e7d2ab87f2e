import type { RedisClientType } from "redis";

/** Checks and takes the stock in one script: Redis runs it without serving anyone else meanwhile. */
const RESERVE = `
  local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
  if stock < tonumber(ARGV[1]) then return 0 end
  redis.call("DECRBY", KEYS[1], ARGV[1])
  return 1
`;

/** Takes `qty` units of `sku` out of stock; false when there are not enough left. */
export async function reserve(client: RedisClientType, sku: string, qty: number): Promise<boolean> {
  // The same call in redis v4 and v5: keys and arguments are passed as strings.
  return (await client.eval(RESERVE, { keys: [`stock:${sku}`], arguments: [String(qty)] })) === 1;
}
