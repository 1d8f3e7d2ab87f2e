/**
 * Clients with generic names (`client`, `db`, `this.client`, `self.client`, `opts.client`),
 * recognised by the evidence the file itself gives (recognition/evidence.ts): two distinct
 * Redis-only commands on the receiver, or one Redis argument shape, or one Redis-only command
 * beside a MULTI chain. And the look-alikes that evidence must leave alone.
 */
import { describe, expect, it } from "vitest";
import { earlyExitAdmits } from "../../src/model/index.js";
import { readSettings } from "../../src/model/settings.js";
import { lintForModel, modelOf, summary } from "./harness.js";

const js = { filename: "file.js", parser: "plugin" as const };
const cjs = { ...js, sourceType: "commonjs" as const };

describe("clients by evidence", () => {
  it("a constructor parameter property with SETNX and EXPIRE: every call on it, shared", () => {
    const m = modelOf(`
      export class Locks {
        constructor(private client: any) {}
        async take(key: string) {
          const ok = await this.client.setnx(key, "1");
          if (ok) await this.client.expire(key, 10);
          return this.client.get(key);
        }
      }`);
    expect(summary(m)).toEqual([
      "setnx→setnx @client (unknown, unknown/shared)",
      "expire→expire @client (unknown, unknown/shared)",
      "get→get @client (unknown, unknown/shared)",
    ]);
    expect(m.calls.every((c) => c.client?.via === "evidence")).toBe(true);
  });

  it("names that contain other Redis-only names count as themselves (HINCRBY, PEXPIRE, not INCR, EXPIRE)", () => {
    const m = modelOf(`
      export async function bump(conn, key, field) {
        await conn.hincrby(key, field, 1);
        await conn.pexpire(key, 5000);
      }`);
    expect(m.calls.map((c) => c.command)).toEqual(["hincrby", "pexpire"]);
    expect(m.calls.every((c) => c.client?.via === "evidence")).toBe(true);
  });

  it("an untyped parameter `db` given a positional PX argument (express-limiter)", () => {
    const m = modelOf(
      `module.exports = function (app, db) {
        return function (req, res, next) {
          db.get(req.ip, function (err, limit) {
            db.set(req.ip, JSON.stringify(limit), "PX", 1000, function () { next(); });
          });
        };
      };`,
      cjs,
    );
    // In execution order: the SET ends inside the GET's callback.
    expect(summary(m)).toEqual([
      "set→set @client (unknown, unknown/unknown)",
      "get→get @client (unknown, unknown/unknown)",
    ]);
  });

  it("a parameter `client` given SET NX PX, then DEL", () => {
    const m = modelOf(`
      export async function acquire(client, key, token, ttl) {
        const ok = await client.set(key, token, "PX", ttl, "NX");
        await work();
        await client.del(key);
        return ok;
      }`);
    expect(m.calls.map((c) => c.command)).toEqual(["set", "del"]);
    expect(m.calls[0].client?.via).toBe("evidence");
  });

  it("node-redis options `{ PX, NX: true }` also say the family (redis-lock)", () => {
    const m = modelOf(
      `async function acquireLock(client, name, timeout) {
        const result = await client.set(name, Date.now(), { PX: timeout, NX: true });
        return result;
      }
      function release(client, name) { return client.del(name); }
      module.exports = { acquireLock, release };`,
      cjs,
    );
    expect(m.calls.map((c) => `${c.command} ${c.family}`)).toEqual(["set node-redis"]);
  });

  it('`{ condition: "NX" }` (node-redis v5) is a shape', () => {
    const m = modelOf(
      `export async function f(conn: any, k: string) { await conn.set(k, "1", { condition: "NX", expiration: { type: "PX", value: 5 } }); return conn.get(k); }`,
    );
    expect(m.calls.map((c) => `${c.command} ${c.family}`)).toEqual(["set node-redis", "get node-redis"]);
  });

  it("camelCase node-redis spellings give the node-redis family", () => {
    const m = modelOf(
      `export async function f(client: any) { await client.hGetAll("h"); await client.zAdd("z", { score: 1, value: "a" }); }`,
    );
    expect(m.calls.map((c) => `${c.command} ${c.family}`)).toEqual(["hgetall node-redis", "zadd node-redis"]);
  });

  it("`self.client` with `var self = this` in prototype-style code, and `this.client` in other methods", () => {
    const m = modelOf(
      `function Cache(options) { this.client = options.client; }
      Cache.prototype.get = function (name, cb) {
        var self = this;
        self.client.hgetall(name, function (err, r) { cb(err, r); });
      };
      Cache.prototype.add = function (name, value, cb) {
        this.client.hmset(name, value, cb);
        this.client.expire(name, 60);
      };
      Cache.prototype.all = function (cb) { this.client.keys("*", cb); };
      module.exports = Cache;`,
      cjs,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["hgetall", "hmset", "expire", "keys"]);
    expect(new Set(m.calls.map((c) => c.client?.key)).size).toBe(1);
  });

  it("`opts.client` with ZADD and ZRANGEBYSCORE", () => {
    const m = modelOf(
      `export async function f(opts: any) { await opts.client.zadd("z", 1, "a"); const r = await opts.client.zrangebyscore("z", 0, 1); return opts.client.get(r[0]); }`,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["zadd", "zrangebyscore", "get"]);
  });

  it("one Redis-only command and a MULTI chain on the same receiver", () => {
    const m = modelOf(
      `export async function f(store: any) { await store.incrby("n", 2); return store.multi().get("n").exec(); }`,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["incrby", "multi", "get", "exec"]);
  });

  it("`[err, value]` reply pairs from exec() say ioredis", () => {
    const m = modelOf(`export async function f(client: any) {
      await client.hincrby("h", "f", 1);
      const results = await client.multi().lpush("l", "x").ltrim("l", 0, 9).exec();
      return results[0][1];
    }`);
    expect(m.calls.every((c) => c.family === "ioredis")).toBe(true);
    expect(m.transactions).toHaveLength(1);
  });

  it("the early exit admits a file whose only hint is a Redis-only command", () => {
    const { sourceCode } = lintForModel(`export const f = (client: any) => client.setnx("k", 1);`);
    expect(earlyExitAdmits(sourceCode, readSettings(undefined))).toBe(true);
    const none = lintForModel(`export const f = (client: any) => client.query("select 1");`, { filename: "none.ts" });
    expect(earlyExitAdmits(none.sourceCode, readSettings(undefined))).toBe(false);
  });
});

