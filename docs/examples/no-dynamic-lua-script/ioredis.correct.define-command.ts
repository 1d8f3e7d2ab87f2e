import type { Redis } from "ioredis";

/** Registers `setPrice` once per client: ioredis sends EVALSHA and falls back to EVAL once. */
export function withPriceCommands(redis: Redis): Redis & { setPrice(key: string, price: string): Promise<number> } {
  redis.defineCommand("setPrice", {
    numberOfKeys: 1,
    lua: `
      redis.call('HSET', KEYS[1], 'price', ARGV[1])
      return redis.call('HINCRBY', KEYS[1], 'version', 1)`,
  });
  return redis as Redis & { setPrice(key: string, price: string): Promise<number> };
}
