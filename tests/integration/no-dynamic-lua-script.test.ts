/**
 * no-dynamic-lua-script: N distinct prices sent through the docs' incorrect examples (the price
 * written into the Lua text) add N scripts to the server's script cache (INFO memory's
 * `number_of_cached_scripts`), while the correct examples (the price as ARGV[1]) add one; and a
 * price holding quotes rewrites the incorrect script (it sets another field), while the correct
 * one stores it as data.
 */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-dynamic-lua-script/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-dynamic-lua-script/ioredis.correct.js";
import * as ioredisDefine from "../../docs/examples/no-dynamic-lua-script/ioredis.correct.define-command.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-dynamic-lua-script/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-dynamic-lua-script/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

type SetPrice = (client: never, sku: string, price: string) => Promise<number>;

/** Distinct prices per run: 200 calls. */
const N = 200;

async function cachedScripts(): Promise<number> {
  const info = await (await ioredis()).info("memory");
  const match = /number_of_cached_scripts:(\d+)/.exec(info);
  if (!match) throw new Error("INFO memory has no number_of_cached_scripts");
  return Number(match[1]);
}

/** How many scripts `setPrice` adds to the cache over N distinct prices (other test files may add a few meanwhile). */
async function growth(setPrice: SetPrice, client: unknown, name: string): Promise<number> {
  const sku = uniqueId(name);
  const before = await cachedScripts();
  for (let i = 0; i < N; i++) await setPrice(client as never, sku, `${i}.${sku.slice(-8)}`);
  return (await cachedScripts()) - before;
}

/** The incorrect scripts' texts are each in the cache: SCRIPT EXISTS on their SHA1 digests. */
async function exists(texts: string[]): Promise<number[]> {
  const shas = texts.map((t) => createHash("sha1").update(t).digest("hex"));
  return (await (await ioredis()).script("EXISTS", ...shas)) as number[];
}

/** An attacker's price: closes the Lua string and sets the product's stock to 0. */
const INJECTED = "0', 'stock', '0";

async function injection(setPrice: SetPrice, client: unknown, name: string) {
  const sku = uniqueId(name);
  const redis = await ioredis();
  await redis.hset(`product:${sku}`, "price", "10", "stock", "25");
  const result = await setPrice(client as never, sku, INJECTED).then(
    () => "ok",
    (e: Error) => e.message,
  );
  return { result, product: await redis.hgetall(`product:${sku}`) };
}

describeRedis("no-dynamic-lua-script examples", () => {
  it("ioredis: N distinct prices add N cached scripts; the ARGV version adds one", async () => {
    const redis = await ioredis();
    expect(await growth(ioredisIncorrect.setPrice, redis, "lua-cache-ioredis")).toBeGreaterThanOrEqual(N);
    expect(await growth(ioredisCorrect.setPrice, redis, "lua-cache-ioredis-ok")).toBeLessThanOrEqual(N / 10);
    const cmd = ioredisDefine.withPriceCommands(redis.duplicate());
    const sku = uniqueId("lua-cache-define");
    const before = await cachedScripts();
    for (let i = 0; i < N; i++) await cmd.setPrice(`product:${sku}`, String(i));
    expect((await cachedScripts()) - before).toBeLessThanOrEqual(N / 10);
    expect(await redis.hget(`product:${sku}`, "version")).toBe(String(N));
    cmd.disconnect();
  });

  it("ioredis: each dynamic text is its own cached script (SCRIPT EXISTS)", async () => {
    const redis = await ioredis();
    const sku = uniqueId("lua-exists");
    const prices = ["1.00", "2.00", "3.00"];
    for (const p of prices) await ioredisIncorrect.setPrice(redis, sku, p);
    const texts = prices.map(
      (p) => `
    redis.call('HSET', KEYS[1], 'price', '${p}')
    return redis.call('HINCRBY', KEYS[1], 'version', 1)`,
    );
    expect(await exists(texts)).toEqual([1, 1, 1]);
  });

  it("node-redis v5 and v4: N distinct prices add N cached scripts; the ARGV version adds one", async () => {
    const v5 = await nodeRedis();
    expect(await growth(nodeRedisIncorrect.setPrice, v5, "lua-cache-node-redis")).toBeGreaterThanOrEqual(N);
    expect(await growth(nodeRedisCorrect.setPrice, v5, "lua-cache-node-redis-ok")).toBeLessThanOrEqual(N / 10);
    const v4 = await nodeRedis4();
    expect(await growth(nodeRedisIncorrect.setPrice, v4, "lua-cache-node-redis4")).toBeGreaterThanOrEqual(N);
    expect(await growth(nodeRedisCorrect.setPrice, v4, "lua-cache-node-redis4-ok")).toBeLessThanOrEqual(N / 10);
  });

  it("ioredis: a price holding quotes rewrites the interpolated script, not the ARGV one", async () => {
    const bad = await injection(ioredisIncorrect.setPrice, await ioredis(), "lua-inject-ioredis");
    expect(bad.result).toBe("ok");
    expect(bad.product).toMatchObject({ price: "0", stock: "0" });
    const good = await injection(ioredisCorrect.setPrice, await ioredis(), "lua-inject-ioredis-ok");
    expect(good.result).toBe("ok");
    expect(good.product).toMatchObject({ price: INJECTED, stock: "25" });
  });

  it("node-redis: the same injection, and a lone quote is a Lua compile error", async () => {
    const client = await nodeRedis();
    const bad = await injection(nodeRedisIncorrect.setPrice, client, "lua-inject-node-redis");
    expect(bad.product).toMatchObject({ price: "0", stock: "0" });
    const good = await injection(nodeRedisCorrect.setPrice, client, "lua-inject-node-redis-ok");
    expect(good.product).toMatchObject({ price: INJECTED, stock: "25" });
    const sku = uniqueId("lua-quote");
    await expect(nodeRedisIncorrect.setPrice(client as never, sku, "9'99")).rejects.toThrow(/compil|syntax|ERR/i);
    await expect(nodeRedisCorrect.setPrice(client as never, sku, "9'99")).resolves.toBe(1);
  });
});
