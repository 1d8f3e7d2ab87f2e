import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/require-exec.js";

const IO = `import type { Redis } from "ioredis";`;
const NR = `import type { RedisClientType } from "redis";`;
const GLIDE = `import { Batch, type GlideClient } from "@valkey/valkey-glide";`;
const UP = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;

const BUILDER = `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); tx.set(k, "1"); tx.expire(k, 10); return true; }`;

const multiLine = `${IO}
export async function addToCart(redis: Redis, cart: string, item: string) {
  redis
    .multi()
    .hincrby(cart, item, 1)
    .expire(cart, 3600);
  return true;
}`;

ruleTester.run("require-exec", rule, {
  valid: [
    // Look-alikes: not Redis.
    `import pgp from "pg-promise"; const db = pgp()("x"); db.multi("select 1; select 2");`,
    `const m = new Map(); m.set("k", 1); m.get("k");`,
    `const queue = { multi() { return { set() { return this; } }; } }; const q = queue.multi(); q.set("a", 1);`,
    `import knex from "knex"; const db = knex({}); db.transaction((trx) => trx("t").insert({ a: 1 }));`,
    `const re = /a/; re.exec("a");`,
    `import _ from "lodash"; _.chain([1]).map((x) => x).value();`,
    `import express from "express"; const app = express(); app.get("/", (req, res) => res.send("ok"));`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); await prisma.$transaction([prisma.user.findMany()]);`,
    // Executed.
    `${IO} export async function f(redis: Redis, k: string) { await redis.multi().set(k, "1").expire(k, 10).exec(); }`,
    `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); tx.set(k, "1"); tx.expire(k, 10); const res = await tx.exec(); return res; }`,
    `${IO} export async function f(redis: Redis, k: string) { const p = redis.pipeline(); for (const x of [1, 2]) p.rpush(k, String(x)); await p.exec(); }`,
    `${IO} export function f(redis: Redis, k: string) { redis.multi().set(k, "1").exec((err, res) => console.log(err, res)); }`,
    `${IO} export function f(redis: Redis, k: string) { return redis.multi().set(k, "1").exec().then((r) => r?.length); }`,
    `${NR} export async function f(client: RedisClientType, k: string) { await client.multi().set(k, "1").execAsPipeline(); }`,
    `${NR} export async function f(client: RedisClientType, k: string) { const m = client.multi(); m.addCommand(["SET", k, "1"]); await m.exec(); }`,
    `${UP} await redis.pipeline().set("a", 1).incr("n").exec();`,
    `${GLIDE} export async function f(client: GlideClient, k: string) { const batch = new Batch(true).set(k, "1"); await client.exec(batch, true); }`,
    // Handed on: the caller or callee executes it.
    `${IO} export function build(redis: Redis, k: string) { return redis.multi().set(k, "1"); }`,
    `${IO} export const build = (redis: Redis, k: string) => redis.pipeline().set(k, "1");`,
    `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); tx.set(k, "1"); await run(tx); }`,
    `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi().set(k, "1"); return { tx }; }`,
    `${IO} export async function f(redis: Redis, k: string, out: unknown[]) { const tx = redis.multi().set(k, "1"); out.push(tx); }`,
    `${IO} export class Unit { tx; constructor(redis: Redis) { this.tx = redis.multi(); this.tx.set("k", "1"); } }`,
    `${IO} export async function f(redis: Redis, k: string) { let tx; tx = redis.multi(); tx.set(k, "1"); return tx; }`,
    `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); const same = tx; same.set(k, "1"); await same.exec(); }`,
    `${GLIDE} export function batchFor(k: string) { const batch = new Batch(true); batch.set(k, "1"); return batch; }`,
    `import Redis from "ioredis"; const redis = new Redis(); export const tx = redis.multi().set("k", "1");`,
    // Nothing queued: nothing would be lost.
    `${IO} export async function f(redis: Redis) { const tx = redis.multi(); return 1; }`,
  ],
  invalid: [
    // ioredis: a chain thrown away.
    {
      code: multiLine,
      errors: [
        {
          messageId: "neverExecuted",
          line: 3,
          data: { family: "ioredis", what: "transaction", count: "2 commands", exec: "exec()" },
          suggestions: [
            {
              messageId: "addExec",
              output: multiLine
                .replace("  redis\n", "  await redis\n")
                .replace(".expire(cart, 3600);", ".expire(cart, 3600).exec();"),
            },
          ],
        },
      ],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.pipeline().set(k, "1"); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "ioredis", what: "pipeline", count: "1 command", exec: "exec()" },
          suggestions: [
            {
              messageId: "addExec",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.pipeline().set(k, "1").exec(); }`,
            },
          ],
        },
      ],
    },
    // ioredis: a builder variable that is only queued on.
    {
      code: BUILDER,
      errors: [
        {
          messageId: "neverExecuted",
          column: BUILDER.indexOf("redis.multi()") + 1,
          endColumn: BUILDER.indexOf("redis.multi()") + 14,
          suggestions: [],
        },
      ],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { const p = redis.pipeline().set(k, "1"); const q = p; q.incr(k); }`,
      errors: [{ messageId: "neverExecuted", suggestions: [] }],
    },
    // ioredis: commands given to multi() up front.
    {
      code: `${IO} export async function f(redis: Redis) { redis.multi([["set", "a", "1"], ["incr", "n"]]); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "ioredis", what: "transaction", count: "2 commands", exec: "exec()" },
          suggestions: [
            {
              messageId: "addExec",
              output: `${IO} export async function f(redis: Redis) { await redis.multi([["set", "a", "1"], ["incr", "n"]]).exec(); }`,
            },
          ],
        },
      ],
    },
    // iovalkey, module level: top-level await is available.
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); valkey.multi().set("a", "1");`,
      errors: [
        {
          messageId: "neverExecuted",
          suggestions: [
            {
              messageId: "addExec",
              output: `import Valkey from "iovalkey"; const valkey = new Valkey(); await valkey.multi().set("a", "1").exec();`,
            },
          ],
        },
      ],
    },
    // Not async: no suggestion.
    {
      code: `${IO} export function f(redis: Redis, k: string) { redis.multi().set(k, "1"); }`,
      errors: [{ messageId: "neverExecuted", suggestions: [] }],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { void redis.multi().set(k, "1"); }`,
      errors: [{ messageId: "neverExecuted", suggestions: [] }],
    },
    // node-redis (v4 and v5 have the same builder).
    {
      code: `import { createClient } from "redis"; const client = await createClient().connect(); client.multi().set("a", "1").incr("n");`,
      errors: [
        {
          messageId: "neverExecuted",
          data: {
            family: "node-redis",
            what: "transaction",
            count: "2 commands",
            exec: "exec() (or execAsPipeline())",
          },
          suggestions: [
            {
              messageId: "addExec",
              output: `import { createClient } from "redis"; const client = await createClient().connect(); await client.multi().set("a", "1").incr("n").exec();`,
            },
          ],
        },
      ],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { const m = client.multi(); m.addCommand(["SET", k, "1"]); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "node-redis", what: "transaction", count: "1 command", exec: "exec() (or execAsPipeline())" },
        },
      ],
    },
    {
      code: `import { createClient } from "@redis/client"; const client = createClient(); await client.executeIsolated(async (c) => { const m = c.multi().hSet("h", "f", "v"); m.expire("h", 60); return "ok"; });`,
      errors: [{ messageId: "neverExecuted" }],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { let m; m = client.multi(); m.set(k, "1"); }`,
      errors: [{ messageId: "neverExecuted" }],
    },
    // @upstash/redis and @vercel/kv.
    {
      code: `${UP} export async function f(k: string) { redis.pipeline().set(k, 1).expire(k, 60); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "@upstash/redis", what: "pipeline", count: "2 commands", exec: "exec()" },
          suggestions: [
            {
              messageId: "addExec",
              output: `${UP} export async function f(k: string) { await redis.pipeline().set(k, 1).expire(k, 60).exec(); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; export async function f(k: string) { const tx = kv.multi(); tx.set(k, 1); tx.incr("n"); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "@upstash/redis", what: "transaction", count: "2 commands", exec: "exec()" },
        },
      ],
    },
    // valkey-glide: a Batch never given to client.exec().
    {
      code: `${GLIDE} export async function f(client: GlideClient, k: string) { const batch = new Batch(true).set(k, "1"); batch.expire(k, 10); await client.get(k); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "valkey-glide", what: "transaction", count: "2 commands", exec: "client.exec(batch)" },
        },
      ],
    },
    {
      code: `${GLIDE} export async function f(k: string) { new Batch(false).set(k, "1"); }`,
      errors: [
        {
          messageId: "neverExecuted",
          data: { family: "valkey-glide", what: "pipeline", count: "1 command", exec: "client.exec(batch)" },
          suggestions: [],
        },
      ],
    },
  ],
});
