/**
 * Copies of a client's methods (recognition/aliases.ts, issue #14 item 4): bound
 * (`client.setnx.bind(client)`), promisified (`promisify(client.setnx).bind(client)`,
 * `promisify(client.setnx.bind(client))`, bluebird's `Promise.promisify(m, { context })`), and
 * bluebird's `promisifyAll` twins (`client.setnxAsync`, `multi.execAsync()`). Each case is built
 * both ways (the search and the full walk) and must agree.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildModelForTest } from "../../src/model/index.js";
import type { RedisCall } from "../../src/model/index.js";
import { describeCall, lintForModel } from "./harness.js";

const describeAlias = (c: RedisCall) => `${describeCall(c)}${c.alias ? ` [${c.alias}]` : ""}`;

function both(code: string, filename = "file.js"): string[] {
  const { sourceCode } = lintForModel(code, { filename, parser: "plugin", sourceType: "commonjs" });
  const searched = buildModelForTest(sourceCode, undefined).calls.map(describeAlias);
  const walked = buildModelForTest(sourceCode, undefined, { fullWalk: true }).calls.map(describeAlias);
  expect(searched).toEqual(walked);
  return searched;
}

describe("promisified and bound copies of a client's methods are its commands", () => {
  it("promisify(client.setnx).bind(client), then the copies called in another function", () => {
    expect(
      both(`const redis = require("redis");
const { promisify } = require("util");
const client = redis.createClient();
const setnxAsync = promisify(client.setnx).bind(client);
const pexpire = promisify(client.pexpire).bind(client);
async function acquire(key) {
  const ok = await setnxAsync(key, "1");
  if (ok) await pexpire(key, 3000);
  return ok;
}`),
    ).toEqual([
      "setnx→setnx @client (node-redis, node-redis/shared) [promisified]",
      "pexpire→pexpire @client (node-redis, node-redis/shared) [promisified]",
    ]);
  });

  it("util.promisify(client.get.bind(client)), and client.set.bind(client) with a callback", () => {
    expect(
      both(`const util = require("util");
const Redis = require("ioredis");
const client = new Redis();
const getAsync = util.promisify(client.get.bind(client));
const set = client.set.bind(client);
async function f(k) { const v = await getAsync(k); set(k, v + 1, () => {}); }`),
    ).toEqual([
      "get→get @client (ioredis, ioredis/shared) [promisified]",
      "set→set @client (ioredis, ioredis/shared) [bound]",
    ]);
  });

  it("bluebird: Promise.promisify(client.incr, { context: client })", () => {
    expect(
      both(`const Promise = require("bluebird");
const client = require("redis").createClient();
const incr = Promise.promisify(client.incr, { context: client });
incr("n").then(() => {});`),
    ).toEqual(["incr→incr @client (node-redis, node-redis/shared) [promisified]"]);
  });

  it("bluebird's promisifyAll: client.setnxAsync and multi().execAsync()", () => {
    expect(
      both(`const bluebird = require("bluebird");
const redis = require("redis");
bluebird.promisifyAll(redis.RedisClient.prototype);
bluebird.promisifyAll(redis.Multi.prototype);
const client = redis.createClient();
async function f() {
  await client.setnxAsync("lock", "1");
  const replies = await client.multi().incr("a").execAsync();
  return replies;
}`),
    ).toEqual([
      "setnx→setnx @client (node-redis, node-redis/shared) [async-method]",
      "multi→multi @client (node-redis, node-redis/shared)",
      "incr→incr @transaction (node-redis, node-redis/shared)",
      "exec→exec @transaction (node-redis, node-redis/shared) [async-method]",
    ]);
  });

  it("bluebird's Promise.promisifyAll(client) returns the client, its twins added (TypeScript, exported)", () => {
    expect(
      both(
        `import * as Promise from "bluebird";
import * as redis from "redis";
export const redisClient = Promise.promisifyAll(redis.createClient(6379, "cache")) as redis.RedisClient;
export async function bump(k: string) { return redisClient.incrAsync(k); }`,
        "file.ts",
      ),
    ).toEqual(["incr→incr @client (node-redis, node-redis/shared) [async-method]"]);
  });

  it("an execAsync twin is the transaction's exec", () => {
    const { sourceCode } = lintForModel(
      `const client = require("redis").createClient();
async function f() { const m = client.multi(); m.incr("a"); return m.execAsync(); }`,
      { filename: "file.js", parser: "plugin", sourceType: "commonjs" },
    );
    const model = buildModelForTest(sourceCode, undefined);
    expect(model.transactions).toHaveLength(1);
    expect(model.transactions[0].execs.map((c) => c.alias)).toEqual(["async-method"]);
  });

  it("a copy kept on `this` in a constructor, called from a method (TypeScript class)", () => {
    expect(
      both(
        `import { promisify } from "util";
import { createClient } from "redis";
export class Cache {
  private client = createClient();
  private getAsync = promisify(this.client.get).bind(this.client);
  async read(k: string) { return this.getAsync(k); }
}`,
        "file.ts",
      ),
    ).toEqual(["get→get @client (node-redis, node-redis/shared) [promisified]"]);
  });
});

describe("copies exported by another module (tests/fixtures/cross-file/src/services/redis-async.js)", () => {
  const filename = path.resolve(import.meta.dirname, "../fixtures/cross-file/src/app/consumer.js");
  it.each([
    [
      "destructured from require()",
      `const { setnxAsync, expireAsync } = require("../services/redis-async"); async function f(k) { await setnxAsync(k, "1"); await expireAsync(k, 10); }`,
      [
        "setnx→setnx @client (node-redis, node-redis/shared) [promisified]",
        "expire→expire @client (node-redis, node-redis/shared) [promisified]",
      ],
    ],
    [
      "members of the required module",
      `const cache = require("../services/redis-async"); async function f(k) { return cache.getAsync(k); }`,
      ["get→get @client (node-redis, node-redis/shared) [promisified]"],
    ],
  ])("%s: the search and the full walk agree", (_, code, expected) => {
    const { sourceCode } = lintForModel(code, { filename: "consumer.js", parser: "plugin", sourceType: "commonjs" });
    const searched = buildModelForTest(sourceCode, undefined, { filename }).calls.map(describeAlias);
    const walked = buildModelForTest(sourceCode, undefined, { filename, fullWalk: true }).calls.map(describeAlias);
    expect(searched).toEqual(expected);
    expect(walked).toEqual(expected);
  });
});

describe("bluebird's Async twins are vocabulary: a client known only from its calls", () => {
  it("a parameter with setnxAsync and expireAsync: a client (node-redis, by evidence)", () => {
    expect(
      both(`async function lock(client, k) { await client.setnxAsync(k, "1"); await client.expireAsync(k, 10); }`),
    ).toEqual([
      "setnx→setnx @client (node-redis, node-redis/unknown) [async-method]",
      "expire→expire @client (node-redis, node-redis/unknown) [async-method]",
    ]);
  });

  it.each([
    [
      "an LRU cache's getAsync / setAsync / delAsync",
      `async function f(cache, k) { await cache.setAsync(k, (await cache.getAsync(k)) + 1); await cache.delAsync(k); }`,
    ],
    ["one Redis-only twin alone", `async function f(store, k) { return store.hgetallAsync(k); }`],
    [
      "a method that only looks like a twin",
      `async function f(x, k) { await x.setnxAsyncly(k); await x.expireAsyncly(k); }`,
    ],
  ])("%s: not a client", (_, code) => {
    expect(both(code)).toEqual([]);
  });
});

describe("look-alikes: not a Redis call", () => {
  it.each([
    [
      "promisify of fs.readFile",
      `const fs = require("fs"); const { promisify } = require("util"); const r = promisify(fs.readFile); r("x");`,
    ],
    [
      "a Map named cache, its get bound to it",
      `const { promisify } = require("util"); const cache = new Map(); const get = cache.get.bind(cache); get("k");`,
    ],
    [
      "a pg pool's query bound to the pool",
      `const { Pool } = require("pg"); const db = new Pool(); const query = db.query.bind(db); query("select 1");`,
    ],
    [
      "an HTTP client's get promisified",
      `const request = require("request"); const { promisify } = require("util"); const get = promisify(request.get).bind(request); get("/x");`,
    ],
    [
      "a client's method bound to another client",
      `const Redis = require("ioredis"); const a = new Redis(); const b = new Redis(); const get = a.get.bind(b); get("k");`,
    ],
    [
      "a client's method promisified but never bound (loses this: not vouched for)",
      `const { promisify } = require("util"); const client = require("redis").createClient(); const get = promisify(client.get); get("k");`,
    ],
    [
      "a client's non-command method bound",
      `const client = require("redis").createClient(); const on = client.on.bind(client); on("error", () => {});`,
    ],
    [
      "an Async method of a non-client (an LRU cache)",
      `const LRU = require("lru-cache"); const cache = new LRU(); cache.getAsync("k");`,
    ],
  ])("%s", (_, code) => {
    expect(both(code)).toEqual([]);
  });

  it("a client's own non-Async method that ends in Async-like text is its command", () => {
    // No command ends in "async"; a name that normalises as a command is never taken for a twin.
    expect(both(`const client = require("redis").createClient(); client.get("k");`)).toEqual([
      "get→get @client (node-redis, node-redis/shared)",
    ]);
  });
});
