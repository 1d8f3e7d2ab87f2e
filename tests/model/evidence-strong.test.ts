/**
 * Recognition by evidence, the second way to the threshold (recognition/evidence.ts): one strongly
 * Redis-only command (STRONG_REDIS_ONLY in vocabulary.ts: `hgetall`, `zadd`, `lpush`, `setnx`…) and
 * a call of any other Redis command name (`keys`, `get`, `del`) on the SAME receiver. What a
 * reader of express-redis-cache's `get.js` sees: `self.client.hgetall(key)` beside
 * `self.client.keys(pattern)`. And the look-alikes it must leave alone.
 */
import { describe, expect, it } from "vitest";
import { earlyExitAdmits } from "../../src/model/index.js";
import { REDIS_ONLY, STRONG_REDIS_ONLY, evidenceHint } from "../../src/model/recognition/vocabulary.js";
import { readSettings } from "../../src/model/settings.js";
import { lintForModel, modelOf, summary } from "./harness.js";

const js = { filename: "file.js", parser: "plugin" as const };
const cjs = { ...js, sourceType: "commonjs" as const };

/** express-redis-cache@1.1.3 lib/ExpressRedisCache/get.js, trimmed (the domain plumbing kept). */
const EXPRESS_REDIS_CACHE_GET = `module.exports = (function () {
  'use strict';
  function get (name, callback) {
    var self = this;
    var domain = require('domain').create();
    domain.run(function () {
      var prefix = self.prefix.match(/:$/) ? self.prefix.replace(/:$/, '') : self.prefix;
      var redisKey = prefix + ':' + (name ||'*');
      var hasWildcard = redisKey.indexOf('*') >= 0;
      var fetchKey = function (key, cb) {
        self.client.hgetall(key, domain.intercept(function (result) {
          cb(null, result);
        }));
      };
      if ( hasWildcard ) {
        self.client.keys(prefix + ':' + name, domain.intercept(function (keys) {
          require('async').parallel(keys.map(function (key) {
            return function (cb) { return fetchKey(key, cb); };
          }), domain.intercept(function (results) { callback(null, results); }));
        }));
      } else {
        fetchKey(redisKey, domain.intercept(function (result) { callback(null, result ? [result] : []); }));
      }
    });
  }
  return get;
}) ();`;

describe("one strongly Redis-only command and another command on the same receiver", () => {
  it("express-redis-cache get.js: `self.client.hgetall` beside `self.client.keys` (`var self = this`)", () => {
    const m = modelOf(EXPRESS_REDIS_CACHE_GET, cjs);
    expect(m.calls.map((c) => `${c.command}@${c.receiver}`)).toEqual(["hgetall@client", "keys@client"]);
    expect(m.calls.every((c) => c.client?.via === "evidence")).toBe(true);
    expect(new Set(m.calls.map((c) => c.client?.key)).size).toBe(1);
  });

  it("`var self = this` is followed like `this`: `self.client.zadd` in one function, `this.client.del` in another", () => {
    const m = modelOf(
      `function Board(client) { this.client = client; }
      Board.prototype.add = function (id, score, cb) { var self = this; self.client.zadd("board", score, id, cb); };
      Board.prototype.clear = function (cb) { this.client.del("board", cb); };
      module.exports = Board;`,
      cjs,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["zadd", "del"]);
    expect(new Set(m.calls.map((c) => c.client?.key)).size).toBe(1);
  });

  it("`const self = this` in a class method and `this.client` in another method: one receiver", () => {
    const m = modelOf(`export class Store {
      constructor(opts) { this.client = opts.client; }
      load(id, cb) { const self = this; return new Promise((resolve) => self.client.smembers("s:" + id, (e, r) => resolve(r))); }
      drop(id) { return this.client.del("s:" + id); }
    }`);
    expect(m.calls.map((c) => c.command)).toEqual(["smembers", "del"]);
    expect(new Set(m.calls.map((c) => c.client?.key)).size).toBe(1);
  });

  it("`this.client` of a class: HGETALL and GET", () => {
    const m = modelOf(`export class Sessions {
      constructor(client) { this.client = client; }
      all(id) { return this.client.hgetall("s:" + id); }
      one(id) { return this.client.get("s:" + id); }
    }`);
    expect(summary(m)).toEqual([
      "hgetall→hgetall @client (unknown, unknown/shared)",
      "get→get @client (unknown, unknown/shared)",
    ]);
  });

  it("an untyped parameter: LPUSH and GET; node-redis spelling `lPush` and DEL", () => {
    expect(
      modelOf(`export async function f(conn, k) { await conn.lpush(k, "x"); return conn.get(k); }`).calls.map(
        (c) => c.command,
      ),
    ).toEqual(["lpush", "get"]);
    const m = modelOf(`export async function f(db: any, k: string) { await db.lPush(k, "x"); await db.del(k); }`);
    expect(m.calls.map((c) => `${c.command} ${c.family}`)).toEqual(["lpush node-redis", "del node-redis"]);
  });

  it("`opts.client`: SETNX and EXISTS on the same member text", () => {
    const m = modelOf(
      `export async function f(opts, k) { if (await opts.client.exists(k)) return; await opts.client.setnx(k, 1); }`,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["exists", "setnx"]);
  });

  it("the early exit admits every file the rule recognises", () => {
    for (const code of [EXPRESS_REDIS_CACHE_GET, `export const f = (c) => { c.zrange("z", 0, 1); c.keys("*"); };`]) {
      const { sourceCode, model } = lintForModel(code, code === EXPRESS_REDIS_CACHE_GET ? cjs : {});
      expect(model.hasRedis).toBe(true);
      expect(evidenceHint(sourceCode.text)).toBe(true);
      expect(earlyExitAdmits(sourceCode, readSettings(undefined))).toBe(true);
    }
  });

  it("STRONG_REDIS_ONLY is part of REDIS_ONLY (so the early exit's hint finds every anchor)", () => {
    for (const name of STRONG_REDIS_ONLY) expect(REDIS_ONLY.has(name)).toBe(true);
    for (const weak of ["incr", "expire", "getset", "unwatch", "flushall", "psubscribe", "pexpire", "defineCommand"])
      expect(STRONG_REDIS_ONLY.has(weak)).toBe(false);
  });
});

