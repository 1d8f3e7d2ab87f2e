import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/require-error-listener.js";

const L = `on("error", (err) => console.error("Redis client error", err))`;
/** The report, by its data: "The node-redis <noun> made by <call> has no `error` listener anywhere in this file. ..." */
const msg = (call: string, noun = "client") => ({
  messageId: "noErrorListener" as const,
  data: { label: "node-redis", noun, call },
});
const suggestion = (output: string) => [{ messageId: "addErrorListener" as const, output }];

ruleTester.run("require-error-listener", rule, {
  valid: [
    // --- node-redis clients with a listener: chained, later, once / addListener / prependListener.
    `import { createClient } from "redis"; const c = createClient().on("error", (e) => console.error(e)); await c.connect();`,
    `import { createClient } from "redis"; const c = await createClient().on("error", console.error).connect();`,
    `import { createClient } from "redis"; const c = createClient(); c.on("error", (e) => log(e)); await c.connect();`,
    `import { createClient } from "redis"; const c = createClient(); c.once("error", (e) => log(e)); await c.connect();`,
    `import { createClient } from "redis"; const c = createClient(); c.addListener("error", (e) => log(e)); await c.connect();`,
    `import { createClient } from "redis"; const c = createClient(); c.prependListener("error", (e) => log(e)); await c.connect();`,
    `import { createClient } from "redis"; export const c = createClient(); c.on("connect", () => {}).on("error", (e) => log(e)); await c.connect();`,
    `import { createClient } from "redis"; const c = createClient(); c?.on("error", (e) => log(e)); await c.connect();`,
    // An event the file does not spell out may be "error".
    `import { createClient } from "redis"; const c = createClient(); for (const ev of events) c.on(ev, handler); await c.connect();`,
    // --- The listener attached in a helper of the same file.
    `import { createClient } from "redis";
function withLogging(client) { client.on("error", (err) => logger.error(err)); return client; }
const redis = createClient({ url: process.env.REDIS_URL });
withLogging(redis);
await redis.connect();
export default redis;`,
    `import { createClient } from "redis";
const attach = (c) => { c.on("error", report); };
export const redis = createClient();
attach(redis);
await redis.connect();`,
    `import { createClient } from "redis";
function attach(c) { listen(c); }
function listen(c) { c.once("error", report); }
export const redis = createClient();
attach(redis);
await redis.connect();`,
    // --- Class fields and constructor assignments with a listener in the class.
    `import { createClient } from "redis";
export class Cache {
  private client = createClient();
  constructor() { this.client.on("error", (e) => this.log(e)); }
  get(k: string) { return this.client.get(k); }
}`,
    `import { createClient } from "redis";
export class Cache {
  constructor(url) { this.client = createClient({ url }); this.attach(this.client); }
  attach(client) { client.on("error", () => {}); }
}`,
    // --- Pools, duplicates, v3 with a listener.
    `import { createClientPool } from "redis"; const pool = await createClientPool().on("error", log).connect();`,
    `import { createClient } from "redis"; const c = createClient().on("error", log); const sub = c.duplicate(); sub.on("error", log); await sub.connect();`,
    `const redis = require("redis"); const client = redis.createClient(); client.on("error", function (err) { console.log(err); });`,
    // --- Handed to code outside the file, stored elsewhere, or returned by a factory: not known.
    `import { createClient } from "redis"; const c = createClient(); await c.connect(); export const store = new RedisStore({ client: c });`,
    `import { createClient } from "redis"; const c = createClient(); await c.connect(); setup(c);`,
    `import { createClient } from "redis"; export function makeRedis(url) { return createClient({ url }); } export const x = await makeRedis("u").connect();`,
    `import { createClient } from "redis"; export function makeRedis(url) { const c = createClient({ url }); c.connect(); return c; }`,
    `import { createClient } from "redis"; globalThis.redis ??= createClient(); await globalThis.redis.connect();`,
    `import { createClient } from "redis"; const clients = [createClient(), createClient()]; await clients[0].connect();`,
    `import { createClient } from "redis"; const c = createClient(); const alias = c; alias.on("error", log); await c.connect();`,
    // --- A cluster survives its nodes' errors (docs/semantics.md §11); a sentinel is not verified.
    `import { createCluster } from "redis"; const cluster = createCluster({ rootNodes: [{ url }] }); await cluster.connect();`,
    `import { createSentinel } from "redis"; export const s = createSentinel({ name: "mymaster", sentinelRootNodes: [{ host: "localhost", port: 26379 }] }); await s.connect();`,
    // --- Other clients: ioredis logs "[ioredis] Unhandled error event" and reconnects; GLIDE, Upstash, Bun not reported.
    `import Redis from "ioredis"; export const redis = new Redis(process.env.REDIS_URL);`,
    `import Redis from "ioredis"; const redis = new Redis(); const sub = redis.duplicate(); await sub.subscribe("ch");`,
    `import { Redis } from "iovalkey"; export const redis = Redis.createClient();`,
    `import { Cluster } from "ioredis"; export const cluster = new Cluster([{ host: "a", port: 6379 }]);`,
    `import { GlideClient } from "@valkey/valkey-glide"; export const client = await GlideClient.createClient({ addresses: [{ host: "localhost" }] });`,
    `import { Redis } from "@upstash/redis"; export const redis = Redis.fromEnv();`,
    `import { createClient } from "@vercel/kv"; export const kv = createClient({ url, token });`,
    `import { RedisClient } from "bun"; export const client = new RedisClient("redis://localhost:6379");`,
    // --- A duplicate of a client known only by its name: not known to be node-redis.
    `export async function sub(client) { const s = client.duplicate(); await s.connect(); await s.subscribe("c", f); await client.get("k"); }`,
    // --- The listener attached through an arrow function field of the class.
    `import type { RedisClientType } from "redis";
export class Events {
  private sub: RedisClientType;
  constructor(redis: RedisClientType) { this.sub = redis.duplicate(); this.sub.on("error", this.onError); }
  onError = (e: Error) => console.error(e);
  async start() { await this.sub.connect(); }
}`,
    // --- Clients arriving from elsewhere: not created here.
    `import { redis } from "./lib/redis"; export async function get(k) { return redis.get(k); }`,
    `import type { RedisClientType } from "redis"; export async function get(client: RedisClientType, k: string) { return client.get(k); }`,
    `export class Repo { constructor(private redis) {} get(k) { return this.redis.get(k); } }`,
    // --- Look-alikes: createClient of other libraries, or of the file itself.
    `import { createClient } from "@supabase/supabase-js"; export const supabase = createClient(url, key);`,
    `import { createClient } from "@libsql/client"; export const db = createClient({ url: "file:local.db" });`,
    `import { createClient } from "graphql-ws"; export const ws = createClient({ url: "ws://localhost/graphql" });`,
    `import axios from "axios"; export const http = axios.create({ baseURL: "/api" });`,
    `function createClient() { return { get() {} }; } export const client = createClient();`,
    `const cache = new Map(); export const copy = cache.duplicate?.();`,
    `import knex from "knex"; export const db = knex({ client: "pg" });`,
    `import { PrismaClient } from "@prisma/client"; export const db = new PrismaClient();`,
  ],
  invalid: [
    {
      name: "a duplicate() of a typed parameter kept in a field (no-commands-on-subscriber's example before it had a listener)",
      code: `import type { RedisClientType } from "redis";
export class Notifications {
  private readonly subscriber: RedisClientType;
  constructor(private readonly redis: RedisClientType) {
    this.subscriber = redis.duplicate();
  }
  async listen(id: string) {
    if (!this.subscriber.isOpen) await this.subscriber.connect();
    await this.subscriber.subscribe(\`n:\${id}\`, (m) => void this.redis.lPush(\`inbox:\${id}\`, m));
  }
}`,
      errors: [
        {
          ...msg("redis.duplicate()", "duplicate() connection"),
          line: 5,
          suggestions: suggestion(`import type { RedisClientType } from "redis";
export class Notifications {
  private readonly subscriber: RedisClientType;
  constructor(private readonly redis: RedisClientType) {
    this.subscriber = redis.duplicate().${L};
  }
  async listen(id: string) {
    if (!this.subscriber.isOpen) await this.subscriber.connect();
    await this.subscriber.subscribe(\`n:\${id}\`, (m) => void this.redis.lPush(\`inbox:\${id}\`, m));
  }
}`),
        },
      ],
    },
    {
      name: "a lib/redis module exporting a client with no listener",
      code: `import { createClient } from "redis";

export const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();`,
      errors: [
        {
          ...msg("createClient()"),
          line: 3,
          suggestions: suggestion(`import { createClient } from "redis";

export const redis = createClient({ url: process.env.REDIS_URL });
redis.${L};
await redis.connect();`),
        },
      ],
    },
    {
      name: "await createClient().connect(): the listener goes before connect()",
      code: `import { createClient } from "redis";
export const redis = await createClient({ url }).connect();`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
export const redis = await createClient({ url }).${L}.connect();`),
        },
      ],
    },
    {
      name: "inside a function, indented",
      code: `import { createClient } from "redis";
export async function start() {
  const client = createClient();
  await client.connect();
  return client.ping();
}`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
export async function start() {
  const client = createClient();
  client.${L};
  await client.connect();
  return client.ping();
}`),
        },
      ],
    },
    {
      name: "a v5 pool",
      code: `import { createClientPool } from "redis";
const pool = createClientPool({ url });
await pool.connect();
export default pool;`,
      errors: [
        {
          ...msg("createClientPool()", "client pool"),
          suggestions: suggestion(`import { createClientPool } from "redis";
const pool = createClientPool({ url });
pool.${L};
await pool.connect();
export default pool;`),
        },
      ],
    },
    {
      name: "a duplicate() for a subscriber: the original has a listener, the duplicate none",
      code: `import { createClient } from "redis";
const client = createClient().on("error", (e) => console.error(e));
await client.connect();
const subscriber = client.duplicate();
await subscriber.connect();
await subscriber.subscribe("events", (m) => handle(m));`,
      errors: [
        {
          ...msg("client.duplicate()", "duplicate() connection"),
          line: 4,
          suggestions: suggestion(`import { createClient } from "redis";
const client = createClient().on("error", (e) => console.error(e));
await client.connect();
const subscriber = client.duplicate();
subscriber.${L};
await subscriber.connect();
await subscriber.subscribe("events", (m) => handle(m));`),
        },
      ],
    },
    {
      name: "node-redis v4: await createClient().duplicate() chain",
      code: `import { createClient } from "redis";
const client = createClient();
client.on("error", console.error);
const sub = await client.duplicate().connect();`,
      settings: { redis: { versions: { redis: 4 } } },
      errors: [
        {
          ...msg("client.duplicate()", "duplicate() connection"),
          suggestions: suggestion(`import { createClient } from "redis";
const client = createClient();
client.on("error", console.error);
const sub = await client.duplicate().${L}.connect();`),
        },
      ],
    },
    {
      name: "node-redis v3 (require, callback style)",
      code: `const redis = require("redis");
const client = redis.createClient({ host: "127.0.0.1" });
client.get("k", (err, v) => console.log(v));
module.exports = client;`,
      settings: { redis: { versions: { redis: 3 } } },
      errors: [
        {
          ...msg("redis.createClient()"),
          suggestions: suggestion(`const redis = require("redis");
const client = redis.createClient({ host: "127.0.0.1" });
client.${L};
client.get("k", (err, v) => console.log(v));
module.exports = client;`),
        },
      ],
    },
    {
      name: "a lib/redis module that only makes and exports the client: no command in the file",
      code: `import { createClient } from "redis";
export const redis = createClient({ url: process.env.REDIS_URL });`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
export const redis = createClient({ url: process.env.REDIS_URL });
redis.${L};`),
        },
      ],
    },
    {
      name: "the same in CommonJS: module.exports = createClient()",
      code: `const { createClient } = require("redis");
module.exports = createClient();`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`const { createClient } = require("redis");
module.exports = createClient().${L};`),
        },
      ],
    },
    {
      name: "@redis/client, renamed import",
      code: `import { createClient as makeRedis } from "@redis/client";
export default await makeRedis({ url }).connect();`,
      errors: [
        {
          ...msg("makeRedis()"),
          suggestions: suggestion(`import { createClient as makeRedis } from "@redis/client";
export default await makeRedis({ url }).${L}.connect();`),
        },
      ],
    },
    {
      name: "a lazily created singleton returned by a getter (returning it is exporting it)",
      code: `import { createClient, type RedisClientType } from "redis";
let client: RedisClientType | undefined;
export async function getRedis() {
  if (!client) {
    client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
  }
  return client;
}`,
      errors: [
        {
          ...msg("createClient()"),
          line: 5,
          suggestions: suggestion(`import { createClient, type RedisClientType } from "redis";
let client: RedisClientType | undefined;
export async function getRedis() {
  if (!client) {
    client = createClient({ url: process.env.REDIS_URL }).${L};
    await client.connect();
  }
  return client;
}`),
        },
      ],
    },
    {
      name: "a class field, used only for commands",
      code: `import { createClient } from "redis";
export class SessionStore {
  private readonly redis = createClient({ url: process.env.REDIS_URL });
  async get(id: string) { return this.redis.get(\`session:\${id}\`); }
}`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
export class SessionStore {
  private readonly redis = createClient({ url: process.env.REDIS_URL }).${L};
  async get(id: string) { return this.redis.get(\`session:\${id}\`); }
}`),
        },
      ],
    },
    {
      name: "a helper of the file the client is passed to, which attaches no listener",
      code: `import { createClient } from "redis";
async function warm(c) { await c.set("warm", "1"); }
const redis = createClient();
await redis.connect();
await warm(redis);`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
async function warm(c) { await c.set("warm", "1"); }
const redis = createClient();
redis.${L};
await redis.connect();
await warm(redis);`),
        },
      ],
    },
    {
      name: "a listener for another event only",
      code: `import { createClient } from "redis";
const c = createClient();
c.on("ready", () => console.log("ready"));
export { c };`,
      errors: [
        {
          ...msg("createClient()"),
          suggestions: suggestion(`import { createClient } from "redis";
const c = createClient();
c.${L};
c.on("ready", () => console.log("ready"));
export { c };`),
        },
      ],
    },
    {
      name: "namespace import, created and connected in one statement",
      code: `import * as redis from "redis";
redis.createClient().connect();`,
      errors: [
        {
          ...msg("redis.createClient()"),
          suggestions: suggestion(`import * as redis from "redis";
redis.createClient().${L}.connect();`),
        },
      ],
    },
  ],
});
