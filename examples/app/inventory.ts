/**
 * Stock for the shop's checkout. Each SKU's stock is a counter `stock:<sku>`; checkout reserves
 * the units of an order, cancellation puts them back.
 *
 * `reserve` reads the stock, checks it, then takes the units in a second round trip
 * (no-nonatomic-read-modify-write): during a sale, concurrent checkouts all read the same stock,
 * all pass the check, and the shop sells units it does not have. `reserveAtomically` below checks
 * and takes the units in one Lua script. (Taking them with DECRBY and putting them back with INCRBY
 * when the result is negative is not the fix: no-compensating-decrement.)
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

/** Takes ARGV[1] units from KEYS[1] only when that many are left: 1 when taken, 0 when not. */
const RESERVE = `
local stock = tonumber(redis.call("GET", KEYS[1]) or "0")
if stock < tonumber(ARGV[1]) then return 0 end
redis.call("DECRBY", KEYS[1], ARGV[1])
return 1`;

export interface Line {
  sku: string;
  qty: number;
}

export async function reserve(line: Line): Promise<boolean> {
  const stock = Number(await redis.get(`stock:${line.sku}`));
  if (stock < line.qty) return false;
  await redis.decrby(`stock:${line.sku}`, line.qty);
  return true;
}

export async function reserveAtomically(line: Line): Promise<boolean> {
  return (await redis.eval(RESERVE, 1, `stock:${line.sku}`, line.qty)) === 1;
}

export async function reserveOrder(lines: Line[]): Promise<boolean> {
  const reserved: Line[] = [];
  for (const line of lines) {
    if (!(await reserveAtomically(line))) {
      await Promise.all(reserved.map(release));
      return false;
    }
    reserved.push(line);
  }
  return true;
}

export async function release(line: Line): Promise<void> {
  await redis.incrby(`stock:${line.sku}`, line.qty);
}
