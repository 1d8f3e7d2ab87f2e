/**
 * Flash sales (node-redis): each sale `sale:<id>` is a hash of the units left per SKU, loaded
 * when the sale opens. Thousands of buyers hit `claim` in the first seconds.
 *
 * `claim` is the oversell fix done wrong (no-compensating-decrement): it takes the units with
 * HINCRBY by `-qty`, and when that leaves less than 0 it puts them back with a second HINCRBY.
 * Between the two, every other buyer sees the stock too low and is told "sold out" although
 * units remain; a crash between the two loses the units for good. `claimAtomically` below checks
 * and takes in one Lua script. `checkout` shows what the rule leaves alone: putting the units
 * back in a `catch` when the payment fails is a compensation of the payment, not of the check.
 */
import { createClient } from "redis";

const client = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
client.on("error", (err: unknown) => console.error("redis", err));
await client.connect();

/** KEYS[1] the sale, ARGV[1] the units, ARGV[2] the SKU: takes them only when that many are left. */
const CLAIM = `
local left = tonumber(redis.call("HGET", KEYS[1], ARGV[2]) or "0") - tonumber(ARGV[1])
if left < 0 then return -1 end
redis.call("HINCRBY", KEYS[1], ARGV[2], -tonumber(ARGV[1]))
return left`;

export async function claim(saleId: string, sku: string, qty: number): Promise<boolean> {
  const left = await client.hIncrBy(`sale:${saleId}`, sku, -qty);
  if (left < 0) {
    await client.hIncrBy(`sale:${saleId}`, sku, qty);
    return false;
  }
  return true;
}

export async function claimAtomically(saleId: string, sku: string, qty: number): Promise<boolean> {
  const left = await client.eval(CLAIM, { keys: [`sale:${saleId}`], arguments: [String(qty), sku] });
  return Number(left) >= 0;
}

export async function checkout(saleId: string, sku: string, qty: number, pay: () => Promise<void>): Promise<boolean> {
  if (!(await claimAtomically(saleId, sku, qty))) return false;
  try {
    await pay();
    return true;
  } catch (err) {
    // The payment failed: give the units back to the sale.
    await client.hIncrBy(`sale:${saleId}`, sku, qty);
    throw err;
  }
}
