import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-shared-transaction-client.js";

const IO = `import Redis from "ioredis";\nconst redis = new Redis();\n`;
const NODE = `import { createClient } from "redis";\nexport const client = createClient();\n`;
const v4 = { redis: { versions: { redis: 4 } } };
const v5 = { redis: { versions: { redis: 5 } } };
const QUEUED = 'it is then queued into that transaction and resolves to "QUEUED" instead of its reply';

ruleTester.run("no-shared-transaction-client", rule, {
  valid: [
    // Look-alikes: not Redis.
    `import fs from "node:fs"; fs.watch("dir", () => {});`,
    `import chokidar from "chokidar"; const watcher = chokidar.watch("src"); watcher.on("change", () => {});`,
    `import pgp from "pg-promise"; const db = pgp()("postgres://"); await db.multi("select 1; select 2");`,
    `import express from "express"; const app = express(); app.get("/multi", (req, res) => res.send("ok"));`,
    `const m = new Map(); m.set("MULTI", 1); m.get("MULTI");`,
    `const store = { watch() {}, multi() { return this; }, call() {} }; store.watch("k"); store.multi({ pipeline: false }); store.call("MULTI");`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); await prisma.$transaction([prisma.user.count()]);`,
    `import knex from "knex"; const db = knex({}); await db.transaction(async (trx) => { await trx("t").insert({}); });`,
    `import _ from "lodash"; _.get({ watch: 1 }, "watch");`,
    // Pipelined multi() is queued client-side and sent with EXEC in one go: fine on a shared client.
    `${IO}export async function a(k) { await redis.multi().incr(k).expire(k, 60).exec(); }\nexport async function b() { return redis.incr("ids"); }`,
    `${IO}export async function a(k) { await redis.multi({ pipeline: true }).incr(k).exec(); }`,
    `${NODE}export async function a(k) { await client.multi().incr(k).expire(k, 60).exec(); }\nexport const b = () => client.incr("ids");`,
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export const a = () => redis.multi().incr("a").exec();`,
    // WATCH on a dedicated connection.
    `${IO}export async function a(k) { const conn = redis.duplicate(); try { await conn.watch(k); const v = Number(await conn.get(k)); await conn.multi().set(k, v + 1).exec(); } finally { conn.disconnect(); } }\nexport const b = () => redis.multi().incr("x").exec();`,
    `import Redis from "ioredis"; export async function a(k) { const conn = new Redis(); await conn.watch(k); await conn.multi().incr(k).exec(); await conn.quit(); }`,
    `import Redis from "ioredis"; export async function a(k) { const conn = new Redis(); await conn.multi({ pipeline: false }); await conn.incr(k); await conn.exec(); }`,
    `${NODE}export async function a(k) { await client.executeIsolated(async (isolated) => { await isolated.watch(k); await isolated.multi().incr(k).exec(); }); }\nexport const b = () => client.multi().incr("x").exec();`,
    `import { createClientPool } from "redis"; const pool = createClientPool(); export async function a(k) { await pool.execute(async (c) => { await c.watch(k); await c.multi().incr(k).exec(); }); }`,
    `${NODE}export async function a(k) { const c = client.duplicate(); await c.connect(); await c.watch(k); await c.multi().incr(k).exec(); await c.close(); }`,
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function a(k) { const c = await GlideClient.createClient({ addresses: [] }); await c.watch([k]); await c.exec(new Batch(true).incr(k), true); c.close(); }`,
    `import { redis } from "bun"; export async function a(k) { const conn = await redis.duplicate(); await conn.send("WATCH", [k]); await conn.send("MULTI", []); await conn.send("EXEC", []); conn.close(); }`,
    // Parameters whose origin is unknown (default option).
    `import type Redis from "ioredis"; export async function a(redis: Redis, k: string) { await redis.watch(k); await redis.multi().incr(k).exec(); }`,
    `import type { RedisClientType } from "redis"; export async function a(client: RedisClientType) { await client.sendCommand(["MULTI"]); await client.sendCommand(["EXEC"]); }`,
    // Upstash is stateless HTTP: no connection state to share.
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export const a = () => redis.exec(["MULTI"]);`,
    `import { kv } from "@vercel/kv"; export const a = () => kv.multi().incr("a").exec();`,
    // The same client in the same function, before and after its own transaction: one flow.
    `${IO}export async function a(k) { const conn = redis.duplicate(); const v = await conn.get(k); await conn.watch(k); await conn.multi().set(k, v).exec(); await conn.get(k); conn.disconnect(); }`,
    // A client created in a function and used only there is dedicated, even under another name.
    `import IORedis from "ioredis"; export async function job() { const r = new IORedis(); await r.multi({ pipeline: false }); await r.incr("a"); await r.exec(); r.disconnect(); } export async function other() { const r = new IORedis(); return r.incr("a"); }`,
    // UNWATCH and DISCARD alone open nothing.
    `${IO}export async function a() { await redis.unwatch(); await redis.discard(); }`,
    // A WATCH inside MULTI is another rule's problem (no-watch-in-multi), not connection state.
    `${IO}export const a = (k) => redis.multi().watch(k).incr(k).exec();`,
    // Review: a one-off script (a migration): top-level code runs once, on a client nothing else uses.
    `import Redis from "ioredis";\nconst redis = new Redis(process.env.REDIS_URL);\nfor (let i = 0; i < 5; i++) {\n  await redis.watch("schema:version");\n  const v = Number(await redis.get("schema:version"));\n  const r = await redis.multi().set("schema:version", String(v + 1)).exec();\n  if (r !== null) break;\n}\nawait redis.quit();`,
    `import { createClient } from "redis";\nconst client = await createClient().connect();\nawait client.watch("schema:version");\nconst v = Number(await client.get("schema:version"));\nawait client.multi().set("schema:version", String(v + 1)).exec();\nawait client.close();`,
  ],
  invalid: [
    {
      // Corpus, node-resque@9.7.1 src/core/scheduler.ts: the WATCH on the shared client is
      // reported, but the MULTI/EXEC and UNWATCH that helpers run around it in its own caller
      // are that WATCH's transaction, not another caller clearing it. Another method's
      // transaction still is.
      code: `${IO}export class Scheduler {\n  async cleanup(key) {\n    await this.watchIfPossible(key);\n    if ((await redis.llen(key)) === 0) await redis.multi().del(key).exec();\n    await this.unwatchIfPossible();\n  }\n  async watchIfPossible(key) { if (this.canWatch()) return redis.watch(key); }\n  async unwatchIfPossible() { if (this.canWatch()) return redis.unwatch(); }\n  canWatch() { return true; }\n  async enqueue(q, job) { await redis.multi().rpush(q, job).sadd("queues", q).exec(); }\n}`,
      errors: [
        { messageId: "watch", line: 9 },
        {
          messageId: "useClearsWatch",
          line: 12,
          data: { command: "multi()", family: "ioredis client", client: "`redis`", line: "9" },
        },
      ],
    },
    // --- ioredis: raw MULTI on a module-level client, and another caller's INCR.
    {
      code: `${IO}export async function nightly(keys) {\n  await redis.multi({ pipeline: false });\n  for (const k of keys) await redis.del(k);\n  await redis.exec();\n}\nexport const nextId = () => redis.incr("ids");`,
      errors: [
        {
          messageId: "rawMulti",
          line: 4,
          data: {
            call: "multi({ pipeline: false })",
            family: "ioredis client",
            client: "`redis`",
            fix: "queue the commands on a pipelined `client.multi()` and send them with `exec()`, or use a dedicated connection: `const conn = client.duplicate()`, then `conn.disconnect()` when done",
          },
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "redis" },
              output: `${IO}export async function nightly(keys) {\n  const conn = redis.duplicate();\n  try {\n  await conn.multi({ pipeline: false });\n  for (const k of keys) await conn.del(k);\n  await conn.exec();\n  } finally {\n    conn.disconnect();\n  }\n}\nexport const nextId = () => redis.incr("ids");`,
            },
          ],
        },
        {
          messageId: "useDuringMulti",
          line: 8,
          data: { command: "INCR", family: "ioredis client", client: "`redis`", line: "4", effect: QUEUED },
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey");\nconst redis = new Redis();\nasync function run() { await redis.call("MULTI"); await redis.call("INCR", "a"); await redis.call("EXEC"); }`,
      errors: [
        {
          messageId: "rawMulti",
          data: {
            call: 'call("MULTI")',
            family: "ioredis client",
            client: "`redis`",
            fix: "queue the commands on a pipelined `client.multi()` and send them with `exec()`, or use a dedicated connection: `const conn = client.duplicate()`, then `conn.disconnect()` when done",
          },
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `const Redis = require("iovalkey");\nconst redis = new Redis();\nasync function run() { const conn = redis.duplicate();\ntry {\nawait conn.call("MULTI"); await conn.call("INCR", "a"); await conn.call("EXEC");\n} finally {\n  conn.disconnect();\n} }`,
            },
          ],
        },
      ],
    },
    // Another caller's pipelined multi() is mixed into the raw transaction.
    {
      code: `${IO}export async function nightly() {\n  await redis.call("MULTI");\n  await redis.call("EXEC");\n}\nexport const log = (e) => redis.multi().rpush("log", e).exec();`,
      errors: [
        {
          messageId: "rawMulti",
          line: 4,
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `${IO}export async function nightly() {\n  const conn = redis.duplicate();\n  try {\n  await conn.call("MULTI");\n  await conn.call("EXEC");\n  } finally {\n    conn.disconnect();\n  }\n}\nexport const log = (e) => redis.multi().rpush("log", e).exec();`,
            },
          ],
        },
        {
          messageId: "useDuringMulti",
          line: 7,
          data: {
            command: "multi()",
            family: "ioredis client",
            client: "`redis`",
            line: "4",
            effect: "its commands are then queued into that transaction, and its own MULTI or EXEC ends or breaks it",
          },
        },
      ],
    },
    // --- ioredis: WATCH on a class field, cleared by another method's transaction.
    {
      code: `import type { Redis } from "ioredis";\nexport class Wallet {\n  constructor(private readonly redis: Redis) {}\n  async withdraw(key: string, n: number) {\n    await this.redis.watch(key);\n    const balance = Number(await this.redis.get(key));\n    if (balance < n) return false;\n    const res = await this.redis.multi().decrby(key, n).exec();\n    return res !== null;\n  }\n  async deposit(key: string, n: number) {\n    await this.redis.multi().incrby(key, n).rpush("log", key).exec();\n  }\n}`,
      errors: [
        {
          messageId: "watch",
          line: 5,
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import type { Redis } from "ioredis";\nexport class Wallet {\n  constructor(private readonly redis: Redis) {}\n  async withdraw(key: string, n: number) {\n    const conn = this.redis.duplicate();\n    try {\n    await conn.watch(key);\n    const balance = Number(await conn.get(key));\n    if (balance < n) return false;\n    const res = await conn.multi().decrby(key, n).exec();\n    return res !== null;\n    } finally {\n      conn.disconnect();\n    }\n  }\n  async deposit(key: string, n: number) {\n    await this.redis.multi().incrby(key, n).rpush("log", key).exec();\n  }\n}`,
            },
          ],
        },
        {
          messageId: "useClearsWatch",
          line: 12,
          data: { command: "multi()", family: "ioredis client", client: "`this.redis`", line: "5" },
        },
      ],
    },
    // Injected (NestJS) and exported clients.
    {
      code: `import { InjectRedis } from "@nestjs-modules/ioredis";\nimport Redis from "ioredis";\nexport class Ids {\n  constructor(@InjectRedis() private readonly redis: Redis) {}\n  next() { return this.redis.incr("ids"); }\n  async reset() { await this.redis.call("MULTI"); await this.redis.call("DEL", "ids"); await this.redis.call("EXEC"); }\n}`,
      errors: [
        {
          messageId: "useDuringMulti",
          line: 5,
          data: { command: "INCR", family: "ioredis client", client: "`this.redis`", line: "6", effect: QUEUED },
        },
        {
          messageId: "rawMulti",
          line: 6,
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import { InjectRedis } from "@nestjs-modules/ioredis";\nimport Redis from "ioredis";\nexport class Ids {\n  constructor(@InjectRedis() private readonly redis: Redis) {}\n  next() { return this.redis.incr("ids"); }\n  async reset() { const conn = this.redis.duplicate();\n  try {\n  await conn.call("MULTI"); await conn.call("DEL", "ids"); await conn.call("EXEC");\n  } finally {\n    conn.disconnect();\n  } }\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import Redis from "ioredis";\nexport const redis = new Redis();\nexport async function bump(k) {\n  await redis.watch(k);\n  await redis.multi().incr(k).exec();\n}`,
      errors: [
        {
          messageId: "watch",
          data: {
            family: "ioredis client",
            client: "`redis`",
            fix: "a dedicated connection: `const conn = client.duplicate()`, then `conn.disconnect()` when done",
          },
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import Redis from "ioredis";\nexport const redis = new Redis();\nexport async function bump(k) {\n  const conn = redis.duplicate();\n  try {\n  await conn.watch(k);\n  await conn.multi().incr(k).exec();\n  } finally {\n    conn.disconnect();\n  }\n}`,
            },
          ],
        },
      ],
    },
    // An imported client (by name: family unknown, so no rewrite is offered).
    {
      code: `import { redis } from "../lib/redis";\nexport async function bump(k) { await redis.watch(k); await redis.multi().incr(k).exec(); }\nexport async function log(k) { await redis.multi().rpush("log", k).exec(); }`,
      errors: [
        {
          messageId: "watch",
          line: 2,
          data: {
            family: "Redis client",
            client: "`redis`",
            fix: "a dedicated connection (ioredis `duplicate()`, node-redis `executeIsolated` / `createClientPool()`)",
          },
          suggestions: [],
        },
        { messageId: "useClearsWatch", line: 3 },
      ],
    },
    // The name `conn` is taken: another name is chosen.
    {
      code: `${IO}const conn = 1;\nexport async function bump(k) {\n  await redis.watch(k);\n  await redis.multi().incr(k).exec();\n}`,
      errors: [
        {
          messageId: "watch",
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `${IO}const conn = 1;\nexport async function bump(k) {\n  const conn2 = redis.duplicate();\n  try {\n  await conn2.watch(k);\n  await conn2.multi().incr(k).exec();\n  } finally {\n    conn2.disconnect();\n  }\n}`,
            },
          ],
        },
      ],
    },
    // --- node-redis v5 (installed here) and v4: WATCH and sendCommand(["MULTI"]).
    {
      code: `${NODE}export async function transfer(from, to, n) {\n  await client.watch(from);\n  await client.multi().decrBy(from, n).incrBy(to, n).exec();\n}\nexport async function audit() {\n  await client.multi().incr("audits").exec();\n}`,
      settings: v5,
      errors: [
        {
          messageId: "watch",
          line: 4,
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `${NODE}export async function transfer(from, to, n) {\n  const conn = client.duplicate();\n  await conn.connect();\n  try {\n  await conn.watch(from);\n  await conn.multi().decrBy(from, n).incrBy(to, n).exec();\n  } finally {\n    await conn.close();\n  }\n}\nexport async function audit() {\n  await client.multi().incr("audits").exec();\n}`,
            },
          ],
        },
        {
          messageId: "useClearsWatch",
          line: 8,
          data: { command: "multi()", family: "node-redis client", client: "`client`", line: "4" },
        },
      ],
    },
    // node-redis with no version known (no settings, nothing installed above the file): both
    // suggestions, and the dedicated connection is closed with `disconnect()`, which v4 and v5 have.
    {
      code: `${NODE}export async function transfer(from, to, n) {\n  await client.watch(from);\n  await client.multi().decrBy(from, n).incrBy(to, n).exec();\n}`,
      filename: "/srv/no-node-modules-here/transfer.js",
      errors: [
        {
          messageId: "watch",
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `${NODE}export async function transfer(from, to, n) {\n  const conn = client.duplicate();\n  await conn.connect();\n  try {\n  await conn.watch(from);\n  await conn.multi().decrBy(from, n).incrBy(to, n).exec();\n  } finally {\n    await conn.disconnect();\n  }\n}`,
            },
            {
              messageId: "useExecuteIsolated",
              output: `${NODE}export async function transfer(from, to, n) {\n  return await client.executeIsolated(async (isolated) => {\n  await isolated.watch(from);\n  await isolated.multi().decrBy(from, n).incrBy(to, n).exec();\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE}export async function transfer(from, to, n) {\n  await client.watch(from);\n  const res = await client.multi().decrBy(from, n).incrBy(to, n).exec();\n  return res;\n}`,
      settings: v4,
      errors: [
        {
          messageId: "watch",
          suggestions: [
            {
              messageId: "useExecuteIsolated",
              data: { client: "client" },
              output: `${NODE}export async function transfer(from, to, n) {\n  return await client.executeIsolated(async (isolated) => {\n  await isolated.watch(from);\n  const res = await isolated.multi().decrBy(from, n).incrBy(to, n).exec();\n  return res;\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from "@redis/client";\nconst client = createClient();\nexport async function reset() {\n  await client.sendCommand(["MULTI"]);\n  await client.sendCommand(["DEL", "ids"]);\n  await client.sendCommand(["EXEC"]);\n}\nexport const nextId = () => client.incr("ids");`,
      errors: [
        {
          messageId: "rawMulti",
          data: {
            call: 'sendCommand(["MULTI"])',
            family: "node-redis client",
            client: "`client`",
            fix: "queue the commands on `client.multi()` and send them with `exec()`, or use a dedicated connection: `client.executeIsolated(async (isolated) => ...)` on node-redis v4; `createClientPool()` with `pool.execute(async (c) => ...)`, or `client.duplicate()`, on v5 and later",
          },
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import { createClient } from "@redis/client";\nconst client = createClient();\nexport async function reset() {\n  const conn = client.duplicate();\n  await conn.connect();\n  try {\n  await conn.sendCommand(["MULTI"]);\n  await conn.sendCommand(["DEL", "ids"]);\n  await conn.sendCommand(["EXEC"]);\n  } finally {\n    await conn.close();\n  }\n}\nexport const nextId = () => client.incr("ids");`,
            },
          ],
        },
        {
          messageId: "useDuringMulti",
          line: 8,
          data: { command: "INCR", family: "node-redis client", client: "`client`", line: "4", effect: QUEUED },
        },
      ],
    },
    {
      // A typed class field, node-redis v4: executeIsolated.
      code: `import type { RedisClientType } from "redis";\nexport class Stock {\n  constructor(private readonly client: RedisClientType) {}\n  async take(k: string) {\n    await this.client.watch(k);\n    await this.client.multi().decr(k).exec();\n  }\n}`,
      settings: { redis: { versions: { redis: 4 } } },
      errors: [
        {
          messageId: "watch",
          suggestions: [
            {
              messageId: "useExecuteIsolated",
              output: `import type { RedisClientType } from "redis";\nexport class Stock {\n  constructor(private readonly client: RedisClientType) {}\n  async take(k: string) {\n    return await this.client.executeIsolated(async (isolated) => {\n    await isolated.watch(k);\n    await isolated.multi().decr(k).exec();\n    });\n  }\n}`,
            },
          ],
        },
      ],
    },
    // --- GLIDE: another client is the fix; no rewrite can create one.
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide";\nconst client = await GlideClient.createClient({ addresses: [{ host: "localhost" }] });\nexport async function bump(k: string) {\n  await client.watch([k]);\n  await client.exec(new Batch(true).incr(k), true);\n}\nexport const log = (k: string) => client.exec(new Batch(true).rpush("log", [k]), true);`,
      errors: [
        {
          messageId: "watch",
          line: 4,
          data: {
            family: "valkey-glide client",
            client: "`client`",
            fix: "a GLIDE client of its own (`await GlideClient.createClient(...)`), used only for this transaction",
          },
          suggestions: [],
        },
        {
          messageId: "useClearsWatch",
          line: 7,
          data: { command: "EXEC", family: "valkey-glide client", client: "`client`", line: "4" },
        },
      ],
    },
    {
      code: `import { GlideClusterClient } from "@valkey/valkey-glide";\nconst client = await GlideClusterClient.createClient({ addresses: [] });\nexport async function reset() { await client.customCommand(["MULTI"]); await client.customCommand(["DEL", "ids"]); await client.customCommand(["EXEC"]); }\nexport const nextId = () => client.incr("ids");`,
      errors: [
        {
          messageId: "rawMulti",
          data: {
            call: 'customCommand(["MULTI"])',
            family: "valkey-glide client",
            client: "`client`",
            fix: "queue the commands on `new Batch(true)` and send them with `client.exec(batch, true)`, or use a GLIDE client of its own (`await GlideClient.createClient(...)`), used only for this transaction",
          },
          suggestions: [],
        },
        { messageId: "useDuringMulti", line: 4 },
      ],
    },
    // A GLIDE pipeline (non-atomic batch) sends no EXEC: it does not clear the WATCH.
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide";\nconst client = await GlideClient.createClient({ addresses: [] });\nexport async function bump(k: string) { await client.watch([k]); await client.exec(new Batch(true).incr(k), true); }\nexport const warm = () => client.exec(new Batch(false).get("a"), true);`,
      errors: [{ messageId: "watch", line: 3, suggestions: [] }],
    },
    // --- Bun: send("WATCH") / send("MULTI") on the shared `redis` instance.
    {
      code: `import { redis } from "bun";\nexport async function bump(k: string) {\n  await redis.send("WATCH", [k]);\n  await redis.send("MULTI", []);\n  await redis.send("INCR", [k]);\n  return redis.send("EXEC", []);\n}\nexport const nextId = () => redis.incr("ids");`,
      errors: [
        {
          messageId: "watch",
          line: 3,
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import { redis } from "bun";\nexport async function bump(k: string) {\n  const conn = await redis.duplicate();\n  try {\n  await conn.send("WATCH", [k]);\n  await conn.send("MULTI", []);\n  await conn.send("INCR", [k]);\n  return conn.send("EXEC", []);\n  } finally {\n    conn.close();\n  }\n}\nexport const nextId = () => redis.incr("ids");`,
            },
          ],
        },
        {
          messageId: "rawMulti",
          line: 4,
          data: {
            call: 'send("MULTI", [])',
            family: "Bun RedisClient",
            client: "`redis`",
            fix: "use a dedicated connection: `const conn = await client.duplicate()`, then `conn.close()` when done",
          },
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import { redis } from "bun";\nexport async function bump(k: string) {\n  const conn = await redis.duplicate();\n  try {\n  await conn.send("WATCH", [k]);\n  await conn.send("MULTI", []);\n  await conn.send("INCR", [k]);\n  return conn.send("EXEC", []);\n  } finally {\n    conn.close();\n  }\n}\nexport const nextId = () => redis.incr("ids");`,
            },
          ],
        },
        {
          messageId: "useDuringMulti",
          line: 8,
          data: { command: "INCR", family: "Bun RedisClient", client: "`redis`", line: "4", effect: QUEUED },
        },
      ],
    },
    {
      code: `import { RedisClient } from "bun";\nconst redis = new RedisClient();\nexport function reset() { return redis.send("MULTI", []); }`,
      errors: [{ messageId: "rawMulti", suggestions: [] }],
    },
    // --- treatParametersAsShared.
    {
      code: `import type Redis from "ioredis";\nexport async function bump(redis: Redis, k: string) {\n  await redis.watch(k);\n  await redis.multi().incr(k).exec();\n}`,
      options: [{ treatParametersAsShared: true }],
      errors: [
        {
          messageId: "watch",
          suggestions: [
            {
              messageId: "useDuplicate",
              output: `import type Redis from "ioredis";\nexport async function bump(redis: Redis, k: string) {\n  const conn = redis.duplicate();\n  try {\n  await conn.watch(k);\n  await conn.multi().incr(k).exec();\n  } finally {\n    conn.disconnect();\n  }\n}`,
            },
          ],
        },
      ],
    },
    // Not inside a block of its own: no rewrite is offered, the message still says what to do.
    {
      code: `${IO}export const reset = () => redis.multi({ pipeline: false });`,
      errors: [{ messageId: "rawMulti", suggestions: [] }],
    },
    {
      code: `${IO}export async function f(k) { if (k) await redis.watch(k); }`,
      errors: [{ messageId: "watch", suggestions: [] }],
    },
    {
      // Review: top-level WATCH, but the client is exported: other modules share it.
      code: `import Redis from "ioredis";\nexport const redis = new Redis();\nawait redis.watch("k");\nconst r = await redis.multi().set("k", "1").exec();`,
      errors: [{ messageId: "watch" }],
    },
    {
      // Review: top-level WATCH, and a function of this module uses the same client.
      code: `import Redis from "ioredis";\nconst redis = new Redis();\nawait redis.watch("k");\nawait redis.multi().set("k", "1").exec();\nexport const hit = () => redis.incr("hits");`,
      errors: [{ messageId: "watch" }],
    },
    {
      // Review: top-level WATCH on a client handed to a library (a queue): shared with it.
      code: `import Redis from "ioredis";\nimport { Queue } from "bullmq";\nconst redis = new Redis();\nconst queue = new Queue("q", { connection: redis });\nawait redis.watch("k");\nawait redis.multi().set("k", "1").exec();`,
      errors: [{ messageId: "watch" }],
    },
  ],
});
