import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-blocking-on-shared-client.js";
import { DEFAULT_CLIENT_NAMES } from "../../src/model/settings.js";

const IO = `import Redis from "ioredis";\nconst redis = new Redis();\n`;
const NODE = `import { createClient } from "redis";\nconst client = createClient();\n`;
/** Another code path on the same client: what makes a module-level client shared. */
const IO_GET = `\nexport const cached = (k) => redis.get(k);`;
const NODE_GET = `\nexport const cached = (k) => client.get(k);`;
const v3 = { redis: { versions: { redis: 3 } } };
const v4 = { redis: { versions: { redis: 4 } } };
const v5 = { redis: { versions: { redis: 5 } } };
/** The corpus's named run for kue and bee-queue (node-redis v3). */
const named3 = {
  redis: { clientNames: ["redis", "redisClient", "client", "eclient", "bclient"], versions: { redis: 3 } },
};

/** The corpus's named run for bullmq. */
const namedBullmq = {
  redis: {
    clientNames: [...DEFAULT_CLIENT_NAMES, "client"],
  },
};
/**
 * bullmq@5.81.5 dist/esm/classes/queue-events.js, shortened: the constructor hands its base class
 * `connection.duplicate()` (or connection options), read back through the inherited `this.client`
 * and passed to the blocking consumer. `SUPER` is the constructor's `super(...)` call.
 */
const queueEvents = (SUPER: string, extra = "") =>
  `import { __rest } from "tslib";\nimport { isRedisInstance } from "../utils";\nimport { QueueBase } from "./queue-base";\nimport { createIORedisClient, isIRedisClient } from "./ioredis-client";\nexport class QueueEvents extends QueueBase {\n  constructor(name, _a = { connection: {} }, Connection) {\n    var { connection, autorun = true } = _a, opts = __rest(_a, ["connection", "autorun"]);\n    ${SUPER};\n${extra}    if (autorun) this.run().catch((error) => this.emit("error", error));\n  }\n  async run() {\n    const client = await this.client;\n    await client.clientSetName("events");\n    await this.consumeEvents(client);\n  }\n  async consumeEvents(client) {\n    let id = "$";\n    while (!this.closing) {\n      const data = await this.checkConnectionError(() => client.xread([{ key: this.keys.events, id }], { BLOCK: 10000 }));\n      if (data) id = data[0][1][0][0];\n    }\n  }\n  async close() {\n    const client = await this.client;\n    client.disconnect();\n  }\n}`;
const QUEUE_EVENTS_SUPER =
  "super(name, Object.assign(Object.assign({}, opts), { connection: isRedisInstance(connection) ? (isIRedisClient(connection) ? connection : createIORedisClient(connection)).duplicate() : connection }), Connection, true)";
const FIX = {
  ioredis:
    "a connection of its own: `const worker = client.duplicate()` for the consumer (then `worker.disconnect()` when it stops)",
  node5:
    "a connection of its own: `const worker = client.duplicate(); await worker.connect()` for the consumer (or a `createClientPool()`)",
  node4:
    "a connection of its own: pass `commandOptions({ isolated: true })` as the first argument, or use `client.duplicate()` with `connect()` for the consumer",
  node3: "a connection of its own: `const worker = client.duplicate()` for the consumer",
  unknown: "a connection of its own (ioredis `client.duplicate()`; node-redis `client.duplicate()` then `connect()`)",
};
const FOREVER = "until data arrives, with no end (its timeout is 0)";
const TIMEOUT = "until data arrives or its timeout passes";

function data(call: string, command: string, family: string, client: string, howLong: string, fix: string) {
  return { call, command, family, client: `\`${client}\``, howLong, fix };
}
const io = (call: string, command: string, howLong = FOREVER, client = "redis") =>
  data(call, command, "ioredis client", client, howLong, FIX.ioredis);
const node = (call: string, command: string, howLong = FOREVER, fix = FIX.node5, client = "client") =>
  data(call, command, "node-redis client", client, howLong, fix);

