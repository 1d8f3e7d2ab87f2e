/**
 * Clients that cross functions of one file (recognition/local-flow.ts): returned by accessors,
 * factories, getters and prototype methods to their callers, and passed as an argument to a local
 * function's parameter. And the look-alikes that must stay unrecognised.
 */
import { describe, expect, it } from "vitest";
import { modelOf, summary } from "./harness.js";

const cjs = { filename: "file.js", parser: "plugin" as const, sourceType: "commonjs" as const };

describe("returned by a function of the file", () => {
  it("an accessor function returning the module's client", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const client = new Redis();
      function getRedis() { return client; }
      export async function touch(key: string) {
        const r = getRedis();
        await r.set(key, "1");
        await getRedis().expire(key, 10);
      }`);
    expect(summary(m)).toEqual([
      "set→set @client (ioredis, ioredis/shared)",
      "expire→expire @client (ioredis, ioredis/shared)",
    ]);
  });

  it("a class accessor method `redis()` returning a nested connection, and `this.redis().multi()`", () => {
    const m = modelOf(`
      import type { Redis } from "ioredis";
      export class Jobs {
        constructor(private readonly queue: { connection: { redis: Redis } }) {}
        redis() { return this.queue.connection.redis; }
        async finish(id: string) {
          await this.redis().multi().lrem("active", 1, id).lpush("done", id).exec();
        }
      }`);
    expect(m.transactions).toHaveLength(1);
    expect(m.calls.map((c) => c.command)).toEqual(["multi", "lrem", "lpush", "exec"]);
  });

  it("a getter `get client()` returning a field", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      export class Cache {
        private readonly redis = new Redis();
        get client() { return this.redis; }
        read(key: string) { return this.client.hgetall(key); }
      }`);
    expect(summary(m)).toEqual(["hgetall→hgetall @client (ioredis, ioredis/shared)"]);
  });

  it("a prototype method returning a MULTI: each `this.multi()` opens its own transaction", () => {
    const m = modelOf(
      `
      const Redis = require("ioredis");
      const redis = new Redis();
      function Queue(name) { this.name = name; }
      Queue.prototype.multi = function () { return redis.multi(); };
      Queue.prototype.add = function (job) { return this.multi().lpush(this.name, job).incr("count").exec(); };
      Queue.prototype.clear = function () { return this.multi().del(this.name).exec(); };
      module.exports = Queue;`,
      cjs,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["multi", "lpush", "incr", "exec", "del", "exec"]);
    const opened = m.transactions.filter((t) => t.execs.length > 0);
    expect(opened).toHaveLength(2);
    expect(opened.map((t) => t.queued.map((q) => q.command))).toEqual([["lpush", "incr"], ["del"]]);
  });

  it("a factory made in the file: every call is a new, dedicated client", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      function createRedis(url: string) { return new Redis(url); }
      export async function job(url: string) {
        const sub = createRedis(url);
        await sub.subscribe("news");
      }`);
    expect(summary(m)).toEqual(["subscribe→subscribe @client (ioredis, ioredis/dedicated)"]);
  });
});

describe("passed as an argument to a function of the file", () => {
  it("cache-manager-ioredis-yet: `redisInsStore(new Redis(options))`, the function also exported", () => {
    const m = modelOf(
      `
      const ioredis_1 = require("ioredis");
      async function redisStore(options) {
        const redisCache = new ioredis_1.default(options);
        return redisInsStore(redisCache, options);
      }
      function redisInsStore(redisCache, options) {
        const reset = async () => { await redisCache.flushdb(); };
        const keys = (pattern) => redisCache.keys(pattern);
        return { reset, keys };
      }
      exports.redisStore = redisStore;
      exports.redisInsStore = redisInsStore;`,
      cjs,
    );
    expect(m.calls.map((c) => c.command)).toEqual(["flushdb", "keys"]);
    expect(m.calls.every((c) => c.client?.family === "ioredis")).toBe(true);
  });
});

describe("look-alikes", () => {
  it("an accessor returning a Map", () => {
    const m = modelOf(`
      const cache = new Map();
      function getCache() { return cache; }
      export function read(k: string) { return getCache().get(k); }`);
    expect(m.calls).toEqual([]);
  });

  it("a function returning a client on one path and something else on another", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const redis = new Redis();
      const local = new Map();
      function pick(remote: boolean) { if (remote) return redis; return local; }
      export function read(k: string) { return pick(false).get(k); }`);
    expect(m.calls).toEqual([]);
  });

  it("a parameter given a client at one call and a Map at another", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      function list(store: any) { return store.keys(); }
      list(new Redis());
      list(new Map());`);
    expect(m.calls).toEqual([]);
  });

  it("a parameter of a function never called in the file", () => {
    const m = modelOf(`
      export function list(store: any) { return store.keys("*"); }`);
    expect(m.calls).toEqual([]);
  });

  it("a method of another class with the same name", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      class A { private r = new Redis(); client() { return this.r; } }
      class B { private m = new Map(); client() { return this.m; } read(k: string) { return this.client().get(k); } }
      export { A, B };`);
    expect(m.calls).toEqual([]);
  });
});

describe("compiled CommonJS", () => {
  it('TypeScript\'s `__importDefault(require("ioredis"))`, then `new ioredis_1.default(options)` passed to a parameter', () => {
    const m = modelOf(
      `"use strict";
      var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };
      const ioredis_1 = __importDefault(require("ioredis"));
      function redisStore(options) { return redisInsStore(new ioredis_1.default(options)); }
      function redisInsStore(redisCache) { return { keys: (pattern) => redisCache.keys(pattern) }; }
      exports.redisStore = redisStore;
      exports.redisInsStore = redisInsStore;`,
      cjs,
    );
    expect(summary(m)).toEqual(["keys→keys @client (ioredis, ioredis/unknown)"]);
  });

  it('Babel\'s `_interopRequireDefault(require("ioredis"))`', () => {
    const m = modelOf(
      `var _ioredis = _interopRequireDefault(require("ioredis"));
      function _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }
      const redis = new _ioredis.default();
      redis.hgetall("k");`,
      cjs,
    );
    expect(summary(m)).toEqual(["hgetall→hgetall @client (ioredis, ioredis/shared)"]);
  });
});
