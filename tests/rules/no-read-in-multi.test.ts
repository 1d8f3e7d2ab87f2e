import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-read-in-multi.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE_REDIS = `import { createClient } from "redis"; const client = createClient();`;
const STRICT = [{ allowReadsInMulti: false }] as const;

ruleTester.run("no-read-in-multi", rule, {
  valid: [
    // --- Look-alikes: not Redis at all.
    `const m = new Map(); if (m.get("a")) console.log(m.get("a") + 1);`,
    `const re = /a(b)/; const match = re.exec("ab"); if (match) console.log(match[1]);`,
    `import pgp from "pg-promise"; const db = pgp()("postgres://"); const [users, orders] = await db.multi("select 1; select 2"); if (users.length) {}`,
    `import express from "express"; const app = express(); app.get("/seats", (req, res) => res.send(String(req.query.n)));`,
    `import fs from "node:fs"; const w = fs.watch("."); if (w) w.close();`,
    `const store = { get(k) { return k; }, exec() { return []; } }; const v = store.get("a"); if (v === "a") store.exec();`,
    `import _ from "lodash"; const v = _.get({ a: 1 }, "a"); if (v > 0) {}`,
    `import knex from "knex"; const db = knex({}); await db.transaction(async (trx) => { const row = await trx("seats").where({ id: 1 }).first(); if (row.free > 0) await trx("seats").update({ free: row.free - 1 }); });`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const [a, b] = await prisma.$transaction([prisma.user.count(), prisma.post.count()]); if (a > b) {}`,
    `const cache = new Map(); const tx = { get: (k) => cache.get(k) }; if (tx.get("x")) {}`,

    // --- Chaining: the builder is used as a builder.
    `${IOREDIS} await redis.multi().get("seats").decr("seats").exec();`,
    `${IOREDIS} const tx = redis.multi(); tx.get("a"); tx.hgetall("b"); const results = await tx.exec();`,
    `${IOREDIS} const p = redis.pipeline(); const q = p.get("a"); await q.exec();`,
    `${IOREDIS} const tx = redis.multi(); const chained = tx.get("a").incr("b"); await chained.exec();`,
    // --- Reading the value from exec()'s result.
    `${IOREDIS} const res = await redis.multi().get("seats").exec(); const seats = Number(res?.[0]?.[1]); if (seats > 0) {}`,
    `${NODE_REDIS} const [seats] = await client.multi().get("seats").exec(); if (Number(seats) > 0) {}`,
    `${NODE_REDIS} const replies = await client.multi().GET("a").hGetAll("b").execAsPipeline(); console.log(replies[0]);`,
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); const [a, b] = await redis.multi().get("a").get("b").exec(); if (a === b) {}`,
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); const batch = new Batch(true).get("a"); const res = await client.exec(batch, true); if (res?.[0] === "x") {}`,
    // --- A helper that returns the builder.
    `import type { ChainableCommander } from "ioredis"; export function queueReads(tx: ChainableCommander, id: string) { return tx.get(\`seat:\${id}\`); }`,
    `${IOREDIS} const withRead = (k: string) => redis.multi().get(k); await withRead("a").exec();`,
    // --- Reads made before multi().
    `${IOREDIS} const seats = Number(await redis.get("seats")); if (seats > 0) await redis.multi().decr("seats").exec();`,
    `${NODE_REDIS} const v = await client.get("a"); if (v) await client.multi().set("b", v).exec();`,
    // --- Writes queued in MULTI are not reads.
    `${IOREDIS} const tx = redis.multi(); const t = tx.set("a", "1"); if (t) await t.exec();`,
    // --- Pipelines: per-command callbacks receive the real value (not "QUEUED").
    `${IOREDIS} redis.pipeline().get("a", (err, v) => console.log(v)).exec();`,
    // --- Raw MULTI: queued reads whose results are dropped, and reads after EXEC.
    `${IOREDIS} await redis.multi({ pipeline: false }); await redis.get("a"); const res = await redis.exec(); console.log(res);`,
    `${IOREDIS} await redis.call("MULTI"); await redis.call("GET", "a"); await redis.call("EXEC"); const v = await redis.get("a"); if (v) {}`,
    `${IOREDIS} await redis.call("MULTI"); await redis.call("DISCARD"); const v = await redis.get("a"); if (v) {}`,
    `${IOREDIS} const other = new Redis(); await redis.call("MULTI"); const v = await other.get("a"); if (v) {} await redis.call("EXEC");`,
    `${NODE_REDIS} const v = await client.get("a"); await client.sendCommand(["MULTI"]); await client.sendCommand(["SET", "b", "1"]); await client.sendCommand(["EXEC"]); if (v) {}`,
    `import { redis } from "bun"; await redis.send("MULTI", []); await redis.get("a"); const [v] = await redis.send("EXEC", []); if (v) {}`,
    // --- The strict option still allows reads in pipelines and before MULTI.
    { code: `${IOREDIS} await redis.pipeline().get("a").get("b").exec();`, options: STRICT },
    {
      code: `${IOREDIS} const v = await redis.get("a"); await redis.multi().set("b", v ?? "").exec();`,
      options: STRICT,
    },
    { code: `${IOREDIS} await redis.multi().get("a").exec();`, options: [{ allowReadsInMulti: true }] },
    // --- Review: handing the builder to code that takes a builder is not a value use.
    // A helper that runs it.
    `import Redis, { type ChainableCommander } from "ioredis"; const redis = new Redis(); async function run(p: ChainableCommander) { return p.exec(); } export async function go(k: string) { const tx = redis.multi().get(k).ttl(k); return run(tx); }`,
    `import Redis, { type ChainableCommander } from "ioredis"; const redis = new Redis(); async function run(p: ChainableCommander) { return p.exec(); } export async function go(k: string) { return run(redis.pipeline().get(k)); }`,
    // Builders collected in an array or a map and executed later.
    `${IOREDIS} export async function f(keys: string[]) { const ps: ReturnType<typeof redis.pipeline>[] = []; for (const k of keys) ps.push(redis.pipeline().get(k)); return Promise.all(ps.map((p) => p.exec())); }`,
    `${IOREDIS} export async function f(keys: string[]) { const m = new Map<string, ReturnType<typeof redis.pipeline>>(); for (const k of keys) m.set(k, redis.pipeline().get(k)); for (const p of m.values()) await p.exec(); }`,
    `${NODE_REDIS} export async function f(keys: string[]) { const txs = keys.map((k) => client.multi().get(k).ttl(k)); return Promise.all(txs.map((t) => t.exec())); }`,
    // GLIDE: a batch handed to the helper that sends it.
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; async function send(client: GlideClient, b: Batch) { return client.exec(b, true); } export async function f(client: GlideClient, k: string) { const b = new Batch(false).get(k); return send(client, b); }`,
    // A test double or a local query builder with its own multi()/get()/exec(): not Redis.
    `import { vi } from "vitest"; const redis = { get: vi.fn(), multi: vi.fn(() => ({ get: vi.fn(), exec: vi.fn() })) }; export async function f() { const tx = redis.multi(); const v = tx.get("k"); if (v) return 1; await tx.exec(); }`,
    `class QB { multi() { return this; } get(_: string) { return this; } set(_: string, __: string) { return this; } exec() { return Promise.resolve([]); } } const qb = new QB(); export async function f() { const v = qb.multi().get("a"); if (v) await qb.multi().set("a", "1").exec(); }`,
  ],
  invalid: [
    // --- ioredis / iovalkey
    {
      code: `${IOREDIS} const tx = redis.multi(); tx.incr("views"); const seats = tx.get("seats"); if (seats) tx.decr("seats"); await tx.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the ioredis Pipeline",
            source: "exec()'s result at index 1 (ioredis gives [error, value] pairs: results[1][1])",
          },
        },
      ],
    },
    {
      code: `${IOREDIS} const seats = await redis.multi().get("seats"); console.log(seats);`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); if (tx.get("status") === "open") tx.set("status", "closed"); await tx.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); const n = Number(tx.hget("stock", "sku1")); await tx.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); const profile = JSON.parse(tx.get("user:1")); await tx.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); console.log(\`views: \${tx.get("views")}\`); await tx.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); const next = tx.llen("queue") + 1; await tx.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); const p = valkey.pipeline(); const a = p.get("a"); const b = p.get("b"); const [x, y] = await Promise.all([a, b]);`,
      errors: [{ messageId: "builderAsValue" }, { messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const p = redis.pipeline(); const [a, b] = await Promise.all([p.get("a"), p.get("b")]); await p.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the ioredis Pipeline",
            source: "exec()'s result at index 0 (ioredis gives [error, value] pairs: results[0][1])",
          },
        },
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the ioredis Pipeline",
            source: "exec()'s result at index 1 (ioredis gives [error, value] pairs: results[1][1])",
          },
        },
      ],
    },
    {
      // Queued in a loop: the index is not known statically.
      code: `${IOREDIS} const tx = redis.multi(); for (const id of ids) tx.set(id, "1"); const v = tx.get("a"); if (v) {} await tx.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the ioredis Pipeline",
            source: "exec()'s result (an array of [error, value] pairs)",
          },
        },
      ],
    },
    {
      // A value kept in a variable, then used later.
      code: `${IOREDIS} export async function book(id: string) { const tx = redis.multi(); const free = tx.scard(\`free:\${id}\`); tx.sadd("log", id); await tx.exec(); return free > 0; }`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      // Per-command callback inside MULTI.
      code: `${IOREDIS} redis.multi().get("seats", (err, seats) => { if (Number(seats) > 0) book(); }).exec();`,
      errors: [
        {
          messageId: "queuedCallback",
          data: {
            command: "GET",
            family: "ioredis",
            source: "exec()'s result at index 0 (ioredis gives [error, value] pairs: results[0][1])",
          },
        },
      ],
    },
    {
      code: `import type { Redis } from "ioredis"; export class Seats { constructor(private readonly redis: Redis) {} async take(id: string) { const tx = this.redis.multi(); const left = tx.get(id); if (Number(left) > 0) tx.decr(id); return tx.exec(); } }`,
      errors: [{ messageId: "builderAsValue" }],
    },
    // --- Review: the builder handed to a call that reads values.
    {
      // As an argument of another Redis command: SET stores the text "[object Object]".
      code: `${IOREDIS} const tx = redis.multi(); await redis.set("copy", tx.get("a")); await tx.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the ioredis Pipeline",
            source: "exec()'s result at index 0 (ioredis gives [error, value] pairs: results[0][1])",
          },
        },
      ],
    },
    {
      code: `${NODE_REDIS} const m = client.multi(); const url = "/u?id=" + encodeURIComponent(m.get("id")); await m.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `${IOREDIS} const p = redis.pipeline(); console.log("seats", p.get("seats")); await p.exec();`,
      errors: [{ messageId: "builderAsValue" }],
    },
    // --- Raw MULTI mode: the value is "QUEUED".
    {
      code: `${IOREDIS} await redis.multi({ pipeline: false }); await redis.incr("views"); const seats = await redis.get("seats"); if (seats === "0") await redis.discard(); else await redis.exec();`,
      errors: [
        {
          messageId: "rawQueued",
          data: {
            command: "GET",
            family: "ioredis",
            line: "1",
            opener: "redis.multi({ pipeline: false })",
            at: " at index 1",
          },
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.call("MULTI"); const n = Number(await redis.call("GET", "n")); await redis.call("EXEC");`,
      errors: [{ messageId: "rawQueued" }],
    },
    {
      code: `${IOREDIS} await redis.call("MULTI"); redis.get("a", (err, v) => console.log(v)); await redis.call("EXEC");`,
      errors: [{ messageId: "rawQueued" }],
    },
    {
      code: `${NODE_REDIS} await client.sendCommand(["MULTI"]); const v = await client.get("a"); if (v) {} await client.sendCommand(["EXEC"]);`,
      errors: [
        {
          messageId: "rawQueued",
          data: {
            command: "GET",
            family: "node-redis",
            line: "1",
            opener: 'client.sendCommand(["MULTI"])',
            at: " at index 0",
          },
        },
      ],
    },
    {
      code: `import { redis } from "bun"; await redis.send("MULTI", []); const stock = await redis.get("stock"); if (Number(stock) > 0) await redis.decr("stock"); await redis.send("EXEC", []);`,
      errors: [{ messageId: "rawQueued" }],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); await c.send("MULTI", []); return await c.hget("h", "f");`,
      errors: [{ messageId: "rawQueued" }],
    },
    // --- node-redis v5 (and v4: the builder is chainable in both).
    {
      code: `${NODE_REDIS} const t = client.multi(); const seats = t.GET("seats"); if (seats) t.DECR("seats"); await t.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: {
            command: "GET",
            builder: "the node-redis multi builder (RedisClientMultiCommand)",
            source: "exec()'s result at index 0",
          },
        },
      ],
    },
    {
      code: `${NODE_REDIS} const exists = await client.multi().exists("a"); if (exists) {}`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      code: `import type { RedisClientType } from "redis"; export async function f(client: RedisClientType) { const m = client.multi().hGet("h", "f"); return Number(m); }`,
      errors: [{ messageId: "builderAsValue" }],
    },
    {
      // node-redis v4: the isolated client of executeIsolated.
      code: `import { createClient } from "redis"; const client = createClient(); await client.executeIsolated(async (isolated) => { const t = isolated.multi(); const left = t.get("left"); if (left !== "0") t.decr("left"); await t.exec(); });`,
      errors: [{ messageId: "builderAsValue" }],
    },
    // --- @upstash/redis and @vercel/kv
    {
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); const p = redis.pipeline(); const count = p.get("count"); if (count > 10) p.del("count"); await p.exec();`,
      errors: [
        {
          messageId: "builderAsValue",
          data: { command: "GET", builder: "the @upstash/redis Pipeline", source: "exec()'s result at index 0" },
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; const cart = await kv.multi().hgetall("cart:1"); console.log(cart);`,
      errors: [{ messageId: "builderAsValue" }],
    },
    // --- valkey-glide
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); const batch = new Batch(true); batch.set("a", "1"); const v = batch.get("b"); if (v === "1") batch.del("b"); await client.exec(batch, true);`,
      errors: [
        {
          messageId: "builderAsValue",
          data: { command: "GET", builder: "the valkey-glide Batch", source: "client.exec(batch)'s result at index 1" },
        },
      ],
    },
    // --- allowReadsInMulti: false (the strict preset).
    {
      code: `${IOREDIS} await redis.multi().get("a").set("b", "1").exec();`,
      options: STRICT,
      errors: [{ messageId: "readInMulti", data: { command: "GET", builder: "the ioredis Pipeline" } }],
    },
    {
      code: `${NODE_REDIS} const [v] = await client.multi().hGetAll("h").exec();`,
      options: STRICT,
      errors: [{ messageId: "readInMulti" }],
    },
    {
      code: `${IOREDIS} await redis.call("MULTI"); await redis.get("a"); await redis.call("EXEC");`,
      options: STRICT,
      errors: [{ messageId: "readInMulti", data: { command: "GET", builder: "raw MULTI since line 1" } }],
    },
    {
      // The value-use report wins over the strict one: one report per read.
      code: `${IOREDIS} const tx = redis.multi(); if (tx.get("a")) {} await tx.exec();`,
      options: STRICT,
      errors: [{ messageId: "builderAsValue" }],
    },
  ],
});