describe("look-alikes are not clients by evidence", () => {
  it.each([
    [
      "a Map named client",
      `const client = new Map(); client.get("a"); client.set("a", 1); client.delete("a"); client.has("a");`,
    ],
    [
      "a Map given Redis-looking keys and values",
      `const m = new Map(); m.set("NX", 1); m.set("PX", "EX"); m.get("XX");`,
    ],
    [
      "lru-cache with ttl options",
      `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 5, ttl: 1000 }); cache.set("k", 1, { ttl: 5 }); cache.get("k"); cache.delete("k"); cache.peek("k"); cache.pop();`,
    ],
    [
      "node-cache: ttl, getTtl, mget, mset, take, flushAll",
      `const NodeCache = require("node-cache"); const cache = new NodeCache(); cache.set("k", 1, 10); cache.ttl("k", 20); cache.getTtl("k"); cache.mget(["k"]); cache.mset([]); cache.take("k"); cache.del("k"); cache.keys(); cache.flushAll();`,
    ],
    [
      "cache-manager with { ttl }",
      `export async function f(cache: any) { await cache.set("k", 1, { ttl: 10 }); await cache.get("k"); await cache.del("k"); await cache.reset(); await cache.wrap("k", () => 1); await cache.mget("a", "b"); }`,
    ],
    [
      "Knex named db",
      `export async function f(db) { await db("users").where({ id: 1 }).update({ a: 1 }); await db.transaction(async (trx) => trx("x").insert({})); await db.raw("select 1"); }`,
    ],
    [
      "pg client",
      `export async function f(client) { await client.connect(); await client.query("select 1"); await client.query("BEGIN"); await client.end(); }`,
    ],
    [
      "Prisma db",
      `export async function f(db) { await db.user.update({ where: { id: 1 }, data: {} }); await db.$transaction([]); await db.user.delete({ where: { id: 1 } }); }`,
    ],
    [
      "Mongo db",
      `export async function f(db) { const u = await db.collection("x").findOne({}); await db.collection("x").updateOne({}, { $set: { a: 1 } }); await db.collection("x").deleteMany({}); return u; }`,
    ],
    [
      "a cache abstraction with get / set / del",
      `export async function f(cache, key) { const v = await cache.get(key); if (!v) await cache.set(key, 1, 60); await cache.del(key); await cache.exists(key); }`,
    ],
    [
      "an HTTP client (axios / got / supertest)",
      `export async function f(client, url) { await client.get(url); await client.post(url, {}); await client.delete(url); await client.del(url); await client.put(url, {}); await client.head(url); }`,
    ],
    [
      "a conn with query and end",
      `export function f(conn) { conn.query("select 1", () => {}); conn.ping(); conn.end(); conn.destroy(); }`,
    ],
    [
      "an object with keys()",
      `const store = { keys() { return []; }, get(k) { return k; }, set(k, v) {} }; store.keys("*"); store.get("k"); store.set("k", 1);`,
    ],
    ["RegExp#exec and Object.keys", `const re = /a/; re.exec("a"); Object.keys({}); [1, 2].sort(); "a".concat("b");`],
    [
      "one Redis-only name alone: metrics incr",
      `export function f(client) { client.incr("requests"); client.timing("t", 1); client.gauge("g", 1); }`,
    ],
    [
      "one Redis-only name alone: a session's expire",
      `export function f(session) { session.expire(60); session.get("a"); session.set("a", 1); session.destroy(); }`,
    ],
    [
      "ttl alone does not count (node-cache)",
      `export function f(cache) { cache.ttl("k", 10); cache.expire("k", 10); }`,
    ],
    [
      "an event bus with publish / subscribe",
      `export function f(bus) { bus.publish("a", 1); bus.subscribe("a", () => {}); bus.unsubscribe("a"); bus.on("x", () => {}); }`,
    ],
    [
      "fs.watch / fs.exists",
      `import fs from "node:fs"; fs.watch("."); fs.exists(".", () => {}); fs.rename("a", "b", () => {});`,
    ],
    [
      "a typed parameter is what its type says",
      `interface Counter { incr(k: string): void; expire(k: string, s: number): void } export function f(client: Counter) { client.incr("a"); client.expire("a", 1); }`,
    ],
    [
      "an instance of a class declared here",
      `class Store { incr(k) {} expire(k, s) {} } const store = new Store(); store.incr("a"); store.expire("a", 1);`,
    ],
    ["a shape word as the key or value", `export function f(headers, m) { headers.set("EX", "1"); m.set("k", "NX"); }`],
    [
      "a shape word on a method that is no command",
      `export function f(fmt) { fmt.format("a", "b", "EX"); fmt.render(1, 2, { NX: true }); }`,
    ],
    [
      "moment-like duration strings",
      `export function f(d) { d.add(1, "days"); d.subtract(2, "hours"); d.format("YYYY"); }`,
    ],
  ])("%s", (_name, code) => {
    const m = modelOf(code, { filename: "lookalike.ts" });
    expect(summary(m)).toEqual([]);
    expect(m.transactions).toEqual([]);
  });
});

