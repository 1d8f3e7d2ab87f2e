import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-dangling-watch.js";

const IO = `import type { Redis } from "ioredis";`;
const NR = `import type { RedisClientType } from "redis";`;
const GLIDE = `import { Batch, type GlideClient } from "@valkey/valkey-glide";`;
const BUN = `import type { RedisClient } from "bun";`;

/** `code` with `insert` put before the first occurrence of `before`. */
function before(code: string, marker: string, insert: string): string {
  const at = code.indexOf(marker);
  return code.slice(0, at) + insert + code.slice(at);
}

// Multi-line cases, to check the suggestion keeps the indentation.
const earlyReturn = `${IO}
export async function reserve(redis: Redis, key: string) {
  await redis.watch(key);
  const stock = Number(await redis.get(key));
  if (stock <= 0) {
    return false;
  }
  const res = await redis.multi().decr(key).exec();
  return res !== null;
}`;

const v3Return = `const redis = require("redis");
const client = redis.createClient();
export async function reserve(k) {
  await client.watch(k);
  const v = await client.get(k);
  if (!v) return false;
  return client.multi().set(k, v).exec();
}`;

const thrown = `${IO}
export async function withdraw(redis: Redis, key: string, amount: number) {
  await redis.watch(key);
  const balance = Number(await redis.get(key));
  if (balance < amount) throw new Error("insufficient funds");
  const res = await redis.multi().decrby(key, amount).exec();
  return res !== null;
}`;

const caught = `${IO}
export async function bump(redis: Redis, key: string) {
  try {
    await redis.watch(key);
    const value = JSON.parse((await redis.get(key)) ?? "{}");
    await redis.multi().set(key, JSON.stringify({ ...value, n: value.n + 1 })).exec();
  } catch (error) {
    console.error(error);
    return false;
  }
  return true;
}`;

const loopBreak = `${IO}
export async function retry(redis: Redis, key: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await redis.watch(key);
    const value = await redis.get(key);
    if (value === null) break;
    const res = await redis.multi().set(key, value + "!").exec();
    if (res !== null) return true;
  }
  return false;
}`;

const finallyWithoutUnwatch = `${IO}
export async function f(redis: Redis, key: string) {
  await redis.watch(key);
  try {
    const value = await redis.get(key);
    if (!value) return null;
    return await redis.multi().set(key, value).exec();
  } finally {
    console.log("done");
  }
}`;