ruleTester.run("no-blocking-on-shared-client", rule, {
  valid: [
    // --- Look-alikes: not Redis.
    `const m = new Map(); m.set("q", 1); m.get("blpop");`,
    `const queue = { blpop(k, t) { return null; }, brpop() {}, wait() {} }; queue.blpop("q", 0); queue.brpop("q", 0); queue.wait(1, 0);`,
    `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 10 }); cache.get("k"); cache.set("k", 1);`,
    `import knex from "knex"; const db = knex({}); await db.raw("select 1"); await db("jobs").where({ id: 1 }).first();`,
    `import { Pool } from "pg"; const db = new Pool(); await db.query("LISTEN jobs"); await db.query("select pg_sleep(1)");`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); await prisma.job.findFirst();`,
    `import axios from "axios"; const http = axios.create(); await http.get("/jobs/next", { timeout: 0 });`,
    `import { setTimeout as wait } from "node:timers/promises"; await wait(1000);`,
    `const page = { waitForTimeout: async (ms) => ms }; await page.waitForTimeout(0);`,
    // --- Not blocking: LPOP, ZPOPMIN, XREAD without BLOCK (ioredis and node-redis).
    `${IO}export const next = () => redis.lpop("q");\nexport const low = () => redis.zpopmin("z");${IO_GET}`,
    `${IO}export const read = () => redis.xread("COUNT", 10, "STREAMS", "s", "0");${IO_GET}`,
    `${NODE}export const read = () => client.xRead({ key: "s", id: "0" }, { COUNT: 10 });${NODE_GET}`,
    `${NODE}export const read = () => client.xReadGroup("g", "c", { key: "s", id: ">" });${NODE_GET}`,
    // XREAD whose options are built elsewhere: BLOCK cannot be told.
    `${NODE}export const read = (opts) => client.xRead({ key: "s", id: "$" }, opts);${NODE_GET}`,
    // --- Dedicated connections.
    // ioredis duplicate(), module-level or in a function.
    `${IO}const worker = redis.duplicate();\nexport const next = () => worker.blpop("jobs", 0);${IO_GET}`,
    `${IO}export async function work() { const conn = redis.duplicate(); try { while (true) await conn.brpop("jobs", 5); } finally { conn.disconnect(); } }${IO_GET}`,
    // A field the class only ever fills with a duplicate().
    `import type { Redis } from "ioredis";\nexport class Jobs {\n  private readonly worker: Redis;\n  constructor(private readonly redis: Redis) { this.worker = redis.duplicate(); }\n  cached(k: string) { return this.redis.get(k); }\n  next(q: string) { return this.worker.blpop(q, 0); }\n}`,
    `import Redis from "ioredis";\nexport class Jobs {\n  private redis = new Redis();\n  private sub = this.redis.duplicate();\n  cached(k) { return this.redis.get(k); }\n  next(q) { return this.sub.blmove(q, "done", "LEFT", "RIGHT", 0); }\n}`,
    // A client created for the consumer in its own function.
    `import Redis from "ioredis";\nexport async function work() { const conn = new Redis(); while (true) { const job = await conn.blpop("jobs", 0); await conn.set("last", job[1]); } }`,
    // A module-level client only the worker uses (plus its error listener and QUIT at shutdown).
    `${IO}redis.on("error", console.error);\nasync function work() { while (true) { const job = await redis.blpop("jobs", 0); await redis.set("last", job[1]); } }\nprocess.on("SIGTERM", () => redis.quit());\nwork();`,
    // A one-off script: top-level code, its own client.
    `${IO}const job = await redis.blpop("jobs", 0);\nconsole.log(job);\nawait redis.quit();`,
    // node-redis v5 duplicate() with connect().
    `${NODE}export async function work() { const worker = client.duplicate(); worker.on("error", console.error); await worker.connect(); await worker.blPop("jobs", 0); await worker.close(); }${NODE_GET}`,
    `${NODE}const worker = client.duplicate();\nworker.on("error", console.error);\nawait worker.connect();\nexport const next = () => worker.xRead({ key: "s", id: "$" }, { BLOCK: 0 });${NODE_GET}`,
    // node-redis v4: isolated execution.
    {
      code: `import { createClient, commandOptions } from "redis";\nconst client = createClient();\nexport const next = () => client.blPop(commandOptions({ isolated: true }), "jobs", 0);${NODE_GET}`,
      settings: v4,
    },
    {
      code: `${NODE}export const next = () => client.blPop(client.commandOptions({ isolated: true }), "jobs", 0);${NODE_GET}`,
      settings: v4,
    },
    {
      code: `${NODE}export const next = () => client.executeIsolated((isolated) => isolated.blPop("jobs", 0));${NODE_GET}`,
      settings: v4,
    },
    // node-redis v5 pools.
    `import { createClientPool } from "redis";\nconst pool = createClientPool();\nexport const next = () => pool.blPop("jobs", 0);\nexport const cached = (k) => pool.get(k);`,
    `import { createClientPool } from "redis";\nconst pool = createClientPool();\nexport const next = () => pool.execute((c) => c.blPop("jobs", 0));`,
    // --- Queued in MULTI or a pipeline: the server does not block inside EXEC.
    `${IO}export const drain = () => redis.multi().blpop("jobs", 0).exec();\nexport const batch = () => redis.pipeline().brpop("jobs", 1).exec();${IO_GET}`,
    `${NODE}export const drain = () => client.multi().blPop("jobs", 0).exec();${NODE_GET}`,
    `${IO}export async function tx() { await redis.multi({ pipeline: false }); await redis.blpop("jobs", 0); await redis.exec(); }${IO_GET}`,
    // --- Parameters: every local caller passes a connection of its own; or the option is off.
    `${IO}async function consume(conn: Redis) { while (true) await conn.bzpopmin("z", 0); }\nconsume(redis.duplicate());${IO_GET}`,
    {
      code: `import type { Redis } from "ioredis";\nexport async function consume(redis: Redis) { await redis.blpop("jobs", 0); }`,
      options: [{ treatParametersAsShared: false }],
    },
    {
      code: `import type { RedisClientType } from "redis";\nexport const consume = (client: RedisClientType) => client.blPop("jobs", 0);`,
      options: [{ treatParametersAsShared: false }],
    },
    // --- Corpus: a client adapter's method forwarding the command of its name (the caller picks the connection).
    {
      name: "Corpus, bullmq@5.81.5 dist/esm/classes/node-redis-client.js",
      code: "export class NodeRedisClient {\n  constructor(raw) { this.raw = raw; }\n  async get(key) { return this.raw.get(key); }\n  async hset(key, field, value) { return this.raw.hSet(key, field, value); }\n  async zadd(key, score, member) { return this.raw.zAdd(key, { score, value: member }); }\n  async bzpopmin(key, timeout) {\n    let result;\n    try { result = await this.raw.bzPopMin(key, timeout); } catch (err) { throw err; }\n    return result ? [result.key, result.value, String(result.score)] : null;\n  }\n}",
    },
    // --- Corpus: a field the class visibly sets only to null, filled through `this[name] = client`, used only for BRPOPLPUSH.
    {
      name: "Corpus, bee-queue@2.0.0 lib/queue.js",
      code: 'const redis = require("redis");\nclass Queue {\n  constructor() { this.client = null; this.bclient = null; }\n  makeClient(clientName) { const client = redis.createClient(); client.on("error", () => {}); return (this[clientName] = client); }\n  connect() { this.makeClient("client"); this.makeClient("bclient"); }\n  get(id, cb) { this.client.get(id, cb); }\n  _waitForJob(done) { this.bclient.brpoplpush("waiting", "active", 0, done); }\n}\nmodule.exports = Queue;',
      settings: named3,
    },
    // --- Corpus: a per-type cache of connections opened for the consumer (kue's worker).
    {
      name: "Corpus, kue@0.11.6 lib/queue/worker.js",
      code: 'var redis = require("../redis");\nvar clients = {};\nfunction Worker(type) { this.type = type; this.client = Worker.client || (Worker.client = redis.createClient()); }\nWorker.prototype.getJob = function (fn) {\n  var self = this;\n  var client = clients[self.type] || (clients[self.type] = redis.createClient());\n  client.blpop(client.getKey(self.type + ":jobs"), 0, function (err) {\n    if (err) return fn(err);\n    self.client.zrange(self.client.getKey("jobs:" + self.type + ":inactive"), 0, 0, fn);\n  });\n};\nWorker.prototype.shutdown = function () {\n  (this.type in clients) && clients[this.type].quit();\n  delete clients[this.type];\n};\nmodule.exports = Worker;',
      settings: named3,
    },
    // --- Corpus: the constructor hands its base class a duplicate of the connection it is given
    // (or connection options), read back through the inherited `this.client`.
    {
      name: "Corpus, bullmq@5.81.5 dist/esm/classes/queue-events.js",
      code: queueEvents(QUEUE_EVENTS_SUPER),
      settings: namedBullmq,
    },
    {
      name: "Corpus, bullmq@5.81.5 dist/esm/classes/queue-events.js: a plain duplicate() handed to super()",
      code: queueEvents("super(name, { ...opts, connection: connection.duplicate() }, Connection)"),
      settings: namedBullmq,
    },
    {
      name: "Corpus, bullmq@5.81.5 dist/esm/classes/queue-events.js: the inherited field read directly",
      code: queueEvents(QUEUE_EVENTS_SUPER).replace(
        "client.xread([{ key: this.keys.events, id }]",
        "this.client.xread([{ key: this.keys.events, id }]",
      ),
      settings: namedBullmq,
    },
    // --- Clients whose behaviour is not verified (GLIDE, Bun) or that have no connection (HTTP).
    `import { GlideClient } from "@valkey/valkey-glide";\nconst client = await GlideClient.createClient({ addresses: [] });\nexport const next = () => client.blpop(["jobs"], 0);\nexport const cached = (k) => client.get(k);`,
    `import { redis } from "bun";\nexport const next = () => redis.send("BLPOP", ["jobs", "0"]);\nexport const cached = (k) => redis.get(k);`,
    `import { Redis } from "@upstash/redis";\nconst redis = Redis.fromEnv();\nexport const next = () => redis.blpop("jobs", 0);\nexport const cached = (k) => redis.get(k);`,
    `import { kv } from "@vercel/kv";\nexport const next = () => kv.blpop("jobs", 0);\nexport const cached = (k) => kv.get(k);`,
  ],
  invalid: [
    // --- ioredis: a module-level client other code paths use; the suggestion opens the connection once, around the loop.
    {
      code: `${IO}export async function work() {\n  while (true) {\n    const job = await redis.blpop("jobs", 0);\n    await handle(job);\n  }\n}${IO_GET}`,
      errors: [
        {
          messageId: "blocking",
          data: io("blpop()", "BLPOP"),
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "redis" },
              output: `${IO}export async function work() {\n  const conn = redis.duplicate();\n  try {\n  while (true) {\n    const job = await conn.blpop("jobs", 0);\n    await handle(job);\n  }\n  } finally {\n    conn.disconnect();\n  }\n}${IO_GET}`,
            },
          ],
        },
      ],
    },
    // --- ioredis: an injected client (`this.redis`, a constructor parameter property).
    {
      code: `import type { Redis } from "ioredis";\nexport class Jobs {\n  constructor(private readonly redis: Redis) {}\n  async next(q: string) {\n    const moved = await this.redis.blmove(q, "busy", "LEFT", "RIGHT", 5);\n    return moved;\n  }\n}`,
      errors: [
        {
          messageId: "blocking",
          data: io("blmove()", "BLMOVE", TIMEOUT, "this.redis"),
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "this.redis" },
              output: `import type { Redis } from "ioredis";\nexport class Jobs {\n  constructor(private readonly redis: Redis) {}\n  async next(q: string) {\n    const conn = this.redis.duplicate();\n    try {\n    const moved = await conn.blmove(q, "busy", "LEFT", "RIGHT", 5);\n    return moved;\n    } finally {\n      conn.disconnect();\n    }\n  }\n}`,
            },
          ],
        },
      ],
    },
    // --- A client imported from the app's own module (family unknown: no suggestion).
    {
      code: `import { redis } from "./lib/redis";\nexport async function work() {\n  const job = await redis.brpop("jobs", 0);\n  return job;\n}`,
      errors: [
        {
          messageId: "blocking",
          data: data("brpop()", "BRPOP", "Redis client", "redis", FOREVER, FIX.unknown),
          suggestions: [],
        },
      ],
    },
    // --- A typed parameter (the default counts it as injected).
    {
      code: `import type { Redis } from "ioredis";\nexport async function consume(redis: Redis) {\n  return redis.bzpopmin("tasks", 0);\n}`,
      errors: [
        {
          messageId: "blocking",
          data: io("bzpopmin()", "BZPOPMIN"),
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "redis" },
              output: `import type { Redis } from "ioredis";\nexport async function consume(redis: Redis) {\n  const conn = redis.duplicate();\n  try {\n  return conn.bzpopmin("tasks", 0);\n  } finally {\n    conn.disconnect();\n  }\n}`,
            },
          ],
        },
      ],
    },
    // --- A parameter one local caller passes the shared client to.
    {
      code: `${IO}async function consume(conn: Redis) { return conn.bzpopmax("z", 0); }\nconsume(redis.duplicate());\nconsume(redis);${IO_GET}`,
      errors: [
        {
          messageId: "blocking",
          data: io("bzpopmax()", "BZPOPMAX", FOREVER, "conn"),
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "conn" },
              output: `${IO}async function consume(conn: Redis) { const conn2 = conn.duplicate();\ntry {\nreturn conn2.bzpopmax("z", 0);\n} finally {\n  conn2.disconnect();\n} }\nconsume(redis.duplicate());\nconsume(redis);${IO_GET}`,
            },
          ],
        },
      ],
    },
    // --- XREAD / XREADGROUP with BLOCK, a raw BLPOP, WAIT and WAITAOF, BLMPOP / BZMPOP (timeout first).
    {
      code: `${IO}export const tail = () => redis.xread("COUNT", 1, "BLOCK", 5000, "STREAMS", "s", "$");\nexport const group = () => redis.xreadgroup("GROUP", "g", "c", "BLOCK", 0, "STREAMS", "s", ">");\nexport const raw = () => redis.call("BLPOP", "jobs", 0);\nexport const sync = () => redis.wait(1, 0);\nexport const fsync = () => redis.waitaof(1, 0, 100);\nexport const many = () => redis.blmpop(2, 1, "l", "LEFT");\nexport const low = () => redis.bzmpop(0, 1, "z", "MIN");${IO_GET}`,
      errors: [
        { messageId: "blocking", data: io("xread()", "XREAD", TIMEOUT), suggestions: [] },
        { messageId: "blocking", data: io("xreadgroup()", "XREADGROUP"), suggestions: [] },
        { messageId: "blocking", data: io('call("BLPOP")', "BLPOP"), suggestions: [] },
        {
          messageId: "blocking",
          data: io("wait()", "WAIT", "until the replicas acknowledge the writes, with no end (its timeout is 0)"),
          suggestions: [],
        },
        {
          messageId: "blocking",
          data: io("waitaof()", "WAITAOF", "until the replicas acknowledge the writes or its timeout passes"),
          suggestions: [],
        },
        { messageId: "blocking", data: io("blmpop()", "BLMPOP", TIMEOUT), suggestions: [] },
        { messageId: "blocking", data: io("bzmpop()", "BZMPOP"), suggestions: [] },
      ],
    },
    // --- A module-level client exported to other modules.
    {
      code: `import Redis from "ioredis";\nexport const redis = new Redis();\nexport const next = () => redis.brpoplpush("jobs", "busy", 0);`,
      errors: [{ messageId: "blocking", data: io("brpoplpush()", "BRPOPLPUSH"), suggestions: [] }],
    },
    // --- iovalkey speaks ioredis.
    {
      code: `import Valkey from "iovalkey";\nconst redis = new Valkey();\nexport const next = () => redis.brpop("jobs", 1);${IO_GET}`,
      errors: [{ messageId: "blocking", data: io("brpop()", "BRPOP", TIMEOUT), suggestions: [] }],
    },
    // --- node-redis v5: blPop, xRead with { BLOCK }, sendCommand.
    {
      code: `${NODE}export async function work() {\n  const job = await client.blPop("jobs", 0);\n  return job;\n}\nexport const tail = () => client.xRead({ key: "s", id: "$" }, { BLOCK: 1000 });\nexport const raw = () => client.sendCommand(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"]);${NODE_GET}`,
      settings: v5,
      errors: [
        {
          messageId: "blocking",
          data: node("blPop()", "BLPOP"),
          suggestions: [
            {
              messageId: "useDuplicate",
              data: { client: "client" },
              output: `${NODE}export async function work() {\n  const conn = client.duplicate();\n  await conn.connect();\n  try {\n  const job = await conn.blPop("jobs", 0);\n  return job;\n  } finally {\n    await conn.close();\n  }\n}\nexport const tail = () => client.xRead({ key: "s", id: "$" }, { BLOCK: 1000 });\nexport const raw = () => client.sendCommand(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"]);${NODE_GET}`,
            },
          ],
        },
        { messageId: "blocking", data: node("xRead()", "XREAD", TIMEOUT), suggestions: [] },
        { messageId: "blocking", data: node('sendCommand("XREADGROUP")', "XREADGROUP"), suggestions: [] },
      ],
    },
    // --- node-redis v5: an injected client.
    {
      code: `import type { RedisClientType } from "redis";\nexport class Jobs {\n  constructor(private readonly client: RedisClientType) {}\n  next = () => this.client.bzPopMin("tasks", 2);\n}`,
      settings: v5,
      errors: [
        {
          messageId: "blocking",
          data: node("bzPopMin()", "BZPOPMIN", TIMEOUT, FIX.node5, "this.client"),
          suggestions: [],
        },
      ],
    },
    // --- node-redis v4: without isolation (no duplicate() rewrite: v4 has no close()).
    {
      code: `${NODE}export async function work() {\n  return client.blPop("jobs", 0);\n}${NODE_GET}`,
      settings: v4,
      errors: [{ messageId: "blocking", data: node("blPop()", "BLPOP", FOREVER, FIX.node4), suggestions: [] }],
    },
    {
      code: `import { createClient, commandOptions } from "redis";\nconst client = createClient();\nexport const next = () => client.blPop(commandOptions({ isolated: false }), "jobs", 0);${NODE_GET}`,
      settings: v4,
      errors: [{ messageId: "blocking", data: node("blPop()", "BLPOP", FOREVER, FIX.node4), suggestions: [] }],
    },
    // --- A placeholder field the class also sends other commands on: shared.
    {
      code: 'const redis = require("../redis");\nclass Queue {\n  constructor() { this.client = null; }\n  makeClient(name) { return (this[name] = redis.createClient()); }\n  get(id, cb) { this.client.get(id, cb); }\n  next(done) { this.client.brpoplpush("waiting", "active", 0, done); }\n}\nmodule.exports = Queue;',
      settings: named3,
      errors: [
        {
          messageId: "blocking",
          data: data("brpoplpush()", "BRPOPLPUSH", "Redis client", "this.client", TIMEOUT, FIX.unknown),
          suggestions: [],
        },
      ],
    },
    // --- A cached connection the module also hands out for other commands: shared.
    {
      code: 'const redis = require("../redis");\nconst clients = {};\nexports.forType = (t) => clients[t];\nexports.next = (t, cb) => {\n  const client = clients[t] || (clients[t] = redis.createClient());\n  client.blpop(t, 0, (err, job) => cb(err, job));\n};',
      settings: named3,
      errors: [
        {
          messageId: "blocking",
          data: data("blpop()", "BLPOP", "Redis client", "client", FOREVER, FIX.unknown),
          suggestions: [],
        },
      ],
    },
    // --- An adapter method whose name is not the command it sends: not a forwarder.
    {
      code: "export class Jobs {\n  constructor(raw) { this.raw = raw; }\n  async get(key) { return this.raw.get(key); }\n  async hset(key, field, value) { return this.raw.hSet(key, field, value); }\n  async zadd(key, score, member) { return this.raw.zAdd(key, { score, value: member }); }\n  next = (key) => this.raw.bzPopMin(key, 0);\n}",
      errors: [
        {
          messageId: "blocking",
          data: node("bzPopMin()", "BZPOPMIN", FOREVER, FIX.node5, "this.raw"),
          suggestions: [],
        },
      ],
    },
    // --- node-redis v3 (callbacks).
    {
      code: `const redis = require("redis");\nconst client = redis.createClient();\nexports.next = (send) => client.blpop("jobs", 0, (err, job) => send(job));\nexports.cached = (k, cb) => client.get(k, cb);`,
      settings: v3,
      errors: [
        {
          messageId: "blocking",
          data: node("blpop()", "BLPOP", FOREVER, FIX.node3),
          suggestions: [],
        },
      ],
    },
    // --- Look-alikes of bullmq's QueueEvents (queue-events.js) where the inherited connection may be shared.
    ...[
      // The connection itself handed to super().
      "super(name, Object.assign(Object.assign({}, opts), { connection }), Connection, true)",
      // A duplicate, and the connection it was made from as well.
      "super(name, { ...opts, connection: connection.duplicate(), shared: connection }, Connection)",
      // Duplicated only when a flag says so: the test does not look at the connection.
      "super(name, { ...opts, connection: autorun ? connection.duplicate() : connection }, Connection)",
      // Duplicated in the branch where the test is about something else.
      "super(name, { ...opts, connection: isRedisInstance(opts) ? connection.duplicate() : connection }, Connection)",
      // Two super() calls.
      "if (opts.shared) super(name, { connection }); else super(name, { connection: connection.duplicate() })",
    ].map((SUPER) => ({
      name: `bullmq queue-events.js look-alike: ${SUPER}`,
      code: queueEvents(SUPER),
      settings: namedBullmq,
      errors: [
        {
          messageId: "blocking" as const,
          data: data("xread()", "XREAD", "Redis client", "client", TIMEOUT, FIX.unknown),
        },
      ],
    })),
    // The class stores a client in the field itself (`this.client = connection`), or declares it
    // (a getter of its own): not its base class's.
    ...[
      queueEvents(QUEUE_EVENTS_SUPER, "    this.client = connection;\n"),
      queueEvents(QUEUE_EVENTS_SUPER).replace(
        "  async run() {",
        "  get client() { return sharedConnection; }\n  async run() {",
      ),
    ].map((code, i) => ({
      name: `bullmq queue-events.js look-alike: the field is the class's own (${i === 0 ? "assigned" : "getter"})`,
      code,
      settings: namedBullmq,
      errors: [
        {
          messageId: "blocking" as const,
          data: data("xread()", "XREAD", "Redis client", "client", TIMEOUT, FIX.unknown),
        },
      ],
    })),
    // Not a subclass: `this.client` is nobody's duplicate.
    {
      name: "bullmq queue-events.js look-alike: no base class",
      code: queueEvents(QUEUE_EVENTS_SUPER)
        .replace(" extends QueueBase", "")
        .replace(QUEUE_EVENTS_SUPER, "this.connection = connection.duplicate()"),
      settings: namedBullmq,
      errors: [
        {
          messageId: "blocking" as const,
          data: data("xread()", "XREAD", "Redis client", "client", TIMEOUT, FIX.unknown),
        },
      ],
    },
  ],
});