describe("prototype-style methods", () => {
  it("`this.client.multi()…exec()` in a prototype method makes `this.client` a client there (express-brute-redis)", () => {
    const m = modelOf(
      `function RedisStore(options) { this.client = options.client; }
      RedisStore.prototype.set = function (key, value, lifetime, callback) {
        var multi = this.client.multi();
        multi.set(key, JSON.stringify(value));
        multi.expire(key, lifetime);
        multi.exec(function (err) { callback(null); });
      };
      RedisStore.prototype.get = function (key, callback) { this.client.get(key, callback); };
      module.exports = RedisStore;`,
      cjs,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["multi", "set", "expire", "exec", "get"]);
    expect(m.transactions).toHaveLength(1);
  });

  it("a `this.client` with no evidence in a prototype method stays unknown", () => {
    const m = modelOf(
      `function S() { this.client = makeIt(); } S.prototype.get = function (k) { return this.client.get(k); }; module.exports = S;`,
      cjs,
    );
    expect(m.calls).toEqual([]);
  });
});

describe("the family the evidence points to", () => {
  it("ioredis' `defineCommand` is not a node-redis spelling: the pipeline beside it stays a pipeline (@medusajs/locking-redis)", () => {
    const m = modelOf(
      `export class Locks {
        constructor(redisClient) {
          this.redisClient = redisClient;
          this.redisClient.defineCommand("acquireLock", { numberOfKeys: 1, lua: "return 1" });
        }
        async releaseAll() {
          const p = this.redisClient.pipeline();
          p.get("k");
          await p.exec();
        }
      }`,
      { filename: "file.js", parser: "plugin" },
    );
    expect(m.calls.map((c) => `${c.method}@${c.receiver}`)).toEqual([
      "defineCommand@client",
      "pipeline@client",
      "get@pipeline",
      "exec@pipeline",
    ]);
    expect(m.calls.some((c) => c.family === "node-redis")).toBe(false);
  });
});

describe("evidence split across functions", () => {
  it("redis-lock: SET { PX, NX } on acquireLock's parameter, DEL on the client its caller passed it", () => {
    const m = modelOf(
      `async function acquireLock(client, lockName, timeout, onLockAcquired) {
        const result = await client.set(lockName, Date.now() + timeout + 1, { PX: timeout, NX: true });
        if (result !== null) onLockAcquired();
      }
      function redisLock(client) {
        return async function lock(lockName, timeout = 5000) {
          return new Promise((resolve) => {
            acquireLock(client, lockName, timeout, () => resolve(() => client.del(lockName)));
          });
        };
      }
      module.exports = redisLock;`,
      { filename: "file.js", parser: "plugin", sourceType: "commonjs" },
    );
    expect(m.calls.map((c) => c.command)).toEqual(["set", "del"]);
    expect(m.calls.every((c) => c.family === "node-redis")).toBe(true);
  });

  it("a Map passed to the same function stays a Map", () => {
    const m = modelOf(`
      async function take(store, key: string, ms: number) {
        return store.set(key, "1", { PX: ms, NX: true });
      }
      const local = new Map();
      export function tryLocal(key: string) {
        local.delete(key);
        return take(local, key, 10);
      }`);
    expect(m.calls.map((c) => c.method)).toEqual(["set"]);
  });
});
