/**
 * Stock for the shop's checkout. Each SKU's stock is a counter `stock:<sku>`; checkout reserves
 * the units of an order, cancellation puts them back.
 *
 * `reserve` reads the stock, checks it, then takes the units in a second round trip
 * (no-nonatomic-read-modify-write): during a sale, concurrent checkouts all read the same stock,
 * all pass the check, and the shop sells units it does not have. `reserveAtomically` below takes
 * the units with one DECRBY and checks the value it returns.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

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
  const left = await redis.decrby(`stock:${line.sku}`, line.qty);
  if (left >= 0) return true;
  await redis.incrby(`stock:${line.sku}`, line.qty);
  return false;
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
