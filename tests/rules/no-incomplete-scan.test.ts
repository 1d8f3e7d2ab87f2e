import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-incomplete-scan.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();`;
const NR = `import { createClient } from "redis"; const client = createClient();`;
const UP = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GL = `import { GlideClient, GlideClusterClient, ClusterScanCursor } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;

/** The exact message: its data, checked by RuleTester against the messageId's text. */
const msg = (call: string, items: string, iteration: string) => ({
  messageId: "incompleteScan" as const,
  data: { call, items, iteration },
});

ruleTester.run("no-incomplete-scan", rule, {
  valid: [
    // --- Correct loops: the cursor is fed back.
    `${IO} let cursor = "0"; const keys = []; do { const [next, batch] = await redis.scan(cursor, "MATCH", "user:*"); cursor = next; keys.push(...batch); } while (cursor !== "0");`,
    `${IO} let cursor = "0"; do { const reply = await redis.scan(cursor, "MATCH", "user:*"); cursor = reply[0]; use(reply[1]); } while (cursor !== "0");`,
    `${IO} let cursor = "0"; const keys = []; while (true) { let batch; [cursor, batch] = await redis.scan(cursor, "COUNT", 100); keys.push(...batch); if (cursor === "0") break; }`,
    `${IO} async function all(cursor = "0", acc = []) { const [next, keys] = await redis.scan(cursor); acc.push(...keys); return next === "0" ? acc : all(next, acc); }`,
    `${IO} function all(cursor, acc) { return redis.scan(cursor).then(([next, keys]) => next === "0" ? acc.concat(keys) : all(next, acc.concat(keys))); }`,
    `${IO} let cursor = "0"; do { const [next, fields] = await redis.hscan("h", cursor); cursor = next; use(fields); } while (cursor !== "0");`,
    `${IO} for await (const batch of redis.scanStream({ match: "user:*" })) use(batch);`,
    `${IO} redis.hscanStream("h").on("data", use);`,
    `${IO} redis.sscanStream("s"); redis.zscanStream("z");`,
    `${NR} let cursor = "0"; do { const reply = await client.scan(cursor, { MATCH: "a:*" }); cursor = reply.cursor; use(reply.keys); } while (cursor !== "0");`,
    `${NR} let cursor = 0; do { const { cursor: next, keys } = await client.scan(cursor, { MATCH: "a:*" }); cursor = next; use(keys); } while (cursor !== 0);`,
    `${NR} for await (const keys of client.scanIterator({ MATCH: "a:*" })) use(keys);`,
    `${NR} for await (const e of client.hScanIterator("h")) use(e); for await (const m of client.sScanIterator("s")) use(m); for await (const m of client.zScanIterator("z")) use(m);`,
    `${UP} let cursor = "0"; do { const [next, keys] = await redis.scan(cursor, { match: "a:*" }); cursor = String(next); use(keys); } while (cursor !== "0");`,
    `${GL} let cursor = "0"; do { const [next, keys] = await client.scan(cursor, { match: "a:*" }); cursor = String(next); use(keys); } while (cursor !== "0");`,
    `import { GlideClusterClient, ClusterScanCursor } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); let cursor = new ClusterScanCursor(); const all = []; while (!cursor.isFinished()) { let keys; [cursor, keys] = await client.scan(cursor, { match: "a:*" }); all.push(...keys); }`,
    `import { redis } from "bun"; let cursor = "0"; do { const [next, keys] = await redis.send("SCAN", [cursor, "MATCH", "a:*"]); cursor = next; use(keys); } while (cursor !== "0");`,
    // --- Paging APIs: the cursor goes back to the caller.
    `${IO} export async function page(cursor: string) { const [next, keys] = await redis.scan(cursor, "MATCH", "user:*", "COUNT", 100); return { cursor: next, keys }; }`,
    `${IO} export function page(cursor: string) { return redis.scan(cursor, "MATCH", "user:*"); }`,
    `${IO} export async function page(cursor: string) { const reply = await redis.scan(cursor); return reply; }`,
    `${NR} export async function page(cursor: string) { const { cursor: next, keys } = await client.scan(cursor, { COUNT: 100 }); return { next, keys }; }`,
    `${NR} export async function page(cursor: string) { const reply = await client.scan(cursor); res.json(reply); }`,
    `import express from "express"; ${UP} const app = express(); app.get("/keys", async (req, res) => { const [cursor, keys] = await redis.scan(req.query.cursor ?? 0, { match: "a:*" }); res.json({ cursor, keys }); });`,
    // --- Replies not used as the whole set.
    `${IO} await redis.scan(0);`,
    `${IO} const reply = await redis.scan(0); console.log(reply);`,
    `${IO} const [cursor] = await redis.scan(0);`,
    `${IO} const [...all] = await redis.scan(0);`,
    `${NR} const { cursor, ...rest } = await client.scan(0);`,
    // Queued on a transaction: the reply comes through exec().
    `${IO} const [[, reply]] = await redis.multi().scan(0).exec();`,
    // Clients arriving as parameters, with the loop.
    `export async function all(client: import("ioredis").Redis) { let c = "0"; do { const [n, k] = await client.scan(c); c = n; use(k); } while (c !== "0"); }`,
    `import { redis } from "./lib/redis"; let c = "0"; do { const [n, k] = await redis.scan(c, "MATCH", "x:*"); c = n; use(k); } while (c !== "0");`,
    // --- Look-alikes: not Redis.
    `import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"; const db = DynamoDBDocument.from(raw); const { Items } = await db.scan({ TableName: "t" });`,
    `const dynamo = new AWS.DynamoDB.DocumentClient(); const { Items } = await dynamo.scan({ TableName: "t" }).promise();`,
    `const m = new Map(); const [, v] = [...m.entries()][0];`,
    `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 10 }); const [, v] = cache.dump()[0];`,
    `import knex from "knex"; const db = knex({}); const [, row] = await db("t").select();`,
    `const scanner = { scan(c) { return [c, []]; } }; const [, keys] = scanner.scan(0);`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const [, rows] = await prisma.$transaction([prisma.a.count(), prisma.a.findMany()]);`,
    `export function f(db) { const [, rows] = db.scan(0); db.query("select 1"); return rows; }`,
  ],
  invalid: [
    {
      code: `${IO} const [, keys] = await redis.scan(0, "MATCH", "user:*", "COUNT", 1000);`,
      errors: [{ ...msg("ioredis scan()", "keys", "scanStream({ match })") }],
    },
    {
      code: `const Redis = require("iovalkey"); const redis = new Redis(); export async function f() { const [_cursor, keys] = await redis.scan("0", "MATCH", "s:*"); return keys; }`,
      errors: [{ ...msg("ioredis scan()", "keys", "scanStream({ match })") }],
    },
    {
      code: `${IO} const keys = (await redis.scan(0, "MATCH", "a:*"))[1];`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${IO} const reply = await redis.scan(0, "MATCH", "a:*"); for (const k of reply[1]) use(k);`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${IO} redis.scan(0, "MATCH", "a:*").then(([, keys]) => use(keys));`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${IO} redis.scan(0, "MATCH", "a:*", (err, [, keys]) => use(keys));`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${IO} let keys; [, keys] = await redis.scan(0, "MATCH", "a:*");`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${IO} const [, fields] = await redis.hscan("user:1", 0, "MATCH", "pref:*");`,
      errors: [{ ...msg("ioredis hscan()", "fields and values", "hscanStream(key, { match })") }],
    },
    {
      code: `${IO} const [, members] = await redis.sscan("online", 0); const [, scored] = await redis.zscan("board", "0");`,
      errors: [
        { ...msg("ioredis sscan()", "members", "sscanStream(key, { match })") },
        { ...msg("ioredis zscan()", "members and scores", "zscanStream(key, { match })") },
      ],
    },
    {
      code: `${IO} const [, keys] = await redis.call("SCAN", "0", "MATCH", "a:*");`,
      errors: [{ ...msg("ioredis raw call(...)", "keys", "scanStream({ match })") }],
    },
    {
      code: `import { Cluster } from "ioredis"; const cluster = new Cluster([]); const [, keys] = await cluster.scan(0, "MATCH", "a:*");`,
      errors: [
        {
          ...msg(
            "ioredis scan()",
            "keys",
            'scanStream({ match }) on each node of cluster.nodes("master") (a Cluster has no scanStream)',
          ),
        },
      ],
    },
    // Clients arriving as parameters, `this.redis`, imported.
    {
      code: `import type { Redis } from "ioredis"; export async function sessions(redis: Redis, user: string) { const [, keys] = await redis.scan(0, "MATCH", \`session:\${user}:*\`, "COUNT", 1000); return keys; }`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `import Redis from "ioredis"; export class Repo { constructor(private readonly redis: Redis) {} async all() { const [, keys] = await this.redis.scan(0, "MATCH", "a:*"); return keys; } }`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `import { redis } from "./lib/redis"; const [, keys] = await redis.scan(0, "MATCH", "a:*");`,
      errors: [{ messageId: "incompleteScan" }],
    },
    // node-redis v4-v6.
    {
      code: `${NR} await client.connect(); const { keys } = await client.scan(0, { MATCH: "user:*", COUNT: 1000 });`,
      errors: [{ ...msg("node-redis scan()", "keys", "scanIterator({ MATCH })") }],
    },
    {
      code: `${NR} const keys = (await client.scan("0", { MATCH: "a:*" })).keys;`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${NR} const reply = await client.SCAN(0); use(reply.keys);`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${NR} const { entries } = await client.hScan("h", "0"); const { tuples } = await client.hScan("h", 0); const { members } = await client.sScan("s", 0); const { members: z } = await client.zScan("z", 0);`,
      errors: [
        { ...msg("node-redis hScan()", "fields and values", "hScanIterator(key, { MATCH })") },
        { messageId: "incompleteScan" },
        { ...msg("node-redis sScan()", "members", "sScanIterator(key, { MATCH })") },
        { ...msg("node-redis zScan()", "members and scores", "zScanIterator(key, { MATCH })") },
      ],
    },
    {
      code: `${NR} const [, keys] = await client.sendCommand(["SCAN", "0", "MATCH", "a:*"]);`,
      errors: [{ ...msg("node-redis raw sendCommand(...)", "keys", "scanIterator({ MATCH })") }],
    },
    {
      code: `const redis = require("redis"); const client = redis.createClient(); client.scan("0", "MATCH", "a:*", function (err, res) { use(res[1]); });`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `import type { RedisClientType } from "redis"; export async function f(client: RedisClientType) { const { keys } = await client.scan(0, { MATCH: "a:*" }); return keys; }`,
      errors: [{ messageId: "incompleteScan" }],
    },
    // Upstash and @vercel/kv.
    {
      code: `${UP} const [, keys] = await redis.scan(0, { match: "a:*", count: 1000 });`,
      errors: [
        {
          ...msg(
            "@upstash/redis scan()",
            "keys",
            'scan(cursor, { match }) in a loop that passes each reply\'s cursor back until it is "0"',
          ),
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; const [, fields] = await kv.hscan("h", 0);`,
      errors: [{ messageId: "incompleteScan" }],
    },
    // valkey-glide.
    {
      code: `${GL} const [, keys] = await client.scan("0", { match: "a:*" });`,
      errors: [
        {
          ...msg(
            "valkey-glide scan()",
            "keys",
            'scan(cursor, { match }) in a loop that passes each reply\'s cursor back until it is "0"',
          ),
        },
      ],
    },
    {
      code: `import { GlideClusterClient, ClusterScanCursor } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); const [, keys] = await client.scan(new ClusterScanCursor(), { match: "a:*" });`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `${GL} const [, fields] = await client.hscan("h", "0");`,
      errors: [{ messageId: "incompleteScan" }],
    },
    // Bun.
    {
      code: `import { redis } from "bun"; const [, keys] = await redis.send("SCAN", ["0", "MATCH", "a:*"]);`,
      errors: [{ messageId: "incompleteScan" }],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); const [, keys] = await c.scan("0", "MATCH", "a:*");`,
      errors: [{ messageId: "incompleteScan" }],
    },
  ],
});