describe("a variable holding x.pipeline() or x.multi() is never a client by evidence", () => {
  it("SETNX and EXPIRE queued on a pipeline of an untyped parameter: calls on the pipeline, not on a client", () => {
    const m = modelOf(
      `export function lock(c, k) { const p = c.pipeline(); p.setnx(k, "1"); p.expire(k, 10); return p.exec(); }`,
      { filename: "batch.ts" },
    );
    expect(m.calls.filter((c) => c.method !== "pipeline").map((c) => `${c.method} @${c.receiver}`)).toEqual([
      "setnx @pipeline",
      "expire @pipeline",
      "exec @pipeline",
    ]);
  });
});

describe("look-alikes: a strong name without another command on the same receiver, or a receiver that is visibly something else", () => {
  it.each([
    [
      "a Map named client (keys, get) beside a hash helper",
      `const client = new Map(); client.keys(); client.get("a"); export function f(h) { return h.hgetall("k"); }`,
    ],
    [
      "an LRU cache named cache with keys() / get()",
      `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 5 }); export function f(h) { cache.keys(); cache.get("k"); h.zadd("z", 1, "a"); }`,
    ],
    [
      // bull@4 lib/queue.js `Queue#empty`: `this.multi()` returns `this.client.multi()` of a client the file does not show.
      "a variable holding x.multi() (bull's `let multi = this.multi()`): a transaction, never a client",
      `Queue.prototype.empty = function () { let multi = this.multi(); multi.lrange("w", 0, -1); multi.keys("p:*"); multi.del("w"); return multi.exec(); };`,
    ],
    [
      "an object literal with methods named like commands",
      `const client = { hgetall(k) { return {}; }, keys() { return []; } }; client.hgetall("a"); client.keys("*");`,
    ],
    [
      "an instance of a test double declared here",
      `class FakeRedis { lpush(k, v) {} get(k) {} } const client = new FakeRedis(); client.lpush("a", 1); client.get("a");`,
    ],
    [
      "a typed parameter is what its type says",
      `interface HashStore { hgetall(k: string): object; keys(p: string): string[] } export function f(client: HashStore) { client.hgetall("a"); client.keys("*"); }`,
    ],
    [
      "the strong name on one receiver, the other command on another (HTTP client get / del)",
      `export async function f(store, http, url) { await store.hgetall("k"); await http.get(url); await http.del(url); }`,
    ],
    [
      "`this.client` of two different classes",
      `class A { constructor(c) { this.client = c; } f() { return this.client.hgetall("k"); } }
       class B { constructor(c) { this.client = c; } g(u) { return this.client.get(u); } h(u) { return this.client.del(u); } }`,
    ],
    [
      "`this.client` of two prototype-style constructors (a cache's HGETALL, an HTTP client's get / del)",
      `function Cache(o) { this.client = o.client; }
       Cache.prototype.all = function (k) { return this.client.hgetall(k); };
       function Api(o) { this.client = o.http; }
       Api.prototype = { fetch: function (u) { return this.client.get(u); }, remove(u) { var self = this; return self.client.del(u); } };`,
    ],
    [
      "two different member texts: `a.client.zadd` and `b.client.keys`",
      `export function f(a, b) { a.client.zadd("z", 1, "x"); b.client.keys(); }`,
    ],
    [
      "the strong name read, not called (Knex / pg db)",
      `export async function f(db) { const fn = db.hgetall; await db.query("select hgetall from t"); await db.raw("select 1"); return fn; }`,
    ],
    [
      "the same strong command twice is one command",
      `export async function f(client) { await client.hgetall("a"); await client.hgetall("b"); }`,
    ],
    [
      "a strong name and exec() (RegExp / query builder exec is not a command here)",
      `export function f(q) { q.zadd("z", 1, "a"); return q.exec(); }`,
    ],
    [
      "a weak Redis-only name with another command: a metrics client's incr / set",
      `export function f(metrics) { metrics.incr("requests"); metrics.set("users", 3); metrics.gauge("g", 1); }`,
    ],
    [
      "a weak Redis-only name with another command: a session's expire / get",
      `export function f(session) { session.expire(60); session.get("a"); session.del("b"); }`,
    ],
    [
      "a cache abstraction with get / set / del beside a hash helper on another receiver",
      `export async function f(cache, hashes, key) { const v = await cache.get(key); if (!v) await cache.set(key, 1, 60); await cache.del(key); return hashes.hgetall(key); }`,
    ],
    [
      "Mongo / Prisma db with keys-like calls and no strong name",
      `export async function f(db) { await db.collection("x").find({}).sort({ a: 1 }).toArray(); await db.user.delete({ where: { id: 1 } }); Object.keys(db); }`,
    ],
  ])("%s", (_name, code) => {
    const m = modelOf(code, { filename: "lookalike.ts" });
    expect(summary(m)).toEqual([]);
    expect(m.transactions).toEqual([]);
  });
});
