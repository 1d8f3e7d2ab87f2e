import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/require-connect.js";

const REJECTS = 'node-redis v4 and later reject it with ClientClosedError ("The client is closed")';
const HANGS =
  "node-redis v4 and later queue it for a connection that never comes (it never settles, and no message ever arrives)";

const ROUTED =
  'node-redis v4 and later fail it with a TypeError ("Cannot read properties of undefined"): the topology is only read in connect()';

const v3 = { redis: { versions: { redis: 3 } } };
const v4 = { redis: { versions: { redis: 4 } } };
/** A file outside any node_modules: the installed node-redis major is unknown. */
const UNKNOWN_VERSION = "/require-connect-nowhere/src/file.ts";

const error = (client: string, method: string, failure = REJECTS, suggestion?: string) => ({
  messageId: "neverConnected" as const,
  data: { client, method, failure },
  suggestions: suggestion ? [{ messageId: "connectAfterCreation" as const, data: { client }, output: suggestion }] : [],
});

ruleTester.run("require-connect", rule, {
  valid: [
    // --- Connected in the file.
    `import { createClient } from "redis";
const client = createClient();
await client.connect();
export const get = (k: string) => client.get(k);`,
    // connect() chained at creation (the valid case), also through on(...) and .then.
    `import { createClient } from "redis";
const client = await createClient({ url: process.env.REDIS_URL }).on("error", console.error).connect();
export const get = (k: string) => client.get(k);`,
    `import { createClient } from "redis";
const client = createClient();
const ready = client.connect().then(() => client);
export async function get(k: string) { await ready; return client.get(k); }`,
    // Connected later, conditionally, in another function of the file.
    `import type { RedisClientType } from "redis";
export class Notifications {
  private sub: RedisClientType | null = null;
  constructor(private readonly redis: RedisClientType) {}
  async listen(ch: string) {
    const sub = this.redis.duplicate();
    if (!sub.isOpen) await sub.connect();
    await sub.subscribe(ch, () => {});
  }
}`,
    `import { createClient } from "redis";
const client = createClient();
export async function init() { await client.on("error", console.error).connect(); }
export async function get(k: string) { return client.get(k); }`,
    `import { createClient } from "redis";
const a = createClient(); const b = a.duplicate();
await Promise.all([a.connect(), b.connect()]);
export const f = async () => { await a.get("x"); await b.subscribe("ch", () => {}); };`,
    // Connected by a helper of the file that takes it as an argument (and an argument escapes anyway).
    `import { createClient } from "redis";
async function ready(c) { c.on("error", console.error); await c.connect(); return c; }
const client = createClient();
await ready(client);
export const get = (k: string) => client.get(k);`,
    // --- The client leaves the file: connected elsewhere, maybe.
    `import { createClient } from "redis"; export const client = createClient(); export const get = (k: string) => client.get(k);`,
    `import { createClient } from "redis"; const client = createClient(); export default client; client.get("warm");`,
    `import { createClient } from "redis"; const client = createClient(); export { client }; await client.get("warm");`,
    `const { createClient } = require("redis"); const client = createClient(); module.exports = client; client.get("x");`,
    `import { createClient } from "redis";
export function makeSubscriber(url: string) { const sub = createClient({ url }); sub.subscribe("ch", () => {}); return sub; }`,
    `import { createClient } from "redis";
export async function handler(register: (c: unknown) => void) { const c = createClient(); register(c); await c.get("k"); }`,
    `import { createClient } from "redis";
export class Cache { redis = createClient(); get(k: string) { return this.redis.get(k); } }`,
    `import { createClient } from "redis";
const client = createClient(); const app = { redis: client }; await client.set("k", "v"); export default app;`,
    `import { createClient } from "redis";
const client = createClient(); const alias = client; await client.get("k"); export { alias };`,
    `import { createClient } from "redis";
const client = createClient(); export const pick = () => client || null; await client.get("k");`,
    // Written twice: not one client.
    `import { createClient } from "redis";
let client = createClient(); client = createClient(); await client.get("k");`,
    // --- Clients that connect on their own.
    `import Redis from "ioredis"; const redis = new Redis(); export const get = (k: string) => redis.get(k);`,
    // ioredis with lazyConnect: the first command connects (measured: docs/semantics.md §12).
    `import Redis from "ioredis"; const redis = new Redis({ lazyConnect: true }); export const get = (k: string) => redis.get(k);`,
    `import Redis from "ioredis"; const redis = new Redis(); const sub = redis.duplicate(); await sub.subscribe("ch");`,
    // node-redis v3 connects on its own.
    {
      code: `const redis = require("redis"); const client = redis.createClient(); client.get("k", (err, v) => console.log(v));`,
      settings: v3,
    },
    {
      code: `import { createClient } from "redis"; const client = createClient(); const sub = client.duplicate(); sub.subscribe("ch"); client.hset("h", "f", "v");`,
      settings: v3,
    },
    // The version is unknown and nothing in the file is written for v4: v3 is possible.
    {
      code: `const redis = require("redis"); const client = redis.createClient(); client.hset("h", "f", "v", () => {});`,
      filename: UNKNOWN_VERSION,
    },
    // Other clients.
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); export const get = (k: string) => redis.get(k);`,
    `import { createClient } from "@vercel/kv"; const kv = createClient({ url: "u", token: "t" }); export const get = (k: string) => kv.get(k);`,
    `import { GlideClient } from "@valkey/valkey-glide"; const c = await GlideClient.createClient({ addresses: [] }); export const get = (k: string) => c.get(k);`,
    `import { RedisClient } from "bun"; const c = new RedisClient(); export const get = (k: string) => c.get(k);`,
    // --- Look-alikes: a createClient of another library, clients from the user's own modules.
    `import { createClient } from "@supabase/supabase-js"; const db = createClient("u", "k"); export const q = () => db.from("t").select();`,
    `import { createClient } from "graphql-ws"; const ws = createClient({ url: "ws://x" }); ws.subscribe({ query: "{a}" }, {});`,
    `import { createClient } from "./lib/redis"; const client = createClient(); export const get = (k: string) => client.get(k);`,
    `import { redis } from "./lib/redis"; const sub = redis.duplicate(); await sub.subscribe("ch", () => {});`,
    `const cache = new Map(); cache.get("k"); cache.set("k", 1);`,
    `import knex from "knex"; const db = knex({}); export const f = () => db("t").select();`,
    `import axios from "axios"; const http = axios.create(); export const f = () => http.get("/x");`,
    `const store = { get: (k: string) => k, connect() {} }; store.get("k");`,
    // Clients arriving as parameters or fields: connected by whoever made them.
    `import type { RedisClientType } from "redis"; export const get = (client: RedisClientType, k: string) => client.get(k);`,
    `import type { RedisClientType } from "redis"; export class S { constructor(private redis: RedisClientType) {} get(k: string) { return this.redis.get(k); } }`,
    // Created but never sent a command.
    `import { createClient } from "redis"; const client = createClient(); client.on("error", console.error);`,
  ],
  invalid: [
    {
      name: "node-redis v5 (installed): a module-level client never connected",
      code: `import { createClient } from "redis";
const client = createClient({ url: process.env.REDIS_URL });
client.on("error", console.error);
export async function get(key: string) {
  return client.get(key);
}`,
      errors: [
        error(
          "client",
          "get()",
          REJECTS,
          `import { createClient } from "redis";
const client = createClient({ url: process.env.REDIS_URL });
await client.connect();
client.on("error", console.error);
export async function get(key: string) {
  return client.get(key);
}`,
        ),
      ],
    },
    {
      name: "the subscriber duplicate that never gets its own connect()",
      code: `import type { RedisClientType } from "redis";
export async function listen(client: RedisClientType, channel: string, onMessage: (m: string) => void) {
  const subscriber = client.duplicate();
  await subscriber.subscribe(channel, onMessage);
  await client.publish("joined", channel);
  return () => subscriber.unsubscribe(channel);
}`,
      errors: [
        error(
          "subscriber",
          "subscribe()",
          HANGS,
          `import type { RedisClientType } from "redis";
export async function listen(client: RedisClientType, channel: string, onMessage: (m: string) => void) {
  const subscriber = client.duplicate();
  await subscriber.connect();
  await subscriber.subscribe(channel, onMessage);
  await client.publish("joined", channel);
  return () => subscriber.unsubscribe(channel);
}`,
        ),
      ],
    },
    {
      name: "node-redis v4: typed client, reported once at its first command",
      code: `import { createClient, type RedisClientType } from "redis";
export async function save(id: string, name: string) {
  const client: RedisClientType = createClient();
  await client.hSet(\`user:\${id}\`, "name", name);
  await client.expire(\`user:\${id}\`, 60);
}`,
      settings: v4,
      errors: [
        error(
          "client",
          "hSet()",
          REJECTS,
          `import { createClient, type RedisClientType } from "redis";
export async function save(id: string, name: string) {
  const client: RedisClientType = createClient();
  await client.connect();
  await client.hSet(\`user:\${id}\`, "name", name);
  await client.expire(\`user:\${id}\`, 60);
}`,
        ),
      ],
    },
    {
      name: "a connected client and its duplicate: only the duplicate is reported",
      code: `import { createClient } from "redis";
const client = await createClient().connect();
const blocking = client.duplicate();
export const next = () => blocking.blPop("jobs", 0);`,
      errors: [
        error(
          "blocking",
          "blPop()",
          REJECTS,
          `import { createClient } from "redis";
const client = await createClient().connect();
const blocking = client.duplicate();
await blocking.connect();
export const next = () => blocking.blPop("jobs", 0);`,
        ),
      ],
    },
    {
      name: "a pool (node-redis v5 createClientPool) needs connect() too",
      code: `import { createClientPool } from "redis";
const pool = createClientPool();
export const get = (k: string) => pool.get(k);`,
      errors: [
        error(
          "pool",
          "get()",
          REJECTS,
          `import { createClientPool } from "redis";
const pool = createClientPool();
await pool.connect();
export const get = (k: string) => pool.get(k);`,
        ),
      ],
    },
    {
      name: "createCluster",
      code: `import { createCluster } from "redis";
const cluster = createCluster({ rootNodes: [{ url: "redis://10.0.0.1:6379" }] });
export const get = (k: string) => cluster.get(k);`,
      errors: [
        error(
          "cluster",
          "get()",
          ROUTED,
          `import { createCluster } from "redis";
const cluster = createCluster({ rootNodes: [{ url: "redis://10.0.0.1:6379" }] });
await cluster.connect();
export const get = (k: string) => cluster.get(k);`,
        ),
      ],
    },
    {
      name: "createSentinel, in an async function",
      code: `import { createSentinel } from "redis";
export async function appName() {
  const sentinel = createSentinel({ name: "mymaster", sentinelRootNodes: [{ host: "10.0.0.1", port: 26379 }] });
  return sentinel.get("app:name");
}`,
      errors: [
        error(
          "sentinel",
          "get()",
          ROUTED,
          `import { createSentinel } from "redis";
export async function appName() {
  const sentinel = createSentinel({ name: "mymaster", sentinelRootNodes: [{ host: "10.0.0.1", port: 26379 }] });
  await sentinel.connect();
  return sentinel.get("app:name");
}`,
        ),
      ],
    },
    {
      name: "CommonJS (.cts): no top-level await, so no suggestion",
      code: `const { createClient } = require("redis");
const client = createClient();
module.exports.get = async (k) => client.get(k);`,
      filename: "file.cts",
      errors: [error("client", "get()")],
    },
    {
      name: "a client made in a function that is not async: no suggestion",
      code: `import { createClient } from "redis";
export function start() {
  const client = createClient();
  client.multi().set("a", "1").exec().catch(console.error);
}`,
      errors: [error("client", "exec()")],
    },
    {
      name: "a raw command",
      code: `import * as redis from "redis";
async function main() {
  const c = redis.createClient();
  console.log(await c.sendCommand(["PING"]));
}
void main();`,
      errors: [
        error(
          "c",
          "PING (sendCommand)",
          REJECTS,
          `import * as redis from "redis";
async function main() {
  const c = redis.createClient();
  await c.connect();
  console.log(await c.sendCommand(["PING"]));
}
void main();`,
        ),
      ],
    },
    {
      name: "unknown version, but written for v4 (camelCase hSet): reported",
      code: `import { createClient } from "redis";
const client = createClient();
export const save = (id: string) => client.hSet(id, "seen", "1");`,
      filename: UNKNOWN_VERSION,
      errors: [
        error(
          "client",
          "hSet()",
          REJECTS,
          `import { createClient } from "redis";
const client = createClient();
await client.connect();
export const save = (id: string) => client.hSet(id, "seen", "1");`,
        ),
      ],
    },
    {
      name: "unknown version, another client of the file is connected (v4 usage): the duplicate is reported",
      code: `import { createClient } from "redis";
const client = createClient();
await client.connect();
const sub = client.duplicate();
await sub.subscribe("news", (m) => console.log(m));`,
      filename: UNKNOWN_VERSION,
      errors: [
        error(
          "sub",
          "subscribe()",
          HANGS,
          `import { createClient } from "redis";
const client = createClient();
await client.connect();
const sub = client.duplicate();
await sub.connect();
await sub.subscribe("news", (m) => console.log(m));`,
        ),
      ],
    },
    {
      name: "let, assigned once, captured by a closure that is returned (the client itself stays)",
      code: `import { createClient } from "redis";
export async function counter(name: string) {
  let c;
  c = createClient();
  return async () => c.incr(name);
}`,
      errors: [
        error(
          "c",
          "incr()",
          REJECTS,
          `import { createClient } from "redis";
export async function counter(name: string) {
  let c;
  c = createClient();
  await c.connect();
  return async () => c.incr(name);
}`,
        ),
      ],
    },
  ],
});
