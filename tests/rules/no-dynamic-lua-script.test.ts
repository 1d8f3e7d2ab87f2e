import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-dynamic-lua-script.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();`;
const NR = `import { createClient } from "redis"; const client = createClient();`;
const UP = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GL = `import { GlideClient, Script } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;

/** The exact messages: their data, checked by RuleTester against the messageIds' texts. */
const injection = (call: string, value: string, source: string, form: string) => ({
  messageId: "injection" as const,
  data: { call, value, source, form },
});
const cache = (call: string, value: string, source: string, form: string) => ({
  messageId: "scriptCache" as const,
  data: { call, value, source, form },
});

const IO_FORM = "eval(script, numKeys, ...keys, ...args), or defineCommand(name, { numberOfKeys, lua })";
const NR_FORM = "eval(script, { keys, arguments }), or defineScript";

ruleTester.run("no-dynamic-lua-script", rule, {
  valid: [
    // --- Constant scripts.
    `${IO} export async function f(key: string, price: string) { return redis.eval("return redis.call('SET', KEYS[1], ARGV[1])", 1, key, price); }`,
    `${IO} const SCRIPT = "return redis.call('GET', KEYS[1])"; export const f = (k: string) => redis.eval(SCRIPT, 1, k);`,
    `${IO} const PREFIX = "local v = redis.call('GET', KEYS[1]) "; const SCRIPT = PREFIX + "return v"; export const f = (k: string) => redis.eval(SCRIPT, 1, k);`,
    `${IO} const FIELD = "price"; const SCRIPT = \`return redis.call('HGET', KEYS[1], '\${FIELD}')\`; export const f = (k: string) => redis.eval(SCRIPT, 1, k);`,
    `${IO} import { PRICE_SCRIPT } from "./scripts"; export const f = (k: string) => redis.eval(PRICE_SCRIPT, 1, k);`,
    `${IO} import { FIELD } from "./scripts"; export const f = (k: string) => redis.eval(\`return redis.call('HGET', KEYS[1], '\${FIELD}')\`, 1, k);`,
    `${IO} import { readFileSync } from "node:fs"; const LUA = readFileSync(new URL("./price.lua", import.meta.url), "utf8"); export const f = (k: string) => redis.eval(LUA, 1, k);`,
    `${IO} import fs from "node:fs"; export const f = (k: string) => redis.eval(fs.readFileSync(__dirname + "/price.lua", "utf8"), 1, k);`,
    // Module level: built once per process, one script.
    `${IO} const LIMIT = Number(process.env.LIMIT ?? 10); const SCRIPT = \`if tonumber(redis.call('GET', KEYS[1]) or 0) >= \${LIMIT} then return 0 end return redis.call('INCR', KEYS[1])\`; export const hit = (k: string) => redis.eval(SCRIPT, 1, k);`,
    `${IO} const SCRIPT = \`return '\${process.env.APP_VERSION}'\`; export const f = () => redis.eval(SCRIPT, 0);`,
    `${IO} export const f = () => redis.eval(\`return '\${process.env.APP_VERSION}'\`, 0);`,
    `${IO} enum Field { Price = "price" } export const f = (k: string) => redis.eval(\`return redis.call('HGET', KEYS[1], '\${Field.Price}')\`, 1, k);`,
    `${IO} export const f = (fast: boolean, k: string) => redis.eval(fast ? "return 1" : "return 2", 1, k);`,
    // Reassigned only with constants and per-client configuration (kue's watchStuckJobs, bench corpus).
    `const redis = require("redis"); function Queue(client) { this.client = client; } Queue.prototype.watch = function () { var client = this.client; var prefix = this.client.prefix; if (client.cluster) { prefix = "{" + prefix + "}"; } var script = 'local msg = redis.call("keys", "' + prefix + ':jobs:*")'; client.script("LOAD", script, function () {}); client.get("x"); };`,
    // A script handed in whole: not built here.
    `${IO} export async function run(script: string, key: string) { return redis.eval(script, 1, key); }`,
    // EVALSHA takes a digest, not a script.
    `${IO} export async function run(sha: string, key: string) { return redis.evalsha(\`\${sha}\`, 1, key); }`,
    // Values through KEYS and ARGV.
    `${NR} const SCRIPT = "return redis.call('SET', KEYS[1], ARGV[1])"; export const f = (k: string, v: string) => client.eval(SCRIPT, { keys: [k], arguments: [v] });`,
    `${NR} export const f = (k: string, v: string) => client.sendCommand(["EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", "1", k, v]);`,
    `${IO} redis.defineCommand("setPrice", { numberOfKeys: 1, lua: "return redis.call('SET', KEYS[1], ARGV[1])" });`,
    `${UP} const SCRIPT = "return redis.call('GET', KEYS[1])"; export const f = (k: string) => redis.eval(SCRIPT, [k], []);`,
    `${GL} const script = new Script("return redis.call('GET', KEYS[1])"); export const f = (k: string) => client.invokeScript(script, { keys: [k] });`,
    `import { redis } from "bun"; export const f = (k: string) => redis.send("EVAL", ["return redis.call('GET', KEYS[1])", "1", k]);`,
    // Clients arriving as parameters, with constant scripts.
    `import type { Redis } from "ioredis"; export const f = (redis: Redis, k: string) => redis.eval("return 1", 1, k);`,
    `import { redis } from "./lib/redis"; export const f = (k: string) => redis.eval("return redis.call('GET', KEYS[1])", 1, k);`,
    // --- Look-alikes: not Redis.
    `export function f(code: string) { return eval(\`(\${code})\`); }`,
    `import vm from "node:vm"; export const f = (x: string) => vm.runInNewContext(\`1 + \${x}\`);`,
    `import knex from "knex"; const db = knex({}); export const f = (id: string) => db.raw(\`select \${id}\`);`,
    `export function f(page, id: string) { return page.evaluate(\`document.getElementById('\${id}')\`); }`,
    `const sandbox = { eval(s) { return s; } }; export const f = (x: string) => sandbox.eval(\`return \${x}\`);`,
    `import { Script } from "node:vm"; export const f = (x: string) => new Script(\`1 + \${x}\`);`,
    `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 10 }); export const f = (k: string) => cache.get(\`\${k}\`);`,
  ],
  invalid: [
    {
      code: `${IO} export async function setPrice(sku: string, price: string) { return redis.eval(\`return redis.call('SET', KEYS[1], '\${price}')\`, 1, \`price:\${sku}\`); }`,
      errors: [{ ...injection("ioredis eval()", "price", "the function parameter `price`", IO_FORM) }],
    },
    {
      code: `${IO} export async function bump(key: string) { const by = await loadIncrement(); return redis.eval("return redis.call('INCRBY', KEYS[1], " + by + ")", 1, key); }`,
      errors: [{ ...cache("ioredis eval()", "by", "a value computed at run time", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string) { const SCRIPT = \`return \${Date.now()}\`; return redis.eval(SCRIPT, 1, key); }`,
      errors: [{ ...cache("ioredis eval()", "Date.now()", "a value computed at run time", IO_FORM) }],
    },
    {
      code: `${IO} export async function flushAll(keys: string[]) { for (const key of keys) await redis.eval(\`return redis.call('DEL', '\${key}')\`, 0); }`,
      errors: [{ ...injection("ioredis eval()", "key", "the function parameter `keys`", IO_FORM) }],
    },
    {
      code: `${IO} const TEMPLATE = "return redis.call('INCRBY', KEYS[1], __BY__)"; export async function f(key: string, by: number) { return redis.eval(TEMPLATE.replace("__BY__", String(by)), 1, key); }`,
      errors: [{ ...injection("ioredis eval()", "String(by)", "the function parameter `by`", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string, n: number) { return redis.call("EVAL", "return " + n, 1, key); }`,
      errors: [{ ...injection("ioredis raw call(...)", "n", "the function parameter `n`", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string, n: number) { return redis.send_command("EVAL", \`return \${n}\`, 1, key); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `${IO} export function register(field: string) { redis.defineCommand("getField", { numberOfKeys: 1, lua: \`return redis.call('HGET', KEYS[1], '\${field}')\` }); }`,
      errors: [{ ...injection("ioredis defineCommand()", "field", "the function parameter `field`", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string, n: number) { return redis.multi().eval(\`return \${n}\`, 1, key).exec(); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `${IO} export async function f(ttl: number) { const sha = await redis.script("LOAD", \`return \${ttl}\`); return redis.evalsha(sha, 0); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `const Redis = require("iovalkey"); const redis = new Redis(); module.exports = async function (id) { return redis.eval("return redis.call('GET', 'user:" + id + "')", 0); };`,
      errors: [{ ...injection("ioredis eval()", "id", "the function parameter `id`", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string) { let n = 0; for (let i = 0; i < 3; i++) { n += i; await redis.eval("return " + i, 1, key); } }`,
      errors: [{ ...cache("ioredis eval()", "i", "the variable `i`", IO_FORM) }],
    },
    {
      code: `${IO} export async function f(key: string, extra: string) { let body = "return 1"; if (extra) body = "return '" + extra + "'"; return redis.eval(\`\${body}\`, 1, key); }`,
      errors: [{ ...injection("ioredis eval()", "body", "the function parameter `extra`", IO_FORM) }],
    },
    // Request objects.
    {
      code: `import express from "express"; ${IO} const app = express(); app.post("/price", async (req, res) => { await redis.eval(\`return redis.call('SET', KEYS[1], '\${req.body.price}')\`, 1, "p"); res.end(); });`,
      errors: [{ ...injection("ioredis eval()", "req.body.price", "the request", IO_FORM) }],
    },
    {
      code: `import Koa from "koa"; ${IO} const app = new Koa(); app.use(async (ctx) => { const { sku } = ctx.request.query; ctx.body = await redis.eval("return redis.call('GET', 'price:" + sku + "')", 0); });`,
      errors: [{ ...injection("ioredis eval()", "sku", "the request", IO_FORM) }],
    },
    // Clients as parameters, `this.redis`, imported.
    {
      code: `import type { Redis } from "ioredis"; export async function f(redis: Redis, key: string, v: string) { return redis.eval(\`return '\${v}'\`, 1, key); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `import Redis from "ioredis"; export class Prices { constructor(private readonly redis: Redis) {} set(sku: string, price: number) { return this.redis.eval(\`return redis.call('SET', KEYS[1], \${price})\`, 1, sku); } }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `import { redis } from "./lib/redis"; export const f = (k: string, v: string) => redis.eval(\`return '\${v}'\`, 1, k);`,
      errors: [{ messageId: "injection" }],
    },
    // node-redis v4-v6.
    {
      code: `${NR} export async function f(key: string, price: string) { return client.eval(\`return redis.call('SET', KEYS[1], '\${price}')\`, { keys: [key] }); }`,
      errors: [{ ...injection("node-redis eval()", "price", "the function parameter `price`", NR_FORM) }],
    },
    {
      code: `${NR} export async function f(key: string, price: string) { return client.EVAL_RO("return '" + price + "'", { keys: [key] }); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `${NR} export async function f(key: string, price: string) { return client.sendCommand(["EVAL", \`return '\${price}'\`, "1", key]); }`,
      errors: [{ ...injection("node-redis raw sendCommand(...)", "price", "the function parameter `price`", NR_FORM) }],
    },
    {
      code: `${NR} export async function f() { const n = Math.random(); return client.eval(\`return \${n}\`); }`,
      errors: [{ ...cache("node-redis eval()", "n", "a value computed at run time", NR_FORM) }],
    },
    {
      code: `${NR} export async function f(n: number) { return client.scriptLoad(\`return \${n}\`); }`,
      errors: [{ messageId: "injection" }],
    },
    // Upstash and @vercel/kv.
    {
      code: `${UP} export async function f(key: string, price: string) { return redis.eval(\`return '\${price}'\`, [key], []); }`,
      errors: [
        {
          ...injection("@upstash/redis eval()", "price", "the function parameter `price`", "eval(script, keys, args)"),
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; export async function f(price: string) { return kv.eval("return '" + price + "'", [], []); }`,
      errors: [{ messageId: "injection" }],
    },
    // valkey-glide.
    {
      code: `${GL} export async function f(key: string, price: string) { return client.invokeScript(new Script(\`return '\${price}'\`), { keys: [key] }); }`,
      errors: [
        {
          ...injection(
            "valkey-glide new Script(...)",
            "price",
            "the function parameter `price`",
            "invokeScript(new Script(script), { keys, args }) with one Script made once",
          ),
        },
      ],
    },
    {
      code: `import * as glide from "@valkey/valkey-glide"; const client = await glide.GlideClient.createClient({ addresses: [] }); export function f(n: number) { return client.invokeScript(new glide.Script("return " + n)); }`,
      errors: [{ messageId: "injection" }],
    },
    {
      code: `${GL} export async function f(price: string) { return client.customCommand(["EVAL", \`return '\${price}'\`, "0"]); }`,
      errors: [{ messageId: "injection" }],
    },
    // Bun.
    {
      code: `import { redis } from "bun"; export async function f(price: string) { return redis.send("EVAL", [\`return '\${price}'\`, "0"]); }`,
      errors: [
        {
          ...injection(
            "Bun's RedisClient raw send(...)",
            "price",
            "the function parameter `price`",
            'send("EVAL", [script, String(keys.length), ...keys, ...args])',
          ),
        },
      ],
    },
  ],
});
