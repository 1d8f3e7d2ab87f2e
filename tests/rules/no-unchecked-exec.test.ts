import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-unchecked-exec.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();`;
const GLIDE = `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const THROW = `throw new Error("Transaction aborted: a WATCHed key changed")`;
const always = [{ requireNullCheck: "always" }] as const;
/** node-redis v2 / v3: a WATCH abort calls exec(callback) with `(null, null)` (docs/semantics.md §2). */
const V3 = `const redis = require("redis"); const client = redis.createClient();`;
const v3 = { redis: { versions: { redis: 3 } } };
const v4 = { redis: { versions: { redis: 4 } } };

/** The suggestion's output: `if (<name> === null) throw ...;` on a new line after `statement`. */
function guarded(code: string, statement: string, name: string): string {
  const at = code.indexOf(statement) + statement.length;
  return `${code.slice(0, at)}\nif (${name} === null) ${THROW};${code.slice(at)}`;
}
/** The suggestion's output for a discarded `await x.exec();`. */
function checked(code: string, statement: string): string {
  return code.replace(statement, `if ((${statement.replace(/;$/, "")}) === null) ${THROW};`);
}

ruleTester.run("no-unchecked-exec", rule, {
  valid: [
    // Look-alikes: not Redis.
    `const m = /a(b)/.exec("ab"); const [, b] = m; console.log(b);`,
    `const re = new RegExp("x"); const r = re.exec(s); r.length;`,
    `const store = { exec() { return [1]; }, watch() {} }; store.watch("k"); const [a] = store.exec();`,
    `import pgp from "pg-promise"; const db = pgp()("postgres://"); await db.multi("select 1; select 2").then(([a, b]) => a.length + b.length);`,
    `import { exec } from "node:child_process"; exec("ls", (err, out) => out.length);`,
    `import fs from "node:fs"; fs.watch("dir"); const [a] = await query.exec();`,
    `import mongoose from "mongoose"; const users = await User.find().exec(); users.map((u) => u.name);`,
    `import knex from "knex"; const db = knex({}); await db.transaction(async (trx) => { const [id] = await trx("t").insert({}); });`,
    `const cache = new Map(); cache.set("k", [1]); const [v] = cache.get("k");`,
    `import express from "express"; const app = express(); app.get("/exec", async (req, res) => { const [row] = await db.exec(req.query.sql); res.json(row); });`,
    `import _ from "lodash"; const watch = _.get(config, "watch"); const [first] = _.get(config, "exec");`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const [users, posts] = await prisma.$transaction([prisma.user.findMany(), prisma.post.findMany()]);`,
    {
      code: `import sqlite from "better-sqlite3"; const db = sqlite(":memory:"); db.exec("create table t (a)"); const rows = db.prepare("select 1").all(); rows.length;`,
      options: always,
    },
    // ioredis without WATCH: exec() cannot resolve to null in the default mode.
    `${IO} const [[, n]] = await redis.multi().incr("a").exec();`,
    `${IO} await redis.multi().set("a", 1).exec(); export const ok = true;`,
    // A WATCH on another connection does not make this exec() abort.
    `${IO} const other = new Redis(); await other.watch("k"); const [[, v]] = await redis.multi().get("k").exec();`,
    // A WATCH after the exec does not count.
    `${IO} async function f() { const [[, v]] = await redis.multi().get("k").exec(); await redis.watch("k"); }`,
    // A WATCH in another function does not count.
    `${IO} async function w() { await redis.watch("k"); } async function f() { const [[, v]] = await redis.multi().get("k").exec(); }`,
    // Pipelines never abort.
    `${IO} await redis.watch("k"); const [[, v]] = await redis.pipeline().get("k").exec();`,
    // The null checks.
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); if (!res) return false; const [[err]] = res; return !err; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); if (res === null) throw new Error("conflict"); return res.length; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); if (res == null) { return false; } return res.map(([e]) => e); }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); if (res !== null) { const [[e]] = res; return !e; } return false; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); if (res) return res[0]; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res !== null; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res?.[0]?.[1] === "OK"; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res?.length ?? 0; }`,
    `${IO} async function f(k) { await redis.watch(k); const [[, v]] = (await redis.multi().get(k).exec()) ?? [[null, null]]; return v; }`,
    `${IO} async function f(k) { await redis.watch(k); return (await redis.multi().get(k).exec())?.[0]; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); return res ? res[0][1] : null; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); return res && res.length; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); if (!res || res.length === 0) return; res.forEach(console.log); }`,
    `${IO} import assert from "node:assert"; async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); assert(res, "aborted"); return res[0]; }`,
    `${IO} import assert from "node:assert"; async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); assert.ok(res !== null); return res[0]; }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); if (!res) { console.warn("retry"); return f(k); } for (const [err, v] of res) console.log(err, v); }`,
    `${IO} async function f(k) { await redis.watch(k); if (!(await redis.multi().set(k, 1).exec())) throw new Error("conflict"); }`,
    `${IO} async function f(k) { await redis.watch(k); if ((await redis.multi().set(k, 1).exec()) === null) return false; return true; }`,
    `${IO} async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec(); }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res; }`,
    `${IO} async function f(k) { await redis.watch(k); const applied = (await redis.multi().set(k, 1).exec()) !== null; return applied; }`,
    `${IO} async function f(k) { await redis.watch(k); let res = await redis.multi().set(k, 1).exec(); res ??= []; return res.length; }`,
    `${IO} async function f(k) { await redis.watch(k); let res = await redis.multi().set(k, 1).exec(); if (!res) res = []; return res.length; }`,
    // Retry loops.
    `${IO} async function f(k) { let res = null; while (res === null) { await redis.watch(k); const v = Number(await redis.get(k)); res = await redis.multi().set(k, v + 1).exec(); } return res[0]; }`,
    `${IO} async function f(k) { let res; do { await redis.watch(k); res = await redis.multi().incr(k).exec(); } while (!res); return res.length; }`,
    `${IO} async function f(k) { let res; for (;;) { await redis.watch(k); res = await redis.multi().incr(k).exec(); if (res) break; } return res.length; }`,
    `${IO} async function f(k) { for (let i = 0; i < 5; i++) { await redis.watch(k); const res = await redis.multi().incr(k).exec(); if (res !== null) return res[0][1]; } throw new Error("busy"); }`,
    // Promise forms.
    `${IO} async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec().then((res) => res !== null); }`,
    `${IO} async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec().then((res) => res?.length); }`,
    `${IO} async function f(k) { await redis.watch(k); const p = redis.multi().set(k, 1).exec(); const res = await p; if (!res) return; res[0]; }`,
    `${IO} async function f(k) { await redis.watch(k); redis.multi().set(k, 1).exec((err, res) => { if (!res) return; console.log(res.length); }); }`,
    // Handed on: the caller is responsible.
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); handle(res); }`,
    `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return { res }; }`,
    // node-redis throws WatchError: out of scope.
    `import { createClient } from "redis"; const client = createClient(); async function f(k) { await client.watch(k); const [n] = await client.multi().incr(k).exec(); await client.multi().set(k, "1").exec(); return true; }`,
    `import { createClient } from "redis"; const client = createClient(); async function f(k) { await client.executeIsolated(async (c) => { await c.watch(k); const [n] = await c.multi().incr(k).exec(); }); }`,
    {
      code: `import { createClient } from "redis"; const client = createClient(); const [n] = await client.multi().incr("k").exec();`,
      options: always,
    },
    // node-redis v3: exec(callback) replies checked for null, or no WATCH before (issue #14, item 4).
    {
      code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec(function (err, replies) { if (err) return cb(err); if (replies === null) return cb(new Error("conflict")); replies.forEach((r) => console.log(r)); cb(null); }); }`,
      settings: v3,
    },
    {
      code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec((err, replies) => { if (err || !replies) return cb(err || new Error("conflict")); cb(null, replies[0]); }); }`,
      settings: v3,
    },
    {
      code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec((err, replies) => cb(err, replies)); }`,
      settings: v3,
    },
    {
      code: `${V3} export function incr(k, cb) { client.multi().incr(k).exec((err, replies) => { replies.forEach((r) => console.log(r)); cb(null); }); }`,
      settings: v3,
    },
    // v3: exec(callback) with a callback defined elsewhere, or no callback (nothing observes the replies).
    { code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec(cb); }`, settings: v3 },
    { code: `${V3} export function incr(k) { client.watch(k); client.multi().incr(k).exec(); }`, settings: v3 },
    // v3: batch() is no transaction; v4 never calls exec's callback (a function is execAsPipeline).
    {
      code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec((err, replies) => { replies.forEach((r) => console.log(r)); }); }`,
      settings: v4,
    },
    // Look-alikes with a watch() and an exec(callback): mongoose, child_process.
    {
      code: `const mongoose = require("mongoose"); const User = mongoose.model("User"); export function f(cb) { User.watch(); User.find({}).exec((err, docs) => docs.forEach((d) => cb(d))); }`,
      settings: v3,
    },
    {
      code: `const cp = require("child_process"); const fs = require("fs"); export function f(cb) { fs.watch("dir"); cp.exec("ls", (err, out) => out.split(",").forEach(cb)); }`,
      settings: v3,
    },
    // Upstash has no WATCH, and its exec([...]) is one raw command.
    {
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); const [a, b] = await redis.multi().get("a").get("b").exec();`,
      options: always,
    },
    {
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); const v = await redis.exec(["GET", "a"]); v.length;`,
      options: always,
    },
    { code: `import { kv } from "@vercel/kv"; const [a] = await kv.multi().get("a").exec();`, options: always },
    // GLIDE: a non-atomic Batch never aborts; a checked atomic one is fine.
    `${GLIDE} async function f(k) { await client.watch([k]); const [v] = await client.exec(new Batch(false).get(k), true); }`,
    `${GLIDE} async function f(k) { await client.watch([k]); const res = await client.exec(new Batch(true).set(k, "1"), true); if (res === null) return false; return res[0] === "OK"; }`,
    // Bun: a checked EXEC.
    `import { redis } from "bun"; async function f(k) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); const res = await redis.send("EXEC", []); if (!res) return false; return res[0] === "OK"; }`,
    // "always" mode still accepts checked results and pipelines.
    { code: `${IO} const res = await redis.multi().incr("a").exec(); if (res) console.log(res[0]);`, options: always },
    { code: `${IO} const [[, n]] = await redis.pipeline().incr("a").exec();`, options: always },
    { code: `${IO} export const run = () => redis.multi().incr("a").exec();`, options: always },
    // A clients recognised only by name has an unknown family: not in scope.
    `import { redis } from "./lib/redis"; async function f(k) { await redis.watch(k); const [[, v]] = await redis.multi().get(k).exec(); }`,
    // Review: ioredis exec(callback) with a callback defined elsewhere: the result goes to it.
    `${IO} export function save(k: string, done: (err: Error | null, res: unknown) => void) { const c = redis.duplicate(); c.watch(k); c.multi().set(k, "1").exec(done); }`,
    // Review: an EXEC or UNWATCH on the connection, on every path, ends the WATCH: a later exec() cannot be aborted.
    `${IO} export async function twoTx(k: string) { const conn = redis.duplicate(); await conn.watch(k); const v = Number(await conn.get(k)); const res = await conn.multi().set(k, String(v + 1)).exec(); if (res === null) throw new Error("conflict"); await conn.multi().incr("stats:writes").exec(); conn.disconnect(); }`,
    `${IO} export async function read(k: string) { const conn = redis.duplicate(); await conn.watch(k); const v = await conn.get(k); await conn.unwatch(); const [[err, n]] = (await conn.multi().incr("x").exec())!; if (err) throw err; return [v, n]; }`,
    `${GLIDE} export async function two(k: string) { await client.watch([k]); const r = await client.exec(new Batch(true).set(k, "1"), true); if (r === null) return; await client.exec(new Batch(true).incr("n"), true); }`,
  ],
  invalid: [
    // --- ioredis / iovalkey: the unchecked uses.
    {
      code: `${IO} async function f(k) { await redis.watch(k); const [[, v]] = await redis.multi().get(k).exec(); return v; }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "destructured" },
          suggestions: [],
        },
      ],
    },
    {
      code: `${IO}\nasync function transfer(from, to, n) {\n  await redis.watch(from);\n  const bal = Number(await redis.get(from));\n  const res = await redis.multi().decrby(from, n).incrby(to, n).exec();\n  return res.map(([err]) => err);\n}`,
      errors: [
        {
          messageId: "unchecked",
          line: 5,
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 3 changed before EXEC",
            how: "used as .map (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO}\nasync function transfer(from, to, n) {\n  await redis.watch(from);\n  const bal = Number(await redis.get(from));\n  const res = await redis.multi().decrby(from, n).incrby(to, n).exec();\n  if (res === null) ${THROW};\n  return res.map(([err]) => err);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const redis = new Redis(); async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res.length > 0; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "used as .length (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `const Redis = require("iovalkey"); const redis = new Redis(); async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec();\nif (res === null) ${THROW}; return res.length > 0; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res[0][1]; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "indexed (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res[0][1]; }`,
                "const res = await redis.multi().set(k, 1).exec();",
                "res",
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); res!.forEach(console.log); }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "asserted non-null with `!` (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); res!.forEach(console.log); }`,
                "const res = await redis.multi().set(k, 1).exec();",
                "res",
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); return (await redis.multi().set(k, 1).exec())!.length; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "asserted non-null with `!`",
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const all = [...(await redis.multi().get(k).exec())]; }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "spread" },
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); for (const [err, v] of res) console.log(err, v); }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "iterated with for...of (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); for (const [err, v] of res) console.log(err, v); }`,
                "const res = await redis.multi().get(k).exec();",
                "res",
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); if (!res) console.warn("aborted"); return res[0]; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "indexed (as `res`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} async function f(k) { await redis.watch(k); const res = await redis.multi().get(k).exec(); if (!res) console.warn("aborted"); return res[0]; }`,
                "const res = await redis.multi().get(k).exec();",
                "res",
              ),
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const results = await redis.multi().get(k).exec(); const x = results?.[0]; return results[1]; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "indexed (as `results`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} async function f(k) { await redis.watch(k); const results = await redis.multi().get(k).exec(); const x = results?.[0]; return results[1]; }`,
                "const results = await redis.multi().get(k).exec();",
                "results",
              ),
            },
          ],
        },
      ],
    },
    // Chained on the client after watch(), on a transaction variable, on `this.redis`.
    {
      code: `${IO} async function f(k) { await redis.watch(k); const tx = redis.multi(); tx.set(k, 1); const [[err]] = await tx.exec(); return !err; }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "destructured" },
        },
      ],
    },
    {
      code: `import type { Redis } from "ioredis"; export class Wallet { constructor(private readonly redis: Redis) {} async debit(k: string, n: number) { await this.redis.watch(k); const [[, left]] = (await this.redis.multi().decrby(k, n).exec()) as [Error | null, number][]; return left; } }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "destructured" },
        },
      ],
    },
    // The raw WATCH form and a WATCH in the enclosing function.
    {
      code: `${IO} async function f(k) { await redis.call("WATCH", k); const [[, v]] = await redis.multi().get(k).exec(); }`,
      errors: [{ messageId: "unchecked" }],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); await retry(async () => { const [[, v]] = await redis.multi().get(k).exec(); }); }`,
      errors: [{ messageId: "unchecked" }],
    },
    // A dedicated connection that WATCHes.
    {
      code: `${IO} async function f(k) { const conn = redis.duplicate(); await conn.watch(k); const [[, v]] = await conn.multi().get(k).exec(); conn.disconnect(); return v; }`,
      errors: [{ messageId: "unchecked" }],
    },
    // Promise forms and the callback form.
    {
      code: `${IO} async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec().then(([[err]]) => !err); }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "destructured in the callback",
          },
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec().then((res) => res.length); }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "used as .length (as `res`)",
          },
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); const p = redis.multi().set(k, 1).exec(); const [[e]] = await p; }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "destructured" },
        },
      ],
    },
    {
      code: `${IO} function f(k, done) { redis.watch(k); redis.multi().set(k, 1).exec((err, results) => done(results.length)); }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "used as .length (as `results`)",
          },
        },
      ],
    },
    // --- Discarded while the code goes on as if it applied.
    {
      code: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  await redis.multi().set(k, 1).exec();\n  return true;\n}`,
      errors: [
        {
          messageId: "ignored",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 3 changed before EXEC", how: "discarded" },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  if ((await redis.multi().set(k, 1).exec()) === null) ${THROW};\n  return true;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  const results = await redis.multi().set(k, 1).exec();\n  return true;\n}`,
      errors: [
        {
          messageId: "ignored",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 3 changed before EXEC",
            how: "stored in `results` and never read",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  const results = await redis.multi().set(k, 1).exec();\n  if (results === null) ${THROW};\n  return true;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  let res;\n  res = await redis.multi().set(k, 1).exec();\n  console.log(res);\n}`,
      errors: [
        {
          messageId: "ignored",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 3 changed before EXEC",
            how: "stored in `res` and never checked",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO}\nasync function f(k) {\n  await redis.watch(k);\n  let res;\n  res = await redis.multi().set(k, 1).exec();\n  if (res === null) ${THROW};\n  console.log(res);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); redis.multi().set(k, 1).exec(); }`,
      errors: [
        {
          messageId: "ignored",
          data: {
            exec: "ioredis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "never awaited or checked",
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `${IO} async function f(k) { await redis.watch(k); if (k) await redis.multi().set(k, 1).exec(); else return; }`,
      errors: [{ messageId: "ignored", suggestions: [] }],
    },
    // --- Raw MULTI on ioredis: the client-level exec() and call("EXEC").
    {
      code: `${IO} async function f(k) { const c = redis.duplicate(); await c.watch(k); await c.multi({ pipeline: false }); await c.set(k, 1); const [r] = await c.exec(); }`,
      errors: [
        {
          messageId: "unchecked",
          data: { exec: "ioredis exec()", why: "a key WATCHed at line 1 changed before EXEC", how: "destructured" },
        },
      ],
    },
    {
      code: `${IO} async function f(k) { const c = redis.duplicate(); await c.watch(k); await c.call("MULTI"); await c.call("SET", k, "1"); await c.call("EXEC"); return true; }`,
      errors: [
        {
          messageId: "ignored",
          data: { exec: 'ioredis call("EXEC")', why: "a key WATCHed at line 1 changed before EXEC", how: "discarded" },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: checked(
                `${IO} async function f(k) { const c = redis.duplicate(); await c.watch(k); await c.call("MULTI"); await c.call("SET", k, "1"); await c.call("EXEC"); return true; }`,
                'await c.call("EXEC");',
              ),
            },
          ],
        },
      ],
    },
    // --- GLIDE: client.exec(atomic batch).
    {
      code: `${GLIDE} async function f(k) { await client.watch([k]); const batch = new Batch(true).set(k, "1"); const [ok] = await client.exec(batch, true); return ok === "OK"; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "valkey-glide exec(batch)",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "destructured",
          },
        },
      ],
    },
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) {\n  await client.watch([k]);\n  const batch = new Batch(true).incr(k);\n  await client.exec(batch, false);\n  return true;\n}`,
      errors: [
        {
          messageId: "ignored",
          data: {
            exec: "valkey-glide exec(batch)",
            why: "a key WATCHed at line 2 changed before EXEC",
            how: "discarded",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) {\n  await client.watch([k]);\n  const batch = new Batch(true).incr(k);\n  if ((await client.exec(batch, false)) === null) ${THROW};\n  return true;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const c = await GlideClusterClient.createClient({ addresses: [] }); async function f(k) { await c.watch([k]); const res = await c.exec(new ClusterBatch(true).set(k, "1"), true); return res.length; }`,
      errors: [
        {
          messageId: "unchecked",
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const c = await GlideClusterClient.createClient({ addresses: [] }); async function f(k) { await c.watch([k]); const res = await c.exec(new ClusterBatch(true).set(k, "1"), true); return res.length; }`,
                'const res = await c.exec(new ClusterBatch(true).set(k, "1"), true);',
                "res",
              ),
            },
          ],
        },
      ],
    },
    // --- Bun: send("EXEC", []).
    {
      code: `import { redis } from "bun"; async function f(k) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); const [ok] = await redis.send("EXEC", []); return ok; }`,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: `Bun's RedisClient send("EXEC")`,
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "destructured",
          },
        },
      ],
    },
    {
      code: `import type { RedisClient } from "bun"; export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("INCR", [k]); await redis.send("EXEC", []); return true; }`,
      errors: [
        {
          messageId: "ignored",
          data: {
            exec: `Bun's RedisClient send("EXEC")`,
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "discarded",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: checked(
                `import type { RedisClient } from "bun"; export async function f(redis: RedisClient, k: string) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("INCR", [k]); await redis.send("EXEC", []); return true; }`,
                'await redis.send("EXEC", []);',
              ),
            },
          ],
        },
      ],
    },
    // --- requireNullCheck: "always".
    {
      code: `${IO} const [[, n]] = await redis.multi().incr("a").exec();`,
      options: always,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "ioredis exec()",
            why: "a WATCH on this connection, yours or another caller's on a shared client, saw a change",
            how: "destructured",
          },
        },
      ],
    },
    {
      code: `${IO} export async function bump() { await redis.multi().incr("a").expire("a", 60).exec(); return true; }`,
      options: always,
      errors: [
        {
          messageId: "ignored",
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO} export async function bump() { if ((await redis.multi().incr("a").expire("a", 60).exec()) === null) ${THROW}; return true; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${GLIDE} const out = await client.exec(new Batch(true).incr("a"), true); out.length;`,
      options: always,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "valkey-glide exec(batch)",
            why: "a WATCH on this connection, yours or another caller's on a shared client, saw a change",
            how: "used as .length (as `out`)",
          },
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${GLIDE} const out = await client.exec(new Batch(true).incr("a"), true); out.length;`,
                'const out = await client.exec(new Batch(true).incr("a"), true);',
                "out",
              ),
            },
          ],
        },
      ],
    },
    // node-redis v3: a WATCH abort calls exec(callback) with null replies (docs/semantics.md §2).
    {
      code: `${V3} export function incr(k, cb) { client.watch(k); client.multi().incr(k).exec(function (err, replies) { if (err) return cb(err); replies.forEach((r) => console.log(r)); cb(null); }); }`,
      settings: v3,
      errors: [
        {
          messageId: "unchecked",
          data: {
            exec: "node-redis exec()",
            why: "a key WATCHed at line 1 changed before EXEC",
            how: "used as .forEach (as `replies`)",
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `${V3}\nexport function take(k, cb) {\n  client.watch(k);\n  client.get(k, (err, v) => {\n    client.multi().set(k, String(Number(v) - 1)).exec((err, [ok]) => cb(err, ok));\n  });\n}`,
      settings: v3,
      errors: [
        {
          messageId: "unchecked",
          line: 5,
          data: {
            exec: "node-redis exec()",
            why: "a key WATCHed at line 3 changed before EXEC",
            how: "destructured in the callback",
          },
        },
      ],
    },
    {
      code: `${V3} export function incr(k, cb) { client.multi().incr(k).exec((err, replies) => cb(err, replies.length)); }`,
      settings: v3,
      options: always,
      errors: [{ messageId: "unchecked" }],
    },
    {
      // Review: the inline callback form is still read.
      code: `${IO} export function save(k: string) { const c = redis.duplicate(); c.watch(k); c.multi().set(k, "1").exec((err, res) => console.log(res!.length)); }`,
      errors: [{ messageId: "unchecked" }],
    },
    {
      // Review: an UNWATCH inside a branch does not end the WATCH on the path that reaches exec().
      code: `${IO} export async function take(k: string) { const conn = redis.duplicate(); await conn.watch(k); const v = Number(await conn.get(k)); if (v <= 0) { await conn.unwatch(); return false; } await conn.multi().decr(k).exec(); return true; }`,
      errors: [
        {
          messageId: "ignored",
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${IO} export async function take(k: string) { const conn = redis.duplicate(); await conn.watch(k); const v = Number(await conn.get(k)); if (v <= 0) { await conn.unwatch(); return false; } if ((await conn.multi().decr(k).exec()) === null) ${THROW}; return true; }`,
            },
          ],
        },
      ],
    },
  ],
});

// Issue #14 item 5: promise chains. A result carried through a `.then` callback's return value
// into the next `.then` (`promiseLandings`, src/ast/usage.ts) is judged as the `await` form: each
// invalid chain sits beside its await twin, asserted with the same finding.
const VALKEY = `const Redis = require("iovalkey"); const redis = new Redis();`;
const BUN = `import { redis } from "bun";`;
/** One form of a twin: its code, and the statement `const <name> = await ...exec()` the suggestion guards. */
type Form = string | { code: string; guard: [statement: string, name: string] | "discarded" };
function form(f: Form, finding: Record<string, unknown>, name: string) {
  if (typeof f === "string") return { name, code: f, errors: [{ ...finding, suggestions: [] }] } as never;
  const [statement, variable] = f.guard === "discarded" ? [] : f.guard;
  const output =
    f.guard === "discarded"
      ? checked(f.code, f.code.slice(f.code.indexOf("await redis.multi()"), f.code.indexOf(".exec();") + 8))
      : guarded(f.code, statement!, variable!);
  return {
    name,
    code: f.code,
    errors: [{ ...finding, suggestions: [{ messageId: "throwOnAbort", output }] }],
  } as never;
}
/** The await twin and the `.then` form of one function, both expected to give `finding`. */
function twins(name: string, awaitForm: Form, chain: Form, finding: Record<string, unknown>) {
  return [form(awaitForm, finding, `${name} (await form)`), form(chain, finding, `${name} (.then chain)`)] as never[];
}
const watchedAt = (line: number) => `a key WATCHed at line ${line} changed before EXEC`;
const io = (how: string) => ({
  messageId: "unchecked" as const,
  data: { exec: "ioredis exec()", why: watchedAt(1), how },
});
const RES = ["const res = await redis.multi().set(k, 1).exec();", "res"] as [string, string];

ruleTester.run("no-unchecked-exec: promise chains", rule, {
  valid: [
    // The next `.then` checks the result for null.
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => res === null ? f(k) : res.length); }`,
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => { if (!res) throw new Error("aborted"); res.forEach(([e, v]) => console.log(v)); }); }`,
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => res?.length); }`,
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.get(k)).then((v) => redis.multi().set(k, Number(v) + 1).exec()).then((res) => { if (res === null) return false; return res.length > 0; }); }`,
    // Checked in one `.then`, handed on to the next.
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => { if (res === null) throw new Error("aborted"); return res; }).then((res) => res.length); }`,
    // Returned to the caller: handed on, as `return redis.multi()...exec()` after an await.
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()); }`,
    `${IO} export async function f(k) { await redis.watch(k); return redis.multi().set(k, 1).exec(); }`,
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).catch((e) => { console.error(e); throw e; }); }`,
    `${IO} export function f(k) { return redis.watch(k).then(async () => { const res = await redis.multi().set(k, 1).exec(); return res; }); }`,
    // A `.then` whose callback ignores its parameter (as `exec().then(() => ...)` directly).
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then(() => true); }`,
    // A named callback that checks the result.
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then(handle); function handle(res) { if (res === null) return false; return res.length > 0; } }`,
    // A named callback passing its parameter on, used twice: followed once, and ends.
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then(same).then(same); function same(res) { return res; } }`,
    // A callback we cannot see: the result goes there.
    `${IO} export function f(k, done) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then(done); }`,
    // Not Redis promises: fetch, mongoose Query#exec, a cache, a db with the same method names.
    `${IO} export function f(k, url) { return redis.watch(k).then(() => fetch(url)).then((r) => r.json()).then((d) => d.forEach((x) => console.log(x))); }`,
    `${IO} import mongoose from "mongoose"; export function f(k) { return redis.watch(k).then(() => User.find({ k }).exec()).then((users) => users.map((u) => u.name)); }`,
    `${IO} export function f(k, cache) { return redis.watch(k).then(() => cache.get(k)).then((rows) => rows.length); }`,
    `export function f(k, db) { return db.watch(k).then(() => db.multi().set(k, 1).exec()).then((res) => res.length); }`,
    // ioredis pipelines have no WATCH abort: neither form is reported.
    `${IO} export async function f(k) { await redis.watch(k); const res = await redis.pipeline().set(k, 1).exec(); res.forEach(([e, v]) => console.log(v)); }`,
    `${IO} export function f(k) { return redis.watch(k).then(() => redis.pipeline().set(k, 1).exec()).then((res) => { res.forEach(([e, v]) => console.log(v)); }); }`,
    // No WATCH before the exec.
    `${IO} export function f(k) { return redis.get(k).then((v) => redis.multi().set(k, Number(v) + 1).exec()).then((res) => res.length); }`,
  ],
  invalid: [
    // The two functions of issue #14 item 5.
    ...twins(
      "transfer",
      {
        code: `${IO} export async function transfer(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); res.forEach(([e, v]) => console.log(v)); }`,
        guard: RES,
      },
      `${IO} export function transfer(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => { res.forEach(([e, v]) => console.log(v)); }); }`,
      io("used as .forEach (as `res`)"),
    ),
    ...twins(
      "t2",
      {
        code: `${IO} export async function t2(k) { await redis.watch(k); const v = await redis.get(k); const res = await redis.multi().set(k, Number(v) + 1).exec(); return res.length; }`,
        guard: ["const res = await redis.multi().set(k, Number(v) + 1).exec();", "res"],
      },
      `${IO} export function t2(k) { return redis.watch(k).then(() => redis.get(k)).then((v) => redis.multi().set(k, Number(v) + 1).exec()).then((res) => res.length); }`,
      io("used as .length (as `res`)"),
    ),
    // A block body with `return`.
    ...twins(
      "block body",
      {
        code: `${IO} export async function f(k) { await redis.watch(k); const tx = redis.multi().set(k, 1); const res = await tx.exec(); return res[0]; }`,
        guard: ["const res = await tx.exec();", "res"],
      },
      `${IO} export function f(k) { return redis.watch(k).then(() => { const tx = redis.multi().set(k, 1); return tx.exec(); }).then((res) => res[0]); }`,
      io("indexed (as `res`)"),
    ),
    // Async callbacks: the awaited result returned, directly or through a variable.
    ...twins(
      "async callback, variable",
      {
        code: `${IO} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res.length; }`,
        guard: RES,
      },
      {
        code: `${IO} export function f(k) { return redis.watch(k).then(async () => { const res = await redis.multi().set(k, 1).exec(); console.log("done"); return res; }).then((res) => res.length); }`,
        guard: RES,
      },
      io("used as .length (as `res`)"),
    ),
    form(
      `${IO} export async function f(k) { await redis.watch(k); const [[err]] = await redis.multi().set(k, 1).exec(); return !err; }`,
      io("destructured"),
      "async callback, destructured (await form)",
    ),
    form(
      `${IO} export function f(k) { return redis.watch(k).then(async () => await redis.multi().set(k, 1).exec()).then(([[err]]) => !err); }`,
      io("destructured in the callback"),
      "async callback, destructured (.then chain)",
    ),
    // A named callback that returns the exec promise: `.then(commit)`.
    ...twins(
      "named callback",
      {
        code: `${IO} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res.length; }`,
        guard: RES,
      },
      `${IO} export function f(k) { return redis.watch(k).then(commit).then((res) => res.length); function commit() { return redis.multi().set(k, 1).exec(); } }`,
      io("used as .length (as `res`)"),
    ),
    form(
      `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then(handle); function handle(res) { return res.length > 0; } }`,
      io("used as .length (as `res`)"),
      "named callback taking the result (.then chain)",
    ),
    // `.catch()` passes the value on the success path, `.finally()` always.
    ...twins(
      "catch in between",
      {
        code: `${IO} export async function f(k) { let res; try { await redis.watch(k); res = await redis.multi().set(k, 1).exec(); } catch (e) { console.error(e); throw e; } return res.length; }`,
        guard: ["res = await redis.multi().set(k, 1).exec();", "res"],
      },
      `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).catch((e) => { console.error(e); throw e; }).then((res) => res.length); }`,
      io("used as .length (as `res`)"),
    ),
    ...twins(
      "finally in between",
      {
        code: `${IO} export async function f(k) { let res; try { await redis.watch(k); res = await redis.multi().set(k, 1).exec(); } finally { console.log("done"); } return res.length; }`,
        guard: ["res = await redis.multi().set(k, 1).exec();", "res"],
      },
      `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).finally(() => console.log("done")).then((res) => res.length); }`,
      io("used as .length (as `res`)"),
    ),
    // Passed on unchecked by one `.then`, read by the next.
    {
      name: "handed through a then (await form)",
      code: `${IO} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); console.log(res); return res.length; }`,
      errors: [
        {
          ...io("used as .length (as `res`)"),
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: guarded(
                `${IO} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); console.log(res); return res.length; }`,
                RES[0],
                "res",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "handed through a then (.then chain)",
      code: `${IO} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => { console.log(res); return res; }).then((r) => r.length); }`,
      errors: [io("used as .length (as `r`)")],
    },
    // The chain awaited.
    ...twins(
      "awaited chain",
      {
        code: `${IO} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res.length; }`,
        guard: RES,
      },
      `${IO} export async function f(k) { const res = await redis.watch(k).then(() => redis.multi().set(k, 1).exec()); return res.length; }`,
      io("used as .length (as `res`)"),
    ),
    // The chain's result dropped: the abort goes unnoticed.
    form(
      {
        code: `${IO} export async function f(k) { await redis.watch(k); await redis.multi().set(k, 1).exec(); }`,
        guard: "discarded",
      },
      { messageId: "ignored", data: { exec: "ioredis exec()", why: watchedAt(1), how: "discarded" } },
      "dropped (await form)",
    ),
    form(
      `${IO} export function f(k) { redis.watch(k).then(() => redis.multi().set(k, 1).exec()); }`,
      { messageId: "ignored", data: { exec: "ioredis exec()", why: watchedAt(1), how: "never awaited or checked" } },
      "dropped (.then chain)",
    ),
    // iovalkey, valkey-glide and Bun: exec resolves to null on a WATCH abort too.
    ...twins(
      "iovalkey",
      {
        code: `${VALKEY} export async function f(k) { await redis.watch(k); const res = await redis.multi().set(k, 1).exec(); return res.length; }`,
        guard: RES,
      },
      `${VALKEY} export function f(k) { return redis.watch(k).then(() => redis.multi().set(k, 1).exec()).then((res) => res.length); }`,
      io("used as .length (as `res`)"),
    ),
    ...twins(
      "valkey-glide",
      {
        code: `${GLIDE} export async function f(k) { await client.watch([k]); const out = await client.exec(new Batch(true).incr(k), true); return out.length; }`,
        guard: ["const out = await client.exec(new Batch(true).incr(k), true);", "out"],
      },
      `${GLIDE} export function f(k) { return client.watch([k]).then(() => client.exec(new Batch(true).incr(k), true)).then((out) => out.length); }`,
      {
        messageId: "unchecked",
        data: { exec: "valkey-glide exec(batch)", why: watchedAt(1), how: "used as .length (as `out`)" },
      },
    ),
    ...twins(
      "Bun",
      {
        code: `${BUN} export async function f(k) { await redis.send("WATCH", [k]); await redis.send("MULTI", []); await redis.send("SET", [k, "1"]); const res = await redis.send("EXEC", []); return res.length; }`,
        guard: ['const res = await redis.send("EXEC", []);', "res"],
      },
      `${BUN} export function f(k) { return redis.send("WATCH", [k]).then(() => redis.send("MULTI", [])).then(() => redis.send("SET", [k, "1"])).then(() => redis.send("EXEC", [])).then((res) => res.length); }`,
      {
        messageId: "unchecked",
        data: { exec: `Bun's RedisClient send("EXEC")`, why: watchedAt(1), how: "used as .length (as `res`)" },
      },
    ),
  ],
});
