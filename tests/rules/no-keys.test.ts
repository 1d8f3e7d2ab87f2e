import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-keys.js";

ruleTester.run("no-keys", rule, {
  valid: [
    // --- Clients by evidence (recognition/evidence.ts): look-alikes with generic names stay silent.
    `export function f(store) { store.keys("*"); store.get("a"); store.set("a", 1); }`,
    `export function f(client) { client.keys(); client.expire("k", 1); }`,
    `const cache = new Map(); export function f() { return [...cache.keys()]; }`,
    // Look-alikes: not Redis.
    `const m = new Map(); for (const k of m.keys()) console.log(k);`,
    `Object.keys({ a: 1 });`,
    `const store = { keys(p) { return [p]; } }; store.keys("*");`,
    `import _ from "lodash"; _.keys({ a: 1 });`,
    `import express from "express"; const app = express(); app.get("/keys", (req, res) => res.send(Object.keys(req.query)));`,
    `const redis = new Map(); redis.keys();`,
    // Redis, but not KEYS.
    `import Redis from "ioredis"; const r = new Redis(); await r.scan(0, "MATCH", "user:*");`,
    `import Redis from "ioredis"; const r = new Redis(); r.scanStream({ match: "user:*" });`,
    `import { createClient } from "redis"; const c = createClient(); for await (const k of c.scanIterator({ MATCH: "a:*" })) {}`,
    `import { createClient } from "redis"; const c = createClient(); await c.hKeys("h");`,
    `import Redis from "ioredis"; const r = new Redis(); await r.call("SCAN", "0");`,
    // A name-matched value with no argument is not KEYS.
    `import { redis } from "./lib/redis"; redis.keys();`,
    // Review: a value called `redis` whose type says it is not a client (a Map, a Set).
    `export function sizes(redis: Map<string, string[]>) { return redis.keys(); }`,
    `export class C { constructor(private readonly redis: Set<string>) {} all() { return [...this.redis.keys()]; } }`,
  ],
  invalid: [
    // --- Clients by evidence: generic names the file calls Redis-only commands on.
    {
      name: "`self.client` with `var self = this` in prototype methods (express-redis-cache)",
      code: `function Cache(options) {
  this.client = options.client;
}
Cache.prototype.get = function (name, cb) {
  var self = this;
  self.client.keys(name + "*", function (err, keys) {
    self.client.hgetall(keys[0], cb);
  });
};
Cache.prototype.add = function (name, value, cb) {
  this.client.hmset(name, value, cb);
};
module.exports = Cache;`,
      errors: [{ messageId: "noKeys", line: 6 }],
    },
    {
      code: `import Redis from "ioredis"; const redis = new Redis(); const ks = await redis.keys("user:*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import Redis from "ioredis"; const redis = new Redis(); const ks = await (async () => { const keys = []; for await (const batch of redis.scanStream({ match: "user:*" })) keys.push(...batch); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const redis = new Redis(); redis.keys("*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `const Redis = require("iovalkey"); const redis = new Redis(); (async () => { const keys = []; for await (const batch of redis.scanStream({ match: "*" })) keys.push(...batch); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from "redis"; const client = createClient(); await client.connect(); const ks = await client.KEYS(pattern);`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import { createClient } from "redis"; const client = createClient(); await client.connect(); const ks = await (async () => { const keys = []; for await (const k of client.scanIterator({ MATCH: pattern })) keys.push(...[k].flat()); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from "@redis/client"; const client = createClient(); await client.keys("a*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import { createClient } from "@redis/client"; const client = createClient(); await (async () => { const keys = []; for await (const k of client.scanIterator({ MATCH: "a*" })) keys.push(...[k].flat()); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); await redis.keys("session:*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); await (async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await redis.scan(cursor, { match: "session:*" }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; await kv.keys("*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import { kv } from "@vercel/kv"; await (async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await kv.scan(cursor, { match: "*" }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); await client.keys("*");`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); await (async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await client.scan(cursor, { match: "*" }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); await client.customCommand(["KEYS", "*"]);`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import { redis } from "bun"; await redis.keys("*");`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); await c.send("KEYS", ["*"]);`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `await Bun.redis.keys("*");`,
      errors: [{ messageId: "noKeys" }],
    },
    // Raw forms.
    {
      code: `import Redis from "ioredis"; const r = new Redis(); await r.call("KEYS", "*");`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import Redis from "ioredis"; const r = new Redis(); await r.send_command("keys", ["*"]);`,
      errors: [{ messageId: "noKeys" }],
    },
    {
      code: `import { createClient } from "redis"; const c = createClient(); await c.sendCommand(["KEYS", "*"]);`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    // In a transaction or pipeline.
    {
      code: `import Redis from "ioredis"; const r = new Redis(); await r.multi().keys("*").exec();`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import Redis from "ioredis"; const r = new Redis(); const p = r.pipeline(); p.keys("*"); await p.exec();`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    // Clients by name and by type annotation.
    {
      code: `import { redis } from "../lib/redis"; export async function all() { return redis.keys("*"); }`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import type { Redis } from "ioredis"; export class Repo { constructor(private readonly redis: Redis) {} list() { return this.redis.keys("a:*"); } }`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import type { Redis } from "ioredis"; export class Repo { constructor(private readonly redis: Redis) {} list() { return (async () => { const keys = []; for await (const batch of this.redis.scanStream({ match: "a:*" })) keys.push(...batch); return keys; })(); } }`,
            },
          ],
        },
      ],
    },
    {
      code: `import type { RedisClientType } from "redis"; export async function list(client: RedisClientType) { return client.keys("a:*"); }`,
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output: `import type { RedisClientType } from "redis"; export async function list(client: RedisClientType) { return (async () => { const keys = []; for await (const k of client.scanIterator({ MATCH: "a:*" })) keys.push(...[k].flat()); return keys; })(); }`,
            },
          ],
        },
      ],
    },
    // Review: no suggestion when the pattern reads a name the replacement declares (it would read ours).
    {
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function f(batch: string) { return redis.keys(batch + ":*"); }`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: `import Redis from "ioredis"; const redis = new Redis(); export async function f(keys: string) { return redis.keys(keys); }`,
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      // node-redis: `for await (const k of client.scanIterator({ MATCH: \`${k}:*\` }))` would throw (TDZ).
      code: 'import { createClient } from "redis"; const client = createClient(); export async function f(k: string) { return client.keys(`${k}:*`); }',
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      code: 'import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export async function f(cursor: string) { return redis.keys(`${cursor}*`); }',
      errors: [{ messageId: "noKeys", suggestions: [] }],
    },
    {
      // ioredis: `k` is not declared by its replacement.
      code: 'import Redis from "ioredis"; const redis = new Redis(); export async function f(k: string) { return redis.keys(`${k}:*`); }',
      errors: [
        {
          messageId: "noKeys",
          suggestions: [
            {
              messageId: "useScan",
              output:
                'import Redis from "ioredis"; const redis = new Redis(); export async function f(k: string) { return (async () => { const keys = []; for await (const batch of redis.scanStream({ match: `${k}:*` })) keys.push(...batch); return keys; })(); }',
            },
          ],
        },
      ],
    },
    // Review: a cluster has one keyspace per master; an ioredis Cluster has no scanStream.
    {
      code: `import Redis from "ioredis"; const cluster = new Redis.Cluster([{ host: "a", port: 6379 }]); await cluster.keys("user:*");`,
      errors: [
        {
          messageId: "noKeys",
          data: {
            how: "ioredis keys()",
            scan: 'scanStream({ match }) on each node of cluster.nodes("master") (a Cluster has no scanStream)',
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `import { createCluster } from "redis"; const cluster = createCluster({ rootNodes: [] }); await cluster.keys("user:*");`,
      errors: [
        {
          messageId: "noKeys",
          data: { how: "node-redis keys()", scan: "scanIterator({ MATCH }) on the client of each master node" },
          suggestions: [],
        },
      ],
    },
    {
      code: `import { GlideClusterClient } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); await client.customCommand(["KEYS", "user:*"]);`,
      errors: [
        {
          messageId: "noKeys",
          data: {
            how: "valkey-glide raw customCommand(...)",
            scan: "scan(new ClusterScanCursor(), { match }) until cursor.isFinished()",
          },
          suggestions: [],
        },
      ],
    },
  ],
});
