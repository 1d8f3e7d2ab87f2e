import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-nonatomic-read-modify-write.js";
import { dialectOf } from "../../src/dialects/index.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();`;
const NR = `import { createClient } from "redis"; const client = createClient();`;
/** node_redis v2 / v3: callbacks (`redis3` in the integration test). */
const V3 = `const redis = require("redis"); const client = redis.createClient();`;
/** express-limiter 1.6.1's middleware (the corpus, ledger L17), cut down: `db` is a client by its `"PX", ms` arguments. */
const limiter = (body: string) =>
  `module.exports = function (app, db) { return function (opts) { return function (req, res, next) { var key = "ratelimit:" + req.path + ":" + req.ip; db.get(key, function (err, limit) { if (err && opts.ignoreErrors) return next(); var now = Date.now(); ${body} }); }; }; };`;

ruleTester.run("no-nonatomic-read-modify-write", rule, {
  valid: [
    // --- Clients by evidence (recognition/evidence.ts): look-alikes with generic names stay silent.
    `const cache = new Map(); export function hit(k) { const n = cache.get(k) ?? 0; cache.set(k, n + 1); }`,
    `export async function hit(db, id) { const row = await db("counters").where({ id }).first(); await db("counters").where({ id }).update({ n: row.n + 1 }); }`,
    `export async function hit(cache, k) { const n = Number(await cache.get(k)) || 0; await cache.set(k, n + 1, { ttl: 60 }); }`,
    `export async function hit(db, k) { const n = Number(await db.get(k)) || 0; await db.set(k, n + 1); await db.expire(k, 60); }`,
    // ---- Look-alikes: not Redis.
    { name: "Map#get then Map#set", code: `const m = new Map(); const v = m.get("k"); m.set("k", v + 1);` },
    {
      name: "object with get()/set()",
      code: `const store = { get(k) { return 1; }, set(k, v) {} }; const v = store.get("k"); store.set("k", v + 1);`,
    },
    {
      name: "lodash _.get / _.set",
      code: `import _ from "lodash"; const o = {}; const v = _.get(o, "a"); _.set(o, "a", v + 1);`,
    },
    {
      name: "express app.get",
      code: `import express from "express"; const app = express(); app.get("/n", (req, res) => res.send("ok")); app.set("n", 1);`,
    },
    {
      name: "RegExp#exec and fs.watch",
      code: `import fs from "fs"; fs.watch("x", () => {}); const m = /a/.exec("a");`,
    },
    {
      name: "Prisma read then update",
      code: `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const u = await prisma.user.findUnique({ where: { id: 1 } }); await prisma.user.update({ where: { id: 1 }, data: { n: u.n + 1 } });`,
    },
    {
      name: "a Redis Map look-alike named cache",
      code: `${IO} const cache = new Map(); const v = cache.get("k"); cache.set("k", v + 1);`,
    },

    // ---- Atomic commands.
    { name: "INCRBY", code: `${IO} export async function add(id, n) { await redis.incrby(\`score:\${id}\`, n); }` },
    {
      name: "guard: DECRBY then a compensating INCRBY",
      code: `${IO} export async function reserve(sku, qty) { const left = await redis.decrby(\`stock:\${sku}\`, qty); if (left < 0) { await redis.incrby(\`stock:\${sku}\`, qty); throw new Error("sold out"); } return left; }`,
    },
    {
      name: "guard: node-redis decrBy then a compensating incrBy",
      code: `${NR} export async function reserve(sku: string, qty: number) { const left = await client.decrBy(\`stock:\${sku}\`, qty); if (left < 0) { await client.incrBy(\`stock:\${sku}\`, qty); return false; } return true; }`,
    },
    {
      name: "INCR then EXPIRE on the first hit (a rate limiter)",
      code: `${IO} export async function hit(ip) { const n = await redis.incr(\`rl:\${ip}\`); if (n === 1) await redis.expire(\`rl:\${ip}\`, 60); return n; }`,
    },

    // ---- Cache-aside: read, miss check, write a fresh value.
    {
      name: "guard: cache-aside with a truthiness miss check",
      code: `${IO} export async function getUser(id, db) { const cached = await redis.get(\`user:\${id}\`); if (cached) return JSON.parse(cached); const user = await db.find(id); await redis.set(\`user:\${id}\`, JSON.stringify(user), "EX", 60); return user; }`,
    },
    {
      name: "guard: cache-aside with === null",
      code: `${NR} export async function page(slug: string, render: (s: string) => Promise<string>) { const hit = await client.get(\`page:\${slug}\`); if (hit !== null) return hit; const html = await render(slug); await client.set(\`page:\${slug}\`, html, { EX: 300 }); return html; }`,
    },
    {
      name: "guard: cache-aside reusing the variable",
      code: `${IO} export async function load(k, compute) { let v = await redis.get(k); if (v === null) { v = await compute(); await redis.set(k, v, "EX", 60); } return v; }`,
    },
    {
      name: "guard: cache-aside with typeof === undefined (Upstash)",
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function get(k: string, f: () => Promise<number>) { const v = await redis.get<number>(k); if (typeof v === "undefined" || v === null) { const fresh = await f(); await redis.set(k, fresh, { ex: 60 }); return fresh; } return v; }`,
    },
    {
      name: "guard: parsed document checked for absence, then initialised",
      code: `${IO} export async function ensureCart(id) { const raw = await redis.get(\`cart:\${id}\`); const cart = raw ? JSON.parse(raw) : null; if (!cart) await redis.set(\`cart:\${id}\`, JSON.stringify({ items: [] })); }`,
    },
    {
      name: "console.assert does not throw: not a guard",
      code: `${IO} export async function f(k) { const v = await redis.get(k); console.assert(v === "x"); await redis.set(k, "y"); }`,
    },
    {
      name: "writing back the value as read (a TTL refresh)",
      code: `${IO} export async function touch(k) { const v = await redis.get(k); if (v !== null) await redis.set(k, v, "EX", 60); }`,
    },
    {
      name: "write not derived from the read",
      code: `${IO} export async function swap(k) { const last = await redis.get(k); await redis.set(k, Date.now()); return last; }`,
    },

    // ---- WATCH before the read.
    {
      name: "guard: WATCH on the key before the read, write queued in MULTI (ioredis)",
      code: `${IO} export async function add(k, n) { const conn = redis.duplicate(); for (let i = 0; i < 5; i++) { await conn.watch(k); const cur = Number(await conn.get(k)); const res = await conn.multi().set(k, cur + n).exec(); if (res) return; } throw new Error("busy"); }`,
    },
    {
      name: "guard: WATCH inside executeIsolated (node-redis v4)",
      code: `${NR} export async function add(k: string, n: number) { await client.executeIsolated(async (c) => { await c.watch(k); const cur = Number(await c.get(k)); await c.multi().set(k, String(cur + n)).exec(); }); }`,
    },
    {
      name: "guard: GLIDE watch([key]) before the read",
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); export async function add(k: string, n: number) { await client.watch([k]); const cur = Number(await client.get(k)); await client.exec(new Batch(true).set(k, String(cur + n)), true); }`,
    },
    {
      name: 'guard: Bun send("WATCH") before the read',
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); export async function add(k: string) { await c.send("WATCH", [k]); const cur = Number(await c.get(k)); await c.send("MULTI", []); await c.set(k, String(cur + 1)); await c.send("EXEC", []); }`,
    },

    {
      // Corpus, node-resque@9.7.1 src/core/scheduler.ts (cleanupTimestamp): the WATCH is sent by
      // a helper of the class, called with the key before the read.
      name: "guard: WATCH sent by a helper method the function calls first",
      code: `${IO} export class Scheduler { async cleanup(ts) { const key = "delayed:" + ts; await this.watchIfPossible(key); const length = await redis.llen(key); if (length === 0) { await redis.multi().del(key).zrem("schedule", ts).exec(); } await redis.unwatch(); } async watchIfPossible(k) { if (this.canWatch()) return redis.watch(k); } canWatch() { return true; } }`,
    },
    {
      name: "guard: WATCH on keys we cannot read, same connection",
      code: `${IO} export async function move(keys, k) { const conn = redis.duplicate(); await conn.watch(...keys); const v = Number(await conn.get(k)); await conn.multi().set(k, v + 1).exec(); }`,
    },
    // ---- Lua scripts.
    {
      name: "guard: Lua script via eval",
      code: `${IO} const LUA = "local s = tonumber(redis.call('get', KEYS[1]) or '0') if s < tonumber(ARGV[1]) then return -1 end return redis.call('decrby', KEYS[1], ARGV[1])"; export async function reserve(sku, qty) { return redis.eval(LUA, 1, \`stock:\${sku}\`, qty); }`,
    },
    {
      name: "guard: Lua script via defineCommand",
      code: `${IO} redis.defineCommand("reserve", { numberOfKeys: 1, lua: "return 1" }); export async function reserve(sku, qty) { return redis.reserve(\`stock:\${sku}\`, qty); }`,
    },

    // ---- Locks.
    {
      name: "guard: inside redlock.using(...)",
      code: `${IO} import Redlock from "redlock"; const redlock = new Redlock([redis]); export async function add(k, n) { await redlock.using([\`lock:\${k}\`], 5000, async () => { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); }); }`,
    },
    {
      name: "guard: inside a callback handed to withLock()",
      code: `${IO} import { withLock } from "./locks"; export async function add(k, n) { await withLock(k, async () => { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); }); }`,
    },
    {
      name: "guard: inside mutex.runExclusive()",
      code: `${IO} import { Mutex } from "async-mutex"; const mutex = new Mutex(); export async function add(k, n) { return mutex.runExclusive(async () => { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); }); }`,
    },
    {
      name: "guard: between redlock.acquire() and lock.release()",
      code: `${IO} import Redlock from "redlock"; const redlock = new Redlock([redis]); export async function add(k, n) { const lock = await redlock.acquire([\`lock:\${k}\`], 5000); try { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); } finally { await lock.release(); } }`,
    },
    {
      name: "guard: between acquireLock() and releaseLock()",
      code: `${NR} import { acquireLock, releaseLock } from "./lock"; export async function book(seat: string) { const token = await acquireLock(\`lock:\${seat}\`); try { const s = await client.get(\`seat:\${seat}\`); if (s !== "free") return false; await client.set(\`seat:\${seat}\`, "taken"); return true; } finally { await releaseLock(\`lock:\${seat}\`, token); } }`,
    },
    {
      name: "guard: between SET NX PX and the release script",
      code: `${IO} const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"; export async function add(k, n, token) { const ok = await redis.set(\`lock:\${k}\`, token, "PX", 5000, "NX"); if (!ok) return false; try { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); } finally { await redis.eval(RELEASE, 1, \`lock:\${k}\`, token); } return true; }`,
    },
    {
      name: "guard: between mutex.lock() and mutex.unlock()",
      code: `${IO} export async function add(mutex, k, n) { await mutex.lock(); try { const cur = Number(await redis.get(k)); await redis.set(k, cur + n); } finally { mutex.unlock(); } }`,
    },

    // ---- GET, compare, DEL of a lock: reported by no-unsafe-lock-release, not here.
    {
      name: "GET-compare-DEL lock release is another rule's",
      code: `${IO} export async function release(k, token) { const owner = await redis.get(k); if (owner === token) await redis.del(k); }`,
    },

    // ---- Different keys, different functions, order.
    {
      name: "different keys",
      code: `${IO} export async function copy(a, b) { const v = await redis.get(a); await redis.set(b, Number(v) + 1); }`,
    },
    {
      name: "read and write in different functions",
      code: `${IO} export async function read(k) { return Number(await redis.get(k)); } export async function write(k, v) { await redis.set(k, v + 1); }`,
    },
    {
      name: "write before the read",
      code: `${IO} export async function f(k, n) { await redis.set(k, n); const v = await redis.get(k); return Number(v) + 1; }`,
    },
    {
      name: "TTL check then EXPIRE (metadata, not a value)",
      code: `${IO} export async function ensureTtl(k) { const ttl = await redis.ttl(k); if (ttl < 0) await redis.expire(k, 60); }`,
    },
    {
      name: "read queued in a MULTI has no value",
      code: `${IO} export async function f(k) { const tx = redis.multi(); tx.get(k); tx.set(k, "1"); await tx.exec(); }`,
    },
    {
      name: "a variable reassigned with a fresh value before the write",
      code: `${IO} export async function f(k, load) { let v = await redis.get(k); v = await load(); await redis.set(k, v); }`,
    },
    // ---- Review: false positives found in review.
    {
      name: "a parameter named redis typed as a Map is not a client",
      code: `export function bump(redis: Map<string, string>) { const n = Number(redis.get("c")); redis.set("c", String(n + 1)); }`,
    },
    {
      name: "a class field named redis typed as a Map is not a client",
      code: `export class Counter { constructor(private readonly redis: Map<string, number>) {} bump(k: string) { const n = this.redis.get(k) ?? 0; this.redis.set(k, n + 1); } }`,
    },
    {
      name: "a variable named redis typed as a Map (or undefined) is not a client",
      code: `declare function makeStore(): Map<string, number>; const redis: Map<string, number> | undefined = makeStore(); const n = redis?.get("c") ?? 0; redis?.set("c", n + 1);`,
    },
    {
      name: "a field existence check on HGETALL (`name in flags`) is a miss check",
      code: `${IO} export async function toggle(name: string, on: boolean) { const flags = await redis.hgetall("flags"); if (!(name in flags)) throw new Error("unknown flag"); await redis.hset("flags", name, on ? "1" : "0"); }`,
    },
    {
      name: "capping a list: LTRIM to fixed bounds is right whatever the length is when it runs",
      code: `${IO} export async function log(line: string) { await redis.lpush("log", line); const len = await redis.llen("log"); if (len > 1000) await redis.ltrim("log", 0, 999); }`,
    },
    {
      name: "capping a sorted set with ZREMRANGEBYRANK to fixed bounds",
      code: `${NR} export async function keepTop(k: string) { const n = await client.zCard(k); if (n > 100) await client.zRemRangeByRank(k, 0, -101); }`,
    },
    {
      name: "a cached token refreshed when missing or expired (the hit returns the value read)",
      code: `${IO} declare function fetchToken(): Promise<string>; declare function isExpired(t: string): boolean; export async function token() { const t = await redis.get("oauth:token"); if (t && !isExpired(t)) return t; const fresh = await fetchToken(); await redis.set("oauth:token", fresh, "EX", 3500); return fresh; }`,
    },
    {
      name: "stale-while-revalidate cache: a fresh hit returns, a stale one is replaced with a fresh value",
      code: `${NR} export async function cached(id: string, load: () => Promise<object>) { const raw = await client.get(\`c:\${id}\`); const entry = raw ? JSON.parse(raw) : null; if (entry && Date.now() - entry.at < 60_000) return entry.value; const value = await load(); await client.set(\`c:\${id}\`, JSON.stringify({ value, at: Date.now() })); return value; }`,
    },
    {
      name: "write-if-different: the write stores the value the read was compared with",
      code: `${IO} export async function sync(desired: string) { const cur = await redis.get("config:hash"); if (cur !== desired) await redis.set("config:hash", desired); }`,
    },
    {
      name: "write-if-different with an early return",
      code: `${IO} export async function sync(id: string, owner: string) { if ((await redis.hget(\`doc:\${id}\`, "owner")) === owner) return; await redis.hset(\`doc:\${id}\`, "owner", owner); }`,
    },

    // ---- Callback APIs (node_redis v2 / v3, ioredis): the value arrives as the callback's second parameter.
    {
      name: "callback: node-redis v3 writes another key with the value read",
      code: `${V3} function copy(k, cb) { client.get(k, function (err, v) { if (err) return cb(err); client.set("copy:" + k, Number(v) + 1, cb); }); }`,
    },
    {
      name: "callback: node-redis v3 cache-aside, a hit returns and a miss writes a fresh value",
      code: `${V3} function page(k, render, cb) { client.get(k, function (err, html) { if (err) return cb(err); if (html) return cb(null, html); render(function (e, fresh) { client.set(k, fresh, "EX", 60, function () { cb(null, fresh); }); }); }); }`,
    },
    {
      name: "callback: a value not derived from the read (a constant), the read only logged",
      code: `${V3} function reset(k, cb) { client.get(k, function (err, v) { console.log("was", v); client.set(k, "0", cb); }); }`,
    },
    {
      name: "callback: the write's own callback uses the value read, what it writes does not",
      code: `${IO} function mark(k) { redis.get(k, (err, v) => { redis.set(k, "seen", (e) => console.log(String(v).length)); }); }`,
    },
    {
      name: "callback: node-redis v3 WATCH in a callback, then GET and MULTI/EXEC",
      code: `${V3} function add(k, n, cb) { client.watch(k, function (err) { if (err) return cb(err); client.get(k, function (err, v) { client.multi().set(k, Number(v) + n).exec(cb); }); }); }`,
    },
    {
      name: "callback: ioredis WATCH in a callback, with the key in an array",
      code: `${IO} function add(k, n, cb) { redis.watch([k], (err) => { redis.get(k, (err, v) => { redis.multi().set(k, Number(v) + n).exec(cb); }); }); }`,
    },
    {
      name: "callback: the value handed to a Lua script that compares and sets",
      code: `${IO} const CAS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('set', KEYS[1], ARGV[2]) end return 0"; function add(k, n, cb) { redis.get(k, (err, v) => { redis.eval(CAS, 1, k, v, Number(v) + n, cb); }); }`,
    },
    {
      name: "callback: read and write inside a callback handed to lock()",
      code: `${V3} const lock = require("redis-lock")(client); function add(k, n, cb) { lock("lock:" + k, function (done) { client.get(k, function (err, v) { client.set(k, Number(v) + n, function () { done(); cb(); }); }); }); }`,
    },
    {
      name: "callback: a write after the callback read runs before the reply, not on it",
      code: `${V3} function f(k) { let total = 0; client.get(k, function (err, v) { total = Number(v); }); client.set(k, total + 1); }`,
    },
    {
      name: "callback look-alike: a level-db style db with get/set (no Redis evidence)",
      code: `module.exports = function (db) { return function hit(key, cb) { db.get(key, function (err, v) { db.set(key, Number(v) + 1, cb); }); }; };`,
    },
    {
      name: "callback look-alike: levelup get/put",
      code: `const levelup = require("levelup"); const db = levelup("./data"); function hit(key, cb) { db.get(key, function (err, v) { db.put(key, String(Number(v) + 1), cb); }); }`,
    },
    {
      name: "callback look-alike: nedb findOne then update",
      code: `const Datastore = require("nedb"); const db = new Datastore(); function hit(id, cb) { db.findOne({ _id: id }, function (err, doc) { db.update({ _id: id }, { $set: { n: doc.n + 1 } }, {}, cb); }); }`,
    },
    {
      name: "callback look-alike: cache-manager style cache with a ttl option",
      code: `module.exports = function (cache) { return function hit(key, cb) { cache.get(key, function (err, v) { cache.set(key, Number(v) + 1, { ttl: 60 }, cb); }); }; };`,
    },
    {
      name: "callback look-alike: memcached get/set",
      code: `const Memcached = require("memcached"); const memcached = new Memcached("localhost:11211"); function hit(key, cb) { memcached.get(key, function (err, v) { memcached.set(key, Number(v) + 1, 60, cb); }); }`,
    },
    {
      name: "callback look-alike: an HTTP client's get with a callback",
      code: `const request = require("request"); function hit(url, cb) { request.get(url, function (err, res) { request.post(url, { json: { n: res.body.n + 1 } }, cb); }); }`,
    },
  ],
  invalid: [
    // --- Clients by evidence: generic names the file calls Redis-only commands on.
    {
      name: "a middleware factory given its client as the parameter `db` (INCRBY and EXPIRE elsewhere)",
      code: `module.exports = function (db) {
  return async function (req, res, next) {
    const key = "hits:" + req.ip;
    const hits = Number(await db.get(key)) || 0;
    await db.set(key, hits + 1);
    await db.expire(key, 60);
    await db.incrby("total", 1);
    next();
  };
};`,
      errors: [{ messageId: "computed", line: 5 }],
    },
    // ---- ioredis / iovalkey: computed.
    {
      name: "ioredis: lost increment with the INCRBY suggestion",
      code: `${IO}
export async function addPoints(userId, points) {
  const current = await redis.get(\`score:\${userId}\`);
  await redis.set(\`score:\${userId}\`, Number(current) + points);
}`,
      errors: [
        {
          messageId: "computed",
          line: 4,
          suggestions: [
            {
              messageId: "useAtomic",
              data: { command: "INCRBY" },
              output: `${IO}
export async function addPoints(userId, points) {
  await redis.incrby(\`score:\${userId}\`, points);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "iovalkey: decrement, DECRBY suggestion",
      code: `const Redis = require("iovalkey"); const redis = new Redis(); async function take(k, n) { const v = await redis.get(k); await redis.set(k, +v - n); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `const Redis = require("iovalkey"); const redis = new Redis(); async function take(k, n) { await redis.decrby(k, n); }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: inline read in the write",
      code: `${IO} export async function bump(k) { await redis.set(k, Number(await redis.get(k)) + 1); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "ioredis: JSON document read, mutated and written back",
      code: `${IO} export async function addItem(cartId, item) { const raw = await redis.get(\`cart:\${cartId}\`); const cart = raw ? JSON.parse(raw) : { items: [] }; cart.items.push(item); await redis.set(\`cart:\${cartId}\`, JSON.stringify(cart)); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "ioredis: through another variable",
      code: `${IO} export async function f(k, n) { const cur = parseInt((await redis.get(k)) ?? "0", 10); const next = cur + n; await redis.set(k, String(next), "EX", 3600); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "ioredis: HGET then HSET with the HINCRBY suggestion",
      code: `${IO} export async function vote(id, n) { const v = await redis.hget(\`poll:\${id}\`, "yes"); await redis.hset(\`poll:\${id}\`, "yes", Number(v) + n); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              data: { command: "HINCRBY" },
              output: `${IO} export async function vote(id, n) { await redis.hincrby(\`poll:\${id}\`, "yes", n); }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: HGETALL destructured, HSET computed",
      code: `${IO} export async function f(id) { const { visits } = await redis.hgetall(\`user:\${id}\`); await redis.hset(\`user:\${id}\`, "visits", Number(visits) + 1); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: write queued in a MULTI without WATCH",
      code: `${IO} export async function f(k, n) { const cur = Number(await redis.get(k)); await redis.multi().set(k, cur + n).expire(k, 60).exec(); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "ioredis: .then() callback",
      code: `${IO} export function f(k) { return redis.get(k).then((v) => redis.set(k, Number(v) + 1)); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: Promise.all element",
      code: `${IO} export async function f(a, b) { const [x, y] = await Promise.all([redis.get(a), redis.get(b)]); await redis.set(a, Number(x) + Number(y)); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: raw call()",
      code: `${IO} export async function f(k) { const v = await redis.call("GET", k); await redis.call("SET", k, Number(v) + 1); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "ioredis: class with an injected client",
      code: `import type { Redis } from "ioredis"; export class Scores { constructor(private readonly redis: Redis) {} async add(id: string, n: number) { const cur = await this.redis.get(\`s:\${id}\`); await this.redis.set(\`s:\${id}\`, Number(cur) + n); } }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `import type { Redis } from "ioredis"; export class Scores { constructor(private readonly redis: Redis) {} async add(id: string, n: number) { await this.redis.incrby(\`s:\${id}\`, n); } }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: compound assignment on the value",
      code: `${IO} export async function f(k, n) { let v = Number(await redis.get(k)); v += n; await redis.set(k, v); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: default assigned in a branch, then computed",
      code: `${IO} export async function f(k) { let count = await redis.get(k); if (count === null) count = "0"; await redis.set(k, Number(count) + 1); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },

    // ---- ioredis: guarded by a comparison.
    {
      name: "ioredis: stock check then DECRBY (oversell)",
      code: `${IO}
export async function reserve(sku, qty) {
  const stock = Number(await redis.get(\`stock:\${sku}\`));
  if (stock < qty) throw new Error("sold out");
  await redis.decrby(\`stock:\${sku}\`, qty);
}`,
      errors: [{ messageId: "guarded", line: 5, suggestions: [] }],
    },
    {
      name: "ioredis: status comparison then SET",
      code: `${IO} export async function book(seat) { const status = await redis.get(\`seat:\${seat}\`); if (status === "available") { await redis.set(\`seat:\${seat}\`, "booked"); return true; } return false; }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: comparison stored in a variable",
      code: `${IO} export async function f(k, qty) { const stock = Number(await redis.get(k)); const enough = stock >= qty; if (!enough) return false; await redis.decrby(k, qty); return true; }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: ternary and && guards",
      code: `${IO} export async function f(k, qty) { const stock = Number(await redis.get(k)); stock >= qty && (await redis.decrby(k, qty)); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: switch on the value",
      code: `${IO} export async function f(k) { const s = await redis.get(k); switch (s) { case "new": await redis.set(k, "started"); break; default: break; } }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: assert() on the value",
      code: `${IO} import assert from "node:assert"; export async function f(k, qty) { const stock = Number(await redis.get(k)); assert(stock >= qty, "sold out"); await redis.decrby(k, qty); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: assert.ok() on the value",
      code: `${IO} import assert from "node:assert"; export async function f(k, qty) { const stock = Number(await redis.get(k)); assert.ok(stock >= qty); await redis.decrby(k, qty); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: a ternary on a comparison feeds the write",
      code: `${IO} export async function f(k, qty) { const stock = Number(await redis.get(k)); const next = stock >= qty ? "ok" : "sold-out"; await redis.set(k, next); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: guarded by a property of the parsed value",
      code: `${IO} export async function f(k) { const seat = JSON.parse((await redis.get(k)) ?? "{}"); if (!seat.free) return; await redis.set(k, JSON.stringify({ free: false })); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: a helper's WATCH on another key does not protect",
      code: `${IO} export class S { async cleanup(key) { await this.watchKey("schedule"); if ((await redis.llen(key)) === 0) await redis.multi().del(key).exec(); } async watchKey(k) { return redis.watch(k); } }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: WATCH on another key does not protect",
      code: `${IO} export async function f(k, n) { await redis.watch("other"); const v = Number(await redis.get(k)); await redis.set(k, v + n); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: a lock callback around the write only",
      code: `${IO} import { withLock } from "./locks"; export async function f(k, n) { const v = Number(await redis.get(k)); await withLock(k, async () => { await redis.set(k, v + n); }); }`,
      errors: [{ messageId: "computed" }],
    },

    {
      name: "ioredis: ZSCORE compared, then ZADD (leaderboard best score)",
      code: `${IO} export async function submit(user, score) { const best = await redis.zscore("lb", user); if (best === null || score > Number(best)) await redis.zadd("lb", score, user); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "ioredis: LLEN bound check, then RPUSH",
      code: `${IO} export async function enqueue(q, job, max) { const len = await redis.llen(q); if (len >= max) return false; await redis.rpush(q, job); return true; }`,
      errors: [{ messageId: "guarded" }],
    },

    // ---- node-redis v5 and v4 shapes.
    {
      name: "node-redis: get / set with options",
      code: `${NR} export async function add(k: string, n: number) { const v = await client.get(k); await client.set(k, String(Number(v) + n), { EX: 60 }); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "node-redis: incrBy suggestion",
      code: `${NR} export async function add(k: string, n: number) { const v = await client.get(k); await client.set(k, Number(v ?? 0) + n); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `${NR} export async function add(k: string, n: number) { await client.incrBy(k, n); }`,
            },
          ],
        },
      ],
    },
    {
      name: "node-redis: hGet / hSet with the hIncrBy suggestion",
      code: `${NR} export async function f(k: string) { const v = await client.hGet(k, "n"); await client.hSet(k, "n", Number(v) + 1); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `${NR} export async function f(k: string) { await client.hIncrBy(k, "n", 1); }`,
            },
          ],
        },
      ],
    },
    {
      name: "node-redis: GET then SET with the v5 condition shape",
      code: `${NR} export async function f(k: string) { const v = await client.get(k); if (v === "pending") await client.set(k, "done", { condition: "XX", expiration: { type: "EX", value: 60 } }); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "node-redis v4: RedisClientType parameter, decrBy after a check",
      code: `import type { RedisClientType } from "redis"; export async function reserve(client: RedisClientType, sku: string, qty: number) { const stock = Number(await client.get(\`stock:\${sku}\`)); if (stock >= qty) { await client.decrBy(\`stock:\${sku}\`, qty); return true; } return false; }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "node-redis: sendCommand raw",
      code: `${NR} export async function f(k: string) { const v = await client.sendCommand(["GET", k]); await client.sendCommand(["SET", k, String(Number(v) + 1)]); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "node-redis: multi without WATCH",
      code: `${NR} export async function f(k: string) { const v = Number(await client.get(k)); await client.multi().set(k, String(v + 1)).exec(); }`,
      errors: [{ messageId: "computed" }],
    },

    // ---- Upstash and @vercel/kv.
    {
      name: "Upstash: parsed number, INCRBY suggestion",
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function add(k: string, n: number) { const v = await redis.get<number>(k); await redis.set(k, (v ?? 0) + n); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function add(k: string, n: number) { await redis.incrby(k, n); }`,
            },
          ],
        },
      ],
    },
    {
      name: "Upstash: hset with an object",
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function f(k: string) { const v = await redis.hget<number>(k, "n"); await redis.hset(k, { n: (v ?? 0) + 1 }); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "@vercel/kv: stock check",
      code: `import { kv } from "@vercel/kv"; export async function reserve(sku: string, qty: number) { const stock = (await kv.get<number>(\`stock:\${sku}\`)) ?? 0; if (stock < qty) return false; await kv.decrby(\`stock:\${sku}\`, qty); return true; }`,
      errors: [{ messageId: "guarded" }],
    },

    // ---- valkey-glide.
    {
      name: "GLIDE: get then set, incrBy suggestion",
      code: `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); export async function add(k: string, n: number) { const v = await client.get(k); await client.set(k, Number(v) + n); }`,
      errors: [
        {
          messageId: "computed",
          suggestions: [
            {
              messageId: "useAtomic",
              output: `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); export async function add(k: string, n: number) { await client.incrBy(k, n); }`,
            },
          ],
        },
      ],
    },
    {
      name: "GLIDE: GlideClient parameter, guarded decrBy",
      code: `import type { GlideClient } from "@valkey/valkey-glide"; export async function reserve(client: GlideClient, k: string, qty: number) { const stock = Number(await client.get(k)); if (stock < qty) return false; await client.decrBy(k, qty); return true; }`,
      errors: [{ messageId: "guarded" }],
    },

    // ---- Bun.
    {
      name: "Bun: redis.get then redis.set (no suggestion)",
      code: `import { redis } from "bun"; export async function add(k: string, n: number) { const v = await redis.get(k); await redis.set(k, String(Number(v) + n)); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "Bun: send() raw commands",
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); export async function f(k: string, qty: number) { const s = Number(await c.send("GET", [k])); if (s < qty) return; await c.send("DECRBY", [k, String(qty)]); }`,
      errors: [{ messageId: "guarded" }],
    },
    // ---- Callback APIs (node_redis v2 / v3, ioredis): the value arrives as the callback's second parameter.
    {
      name: "callback: node-redis v3 GET then SET computed in its callback (no suggestion)",
      code: `${V3} function hit(k, cb) { client.get(k, function (err, v) { if (err) return cb(err); client.set(k, Number(v) + 1, cb); }); }`,
      errors: [{ messageId: "computed", line: 1, suggestions: [] }],
    },
    {
      name: "callback: ioredis arrow callback",
      code: `${IO} export function hit(k: string) { redis.get(k, (err, v) => { redis.set(k, String(Number(v) + 1)); }); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "callback: express-limiter (corpus L17): JSON document parsed, changed and SET back with PX",
      code: limiter(
        `limit = limit ? JSON.parse(limit) : { total: opts.total, remaining: opts.total, reset: now + opts.expire }; if (now > limit.reset) { limit.reset = now + opts.expire; limit.remaining = opts.total; } limit.remaining = Math.max(Number(limit.remaining) - 1, -1); db.set(key, JSON.stringify(limit), "PX", opts.expire, function (e) { if (limit.remaining >= 0) return next(); opts.onRateLimited(req, res, next); });`,
      ),
      errors: [
        {
          messageId: "computed",
          data: {
            client: "Redis client",
            write: "set()",
            read: "get()",
            key: "key",
            line: "1",
            fix:
              "Use an atomic command instead (INCRBY / DECRBY / INCRBYFLOAT for numbers, or SET with NX / XX / GET), " +
              dialectOf("unknown").atomicAlternatives,
          },
          suggestions: [],
        },
      ],
    },
    {
      name: "callback: node-redis v3 stock check, then DECRBY (guarded)",
      code: `${V3} function reserve(sku, qty, cb) { client.get("stock:" + sku, function (err, stock) { if (Number(stock) < qty) return cb(null, false); client.decrby("stock:" + sku, qty, function (e) { cb(e, !e); }); }); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      name: "callback: the write in a function nested in the callback",
      code: `${V3} function hit(k, cb) { client.get(k, function (err, v) { process.nextTick(function () { client.set(k, Number(v) + 1, cb); }); }); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "callback: node-redis v3 HGET then HSET",
      code: `${V3} function vote(id, cb) { client.hget("poll:" + id, "yes", function (err, n) { client.hset("poll:" + id, "yes", Number(n) + 1, cb); }); }`,
      errors: [{ messageId: "computed", suggestions: [] }],
    },
    {
      name: "callback: node-redis v3 MULTI without WATCH in the callback",
      code: `${V3} function add(k, n, cb) { client.get(k, function (err, v) { client.multi().set(k, Number(v) + n).exec(cb); }); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "callback: a WATCH of another key does not protect this one",
      code: `${V3} function add(k, n, cb) { client.watch("other", function (err) { client.get(k, function (err, v) { client.multi().set(k, Number(v) + n).exec(cb); }); }); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: .then(function) callback",
      code: `${IO} export function f(k: string) { return redis.get(k).then(function (v) { return redis.set(k, Number(v) + 1); }); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      name: "ioredis: the variable reassigned from itself (v = v ? JSON.parse(v) : {...}), then written back",
      code: `${IO} export async function bump(k: string) { let v = await redis.get(k); v = v ? JSON.parse(v) : { n: 0 }; v.n++; await redis.set(k, JSON.stringify(v)); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      // Review: the trim bounds are computed from the length read earlier: reported.
      name: "LTRIM with bounds computed from LLEN",
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function cap(k: string) { const len = await redis.llen(k); if (len > 100) await redis.ltrim(k, len - 100, -1); }`,
      errors: [{ messageId: "computed" }],
    },
    {
      // Review: the value of a field, not its existence, decides the write.
      name: "HGETALL field value compared before HSET",
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function claim(id: string, me: string) { const job = await redis.hgetall(\`job:\${id}\`); if (job.state === "open") await redis.hset(\`job:\${id}\`, "owner", me); }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      // Review: a version check, then a write of the newer version: an older one can win.
      name: "version compared, then written (no presence check in the exit)",
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function apply(id: string, v: number) { const cur = await redis.get(\`ver:\${id}\`); if (cur !== null && Number(cur) >= v) return false; await redis.set(\`ver:\${id}\`, String(v)); return true; }`,
      errors: [{ messageId: "guarded" }],
    },
    {
      // Review: returning the value read is not enough: it needs a presence check (a cache hit).
      name: "state returned when the transition is not allowed",
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function book(seat: string) { const status = await redis.get(\`seat:\${seat}\`); if (status !== "available") return status; await redis.set(\`seat:\${seat}\`, "booked"); return "booked"; }`,
      errors: [{ messageId: "guarded" }],
    },
  ],
});