ruleTester.run("no-dangling-watch", rule, {
  valid: [
    // Look-alikes: not Redis.
    `import fs from "node:fs"; export function f(dir) { fs.watch(dir); if (!dir) return; }`,
    `import chokidar from "chokidar"; export function f(p) { const w = chokidar.watch(p); if (!p) return w; }`,
    `const store = { watch() {}, exec() {} }; export function f(k) { store.watch(k); if (k) return; store.exec(); }`,
    `import { watch } from "vue"; export function f(src, cb) { watch(src, cb); return 1; }`,
    `const m = new Map(); export function f(k) { m.set(k, 1); if (k) return m.get(k); }`,
    `import express from "express"; const app = express(); app.get("/watch", (req, res) => { if (!req.query.k) return res.end(); res.send("ok"); });`,
    `import pgp from "pg-promise"; const db = pgp()("x"); export async function f() { const [a] = await db.multi("select 1"); if (!a) return; }`,
    `import _ from "lodash"; export function f(o) { const w = _.get(o, "watch"); if (!w) return; }`,
    `export function f(re, s) { const m = re.exec(s); if (!m) return null; return m[1]; }`,
    // Upstash has no WATCH.
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function f(k) { await redis.set(k, 1); if (!k) return; }`,
    // ioredis: every path clears.
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); if (!v) { await redis.unwatch(); return null; } return redis.multi().set(k, v).exec(); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); if (!v) { await redis.unwatch(); throw new Error("missing"); } await redis.multi().set(k, v).exec(); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const res = await redis.multi().incr(k).exec(); return res; }`,
    // Raw MULTI ... EXEC and DISCARD on the client.
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); await redis.multi({ pipeline: false }); await redis.set(k, 1); await redis.exec(); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.call("WATCH", k); if (!k) { await redis.call("UNWATCH"); return; } await redis.call("MULTI"); await redis.call("EXEC"); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); await redis.multi({ pipeline: false }); if (!k) { await redis.discard(); return; } await redis.exec(); }`,
    // Closing a dedicated connection ends its WATCH.
    `${IO} export async function f(redis: Redis, k: string) { const conn = redis.duplicate(); await conn.watch(k); if (!(await conn.get(k))) { conn.disconnect(); return; } await conn.multi().del(k).exec(); conn.disconnect(); }`,
    `${IO} export async function f(redis: Redis, k: string) { const conn = redis.duplicate(); await conn.watch(k); if (!k) { await conn.quit(); return; } await conn.multi().del(k).exec(); await conn.quit(); }`,
    // finally: the guard that covers every path.
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { const v = await redis.get(k); if (!v) return null; if (v === "x") throw new Error("x"); return await redis.multi().set(k, v).exec(); } finally { await redis.unwatch(); } }`,
    `${IO} export async function f(redis: Redis, k: string) { try { await redis.watch(k); const v = JSON.parse(await redis.get(k)); await redis.multi().set(k, v).exec(); } catch (e) { return false; } finally { await redis.unwatch(); } return true; }`,
    // try/catch whose catch clears, or whose try only holds the EXEC (the node-redis WatchError idiom).
    `${IO} export async function f(redis: Redis, k: string) { try { await redis.watch(k); const v = JSON.parse(await redis.get(k)); await redis.multi().set(k, v).exec(); } catch (e) { await redis.unwatch(); return false; } return true; }`,
    `${NR} import { WatchError } from "redis"; export async function f(client: RedisClientType, k: string) { await client.watch(k); const v = await client.get(k); try { await client.multi().set(k, v + 1).exec(); } catch (error) { if (error instanceof WatchError) return false; throw error; } return true; }`,
    // An explicit throw that a catch in the same function handles, and the catch clears.
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { if (!(await redis.get(k))) throw new Error("missing"); await redis.multi().del(k).exec(); } catch (e) { await redis.unwatch(); return false; } return true; }`,
    // Loops: a retry loop that always ends in EXEC or UNWATCH.
    `${IO} export async function f(redis: Redis, k: string) { for (let i = 0; i < 5; i++) { await redis.watch(k); const v = await redis.get(k); if (v === null) { await redis.unwatch(); return false; } const res = await redis.multi().set(k, v).exec(); if (res) return true; } return false; }`,
    `${IO} export async function f(redis: Redis, k: string) { while (true) { await redis.watch(k); const v = await redis.get(k); if (!v) continue; const res = await redis.multi().set(k, v).exec(); if (res !== null) break; } }`,
    `${IO} export async function f(redis: Redis, keys: string[]) { for (const k of keys) { await redis.watch(k); if (!(await redis.exists(k))) { await redis.unwatch(); continue; } await redis.multi().del(k).exec(); } }`,
    // switch
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); switch (await redis.get(k)) { case "a": await redis.unwatch(); return 1; default: await redis.multi().set(k, "a").exec(); return 2; } }`,
    // Handing the client or a transaction on: the callee may finish it.
    `${IO} async function commit(redis: Redis, k: string) { await redis.multi().del(k).exec(); } export async function f(redis: Redis, k: string) { await redis.watch(k); return commit(redis, k); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); return redis.multi().set(k, v); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); return redis; }`,
    // A local helper or a callback that clears.
    `${IO} export async function f(redis: Redis, k: string) { const commit = async () => { await redis.multi().del(k).exec(); }; await redis.watch(k); await commit(); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); await withRetry(async () => { await redis.multi().del(k).exec(); }); }`,
    `${IO} export class Stock { constructor(private readonly redis: Redis) {} private async commit(k: string) { await this.redis.multi().decr(k).exec(); } async take(k: string) { await this.redis.watch(k); if (!(await this.redis.get(k))) { await this.redis.unwatch(); return false; } await this.commit(k); return true; } }`,
    // The WATCH is another rule's business: queued on a transaction.
    `${IO} export async function f(redis: Redis, k: string) { await redis.multi().watch(k).set(k, 1).exec(); if (!k) return; }`,
    // A WATCH in another function does not leak into this one.
    `${IO} export async function w(redis: Redis, k: string) { await redis.watch(k); await redis.multi().set(k, 1).exec(); } export async function g(redis: Redis, k: string) { if (!k) return; await w(redis, k); }`,
    // node-redis v4: executeIsolated, every path clears.
    `import { createClient } from "redis"; const client = createClient(); export async function f(k: string) { return client.executeIsolated(async (isolated) => { await isolated.watch(k); const v = await isolated.get(k); if (!v) { await isolated.unwatch(); return null; } return isolated.multi().set(k, v).exec(); }); }`,
    // node-redis v5: a pool connection, every path clears.
    `import { createClientPool } from "redis"; const pool = createClientPool(); export async function f(k: string) { return pool.execute(async (c) => { await c.watch(k); const v = await c.get(k); if (!v) { await c.unwatch(); return null; } return c.multi().set(k, v).exec(); }); }`,
    // node-redis v5: a duplicate closed with close() / destroy().
    `${NR} export async function f(client: RedisClientType, k: string) { const c = client.duplicate(); await c.connect(); await c.watch(k); if (!(await c.get(k))) { c.destroy(); return; } await c.multi().del(k).exec(); await c.close(); }`,
    // GLIDE: exec of an atomic batch clears.
    `${GLIDE} export async function f(client: GlideClient, k: string) { await client.watch([k]); const v = await client.get(k); if (!v) { await client.unwatch(); return null; } return client.exec(new Batch(true).set(k, v), true); }`,
    // Bun: raw UNWATCH / EXEC.
    `${BUN} export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); if (!(await redis.get(k))) { await redis.send("UNWATCH", []); return false; } await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); return (await redis.send("EXEC", [])) !== null; }`,
    // Nested try: the inner finally unwatches before the outer catch returns.
    `${IO} export async function f(redis: Redis, k: string) { try { try { await redis.watch(k); JSON.parse(await redis.get(k)); await redis.multi().del(k).exec(); } finally { await redis.unwatch(); } } catch (e) { return false; } return true; }`,
    // do/while retry loop and a labelled loop that always clear.
    `${IO} export async function f(redis: Redis, k: string) { let res = null; do { await redis.watch(k); const v = await redis.get(k); res = await redis.multi().set(k, v + 1).exec(); } while (res === null); return res; }`,
    `${IO} export async function f(redis: Redis, groups: string[][]) { outer: for (const g of groups) { for (const k of g) { await redis.watch(k); if (!k) { await redis.unwatch(); continue outer; } await redis.multi().del(k).exec(); } } }`,
    // An exception nobody catches in the function is not reported (only explicit throw / return paths are).
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = JSON.parse(await redis.get(k)); await redis.multi().set(k, v).exec(); }`,
    // Top-level module code that clears.
    `import Redis from "ioredis"; const redis = new Redis(); await redis.watch("k"); await redis.multi().set("k", 1).exec();`,
    // Corpus, node-resque@9.7.1 src/core/scheduler.ts: a helper that returns the WATCH to its
    // caller, which runs the MULTI/EXEC (or UNWATCH).
    `${IO} export class Scheduler { constructor(private readonly redis: Redis) {} private canWatch() { return true; } private async watchIfPossible(key: string) { if (this.canWatch()) return this.redis.watch(key); } }`,
    `${IO} export async function watchAll(redis: Redis, keys: string[]) { return await redis.watch(...keys); }`,
    // Review: node-redis v4 executeIsolated with the WatchError idiom; only `String(v + 1)` (which
    // does not throw) and the EXEC itself run in the try.
    `import { createClient, WatchError } from "redis"; const client = createClient(); export async function f(key: string) { return client.executeIsolated(async (isolated) => { await isolated.watch(key); const v = Number(await isolated.get(key)); if (v > 10) { await isolated.unwatch(); return false; } try { await isolated.multi().set(key, String(v + 1)).exec(); return true; } catch (e) { if (e instanceof WatchError) return false; throw e; } }); }`,
    `${GLIDE} export async function f(client: GlideClient, k: string) { await client.watch([k]); const v = await client.get(k); try { return await client.exec(new Batch(true).set(k, String(Math.max(0, Number(v) - 1))).set("at", String(Date.now())), true); } catch (e) { return null; } }`,
    // Review: the WATCH set up by one method for the transaction another method runs, on the
    // same connection (begin/commit), and a wrapper class that forwards watch() and unwatch().
    `import Redis from "ioredis"; export class Tx { private conn = new Redis(); async begin(key: string) { await this.conn.watch(key); } async commit(key: string, v: string) { return this.conn.multi().set(key, v).exec(); } }`,
    `${IO} export class Store { constructor(private readonly redis: Redis) {} async watchKeys(keys: string[]) { await this.redis.watch(...keys); } async rollback() { await this.redis.unwatch(); } }`,
  ],
  invalid: [
    // node_redis v3 (the installed major says so): an abort reaches exec's callback as null replies.
    {
      code: v3Return,
      settings: { redis: { versions: { redis: 3 } } },
      errors: [
        {
          messageId: "danglingAtExit",
          line: 6,
          data: {
            exit: "return",
            line: "4",
            client: "client",
            family: "node-redis",
            abort: "its exec() callback gets null replies",
            fix: "await client.unwatch()",
          },
          // `if (...) return` is not in a block: no place for a statement before it.
          suggestions: [],
        },
      ],
    },
    // Early return (ioredis).
    {
      code: earlyReturn,
      errors: [
        {
          messageId: "danglingAtExit",
          line: 6,
          data: {
            exit: "return",
            line: "3",
            client: "redis",
            family: "ioredis",
            abort: "its exec() resolves to null",
            fix: "await redis.unwatch()",
          },
          suggestions: [
            {
              messageId: "unwatch",
              data: { fix: "await redis.unwatch()", exit: "return" },
              output: before(earlyReturn, "return false;", "await redis.unwatch();\n    "),
            },
          ],
        },
      ],
    },
    // throw (ioredis).
    {
      code: thrown,
      errors: [
        {
          messageId: "danglingAtExit",
          line: 5,
          data: {
            exit: "throw",
            line: "3",
            client: "redis",
            family: "ioredis",
            abort: "its exec() resolves to null",
            fix: "await redis.unwatch()",
          },
          // `if (...) throw` is not in a block: no place for a statement before it.
          suggestions: [],
        },
      ],
    },
    // try/catch: an error after the WATCH lands in a catch that returns.
    {
      code: caught,
      errors: [
        {
          messageId: "danglingAtExit",
          line: 9,
          suggestions: [
            { messageId: "unwatch", output: before(caught, "return false;", "await redis.unwatch();\n    ") },
          ],
        },
      ],
    },
    // Loops: `break` leaves the loop with the WATCH on, then return.
    {
      code: loopBreak,
      errors: [
        {
          messageId: "danglingAtExit",
          line: 10,
          suggestions: [
            { messageId: "unwatch", output: before(loopBreak, "return false;", "await redis.unwatch();\n  ") },
          ],
        },
      ],
    },
    // finally that does not clear: the early return still leaves watching.
    {
      code: finallyWithoutUnwatch,
      errors: [{ messageId: "danglingAtExit", line: 6, suggestions: [] }],
    },
    // The end of the function reached on one path.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); if (v) { await redis.multi().set(k, v + 1).exec(); } }`,
      errors: [{ messageId: "danglingAtEnd", column: 96 }],
    },
    // An explicit throw that a catch handles, and the catch then returns.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { if (!(await redis.get(k))) throw new Error("missing"); await redis.multi().del(k).exec(); } catch (e) { return false; } return true; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { if (!(await redis.get(k))) throw new Error("missing"); await redis.multi().del(k).exec(); } catch (e) { await redis.unwatch(); return false; } return true; }`,
            },
          ],
        },
      ],
    },
    // A rethrow from the catch leaves too.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { try { await redis.watch(k); const v = JSON.parse(await redis.get(k)); await redis.multi().set(k, v).exec(); } catch (e) { log(e); throw e; } }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { try { await redis.watch(k); const v = JSON.parse(await redis.get(k)); await redis.multi().set(k, v).exec(); } catch (e) { log(e); await redis.unwatch(); throw e; } }`,
            },
          ],
        },
      ],
    },
    // A return inside finally overrides the try's EXEC path.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { await redis.get(k); } finally { return 1; } }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { await redis.get(k); } finally { await redis.unwatch(); return 1; } }`,
            },
          ],
        },
      ],
    },
    // continue in a loop is fine, but the loop can end without clearing.
    {
      code: `${IO} export async function f(redis: Redis, keys: string[]) { for (const k of keys) { await redis.watch(k); if (!(await redis.get(k))) continue; await redis.multi().del(k).exec(); } }`,
      errors: [{ messageId: "danglingAtEnd" }],
    },
    // Several exits, each reported once.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); if (v === "a") return 1; if (v === "b") return 2; await redis.unwatch(); return 3; }`,
      errors: [
        { messageId: "danglingAtExit", column: 157, suggestions: [] },
        { messageId: "danglingAtExit", column: 182, suggestions: [] },
      ],
    },
    // A pipeline exec sends no EXEC; execAsPipeline neither.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); await redis.pipeline().get(k).exec(); return 1; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); await redis.pipeline().get(k).exec(); await redis.unwatch(); return 1; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); await client.multi().get(k).execAsPipeline(); return 1; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); await client.multi().get(k).execAsPipeline(); await client.unwatch(); return 1; }`,
            },
          ],
        },
      ],
    },
    // Another connection's EXEC does not clear this one's WATCH.
    {
      code: `import Redis from "ioredis"; export async function f(k: string) { const a = new Redis(); const b = new Redis(); await a.watch(k); await b.multi().set(k, 1).exec(); return 1; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `import Redis from "ioredis"; export async function f(k: string) { const a = new Redis(); const b = new Redis(); await a.watch(k); await b.multi().set(k, 1).exec(); await a.unwatch(); return 1; }`,
            },
          ],
        },
      ],
    },
    // iovalkey, raw WATCH.
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); export async function f(k: string) { await valkey.call("WATCH", k); if (!k) return; await valkey.multi().del(k).exec(); }`,
      errors: [{ messageId: "danglingAtExit", suggestions: [] }],
    },
    // Class with an injected client.
    {
      code: `${IO} export class Repo { constructor(private readonly redis: Redis) {} async take(k: string) { await this.redis.watch(k); if (!(await this.redis.get(k))) { return null; } return this.redis.multi().del(k).exec(); } }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export class Repo { constructor(private readonly redis: Redis) {} async take(k: string) { await this.redis.watch(k); if (!(await this.redis.get(k))) { await this.redis.unwatch(); return null; } return this.redis.multi().del(k).exec(); } }`,
            },
          ],
        },
      ],
    },
    // node-redis v4: executeIsolated returns the connection to the pool still watching.
    {
      code: `import { createClient } from "redis"; const client = createClient(); export async function f(k: string) { return client.executeIsolated(async (isolated) => { await isolated.watch(k); const v = await isolated.get(k); if (!v) return null; return isolated.multi().set(k, v).exec(); }); }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [],
        },
      ],
    },
    // node-redis v5: a pool connection, same.
    {
      code: `import { createClientPool } from "redis"; const pool = createClientPool(); export async function f(k: string) { return pool.execute(async (c) => { await c.WATCH(k); const v = await c.GET(k); if (!v) { return null; } return c.multi().set(k, v).exec(); }); }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `import { createClientPool } from "redis"; const pool = createClientPool(); export async function f(k: string) { return pool.execute(async (c) => { await c.WATCH(k); const v = await c.GET(k); if (!v) { await c.unwatch(); return null; } return c.multi().set(k, v).exec(); }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); const v = await client.get(k); if (!v) { throw new Error("gone"); } await client.multi().set(k, v).exec(); }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); const v = await client.get(k); if (!v) { await client.unwatch(); throw new Error("gone"); } await client.multi().set(k, v).exec(); }`,
            },
          ],
        },
      ],
    },
    // GLIDE: a non-atomic batch does not clear.
    {
      code: `${GLIDE} export async function f(client: GlideClient, k: string) { await client.watch([k]); const v = await client.get(k); if (!v) { return null; } return client.exec(new Batch(false).set(k, v), true); }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${GLIDE} export async function f(client: GlideClient, k: string) { await client.watch([k]); const v = await client.get(k); if (!v) { await client.unwatch(); return null; } return client.exec(new Batch(false).set(k, v), true); }`,
            },
          ],
        },
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${GLIDE} export async function f(client: GlideClient, k: string) { await client.watch([k]); const v = await client.get(k); if (!v) { return null; } await client.unwatch(); return client.exec(new Batch(false).set(k, v), true); }`,
            },
          ],
        },
      ],
    },
    // Bun: send("WATCH", ...).
    {
      code: `${BUN} export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); if (!(await redis.get(k))) { return false; } await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); return (await redis.send("EXEC", [])) !== null; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${BUN} export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); if (!(await redis.get(k))) { await redis.send("UNWATCH", []); return false; } await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); return (await redis.send("EXEC", [])) !== null; }`,
            },
          ],
        },
      ],
    },
    // A shadowed name at the exit: no suggestion.
    {
      code: `${IO} export async function f(redis: Redis, other: Redis, k: string) { await redis.watch(k); { const redis = other; if (k) { return 1; } } await redis.unwatch(); }`,
      errors: [{ messageId: "danglingAtExit", suggestions: [] }],
    },
    // An arrow with an expression body: the WATCH is all it does.
    {
      code: `${IO} export const f = async (redis: Redis, k: string) => redis.watch(k);`,
      errors: [{ messageId: "danglingAtEnd" }],
    },
    // do/while: `break` out of the retry loop with the WATCH on.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { let res = null; do { await redis.watch(k); const v = await redis.get(k); if (v === null) break; res = await redis.multi().set(k, v + 1).exec(); } while (res === null); return res; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { let res = null; do { await redis.watch(k); const v = await redis.get(k); if (v === null) break; res = await redis.multi().set(k, v + 1).exec(); } while (res === null); await redis.unwatch(); return res; }`,
            },
          ],
        },
      ],
    },
    // Labelled continue to an outer loop that then ends the function.
    {
      code: `${IO} export async function f(redis: Redis, groups: string[][]) { outer: for (const g of groups) { for (const k of g) { await redis.watch(k); if (!k) continue outer; await redis.multi().del(k).exec(); } } }`,
      errors: [{ messageId: "danglingAtEnd" }],
    },
    // Nested try: the inner try has no catch and its finally does not clear; the outer catch returns.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { try { await redis.get(k); if (!k) throw new Error("x"); } finally { log(); } await redis.multi().del(k).exec(); } catch (e) { return false; } return true; }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); try { try { await redis.get(k); if (!k) throw new Error("x"); } finally { log(); } await redis.multi().del(k).exec(); } catch (e) { await redis.unwatch(); return false; } return true; }`,
            },
          ],
        },
      ],
    },
    // Review: a WATCH whose function hands the EXEC to a sibling method still has to clear on its early return.
    {
      code: `${IO} export class Stock { constructor(private readonly redis: Redis) {} private async commit(k: string) { await this.redis.multi().decr(k).exec(); } async take(k: string) { await this.redis.watch(k); if (!(await this.redis.get(k))) return false; await this.commit(k); return true; } }`,
      errors: [{ messageId: "danglingAtExit", suggestions: [] }],
    },
    // Review: a call that can throw (JSON.parse) inside the try, and a catch that returns.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const raw = await redis.get(k); try { const doc = JSON.parse(raw ?? "{}"); return await redis.multi().set(k, String(doc.n + 1)).exec(); } catch (e) { return null; } }`,
      errors: [
        {
          messageId: "danglingAtExit",
          suggestions: [
            {
              messageId: "unwatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const raw = await redis.get(k); try { const doc = JSON.parse(raw ?? "{}"); return await redis.multi().set(k, String(doc.n + 1)).exec(); } catch (e) { await redis.unwatch(); return null; } }`,
            },
          ],
        },
      ],
    },
    // Not async: no `await` possible, no suggestion.
    {
      code: `${IO} export function f(redis: Redis, k: string) { redis.watch(k); if (k) { return 1; } redis.unwatch(); }`,
      errors: [{ messageId: "danglingAtExit", suggestions: [] }],
    },
  ],
});
