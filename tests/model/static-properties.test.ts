/**
 * A static property assigned once in the file and read back (recognition/static-properties.ts):
 * express-brute-redis's `RedisStore.Redis = Redis` read as `RedisStore.Redis.createClient(...)`;
 * and the family of a prototype-style `this.client` its constructor function makes
 * (recognition/prototype-fields.ts) (issue #14, ledger L19). Each case is built both ways (the
 * search and the full walk) and must agree.
 */
import { describe, expect, it } from "vitest";
import { buildModelForTest } from "../../src/model/index.js";
import { lintForModel, summary } from "./harness.js";

function both(code: string): string[] {
  const { sourceCode } = lintForModel(code, { filename: "file.js", parser: "plugin", sourceType: "commonjs" });
  const searched = summary(buildModelForTest(sourceCode, undefined));
  const walked = summary(buildModelForTest(sourceCode, undefined, { fullWalk: true }));
  expect(searched).toEqual(walked);
  return searched;
}

describe("a static property assigned once gives the module", () => {
  it("express-brute-redis: RedisStore.Redis = Redis, read in the constructor before the assignment", () => {
    const calls = both(`var Redis = require("redis");
var RedisStore = module.exports = function (options) {
  var client = RedisStore.Redis.createClient(options.port, options.host);
  client.multi().set("a", "1").exec(function (err) {});
};
RedisStore.Redis = Redis;`);
    expect(calls).toEqual([
      "multi→multi @client (node-redis, node-redis/dedicated)",
      "set→set @transaction (node-redis, node-redis/dedicated)",
      "exec→exec @transaction (node-redis, node-redis/dedicated)",
    ]);
  });

  it("X.lib = require(...) then new X.lib() (ioredis), and a function declaration as X", () => {
    expect(both(`function Store() {} Store.lib = require("ioredis"); const c = new Store.lib(); c.get("k");`)).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
    ]);
  });

  it("a class as X, the module's member read through it", () => {
    expect(
      both(`class Cache {} Cache.redis = require("redis"); const c = Cache.redis.createClient(); c.get("k");`),
    ).toEqual(["get→get @client (node-redis, node-redis/shared)"]);
  });
});

describe("look-alikes: not a known value", () => {
  it.each([
    [
      "assigned twice",
      `const Redis = require("redis"); function S() {} S.Redis = Redis; S.Redis = makeFake(); const c = S.Redis.createClient(); c.get("k");`,
    ],
    [
      "read at the top level before the assignment",
      `const Redis = require("redis"); function S() {} const c = S.Redis.createClient(); S.Redis = Redis; c.get("k");`,
    ],
    [
      "read in the function that assigns it, before the assignment",
      `const Redis = require("redis"); function S() { const c = S.Redis.createClient(); c.get("k"); S.Redis = Redis; }`,
    ],
    [
      "X reassigned",
      `const Redis = require("redis"); let S = {}; S.Redis = Redis; S = other; const c = S.Redis.createClient(); c.get("k");`,
    ],
    [
      "X handed to Object.assign",
      `const Redis = require("redis"); const S = {}; S.Redis = Redis; Object.assign(S, overrides); const c = S.Redis.createClient(); c.get("k");`,
    ],
    [
      "a computed member of X written",
      `const Redis = require("redis"); const S = {}; S.Redis = Redis; S[name] = other; const c = S.Redis.createClient(); c.get("k");`,
    ],
    [
      "the property deleted",
      `const Redis = require("redis"); const S = {}; S.Redis = Redis; delete S.Redis; const c = S.Redis.createClient(); c.get("k");`,
    ],
    [
      "a Map stored as a static property",
      `function S() {} S.cache = new Map(); S.cache.get("k"); S.cache.set("k", 1);`,
    ],
  ])("%s", (_name, code) => {
    expect(both(code)).toEqual([]);
  });

  it("a client stored as a static property is left to the other sources (only a module or its export is taken)", () => {
    expect(both(`const Redis = require("ioredis"); function S() {} S.conn = new Redis(); S.conn.get("k");`)).toEqual(
      [],
    );
  });
});

describe("prototype-style fields: the family of the client the constructor function stores", () => {
  const CHAIN = `.prototype.save = function (k) { return this.client.multi().set(k, "1").expire(k, 9).exec(); };`;

  it("express-brute-redis: this.client = options.client || RedisStore.Redis.createClient(), read in prototype methods", () => {
    expect(
      both(`var Redis = require("redis");
var RedisStore = module.exports = function (options) {
  this.options = options;
  this.client = options.client || RedisStore.Redis.createClient(options.port, options.host);
};
RedisStore.prototype.set = function (key, value, callback) {
  var multi = this.client.multi();
  multi.set(key, value);
  multi.exec(function (err) { callback(null); });
};
RedisStore.prototype.get = function (key, callback) { this.client.get(key, callback); };
RedisStore.Redis = Redis;`),
    ).toEqual([
      "multi→multi @client (node-redis, node-redis/shared)",
      "set→set @transaction (node-redis, node-redis/shared)",
      "exec→exec @transaction (node-redis, node-redis/shared)",
      "get→get @client (node-redis, node-redis/shared)",
    ]);
  });

  it.each([
    [
      "a function declaration",
      `const Redis = require("ioredis"); function Store() { this.client = new Redis(); } Store${CHAIN}`,
    ],
    [
      "a function expression, read in an arrow function",
      `const Redis = require("ioredis"); var Store = function () { this.client = new Redis(); }; Store.prototype.save = function (k) { setTimeout(() => this.client.multi().set(k, "1").expire(k, 9).exec()); };`,
    ],
  ])("%s", (_name, code) => {
    expect(both(code)[0]).toBe("multi→multi @client (ioredis, ioredis/shared)");
  });

  it.each([
    [
      "two families stored",
      `const Redis = require("ioredis"); const { createClient } = require("redis"); function Store() { this.client = new Redis(); } Store.prototype.reset = function () { this.client = createClient(); }; Store${CHAIN}`,
    ],
    [
      "a Map stored (the chain stays a client by structure, of no family)",
      `function Store() { this.client = new Map(); } Store${CHAIN}`,
    ],
    [
      "another constructor's field",
      `const Redis = require("ioredis"); function Store() { this.client = new Redis(); } function Other() {} Other${CHAIN}`,
    ],
  ])("no family: %s", (_name, code) => {
    expect(both(code)[0]).toBe("multi→multi @client (unknown, unknown/shared)");
  });

  it("a field no structure or evidence makes a client is not made one", () => {
    expect(
      both(
        `const Redis = require("ioredis"); function Store() { this.conn = new Redis(); } Store.prototype.f = function () { return this.conn.ping(); };`,
      ),
    ).toEqual([]);
  });
});
