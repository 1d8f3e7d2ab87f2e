/** Where clients come from: every recognition source of src/model/recognition/. */
import { describe, expect, it } from "vitest";
import { callOf, clientOf, modelOf, summary } from "./harness.js";

describe("clients from imports and requires", () => {
  it.each([
    ["ESM default import", `import Redis from "ioredis"; const r = new Redis(); r.get("k");`, "ioredis"],
    ["ESM named import", `import { Redis } from "ioredis"; const r = new Redis(); r.get("k");`, "ioredis"],
    [
      "aliased named import",
      `import { Redis as IORedis } from "ioredis"; const r = new IORedis(); r.get("k");`,
      "ioredis",
    ],
    ["iovalkey's Valkey", `import { Valkey } from "iovalkey"; const r = new Valkey(); r.get("k");`, "ioredis"],
    ["namespace import", `import * as redis from "redis"; const c = redis.createClient(); c.get("k");`, "node-redis"],
    [
      "namespace import of @redis/client",
      `import * as rc from "@redis/client"; const c = rc.createClient(); c.get("k");`,
      "node-redis",
    ],
    [
      "aliased factory",
      `import { createClient as makeClient } from "redis"; const c = makeClient(); c.get("k");`,
      "node-redis",
    ],
    [
      "default import of the module",
      `import redis from "redis"; const c = redis.createClient(); c.get("k");`,
      "node-redis",
    ],
    ["require", `const Redis = require("ioredis"); const r = new Redis(); r.get("k");`, "ioredis"],
    [
      "destructured require",
      `const { createClient } = require("redis"); const c = createClient(); c.get("k");`,
      "node-redis",
    ],
    [
      "destructured require, renamed",
      `const { Redis: R } = require("ioredis"); const r = new R(); r.get("k");`,
      "ioredis",
    ],
    ["require(...).default", `const Redis = require("ioredis").default; const r = new Redis(); r.get("k");`, "ioredis"],
    [
      "Upstash constructor",
      `import { Redis } from "@upstash/redis"; const r = new Redis({ url, token }); r.get("k");`,
      "upstash",
    ],
    [
      "Upstash Redis.fromEnv()",
      `import { Redis } from "@upstash/redis"; const r = Redis.fromEnv(); r.get("k");`,
      "upstash",
    ],
    [
      "Upstash cloudflare entry",
      `import { Redis } from "@upstash/redis/cloudflare"; const r = Redis.fromEnv(env); r.get("k");`,
      "upstash",
    ],
    ["@vercel/kv kv", `import { kv } from "@vercel/kv"; kv.get("k");`, "upstash"],
    ["@vercel/kv default", `import kv from "@vercel/kv"; kv.get("k");`, "upstash"],
    [
      "@vercel/kv createClient",
      `import { createClient } from "@vercel/kv"; const kv = createClient({ url, token }); kv.get("k");`,
      "upstash",
    ],
    [
      "GlideClient.createClient",
      `import { GlideClient } from "@valkey/valkey-glide"; const c = await GlideClient.createClient({ addresses: [] }); c.get("k");`,
      "glide",
    ],
    [
      "bun RedisClient",
      `import { RedisClient } from "bun"; const c = new RedisClient("redis://x"); c.get("k");`,
      "bun",
    ],
    ["bun redis", `import { redis } from "bun"; redis.get("k");`, "bun"],
    ["Bun.redis global", `Bun.redis.get("k");`, "bun"],
    [
      "ioredis Redis.createClient()",
      `import Redis from "ioredis"; const r = Redis.createClient(); r.get("k");`,
      "ioredis",
    ],
  ])("%s", (_name, code, family) => {
    const model = modelOf(code);
    expect(model.hasRedis).toBe(true);
    const call = callOf(model, "get");
    expect(call.family).toBe(family);
    expect(call.command).toBe("get");
    expect(call.receiver).toBe("client");
    expect(call.client?.via).toBe("import");
  });

  it("clusters: new Cluster, new Redis.Cluster, createCluster, GlideClusterClient", () => {
    for (const code of [
      `import { Cluster } from "ioredis"; const c = new Cluster([]); c.get("k");`,
      `import Redis from "ioredis"; const c = new Redis.Cluster([]); c.get("k");`,
      `const Redis = require("ioredis"); const c = new Redis.Cluster([]); c.get("k");`,
      `import { createCluster } from "redis"; const c = createCluster({ rootNodes: [] }); c.get("k");`,
      `import { GlideClusterClient } from "@valkey/valkey-glide"; const c = await GlideClusterClient.createClient({ addresses: [] }); c.get("k");`,
    ]) {
      expect(clientOf(modelOf(code), "get").cluster, code).toBe(true);
    }
    expect(
      clientOf(modelOf(`import Redis from "ioredis"; const r = new Redis(); r.get("k");`), "get").cluster,
    ).toBeUndefined();
  });

  it("pools: createClientPool and client.createPool()", () => {
    expect(
      clientOf(modelOf(`import { createClientPool } from "redis"; const p = createClientPool(); p.get("k");`), "get")
        .pool,
    ).toBe(true);
    const m = modelOf(
      `import { createClient } from "redis"; const c = createClient(); async function f() { const p = c.createPool(); await p.get("k"); }`,
    );
    expect(clientOf(m, "get")).toMatchObject({ pool: true, lives: "dedicated" });
  });

  it("node-redis README: await createClient().on('error', ...).connect()", () => {
    const m = modelOf(`
      import { createClient } from "redis";
      const client = await createClient()
        .on("error", (err) => console.log("Redis Client Error", err))
        .connect();
      await client.set("key", "value");
    `);
    expect(clientOf(m, "set")).toMatchObject({ family: "node-redis", lives: "shared" });
  });

  it("node-redis: createClient().withTypeMapping({...})", () => {
    const m = modelOf(
      `import { createClient, RESP_TYPES } from "redis"; const c = createClient().withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }); await c.hGet("k", "f");`,
    );
    expect(callOf(m, "hGet").family).toBe("node-redis");
  });

  it("keeps the options object the client was made with", () => {
    const m = modelOf(`import Redis from "ioredis"; const r = new Redis({ enableAutoPipelining: true }); r.get("k");`);
    expect(clientOf(m, "get").options?.type).toBe("ObjectExpression");
  });

  it("duplicate() makes a dedicated client of the same family", () => {
    const m = modelOf(`
      import { createClient } from "redis";
      const client = createClient();
      async function listen() {
        const sub = client.duplicate();
        await sub.get("k");
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ family: "node-redis", lives: "dedicated", via: "import" });
    expect(clientOf(m, "get").key).not.toBe(clientOf(m, "duplicate").key);
  });

  it("Bun: await client.duplicate()", () => {
    const m = modelOf(
      `import { RedisClient } from "bun"; const c = new RedisClient(); async function f() { const d = await c.duplicate(); await d.get("k"); }`,
    );
    expect(clientOf(m, "get")).toMatchObject({ family: "bun", lives: "dedicated" });
  });

  it("a global cache: globalThis.redis ?? new Redis()", () => {
    const m = modelOf(
      `import Redis from "ioredis"; export const redis = globalThis.redis ?? new Redis(); redis.get("k");`,
    );
    expect(clientOf(m, "get")).toMatchObject({ family: "ioredis", lives: "shared", via: "import" });
  });

  it("a package that is not a client package is not a client", () => {
    const m = modelOf(`import Redis from "ioredis-mock-wrapper"; const r = new Redis(); r.get("k");`);
    expect(m.calls).toEqual([]);
  });

  it("require() in a .cjs file (sourceType commonjs declares `require`)", () => {
    const m = modelOf(`const Redis = require("ioredis"); const r = new Redis(); r.get("k");`, {
      parser: "plugin",
      filename: "file.cjs",
      sourceType: "commonjs",
    });
    expect(callOf(m, "get").family).toBe("ioredis");
  });

  it("require() with Node globals configured (same bug as above)", () => {
    const m = modelOf(`const { createClient } = require("redis"); const c = createClient(); c.get("k");`, {
      globals: { require: "readonly", module: "readonly" },
    });
    expect(callOf(m, "get").family).toBe("node-redis");
  });

  it("require() shadowed by a local function is not the module loader", () => {
    const m = modelOf(
      `function require(x) { return Map; } const R = require("ioredis"); const r = new R(); r.get("k");`,
    );
    expect(m.calls).toEqual([]);
  });

  it("import Redis = require('ioredis') (TypeScript CommonJS import)", () => {
    const m = modelOf(`import Redis = require("ioredis"); const r = new Redis(); r.get("k");`, {
      filename: "file.cts",
    });
    expect(callOf(m, "get").family).toBe("ioredis");
  });
});

describe("clients from TypeScript type annotations (no type information)", () => {
  it.each([
    [
      "parameter typed RedisClientType",
      `import type { RedisClientType } from "redis"; export function f(client: RedisClientType) { return client.get("k"); }`,
      "node-redis",
      "unknown",
    ],
    [
      "parameter typed ioredis Redis",
      `import type { Redis } from "ioredis"; export function f(r: Redis) { return r.get("k"); }`,
      "ioredis",
      "unknown",
    ],
    [
      "parameter typed with the default import",
      `import IORedis from "ioredis"; export function f(r: IORedis) { return r.get("k"); }`,
      "ioredis",
      "unknown",
    ],
    [
      "qualified IORedis.Redis",
      `import * as IORedis from "ioredis"; export function f(r: IORedis.Redis) { return r.get("k"); }`,
      "ioredis",
      "unknown",
    ],
    [
      "Upstash Redis type",
      `import type { Redis } from "@upstash/redis"; export function f(r: Redis) { return r.get("k"); }`,
      "upstash",
      "unknown",
    ],
    [
      "GlideClient type",
      `import type { GlideClient } from "@valkey/valkey-glide"; export function f(c: GlideClient) { return c.get("k"); }`,
      "glide",
      "unknown",
    ],
    [
      "VercelKV type",
      `import type { VercelKV } from "@vercel/kv"; export function f(c: VercelKV) { return c.get("k"); }`,
      "upstash",
      "unknown",
    ],
    [
      "RedisClientType re-exported by the user's module, file mentions redis",
      `import type { RedisClientType } from "./redis"; export function f(c: RedisClientType) { return c.get("k"); }`,
      "node-redis",
      "unknown",
    ],
    [
      "bun RedisClient type",
      `import type { RedisClient } from "bun"; export function f(c: RedisClient) { return c.get("k"); }`,
      "bun",
      "unknown",
    ],
    [
      "union with undefined",
      `import type { Redis } from "ioredis"; export function f(r: Redis | undefined) { return r!.get("k"); }`,
      "ioredis",
      "unknown",
    ],
    [
      "module-level typed variable",
      `import type { RedisClientType } from "redis"; declare const make: () => any; const c: RedisClientType = make(); c.get("k");`,
      "node-redis",
      "shared",
    ],
  ])("%s", (_name, code, family, lives) => {
    const client = clientOf(modelOf(code), "get");
    expect(client).toMatchObject({ family, lives, via: "type-annotation" });
  });

  it("class fields typed with a client type", () => {
    const m = modelOf(`
      import type { RedisClientType } from "redis";
      export class Cache {
        private client!: RedisClientType;
        read() { return this.client.get("k"); }
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ family: "node-redis", lives: "shared", via: "type-annotation" });
  });

  it("constructor parameter properties", () => {
    const m = modelOf(`
      import { Redis } from "ioredis";
      export class Repo {
        constructor(private readonly redis: Redis) {}
        find(id: string) { return this.redis.hgetall("user:" + id); }
      }
    `);
    expect(clientOf(m, "hgetall")).toMatchObject({ family: "ioredis", lives: "shared" });
  });

  it("constructor(@InjectRedis() private redis: Redis), Redis imported from ioredis", () => {
    const m = modelOf(`
      import { InjectRedis } from "@nestjs-modules/ioredis";
      import Redis from "ioredis";
      export class Service {
        constructor(@InjectRedis() private readonly redis: Redis) {}
        get(k: string) { return this.redis.get(k); }
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ family: "ioredis", lives: "shared" });
  });

  it("constructor(@InjectRedis() private redis: Redis), Redis type from elsewhere", () => {
    const m = modelOf(`
      import { InjectRedis, type Redis } from "@nestjs-modules/ioredis";
      export class Service {
        constructor(@InjectRedis() private readonly cache: Redis) {}
        get(k: string) { return this.cache.get(k); }
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ family: "ioredis", lives: "shared" });
  });

  it("an unambiguous type name imported from the user's own module", () => {
    const m = modelOf(
      `import type { RedisClientType } from "@/types"; export function f(c: RedisClientType) { return c.get("k"); }`,
    );
    expect(clientOf(m, "get")).toMatchObject({ family: "node-redis", via: "type-annotation" });
  });

  it("a Redis type that is not from a client package is not trusted", () => {
    const m = modelOf(`
      import type { Redis } from "./my-types";
      export function f(store: Redis) { return store.get("k"); }
    `);
    expect(m.calls).toEqual([]);
  });

  it("this.x = new Redis() in the constructor", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      export class Queue {
        constructor(url) { this.conn = new Redis(url); }
        push(v) { return this.conn.lpush("q", v); }
      }
    `);
    expect(clientOf(m, "lpush")).toMatchObject({ family: "ioredis", lives: "shared", via: "import" });
  });

  it("a field initialiser: #redis = createClient()", () => {
    const m = modelOf(`
      import { createClient } from "redis";
      export class Store {
        #redis = createClient();
        get(k) { return this.#redis.get(k); }
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ family: "node-redis", lives: "shared" });
  });

  it("`this` in a nested plain function is not the instance", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      class Q {
        conn = new Redis();
        run() { setTimeout(function () { this.conn.set("k", 1); }); }
      }
    `);
    expect(m.calls.filter((c) => c.method === "set")).toEqual([]);
  });
});

describe("structural evidence", () => {
  it("conn.multi().set(...).exec() makes conn a client", () => {
    const m = modelOf(`
      export async function save(conn, id, body) {
        await conn.multi().set("doc:" + id, body).expire("doc:" + id, 60).exec();
        return conn.get("doc:" + id);
      }
    `);
    expect(clientOf(m, "get")).toMatchObject({ via: "structure", family: "unknown", lives: "unknown" });
    expect(m.transactions).toHaveLength(1);
    expect(m.transactions[0].queued.map((c) => c.command)).toEqual(["set", "expire"]);
  });

  it("a member receiver: this.store.pipeline() ... exec()", () => {
    const m = modelOf(`
      class A {
        async f() {
          const p = this.store.pipeline();
          p.incr("a");
          await p.exec();
          return this.store.get("a");
        }
      }
    `);
    expect(clientOf(m, "get").via).toBe("structure");
  });

  it("settings.redis.defaultFamily names the family of clients found by structure", () => {
    const m = modelOf(`async function f(c) { await c.multi().set("a", 1).exec(); }`, {
      redis: { defaultFamily: "node-redis" },
    });
    expect(callOf(m, "set").family).toBe("node-redis");
  });

  it("multi() without commands and exec() is not evidence", () => {
    expect(modelOf(`function f(db) { return db.multi("SELECT 1; SELECT 2").then((r) => r); }`).hasRedis).toBe(false);
    expect(modelOf(`function f(q) { const t = q.multi(); t.push(1); return t; }`).hasRedis).toBe(false);
  });
});

describe("clients by name: settings.redis.clientNames and clientModules", () => {
  it("default names match imports from the user's own modules", () => {
    const m = modelOf(`import { redis } from "./lib/redis"; export const get = (k) => redis.get(k);`);
    expect(clientOf(m, "get")).toMatchObject({ via: "name", lives: "shared" });
  });

  it("default names match member paths", () => {
    const m = modelOf(`export function f(app) { return app.redisClient.get("k"); }`);
    expect(clientOf(m, "get").via).toBe("name");
  });

  it("a name does not make a client of a value that is visibly something else", () => {
    expect(modelOf(`const redis = new Map(); redis.get("k");`).calls).toEqual([]);
    expect(modelOf(`const redis = { get(k) { return k; } }; redis.get("k");`).calls).toEqual([]);
  });

  it("custom clientNames replace the defaults", () => {
    const code = `import { cache } from "../infra"; import { redis } from "./redis"; cache.get("a"); redis.get("b");`;
    const m = modelOf(code, { redis: { clientNames: ["cache"] } });
    expect(summary(m)).toEqual(["get→get @client (unknown, unknown/shared)"]);
    expect(callOf(m, "get").args[0]).toMatchObject({ value: "a" });
  });

  it("clientNames accepts /regular expressions/", () => {
    const m = modelOf(`import { sessionStore, cacheStore } from "./x"; sessionStore.get("a"); cacheStore.get("b");`, {
      redis: { clientNames: ["/^session/"] },
    });
    expect(m.calls.map((c) => c.args[0])).toMatchObject([{ value: "a" }]);
  });

  it("an invalid regular expression in clientNames matches nothing and does not throw", () => {
    const m = modelOf(`import { x } from "./x"; x.get("a");`, { redis: { clientNames: ["/([/"] } });
    expect(m.calls).toEqual([]);
  });

  it("clientModules: every import of the module is a client", () => {
    const m = modelOf(
      `import store from "../../lib/store"; import { other } from "../../lib/other"; store.get("a"); other.get("b");`,
      {
        redis: { clientModules: ["lib/store"] },
      },
    );
    expect(m.calls).toHaveLength(1);
    expect(clientOf(m, "get")).toMatchObject({ via: "name", lives: "shared", family: "unknown" });
  });

  it("clientModules with a defaultFamily", () => {
    const m = modelOf(`import { conn } from "app/cache"; conn.setNX("a", 1);`, {
      redis: { clientModules: ["app/cache"], defaultFamily: "node-redis" },
    });
    expect(callOf(m, "setNX")).toMatchObject({ family: "node-redis", command: "setnx" });
  });

  it("clientModules written with ~ or @ (as documented)", () => {
    const m = modelOf(`import store from "~/lib/store"; store.get("a");`, {
      redis: { clientModules: ["~/lib/store"] },
    });
    expect(clientOf(m, "get").via).toBe("name");
  });

  it("clientModules with a scoped alias and a defaultFamily", () => {
    const m = modelOf(`import { conn } from "@app/cache"; conn.setNX("a", 1);`, {
      redis: { clientModules: ["@app/cache"], defaultFamily: "node-redis" },
    });
    expect(callOf(m, "setNX")).toMatchObject({ family: "node-redis", command: "setnx" });
  });
});
