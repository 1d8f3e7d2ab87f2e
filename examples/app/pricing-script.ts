/**
 * Pricing. Each product is a hash `product:<sku>` with its price, stock and a version.
 *
 * `applyDiscount`, called by the admin API with the percent from the request, writes the percent
 * into the Lua text (no-dynamic-lua-script): every new percent is one more script compiled and
 * kept in the server's script cache, and a "percent" such as `0 redis.call('HSET', KEYS[1],
 * 'stock', 0) --` runs its own Lua on the server. `applyDiscountSafely` below keeps one
 * constant script, registered once with `defineCommand`, and passes the percent as ARGV[1].
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

export async function applyDiscount(sku: string, percent: string): Promise<string> {
  const script = `
    local price = tonumber(redis.call('HGET', KEYS[1], 'price'))
    local discounted = string.format('%.2f', price * (100 - ${percent}) / 100)
    redis.call('HSET', KEYS[1], 'price', discounted)
    redis.call('HINCRBY', KEYS[1], 'version', 1)
    return discounted`;
  return (await redis.eval(script, 1, `product:${sku}`)) as string;
}

redis.defineCommand("discount", {
  numberOfKeys: 1,
  lua: `
    local percent = tonumber(ARGV[1])
    if not percent or percent < 0 or percent > 100 then return redis.error_reply('bad percent') end
    local price = tonumber(redis.call('HGET', KEYS[1], 'price'))
    local discounted = string.format('%.2f', price * (100 - percent) / 100)
    redis.call('HSET', KEYS[1], 'price', discounted)
    redis.call('HINCRBY', KEYS[1], 'version', 1)
    return discounted`,
});

const pricing = redis as Redis & { discount(key: string, percent: string): Promise<string> };

export async function applyDiscountSafely(sku: string, percent: string): Promise<string> {
  return pricing.discount(`product:${sku}`, percent);
}
