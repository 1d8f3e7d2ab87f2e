import { fileURLToPath } from "node:url";
import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-commands-on-subscriber.js";

/** A file inside one of the fake installs of tests/fixtures/versions (see its README). */
const inFixture = (project: string): string =>
  fileURLToPath(new URL(`../fixtures/versions/${project}/src/events.ts`, import.meta.url));

const IOREDIS = `import Redis from "ioredis";`;
const NODE_REDIS = `import { createClient } from "redis";`;

const IOREDIS_FAILURE =
  'is rejected by ioredis with "Connection in subscriber mode, only subscriber commands may be used"';
const nodeRedisFailure = (command: string): string =>
  `fails with the server error "ERR Can't execute '${command}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"`;

type Data = Record<string, string>;
/** The one suggestion, with its exact output. */
const dup = (output: string) => [{ messageId: "useDedicated" as const, output }];
/** The full message data for an ioredis report, with the usual values unless given. */
const io = (d: Data = {}): Data => {
  const name = d.name ?? "redis";
  return {
    name,
    family: "ioredis",
    subscribe: "subscribe",
    line: "1",
    command: "get()",
    why: "ioredis 5 speaks RESP2",
    failure: IOREDIS_FAILURE,
    dedicated: `${name}.duplicate()`,
    ...d,
  };
};
/** The same for node-redis. */
const nr = (d: Data = {}): Data => {
  const name = d.name ?? "c";
  const command = d.command ?? "get()";
  const raw = /^a raw (\w+)/.exec(command);
  const failure = nodeRedisFailure(raw ? raw[1].toLowerCase() : command.replace(/\(\)$/, "").toLowerCase());
  return {
    name,
    family: "node-redis",
    subscribe: "subscribe",
    line: "1",
    command,
    why: "node-redis 5 defaults to RESP2",
    failure,
    dedicated: `await ${name}.duplicate().connect()`,
    ...d,
  };
};

