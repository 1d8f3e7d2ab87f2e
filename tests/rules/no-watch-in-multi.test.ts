import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-watch-in-multi.js";

const IO = `import type { Redis } from "ioredis";`;
const NR = `import type { RedisClientType } from "redis";`;

const chain = `${IO}
export async function reserve(redis: Redis, key: string) {
  const stock = Number(await redis.get(key));
  if (stock <= 0) return false;
  const res = await redis
    .multi()
    .watch(key)
    .decr(key)
    .exec();
  return res !== null;
}`;

const builder = `${IO}
export async function reserve(redis: Redis, key: string, qty: number) {
  const tx = redis.multi();
  tx.watch(key);
  tx.decrby(key, qty);
  return tx.exec();
}`;

const IO_CONSEQUENCE = `ioredis drops the server's "WATCH inside MULTI is not allowed" error and commits the transaction anyway`;
const NR_CONSEQUENCE =
  "node-redis v4 rejects exec() only after the other commands were committed, and v5 and later have no watch() on the builder at all";

ruleTester.run("no-watch-in-multi", rule, {
  valid: [
    // Look-alikes: not Redis.
    `import fs from "node:fs"; fs.watch("dir");`,
    `import chokidar from "chokidar"; chokidar.watch("src").on("change", () => {});`,
    `import { watch } from "vue"; watch(() => 1, () => {});`,
    `import pgp from "pg-promise"; const db = pgp()("x"); await db.multi("select 1; select 2");`,
    `import express from "express"; const app = express(); app.get("/multi", (req, res) => res.send("ok"));`,
    `const m = new Map(); m.set("watch", 1); m.get("multi");`,
    `import _ from "lodash"; _.get({ multi: { watch: 1 } }, "multi.watch");`,
    `const re = /watch/; re.exec("multi");`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); await prisma.$transaction([prisma.user.findMany()]);`,
    // WATCH on the client, before MULTI: the right way.
    `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const v = await redis.get(k); return redis.multi().set(k, v).exec(); }`,
    `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); const v = await client.get(k); return client.multi().set(k, v).exec(); }`,
    `import { createClient } from "redis"; const client = createClient(); await client.executeIsolated(async (c) => { await c.WATCH("k"); await c.multi().set("k", "1").exec(); });`,
    // ioredis pipeline (not atomic): WATCH is sent in order, before a MULTI queued after it.
    `${IO} export async function f(redis: Redis, k: string) { await redis.pipeline().watch(k).get(k).exec(); }`,
    // Raw MULTI, but the WATCH comes before it or after its EXEC.
    `${IO} export async function f(redis: Redis, k: string) { await redis.call("WATCH", k); await redis.call("MULTI"); await redis.call("SET", k, "1"); await redis.call("EXEC"); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.call("MULTI"); await redis.call("EXEC"); await redis.call("WATCH", k); await redis.call("UNWATCH"); }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.multi({ pipeline: false }); await redis.discard(); await redis.watch(k); await redis.unwatch(); }`,
    `import type { RedisClient } from "bun"; export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("EXEC", []); }`,
    // GLIDE: watch on the client, then an atomic batch.
    `import { Batch, type GlideClient } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.watch([k]); return client.exec(new Batch(true).set(k, "1"), true); }`,
    // Upstash has no WATCH; a multi() there is fine.
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); await redis.multi().set("k", 1).incr("n").exec();`,
    `import { watch } from "node:fs/promises"; for await (const e of watch("dir")) console.log(e);`,
    `const q = { multi() { return { watch() { return this; } }; } }; q.multi().watch("k");`,
    `import Valkey from "iovalkey"; const valkey = new Valkey(); await valkey.watch("k"); await valkey.multi().incr("k").exec();`,
    `${IO} export class Stock { constructor(private readonly redis: Redis) {} async take(k: string) { await this.redis.watch(k); return this.redis.multi().decr(k).exec(); } }`,
    `${IO} export async function f(redis: Redis, k: string) { await redis.multi().set(k, "1").exec(); await redis.watch(k); await redis.unwatch(); }`,
    // Raw MULTI on another connection does not put this one in MULTI.
    `import Redis from "ioredis"; const a = new Redis(); const b = new Redis(); await a.call("MULTI"); await b.watch("k"); await a.call("EXEC"); await b.unwatch();`,
    `${NR} export async function f(client: RedisClientType, k: string) { await client.sendCommand(["WATCH", k]); await client.sendCommand(["MULTI"]); await client.sendCommand(["EXEC"]); }`,
    `import type { GlideClient } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.customCommand(["WATCH", k]); await client.customCommand(["MULTI"]); await client.customCommand(["EXEC"]); }`,
    `import type { RedisClient } from "bun"; export async function f(redis: RedisClient, k: string) { await redis.send("MULTI", []); await redis.send("EXEC", []); await redis.send("WATCH", [k]); await redis.send("UNWATCH", []); }`,
    `import { Batch, type GlideClient } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { return client.exec(new Batch(false).get(k), true); }`,
    // UNWATCH queued in MULTI is not this rule's business.
    `${IO} export async function f(redis: Redis, k: string) { await redis.multi().set(k, "1").exec(); }`,
  ],
  invalid: [
    // ioredis, a chain over several lines: the suggestion keeps the indentation.
    {
      code: chain,
      errors: [
        {
          messageId: "watchInMulti",
          line: 7,
          data: { family: "ioredis", consequence: IO_CONSEQUENCE, client: "redis" },
          suggestions: [
            {
              messageId: "moveWatch",
              data: { client: "redis" },
              output: chain.replace(
                "  const res = await redis\n    .multi()\n    .watch(key)\n",
                "  await redis.watch(key);\n  const res = await redis\n    .multi()\n",
              ),
            },
          ],
        },
      ],
    },
    // ioredis, a builder variable: the WATCH statement moves before multi().
    {
      code: builder,
      errors: [
        {
          messageId: "watchInMulti",
          line: 4,
          suggestions: [
            {
              messageId: "moveWatch",
              output: builder.replace(
                "  const tx = redis.multi();\n  tx.watch(key);\n",
                "  await redis.watch(key);\n  const tx = redis.multi();\n",
              ),
            },
          ],
        },
      ],
    },
    // One line, in an expression statement and in a return.
    {
      code: `${IO} export async function f(redis: Redis, k: string, v: string) { await redis.multi().watch(k).set(k, v).exec(); }`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `${IO} export async function f(redis: Redis, k: string, v: string) { await redis.watch(k); await redis.multi().set(k, v).exec(); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string, v: string) { return redis.multi().set(k, v).watch(k, "other").exec(); }`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `${IO} export async function f(redis: Redis, k: string, v: string) { await redis.watch(k, "other"); return redis.multi().set(k, v).exec(); }`,
            },
          ],
        },
      ],
    },
    // A chain stored in a variable, in a class with an injected client.
    {
      code: `${IO} export class Stock { constructor(private readonly redis: Redis) {} async take(k: string) { const tx = this.redis.multi().watch(k).decr(k); return tx.exec(); } }`,
      errors: [
        {
          messageId: "watchInMulti",
          data: { family: "ioredis", consequence: IO_CONSEQUENCE, client: "this.redis" },
          suggestions: [
            {
              messageId: "moveWatch",
              output: `${IO} export class Stock { constructor(private readonly redis: Redis) {} async take(k: string) { await this.redis.watch(k); const tx = this.redis.multi().decr(k); return tx.exec(); } }`,
            },
          ],
        },
      ],
    },
    // iovalkey, module-level client, top-level await.
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); await valkey.multi().watch("stock").decr("stock").exec();`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `import Valkey from "iovalkey"; const valkey = new Valkey(); await valkey.watch("stock"); await valkey.multi().decr("stock").exec();`,
            },
          ],
        },
      ],
    },
    // node-redis v4 shape (executeIsolated) and v5 shape (pool): the builder's WATCH.
    {
      code: `import { createClient } from "redis"; const client = createClient(); await client.executeIsolated(async (c) => { await c.multi().WATCH("k").set("k", "1").exec(); });`,
      errors: [
        {
          messageId: "watchInMulti",
          data: { family: "node-redis", consequence: NR_CONSEQUENCE, client: "c" },
          suggestions: [
            {
              messageId: "moveWatch",
              output: `import { createClient } from "redis"; const client = createClient(); await client.executeIsolated(async (c) => { await c.watch("k"); await c.multi().set("k", "1").exec(); });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { createClientPool } from "@redis/client"; const pool = createClientPool(); await pool.execute(async (c) => { const res = await c.multi().watch("k").incr("k").exec(); return res; });`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `import { createClientPool } from "@redis/client"; const pool = createClientPool(); await pool.execute(async (c) => { await c.watch("k"); const res = await c.multi().incr("k").exec(); return res; });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { const multi = client.multi(); multi.watch(k); multi.set(k, "1"); await multi.exec(); }`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `${NR} export async function f(client: RedisClientType, k: string) { await client.watch(k); const multi = client.multi(); multi.set(k, "1"); await multi.exec(); }`,
            },
          ],
        },
      ],
    },
    // A chain on the builder variable: only `.watch(k)` is taken out of it.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); tx.watch(k).set(k, "1"); await tx.exec(); }`,
      errors: [
        {
          messageId: "watchInMulti",
          suggestions: [
            {
              messageId: "moveWatch",
              output: `${IO} export async function f(redis: Redis, k: string) { await redis.watch(k); const tx = redis.multi(); tx.set(k, "1"); await tx.exec(); }`,
            },
          ],
        },
      ],
    },
    // Raw MULTI: the connection is already in MULTI. ioredis, node-redis, GLIDE, Bun.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.call("MULTI"); await redis.call("WATCH", k); await redis.call("SET", k, "1"); await redis.call("EXEC"); }`,
      errors: [{ messageId: "watchInRawMulti", data: { family: "ioredis" } }],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.multi({ pipeline: false }); await redis.watch(k); await redis.set(k, "1"); await redis.exec(); }`,
      errors: [{ messageId: "watchInRawMulti" }],
    },
    {
      code: `${NR} export async function f(client: RedisClientType, k: string) { await client.sendCommand(["MULTI"]); await client.sendCommand(["WATCH", k]); await client.sendCommand(["EXEC"]); }`,
      errors: [{ messageId: "watchInRawMulti", data: { family: "node-redis" } }],
    },
    {
      code: `import type { GlideClient } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.customCommand(["MULTI"]); await client.customCommand(["WATCH", k]); await client.customCommand(["EXEC"]); }`,
      errors: [{ messageId: "watchInRawMulti", data: { family: "valkey-glide" } }],
    },
    {
      code: `import type { RedisClient } from "bun"; export async function f(redis: RedisClient, k: string) { await redis.send("MULTI", []); await redis.send("WATCH", [k]); await redis.send("SET", [k, "1"]); await redis.send("EXEC", []); }`,
      errors: [{ messageId: "watchInRawMulti", data: { family: "Bun's RedisClient" } }],
    },
    // No suggestion where moving the WATCH is not a safe edit.
    // Not async: no `await` before multi().
    {
      code: `${IO} export function f(redis: Redis, k: string) { return redis.multi().watch(k).set(k, "1").exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    // The key is computed by a call: evaluating it earlier could change what it is.
    {
      code: `${IO} export async function f(redis: Redis) { await redis.multi().watch(nextKey()).set("k", "1").exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    // The client comes from a call.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { await redis.duplicate().multi().watch(k).set(k, "1").exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    // The statement is the body of an if, not in a block.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { if (k) await redis.multi().watch(k).set(k, "1").exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    // Something runs before multi() in the same statement.
    {
      code: `${IO} export async function f(redis: Redis, k: string) { const ok = (await redis.exists(k)) && (await redis.multi().watch(k).set(k, "1").exec()); return ok; }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    // Builder variable: the WATCH is conditional, or its key is made after multi().
    {
      code: `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); if (k) tx.watch(k); tx.set(k, "1"); await tx.exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { const tx = redis.multi(); if (!k) return; tx.watch(k); await tx.exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    {
      code: `${IO} export async function f(redis: Redis, id: string) { const tx = redis.multi(); const k = "stock:" + id; tx.watch(k); tx.decr(k); await tx.exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
    {
      code: `${IO} export async function f(redis: Redis, k: string) { let key = k; const tx = redis.multi(); key = key + ":v2"; tx.watch(key); await tx.exec(); }`,
      errors: [{ messageId: "watchInMulti", suggestions: [] }],
    },
  ],
});
