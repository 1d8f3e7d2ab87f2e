import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-compensating-decrement.js";
import { checkedDecrementScript } from "../../src/dialects/compensation.js";

/** The script of the suggestion, as a JS string literal. */
const SCRIPT = JSON.stringify(checkedDecrementScript(false));
const HASH_SCRIPT = JSON.stringify(checkedDecrementScript(true));

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE_REDIS = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [{ host: "localhost" }] });`;
const BUN = `import { RedisClient } from "bun"; const redis = new RedisClient();`;

const message = (decrement: string, undo: string, line: number, family: string, evalForm: string) => ({
  decrement,
  undo,
  line: String(line),
  family,
  evalForm,
});

ruleTester.run("no-compensating-decrement", rule, {
  valid: [
    // The incident's precision cases: a DECRBY whose result is only logged or returned.
    `${IOREDIS} export async function take(sku: string, qty: number) { const left = await redis.decrby(\`stock:\${sku}\`, qty); console.log("left", left); }`,
    `${IOREDIS} export async function take(sku: string, qty: number) { return redis.decrby(\`stock:\${sku}\`, qty); }`,
    `${NODE_REDIS} export async function take(sku: string) { const left = await client.decr(\`stock:\${sku}\`); logger.info({ left }); return left; }`,
    // Compared, but the increment goes to another key (a transfer, not an undo).
    `${IOREDIS} export async function move(from: string, to: string, qty: number) { const left = await redis.decrby(\`stock:\${from}\`, qty); if (left < 0) await redis.incrby(\`stock:\${to}\`, qty); }`,
    // The undo in a catch of an unrelated failure: a saga's compensation, not a check-and-undo.
    `${IOREDIS} export async function buy(sku: string, qty: number, pay: () => Promise<void>) {
  const left = await redis.decrby(\`stock:\${sku}\`, qty);
  try { await pay(); } catch (err) { await redis.incrby(\`stock:\${sku}\`, qty); throw err; }
  return left;
}`,
    `${NODE_REDIS} export async function buy(sku: string, qty: number, paid: boolean) { await client.decrBy(\`stock:\${sku}\`, qty); if (!paid) await client.incrBy(\`stock:\${sku}\`, qty); }`,
    // Not guarded at all (a probe), or guarded by something else.
    `${IOREDIS} export async function probe(k: string) { await redis.decr(k); await redis.incr(k); }`,
    `${IOREDIS} export async function take(k: string, qty: number, cancelled: boolean) { const left = await redis.decrby(k, qty); if (cancelled) await redis.incrby(k, qty); return left; }`,
    // A different amount: `-left` clamps to zero, it is not the same undo.
    `${IOREDIS} export async function take(k: string, qty: number) { const left = await redis.decrby(k, qty); if (left < 0) await redis.incrby(k, -left); }`,
    `${IOREDIS} export async function take(k: string, qty: number, n: number) { const left = await redis.decrby(k, qty); if (left < 0) await redis.incrby(k, n); }`,
    // Another hash field.
    `${IOREDIS} export async function take(sku: string, qty: number) { const left = await redis.hincrby("stock", sku, -qty); if (left < 0) await redis.hincrby("stock", "reserve", qty); }`,
    // An increment compared and taken back (a rate limiter's INCR / DECR): not a decrement.
    `${IOREDIS} export async function hit(k: string, limit: number) { const n = await redis.incr(k); if (n > limit) { await redis.decr(k); return false; } return true; }`,
    // INCRBY with a positive amount is not a decrement.
    `${IOREDIS} export async function add(k: string, qty: number) { const n = await redis.incrby(k, qty); if (n > 100) await redis.decrby(k, qty); }`,
    // Inside MULTI / a pipeline: queued, the result is not there to compare.
    `${IOREDIS} export async function take(k: string, qty: number) { const res = await redis.multi().decrby(k, qty).exec(); if (res && Number(res[0][1]) < 0) await redis.incrby(k, qty); }`,
    `${NODE_REDIS} export async function take(k: string, qty: number) { const [left] = await client.multi().decrBy(k, qty).exec(); if (Number(left) < 0) await client.multi().incrBy(k, qty).exec(); }`,
    // Lua: check and decrement in one script.
    `${IOREDIS} const S = "local n = tonumber(redis.call('GET', KEYS[1]) or '0') if n < tonumber(ARGV[1]) then return -1 end return redis.call('DECRBY', KEYS[1], ARGV[1])"; export async function take(k: string, qty: number) { const left = await redis.eval(S, 1, k, qty); if (Number(left) < 0) return false; return true; }`,
    // The undo in another function (a callback): not the same function.
    `${IOREDIS} export async function take(k: string, qty: number) { const left = await redis.decrby(k, qty); if (left < 0) setTimeout(() => redis.incrby(k, qty), 10); }`,
    // A semaphore released in `finally`: the increment runs under no comparison of the result.
    `${IOREDIS} export async function withSlot(k: string, work: () => Promise<void>) { const n = await redis.decr(k); try { if (n >= 0) await work(); } finally { await redis.incr(k); } }`,
    // Queued on a GLIDE Batch / an Upstash pipeline: nothing to compare before the undo.
    `import { Batch, GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); export async function take(k: string, qty: number) { const res = await client.exec(new Batch(true).decrBy(k, qty), true); if (res && Number(res[0]) < 0) await client.exec(new Batch(true).incrBy(k, qty), true); }`,
    `${UPSTASH} export async function take(k: string, qty: number) { const [left] = await redis.pipeline().decrby(k, qty).exec<[number]>(); if (left < 0) await redis.pipeline().incrby(k, qty).exec(); }`,
    // The result compared, the undo in the `.then` callback of another call (another function).
    `${IOREDIS} export function take(k: string, qty: number) { return redis.decrby(k, qty).then((left) => (left < 0 ? redis.incrby(k, qty).then(() => false) : true)); }`,
    // Bun: the increment is of another key.
    `${BUN} export async function take(sku: string, qty: number) { const left = Number(await redis.send("DECRBY", [\`stock:\${sku}\`, String(qty)])); if (left < 0) await redis.send("INCRBY", [\`backorder:\${sku}\`, String(qty)]); }`,
    // Look-alikes: not Redis.
    `const counters = new Map<string, number>(); export function take(k: string) { const left = (counters.get(k) ?? 0) - 1; counters.set(k, left); if (left < 0) counters.set(k, left + 1); }`,
    `import LRU from "lru-cache"; const cache = new LRU({ max: 10 }); export function f(k) { const v = cache.get(k); if (v < 0) cache.set(k, 0); }`,
    `import knex from "knex"; const db = knex({}); export async function take(id: number, qty: number) { const left = await db("stock").where({ id }).decrement("qty", qty); if (left < 0) await db("stock").where({ id }).increment("qty", qty); }`,
    `const stock = { decrby(k: string, n: number) { return -n; }, incrby(k: string, n: number) { return n; } }; export function take(k: string, qty: number) { const left = stock.decrby(k, qty); if (left < 0) stock.incrby(k, qty); }`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); export async function take(id: number, qty: number) { const row = await prisma.stock.update({ where: { id }, data: { qty: { decrement: qty } } }); if (row.qty < 0) await prisma.stock.update({ where: { id }, data: { qty: { increment: qty } } }); }`,
    `import axios from "axios"; export async function take(k: string, qty: number) { const { data } = await axios.post("/decr", { k, qty }); if (data.left < 0) await axios.post("/incr", { k, qty }); }`,
  ],
  invalid: [
    // --- ioredis
    {
      name: "ioredis: DECRBY, early return when enough, INCRBY back",
      code: `${IOREDIS}
export async function reserve(sku: string, qty: number) {
  const left = await redis.decrby(\`stock:\${sku}\`, qty);
  if (left >= 0) return true;
  await redis.incrby(\`stock:\${sku}\`, qty);
  return false;
}`,
      errors: [
        {
          messageId: "compensatingDecrement",
          line: 3,
          data: message("decrby()", "incrby()", 5, "ioredis", "redis.eval(script, 1, key, token) or a defineCommand"),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              data: message(
                "decrby()",
                "incrby()",
                5,
                "ioredis",
                "redis.eval(script, 1, key, token) or a defineCommand",
              ),
              output: `${IOREDIS}
export async function reserve(sku: string, qty: number) {
  const left = await (redis.eval(${SCRIPT}, 1, \`stock:\${sku}\`, qty) as Promise<number>);
  if (left >= 0) return true;
  return false;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "iovalkey, JavaScript: DECR, `=== -1`, INCR back (no cast in a .js file)",
      filename: "stock.js",
      code: `const Redis = require("iovalkey"); const valkey = new Redis();
async function take(sku) {
  const left = await valkey.decr("stock:" + sku);
  if (left === -1) {
    await valkey.incr("stock:" + sku);
    return false;
  }
  return true;
}
module.exports = { take };`,
      errors: [
        {
          messageId: "compensatingDecrement",
          line: 3,
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `const Redis = require("iovalkey"); const valkey = new Redis();
async function take(sku) {
  const left = await valkey.eval(${SCRIPT}, 1, "stock:" + sku, 1);
  if (left === -1) {
    return false;
  }
  return true;
}
module.exports = { take };`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: INCRBY by a negative amount, DECRBY by a negative amount back",
      code: `${IOREDIS} export async function take(k: string, qty: number) { const left = await redis.incrby(k, -qty); if (0 > left) { await redis.decrby(k, -qty); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${IOREDIS} export async function take(k: string, qty: number) { const left = await (redis.eval(${SCRIPT}, 1, k, qty) as Promise<number>); if (0 > left) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: literal amounts (-2 and 2)",
      code: `${IOREDIS} export async function take(k: string) { const left = await redis.incrby(k, -2); if (left < 0) { await redis.incrby(k, 2); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${IOREDIS} export async function take(k: string) { const left = await (redis.eval(${SCRIPT}, 1, k, 2) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: HINCRBY by -qty, compared, HINCRBY back",
      code: `${IOREDIS} export async function take(sku: string, qty: number) { const left = await redis.hincrby("stock", sku, -qty); if (left < 0) { await redis.hincrby("stock", sku, qty); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          data: message("hincrby()", "hincrby()", 1, "ioredis", "redis.eval(script, 1, key, token) or a defineCommand"),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${IOREDIS} export async function take(sku: string, qty: number) { const left = await (redis.eval(${HASH_SCRIPT}, 1, "stock", qty, sku) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: a threshold other than 0 (`< min`): reported, no suggestion (the script checks against 0)",
      code: `${IOREDIS} export async function take(k: string, qty: number, min: number) { const left = await redis.decrby(k, qty); if (left < min) { await redis.incrby(k, qty); return false; } return true; }`,
      errors: [{ messageId: "compensatingDecrement", suggestions: [] }],
    },
    {
      name: "ioredis: the undo's reply used: reported, no suggestion",
      code: `${IOREDIS} export async function take(k: string, qty: number) { const left = await redis.decrby(k, qty); if (left < 0) return redis.incrby(k, qty); return left; }`,
      errors: [{ messageId: "compensatingDecrement", suggestions: [] }],
    },
    {
      name: "a client imported from ./lib/redis (family unknown): the same key through a key helper, the result through Number(); no suggestion (no dialect to write the script in)",
      code: `import { redis } from "./lib/redis"; const stockKey = (sku: string) => \`stock:\${sku}\`;
export async function take(sku: string, qty: number) {
  const left = Number(await redis.decrby(stockKey(sku), qty));
  if (left < 0) {
    await redis.incrby(stockKey(sku), qty);
    throw new Error("insufficient stock");
  }
}`,
      errors: [
        {
          messageId: "compensatingDecrement",
          line: 3,
          data: message("decrby()", "incrby()", 5, "Redis client", "EVAL script 1 key token"),
          suggestions: [],
        },
      ],
    },
    {
      name: "ioredis: `this.redis` in a class",
      code: `import type { Redis } from "ioredis"; export class Stock { constructor(private readonly redis: Redis) {} async take(k: string, qty: number) { const left = await this.redis.decrby(k, qty); if (left < 0) { await this.redis.incrby(k, qty); return false; } return true; } }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `import type { Redis } from "ioredis"; export class Stock { constructor(private readonly redis: Redis) {} async take(k: string, qty: number) { const left = await (this.redis.eval(${SCRIPT}, 1, k, qty) as Promise<number>); if (left < 0) { return false; } return true; } }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: two undos of one decrement: one report",
      code: `${IOREDIS} export async function take(k: string, qty: number, strict: boolean) { const left = await redis.decrby(k, qty); if (strict && left < 0) { await redis.incrby(k, qty); return false; } if (left < -10) { await redis.incrby(k, qty); return false; } return true; }`,
      errors: [{ messageId: "compensatingDecrement", suggestions: [] }],
    },
    // --- node-redis
    {
      name: "node-redis v5: decrBy / incrBy, client as a parameter",
      code: `import type { RedisClientType } from "redis";
export async function reserve(client: RedisClientType, sku: string, qty: number) {
  const left = await client.decrBy(\`stock:\${sku}\`, qty);
  if (left < 0) {
    await client.incrBy(\`stock:\${sku}\`, qty);
    return false;
  }
  return true;
}`,
      errors: [
        {
          messageId: "compensatingDecrement",
          data: message(
            "decrBy()",
            "incrBy()",
            5,
            "node-redis",
            "client.eval(script, { keys: [key], arguments: [token] }) or defineScript",
          ),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `import type { RedisClientType } from "redis";
export async function reserve(client: RedisClientType, sku: string, qty: number) {
  const left = await (client.eval(${SCRIPT}, { keys: [\`stock:\${sku}\`], arguments: [String(qty)] }) as Promise<number>);
  if (left < 0) {
    return false;
  }
  return true;
}`,
            },
          ],
        },
      ],
    },
    {
      name: "node-redis v4 (settings): hIncrBy",
      settings: { redis: { versions: { redis: 4 } } },
      code: `${NODE_REDIS} export async function take(sku: string, qty: number) { const left = await client.hIncrBy("stock", sku, -qty); if (left < 0) { await client.hIncrBy("stock", sku, qty); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${NODE_REDIS} export async function take(sku: string, qty: number) { const left = await (client.eval(${HASH_SCRIPT}, { keys: ["stock"], arguments: [String(qty), String(sku)] }) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: "node-redis: raw sendCommand",
      code: `${NODE_REDIS} export async function take(k: string, qty: number) { const left = await client.sendCommand(["DECRBY", k, String(qty)]); if (Number(left) < 0) { await client.sendCommand(["INCRBY", k, String(qty)]); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${NODE_REDIS} export async function take(k: string, qty: number) { const left = await (client.eval(${SCRIPT}, { keys: [k], arguments: [String(qty)] }) as Promise<number>); if (Number(left) < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    // --- Upstash, @vercel/kv
    {
      name: "@upstash/redis: decrby / incrby",
      code: `${UPSTASH} export async function take(k: string, qty: number) { const left = await redis.decrby(k, qty); if (left < 0) { await redis.incrby(k, qty); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          data: message("decrby()", "incrby()", 1, "@upstash/redis", "redis.eval(script, [key], [token])"),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${UPSTASH} export async function take(k: string, qty: number) { const left = await (redis.eval(${SCRIPT}, [k], [qty]) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: "@vercel/kv: decr / incr",
      code: `import { kv } from "@vercel/kv"; export async function take(k: string) { const left = await kv.decr(k); if (left < 0) { await kv.incr(k); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `import { kv } from "@vercel/kv"; export async function take(k: string) { const left = await (kv.eval(${SCRIPT}, [k], [1]) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    // --- GLIDE
    {
      name: "valkey-glide: decrBy / incrBy",
      code: `${GLIDE} export async function take(k: string, qty: number) { const left = await client.decrBy(k, qty); if (left < 0) { await client.incrBy(k, qty); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${GLIDE} export async function take(k: string, qty: number) { const left = await (client.customCommand(["EVAL", ${SCRIPT}, "1", k, String(qty)]) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    // --- Bun
    {
      name: "Bun: decr / incr",
      code: `${BUN} export async function take(k: string) { const left = await redis.decr(k); if (left < 0) { await redis.incr(k); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          data: message("decr()", "incr()", 1, "Bun's RedisClient", 'client.send("EVAL", [script, "1", key, token])'),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${BUN} export async function take(k: string) { const left = await (redis.send("EVAL", [${SCRIPT}, "1", k, "1"]) as Promise<number>); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
    {
      name: 'Bun: send("DECRBY") / send("INCRBY")',
      code: `${BUN} export async function take(k: string, qty: number) { const left = Number(await redis.send("DECRBY", [k, String(qty)])); if (left < 0) { await redis.send("INCRBY", [k, String(qty)]); return false; } return true; }`,
      errors: [
        {
          messageId: "compensatingDecrement",
          data: message(
            "DECRBY (send)",
            "INCRBY (send)",
            1,
            "Bun's RedisClient",
            'client.send("EVAL", [script, "1", key, token])',
          ),
          suggestions: [
            {
              messageId: "useCheckedDecrement",
              output: `${BUN} export async function take(k: string, qty: number) { const left = Number(await (redis.send("EVAL", [${SCRIPT}, "1", k, String(qty)]) as Promise<number>)); if (left < 0) { return false; } return true; }`,
            },
          ],
        },
      ],
    },
  ],
});