ruleTester.run("no-commands-on-subscriber", rule, {
  valid: [
    // --- A dedicated subscriber connection (the fix).
    `${IOREDIS} const redis = new Redis(); const sub = redis.duplicate(); await sub.subscribe("news"); await redis.get("k");`,
    `${NODE_REDIS} const client = createClient(); await client.connect(); const sub = client.duplicate(); await sub.connect(); await sub.subscribe("news", (m) => client.set("last", m));`,
    `import { redis } from "bun"; const sub = await redis.duplicate(); await sub.subscribe("news", (m) => redis.set("last", m));`,
    // A fresh, unnamed client each time is not the one used for commands.
    `${IOREDIS} const redis = new Redis(); redis.duplicate().subscribe("news"); await redis.get("k");`,
    // Separate parameters are separate clients.
    `${IOREDIS} export async function listen(sub: Redis) { await sub.subscribe("a"); } export async function read(redis: Redis) { return redis.get("k"); }`,
    // --- Commands allowed on a subscribed connection.
    `${IOREDIS} const sub = new Redis(); await sub.subscribe("a"); await sub.psubscribe("b:*"); await sub.ping(); await sub.unsubscribe("a"); await sub.quit();`,
    `${NODE_REDIS} const sub = createClient(); await sub.connect(); await sub.subscribe("a", () => {}); await sub.pSubscribe("b:*", () => {}); await sub.sSubscribe("c", () => {}); await sub.ping(); await sub.pUnsubscribe(); await sub.disconnect();`,
    // Non-command methods.
    `${IOREDIS} const sub = new Redis(); await sub.subscribe("a"); sub.on("message", () => {}); sub.disconnect(); sub.duplicate();`,
    // --- Order: commands before the subscription, or after leaving subscriber mode.
    `${IOREDIS} const redis = new Redis(); export async function main() { await redis.set("ready", "1"); await redis.subscribe("a"); }`,
    `${IOREDIS} export async function once(redis: Redis) { await redis.subscribe("a"); await redis.unsubscribe(); return redis.get("k"); }`,
    `${NODE_REDIS} export async function once(c = createClient()) { await c.subscribe("a", () => {}); await c.unsubscribe("a"); return c.get("k"); }`,
    // The command's function ran before the subscribing callback was made.
    `${IOREDIS} const redis = new Redis(); export async function main() { await redis.get("boot"); redis.on("ready", async () => { await redis.subscribe("a"); }); }`,
    // --- RESP3: decided by the installed version.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.connect(); await c.subscribe("a", async (m) => { await c.set("last", m); });`,
      filename: inFixture("redis6"),
    },
    {
      code: `import { createClient } from "@redis/client"; const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis6"),
    },
    // The nearest node_modules wins: ioredis 6 in this workspace package, 5 at the monorepo root.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: fileURLToPath(new URL("../fixtures/versions/monorepo/packages/api/src/events.ts", import.meta.url)),
    },
    // --- RESP3: decided by explicit options.
    {
      code: `${IOREDIS} const redis = new Redis({ protocol: 3 }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
    },
    {
      code: `${IOREDIS} const redis = new Redis(6379, "cache", { protocol: 3 }); const sub = redis.duplicate(); await sub.subscribe("a"); await sub.get("k");`,
      filename: inFixture("ioredis6"),
    },
    `${NODE_REDIS} const c = createClient({ url: process.env.REDIS_URL, RESP: 3 }); await c.connect(); await c.subscribe("a", async (m) => { await c.set("last", m); });`,
    {
      code: `${NODE_REDIS} const c = createClient({ RESP: 3 }); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis5"),
    },
    // `duplicate({ RESP: 3 })` overrides the original's options.
    `${NODE_REDIS} const c = createClient(); const sub = c.duplicate({ RESP: 3 }); await sub.connect(); await sub.subscribe("a", () => {}); await sub.get("k");`,
    // Options that may set the protocol but cannot be read: unknown, so silent.
    {
      code: `${IOREDIS} const redis = new Redis({ ...config }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
    },
    `${NODE_REDIS} const c = createClient({ RESP: resp }); await c.subscribe("a", () => {}); await c.get("k");`,
    // --- RESP3: decided by settings, over versions and options.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      settings: { redis: { protocol: 3 } },
    },
    {
      code: `${IOREDIS} const redis = new Redis({ protocol: 2 }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
      settings: { redis: { protocol: 3 } },
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      settings: { redis: { protocol: 3 } },
    },
    // A pinned version replaces the installed one.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      settings: { redis: { versions: { ioredis: 6 } } },
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      settings: { redis: { versions: { redis: 6 } } },
    },
    // --- Unknown version (no version, broken package.json): conservative, silent.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("unknown"),
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("unknown"),
    },
    {
      code: `import { createClient } from "@redis/client"; const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("unknown"),
    },
    // Unknown family (a client from the user's module) without a protocol setting.
    `import { redis } from "./lib/redis"; await redis.subscribe("a"); await redis.get("k");`,
    // --- Clients that are not affected.
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); const sub = redis.subscribe(["news"]); sub.on("message", () => {}); await redis.get("k");`,
    `import { kv } from "@vercel/kv"; kv.subscribe(["news"]); await kv.set("k", "v");`,
    `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [{ host: "localhost" }], pubsubSubscriptions: { channelsAndPatterns: { 0: new Set(["news"]) } } }); await client.get("k");`,
    // Bun only checks its named methods; `send` goes through.
    `import { redis } from "bun"; await redis.subscribe("a", () => {}); await redis.send("GET", ["k"]);`,
    // --- Look-alikes: not Redis.
    `import { Subject } from "rxjs"; const s = new Subject(); s.subscribe((v) => v); s.next(1);`,
    `const store = { subscribe(fn) { return fn; }, get(k) { return k; }, set(k, v) { return v; } }; store.subscribe(() => {}); store.get("k"); store.set("k", 1);`,
    `const m = new Map(); m.set("a", 1); m.get("a");`,
    `import express from "express"; const app = express(); app.get("/subscribe", (req, res) => res.send("ok"));`,
    `import { writable, get } from "svelte/store"; const count = writable(0); count.subscribe((v) => v); get(count); count.set(1);`,
    `import fs from "node:fs"; fs.watch(".", () => {}); const emitter = { subscribe() {}, exec() {}, keys() {} }; emitter.subscribe(); emitter.exec(); emitter.keys();`,
    `import _ from "lodash"; const redis = { subscribe: () => {} }; redis.subscribe(); _.get({}, "a");`,
    // Review: a client made by the function, which either subscribes or runs the command (if/else,
    // switch, ?:, an early return after subscribing).
    `${IOREDIS} export async function run(url: string, listen: boolean, k: string) { const client = new Redis(url); if (listen) { await client.subscribe(k); client.on("message", (_c, m) => console.log(m)); } else { console.log(await client.get(k)); client.disconnect(); } }`,
    `${IOREDIS} export async function run(url: string, mode: string, k: string) { const client = new Redis(url); switch (mode) { case "listen": await client.subscribe(k); return; default: return client.get(k); } }`,
    `${IOREDIS} export async function run(url: string, listen: boolean, k: string) { const client = new Redis(url); if (listen) { await client.subscribe(k); return client; } return client.get(k); }`,
    `${IOREDIS} export async function run(url: string, listen: boolean, k: string) { const client = new Redis(url); return listen ? client.subscribe(k) : client.get(k); }`,
  ],
  invalid: [
    // Review: a module-level client: one call subscribes it, the next call of the same function runs GET on it.
    {
      code: `${IOREDIS} const client = new Redis(); export async function run(listen: boolean, k: string) { if (listen) { await client.subscribe(k); return; } return client.get(k); }`,
      errors: [
        {
          messageId: "onSubscriber",
          suggestions: dup(
            `${IOREDIS} const client = new Redis(); export async function run(listen: boolean, k: string) { if (listen) { const subscriber = client.duplicate(); await subscriber.subscribe(k); return; } return client.get(k); }`,
          ),
        },
      ],
    },
    // --- ioredis 5 (this repository's own install): RESP2.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("news"); const v = await redis.get("k");`,
      errors: [
        {
          messageId: "onSubscriber",
          data: {
            name: "redis",
            family: "ioredis",
            subscribe: "subscribe",
            line: "1",
            command: "get()",
            why: "ioredis 5 speaks RESP2",
            failure:
              'is rejected by ioredis with "Connection in subscriber mode, only subscriber commands may be used"',
            dedicated: "redis.duplicate()",
          },
          suggestions: [
            {
              messageId: "useDedicated",
              output: `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("news"); const v = await redis.get("k");`,
            },
          ],
        },
      ],
    },
    // The message handler writes through the subscribed client; the listener moves along.
    {
      code: `import Redis from "ioredis";
const redis = new Redis();
export async function start() {
  redis.on("message", async (channel, message) => {
    await redis.lpush("inbox", message);
  });
  await redis.subscribe("orders");
}`,
      filename: inFixture("ioredis5"),
      errors: [
        {
          messageId: "onSubscriber",
          line: 5,
          data: io({ command: "lpush()", line: "7" }),
          suggestions: [
            {
              messageId: "useDedicated",
              output: `import Redis from "ioredis";
const redis = new Redis();
export async function start() {
  const subscriber = redis.duplicate();
  subscriber.on("message", async (channel, message) => {
    await redis.lpush("inbox", message);
  });
  await subscriber.subscribe("orders");
}`,
            },
          ],
        },
      ],
    },
    // A shared, injected client: subscribed in one method, used for commands in another.
    {
      code: `import type { Redis } from "ioredis";
export class Presence {
  constructor(private readonly redis: Redis) {}
  async listen() {
    await this.redis.psubscribe("presence:*");
    this.redis.on("pmessage", (_p, channel, msg) => this.seen(channel, msg));
  }
  async seen(channel: string, msg: string) {
    await this.redis.hset("presence", channel, msg);
  }
}`,
      errors: [
        {
          messageId: "onSubscriber",
          line: 9,
          data: io({ name: "this.redis", subscribe: "psubscribe", command: "hset()", line: "5" }),
          suggestions: [
            {
              messageId: "useDedicated",
              output: `import type { Redis } from "ioredis";
export class Presence {
  constructor(private readonly redis: Redis) {}
  async listen() {
    const subscriber = this.redis.duplicate();
    await subscriber.psubscribe("presence:*");
    subscriber.on("pmessage", (_p, channel, msg) => this.seen(channel, msg));
  }
  async seen(channel: string, msg: string) {
    await this.redis.hset("presence", channel, msg);
  }
}`,
            },
          ],
        },
      ],
    },
    // Raw commands, MULTI, pipelines and PUBLISH are refused too.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.call("GET", "k"); await redis.publish("b", "x"); await redis.multi().set("k", "v").exec(); await redis.pipeline().incr("n").get("n").exec();`,
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ command: "a raw GET" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.call("GET", "k"); await redis.publish("b", "x"); await redis.multi().set("k", "v").exec(); await redis.pipeline().incr("n").get("n").exec();`,
          ),
        },
        {
          messageId: "onSubscriber",
          data: io({ command: "publish()" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.call("GET", "k"); await redis.publish("b", "x"); await redis.multi().set("k", "v").exec(); await redis.pipeline().incr("n").get("n").exec();`,
          ),
        },
        {
          messageId: "onSubscriber",
          data: io({ command: "multi()" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.call("GET", "k"); await redis.publish("b", "x"); await redis.multi().set("k", "v").exec(); await redis.pipeline().incr("n").get("n").exec();`,
          ),
        },
        {
          messageId: "onSubscriber",
          data: io({ command: "incr()" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.call("GET", "k"); await redis.publish("b", "x"); await redis.multi().set("k", "v").exec(); await redis.pipeline().incr("n").get("n").exec();`,
          ),
        },
      ],
    },
    // iovalkey: RESP2 in every release.
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); await valkey.subscribe("a"); await valkey.set("k", "v");`,
      filename: inFixture("iovalkey"),
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ name: "valkey", command: "set()", why: "iovalkey speaks RESP2" }),
          suggestions: [
            {
              messageId: "useDedicated",
              output: `import Valkey from "iovalkey"; const valkey = new Valkey(); const subscriber = valkey.duplicate(); await subscriber.subscribe("a"); await valkey.set("k", "v");`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); valkey.subscribe("a"); valkey.get("k");`,
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ name: "valkey", why: "iovalkey speaks RESP2" }),
          suggestions: dup(
            `const Redis = require("iovalkey"); const valkey = new Redis(); const subscriber = valkey.duplicate(); subscriber.subscribe("a"); valkey.get("k");`,
          ),
        },
      ],
    },
    // ioredis 5 has no `protocol` option: `protocol: 3` changes nothing (measured).
    {
      code: `${IOREDIS} const redis = new Redis({ protocol: 3 }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis5"),
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ why: "ioredis 5 speaks RESP2 (its `protocol` option arrived in ioredis 6 and is ignored)" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis({ protocol: 3 }); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    // ioredis 6, made RESP2 by its options (also through `duplicate()` and Cluster `redisOptions`).
    {
      code: `${IOREDIS} const redis = new Redis({ protocol: 2 }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ why: "the client is created with `protocol: 2`" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis({ protocol: 2 }); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    {
      code: `${IOREDIS} const base = new Redis({ host: "cache", protocol: 2 }); const sub = base.duplicate(); await sub.subscribe("a"); await sub.get("k");`,
      filename: inFixture("ioredis6"),
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ name: "sub", why: "the client is created with `protocol: 2`" }),
          suggestions: dup(
            `${IOREDIS} const base = new Redis({ host: "cache", protocol: 2 }); const sub = base.duplicate(); const subscriber = sub.duplicate(); await subscriber.subscribe("a"); await sub.get("k");`,
          ),
        },
      ],
    },
    {
      code: `import { Cluster } from "ioredis"; const cluster = new Cluster([{ host: "a" }], { redisOptions: { protocol: 2 } }); await cluster.ssubscribe("a"); await cluster.get("k");`,
      filename: inFixture("ioredis6"),
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ name: "cluster", subscribe: "ssubscribe", why: "the client is created with `protocol: 2`" }),
          suggestions: dup(
            `import { Cluster } from "ioredis"; const cluster = new Cluster([{ host: "a" }], { redisOptions: { protocol: 2 } }); const subscriber = cluster.duplicate(); await subscriber.ssubscribe("a"); await cluster.get("k");`,
          ),
        },
      ],
    },
    // ioredis 6 made RESP2 by the setting, over its default.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
      settings: { redis: { protocol: 2 } },
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ why: "`settings.redis.protocol` is 2" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    // ...and over explicit options.
    {
      code: `${IOREDIS} const redis = new Redis({ protocol: 3 }); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
      settings: { redis: { protocol: 2 } },
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ why: "`settings.redis.protocol` is 2" }),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis({ protocol: 3 }); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    // A pinned version replaces the installed one.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: inFixture("ioredis6"),
      settings: { redis: { versions: { ioredis: 5 } } },
      errors: [
        {
          messageId: "onSubscriber",
          data: io(),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    // The nearest node_modules: this workspace package has none, so the monorepo root's ioredis 5.
    {
      code: `${IOREDIS} const redis = new Redis(); await redis.subscribe("a"); await redis.get("k");`,
      filename: fileURLToPath(new URL("../fixtures/versions/monorepo/packages/worker/src/events.ts", import.meta.url)),
      errors: [
        {
          messageId: "onSubscriber",
          data: io(),
          suggestions: dup(
            `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); await subscriber.subscribe("a"); await redis.get("k");`,
          ),
        },
      ],
    },
    // --- node-redis 5 (this repository's install): RESP2 by default. The listener is in the call.
    {
      code: `${NODE_REDIS} const client = createClient(); await client.connect(); await client.subscribe("orders", async (id) => { await client.sAdd("orders:seen", id); });`,
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ name: "client", command: "sAdd()" }),
          suggestions: [
            {
              messageId: "useDedicated",
              output: `${NODE_REDIS} const client = createClient(); await client.connect(); const subscriber = await client.duplicate().connect(); await subscriber.subscribe("orders", async (id) => { await client.sAdd("orders:seen", id); });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.connect(); await c.pSubscribe("jobs:*", () => {}); await c.sendCommand(["GET", "k"]); await c.SET("k", "v");`,
      filename: inFixture("redis5"),
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ subscribe: "pSubscribe", command: "a raw GET" }),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient(); await c.connect(); const subscriber = await c.duplicate().connect(); await subscriber.pSubscribe("jobs:*", () => {}); await c.sendCommand(["GET", "k"]); await c.SET("k", "v");`,
          ),
        },
        {
          messageId: "onSubscriber",
          data: nr({ subscribe: "pSubscribe", command: "SET()" }),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient(); await c.connect(); const subscriber = await c.duplicate().connect(); await subscriber.pSubscribe("jobs:*", () => {}); await c.sendCommand(["GET", "k"]); await c.SET("k", "v");`,
          ),
        },
      ],
    },
    // node-redis 4: RESP2, and `RESP: 3` is ignored (measured).
    {
      code: `${NODE_REDIS} const c = createClient({ RESP: 3 }); await c.connect(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis4"),
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ why: "node-redis 4 speaks RESP2 (it has no `RESP` option; `RESP: 3` arrived in node-redis 5)" }),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient({ RESP: 3 }); await c.connect(); const subscriber = await c.duplicate().connect(); await subscriber.subscribe("a", () => {}); await c.get("k");`,
          ),
        },
      ],
    },
    // `@redis/client` 1.x is what redis 4 ships.
    {
      code: `import { createClient } from "@redis/client"; const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis4"),
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ why: "node-redis 4 speaks RESP2" }),
          suggestions: dup(
            `import { createClient } from "@redis/client"; const c = createClient(); const subscriber = await c.duplicate().connect(); await subscriber.subscribe("a", () => {}); await c.get("k");`,
          ),
        },
      ],
    },
    // node-redis 6, made RESP2 by its options or by the setting; node-redis 6 pinned down to 5.
    {
      code: `${NODE_REDIS} const c = createClient({ RESP: 2 }); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis6"),
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ why: "the client is created with `RESP: 2`" }),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient({ RESP: 2 }); const subscriber = await c.duplicate().connect(); await subscriber.subscribe("a", () => {}); await c.get("k");`,
          ),
        },
      ],
    },
    {
      code: `${NODE_REDIS} const c = createClient({ RESP: 3 }); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis6"),
      settings: { redis: { protocol: 2 } },
      errors: [
        {
          messageId: "onSubscriber",
          data: nr({ why: "`settings.redis.protocol` is 2" }),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient({ RESP: 3 }); const subscriber = await c.duplicate().connect(); await subscriber.subscribe("a", () => {}); await c.get("k");`,
          ),
        },
      ],
    },
    {
      code: `${NODE_REDIS} const c = createClient(); await c.subscribe("a", () => {}); await c.get("k");`,
      filename: inFixture("redis6"),
      settings: { redis: { versions: { redis: 5 } } },
      errors: [
        {
          messageId: "onSubscriber",
          data: nr(),
          suggestions: dup(
            `${NODE_REDIS} const c = createClient(); const subscriber = await c.duplicate().connect(); await subscriber.subscribe("a", () => {}); await c.get("k");`,
          ),
        },
      ],
    },
    // A typed node-redis parameter.
    {
      code: `import type { RedisClientType } from "redis";
export async function follow(client: RedisClientType) {
  await client.subscribe("feed", (m) => console.log(m));
  return client.get("feed:last");
}`,
      errors: [
        {
          messageId: "onSubscriber",
          line: 4,
          suggestions: [
            {
              messageId: "useDedicated",
              output: `import type { RedisClientType } from "redis";
export async function follow(client: RedisClientType) {
  const subscriber = await client.duplicate().connect();
  await subscriber.subscribe("feed", (m) => console.log(m));
  return client.get("feed:last");
}`,
            },
          ],
        },
      ],
    },
    // --- Unknown family, pinned to RESP2 by the setting.
    {
      code: `import { redis } from "./lib/redis"; await redis.subscribe("a"); await redis.get("k");`,
      settings: { redis: { protocol: 2 } },
      errors: [
        {
          messageId: "onSubscriber",
          data: io({ family: "Redis client", why: "`settings.redis.protocol` is 2", failure: "fails" }),
          suggestions: [],
        },
      ],
    },
    // --- Bun: always, for named methods, whatever the protocol setting.
    {
      code: `import { redis } from "bun"; await redis.subscribe("chat", (message) => console.log(message)); await redis.set("chat:last", "x");`,
      settings: { redis: { protocol: 3 } },
      errors: [
        {
          messageId: "onBunSubscriber",
          data: {
            name: "redis",
            subscribe: "subscribe",
            line: "1",
            command: "set()",
            dedicated: "await redis.duplicate()",
          },
          suggestions: [
            {
              messageId: "useDedicated",
              output: `import { redis } from "bun"; const subscriber = await redis.duplicate(); await subscriber.subscribe("chat", (message) => console.log(message)); await redis.set("chat:last", "x");`,
            },
          ],
        },
      ],
    },
    {
      code: `import { RedisClient } from "bun"; const client = new RedisClient(); await client.subscribe("a", async (m) => { await client.incr("seen"); });`,
      errors: [
        {
          messageId: "onBunSubscriber",
          data: {
            name: "client",
            subscribe: "subscribe",
            line: "1",
            command: "incr()",
            dedicated: "await client.duplicate()",
          },
          suggestions: dup(
            `import { RedisClient } from "bun"; const client = new RedisClient(); const subscriber = await client.duplicate(); await subscriber.subscribe("a", async (m) => { await client.incr("seen"); });`,
          ),
        },
      ],
    },
    // Subscribed in one function, unsubscribed in another: the subscriber becomes a module-level connection.
    {
      code: `${IOREDIS} const redis = new Redis(); export async function on() { await redis.subscribe("a"); } export async function off() { await redis.unsubscribe("a"); } export async function read() { return redis.get("k"); }`,
      errors: [
        {
          messageId: "onSubscriber",
          suggestions: [
            {
              messageId: "useDedicated",
              output: `${IOREDIS} const redis = new Redis(); const subscriber = redis.duplicate(); export async function on() { await subscriber.subscribe("a"); } export async function off() { await subscriber.unsubscribe("a"); } export async function read() { return redis.get("k"); }`,
            },
          ],
        },
      ],
    },
    // No suggestion: node-redis needs `await` and the function is not async.
    {
      code: `${NODE_REDIS} const c = createClient(); export function listen() { c.subscribe("a", () => c.get("k")); }`,
      errors: [{ messageId: "onSubscriber", suggestions: [] }],
    },
  ],
});
