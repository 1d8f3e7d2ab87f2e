import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-ignored-exec-errors.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();`;
const GLIDE = `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const UP = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
/** node-redis v2 / v3: callbacks, `multi().exec((err, replies) => ...)` (docs/semantics.md §2). */
const V3 = `const redis = require("redis"); const client = redis.createClient();`;
const v3 = { redis: { versions: { redis: 3 } } };
const v4 = { redis: { versions: { redis: 4 } } };
const v5 = { redis: { versions: { redis: 5 } } };
/** express-brute-redis index.js (issue #14, ledger L19): a prototype-style store whose constructor stores `this.client = <client>`. */
const BRUTE = (client: string) => `var Redis = require("redis");
var RedisStore = module.exports = function (options) {
  this.options = options;
  this.client = ${client};
};
RedisStore.prototype.set = function (key, value, lifetime, callback) {
  var multi = this.client.multi();
  multi.set(key, JSON.stringify(value));
  if (lifetime > 0) {
    multi.expire(key, lifetime);
  }
  multi.exec(function (err, data) {
    typeof callback == 'function' && callback.call(this, null);
  });
};
RedisStore.prototype.get = function (key, callback) {
  this.client.get(key, function (err, data) { callback(err, data); });
};
RedisStore.Redis = Redis;`;

ruleTester.run("no-ignored-exec-errors", rule, {
  valid: [
    // --- Clients by evidence (recognition/evidence.ts): look-alikes with generic names stay silent.
    `export function f(rows) { const r = rows.exec(); return r[0][1]; }`,
    `export async function f(client: any) { await client.hincrby("h", "f", 1); const res = await client.multi().incr("a").exec(); for (const [err, v] of res) if (err) throw err; }`,
    // ---- Look-alikes: not Redis.
    { name: "RegExp#exec", code: `const m = /(a)(b)/.exec("ab"); console.log(m[1]);` },
    {
      name: "an object with exec()",
      code: `const runner = { exec() { return [[null, 1]]; } }; const r = runner.exec(); console.log(r[0][1]);`,
    },
    {
      name: "child_process exec",
      code: `import { exec } from "node:child_process"; exec("ls", (err, out) => console.log(out));`,
    },
    {
      name: "pg-promise db.multi",
      code: `import pgp from "pg-promise"; const db = pgp()("postgres://"); const [users, orders] = await db.multi("select 1; select 2"); console.log(users[0][1]);`,
    },
    {
      name: "knex transaction",
      code: `import knex from "knex"; const db = knex({}); await db.transaction(async (trx) => { const rows = await trx("t").select(); console.log(rows[0][1]); });`,
    },
    {
      name: "Prisma $transaction",
      code: `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); const [a, b] = await prisma.$transaction([prisma.user.count(), prisma.post.count()]); console.log(a, b);`,
    },
    {
      name: "mongoose Query#exec",
      code: `import mongoose from "mongoose"; const User = mongoose.model("User"); const docs = await User.find().exec(); console.log(docs[0][1]);`,
    },

    // ---- node-redis: exec() rejects on errors, so values are values.
    {
      name: "node-redis exec() throws on errors",
      code: `import { createClient } from "redis"; const c = createClient(); const [a, n] = await c.multi().set("a", "1").incr("n").exec(); console.log(n);`,
    },
    // ---- Upstash without keepErrors: exec() throws.
    {
      name: "Upstash exec() without keepErrors throws",
      code: `${UP} const [a, n] = await redis.multi().set("a", 1).incr("n").exec(); console.log(n);`,
    },
    // ---- GLIDE with raiseOnError true.
    {
      name: "GLIDE exec(batch, true) throws",
      code: `${GLIDE} const res = await client.exec(new Batch(true).set("a", "1").incr("n"), true); console.log(res?.[1]);`,
    },

    // ---- ioredis: errors looked at.
    {
      name: "guard: error element of the same pair read",
      code: `${IO} const res = await redis.multi().set("a", "1").incr("n").exec(); if (res[1][0]) throw res[1][0]; console.log(res[1][1]);`,
    },
    {
      name: "guard: destructured pair with its error used",
      code: `${IO} const [[setErr], [incrErr, n]] = await redis.multi().set("a", "1").incr("n").exec(); if (setErr || incrErr) throw setErr ?? incrErr; console.log(n);`,
    },
    {
      name: "guard: .some(([e]) => e) over the results",
      code: `${IO} const results = await redis.pipeline().get("a").get("b").exec(); if (results.some(([e]) => e)) throw new Error("pipeline failed"); const values = results.map(([, v]) => v);`,
    },
    {
      name: "guard: find the first error",
      code: `${IO} const results = await redis.multi().incr("a").incr("b").exec(); const failed = results?.find(([err]) => err); if (failed) throw failed[0]; console.log(results[0][1]);`,
    },
    {
      name: "guard: for-of with if (err) throw err",
      code: `${IO} export async function f() { const results = await redis.multi().incr("a").incr("b").exec(); for (const [err] of results ?? []) if (err) throw err; return results.map(([, v]) => v); }`,
    },
    {
      name: "guard: map callback that looks at the error",
      code: `${IO} const results = await redis.pipeline().get("a").get("b").exec(); const values = results.map(([err, v]) => { if (err) throw err; return v; });`,
    },
    {
      name: "guard: results passed to a check function",
      code: `${IO} import { assertNoErrors } from "./redis-utils"; const results = await redis.multi().incr("a").incr("b").exec(); assertNoErrors(results); console.log(results[0][1]);`,
    },
    {
      name: "guard: results passed to throwIfFailed()",
      code: `${IO} function throwIfFailed(r) { for (const [e] of r) if (e) throw e; } const results = await redis.multi().incr("a").exec(); throwIfFailed(results); const n = results[0][1];`,
    },
    {
      name: "guard: pair variable with its error checked",
      code: `${IO} const results = await redis.multi().incr("a").exec(); const pair = results[0]; if (pair[0]) throw pair[0]; console.log(pair[1]);`,
    },
    {
      name: "guard: .then() callback checking errors",
      code: `${IO} redis.pipeline().incr("a").exec().then((results) => { if (results.some(([e]) => e)) throw new Error("x"); return results[0][1]; });`,
    },
    { name: "results discarded (default)", code: `${IO} await redis.multi().set("a", "1").incr("n").exec();` },
    {
      name: "results stored and never read (default)",
      code: `${IO} const res = await redis.multi().set("a", "1").exec();`,
    },
    {
      name: "only the null check of a WATCH abort",
      code: `${IO} const res = await redis.multi().set("a", "1").exec(); if (!res) throw new Error("aborted");`,
    },
    {
      name: "results returned to the caller",
      code: `${IO} export async function f() { return redis.multi().incr("a").exec(); }`,
    },
    {
      name: "ioredis exec with a callback that reads the error and hands the results on",
      code: `${IO} redis.multi().incr("a").exec((err, results) => { if (err) return console.error(err); console.log(results); });`,
    },
    {
      name: "ioredis exec callback: (err) => cb(err)",
      code: `${IO} export function f(cb) { redis.multi().incr("a").exec((err) => cb(err)); }`,
    },
    {
      name: "ioredis exec callback: error read, pairs checked before the value",
      code: `${IO} export function f(cb) { redis.pipeline().get("a").get("b").exec(function (err, results) { if (err) return cb(err); for (const [e] of results) if (e) return cb(e); cb(null, results[1][1]); }); }`,
    },
    {
      name: "ioredis exec(callback) with a callback defined elsewhere",
      code: `${IO} export function f(done) { redis.multi().incr("a").exec(done); }`,
    },
    {
      name: "ioredis exec callback that does nothing (default: discarded)",
      code: `${IO} redis.multi().incr("a").exec(() => {});`,
    },

    // ---- node-redis v2 / v3: exec(callback).
    {
      name: "node-redis v3: if (err) return callback(err)",
      code: `${V3} export function store(key, value, callback) { const multi = client.multi(); multi.set(key, value); multi.expire(key, 60); multi.exec(function (err, replies) { if (err) return callback(err); callback(null); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: (err) => cb(err)",
      code: `${V3} export function f(cb) { client.multi().set("a", "1").incr("n").exec((err) => cb(err)); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: err and replies handed on together",
      code: `${V3} export function f(cb) { client.multi().set("a", "1").incr("n").exec(function (err, replies) { cb(err, replies); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: err only logged still counts as read",
      code: `${V3} export function f(done) { client.multi().incr("n").exec(function (err) { if (err) console.error(err); done(); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: arguments handed on",
      code: `${V3} export function f(callback) { client.multi().incr("n").exec(function () { callback.apply(this, arguments); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: a rest parameter handed on",
      code: `${V3} export function f(callback) { client.multi().incr("n").exec((...args) => callback(...args)); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: exec(callback) with a callback defined elsewhere",
      code: `${V3} export function f(callback) { client.multi().incr("n").exec(callback); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: replies checked with find(instanceof Error) before use",
      code: `${V3} export function f(cb) { client.multi().set("a", "1").incr("n").exec(function (err, replies) { if (err) return cb(err); const failed = replies.find((r) => r instanceof Error); if (failed) return cb(failed); cb(null, replies[1]); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: the reply checked with instanceof before use",
      code: `${V3} export function f(cb) { client.multi().set("a", "1").incr("n").exec((err, replies) => { if (err) return cb(err); if (replies[1] instanceof Error) return cb(replies[1]); cb(null, replies[1]); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: for...of with instanceof over the replies",
      code: `${V3} export function f(cb) { client.multi().incr("a").incr("b").exec((err, replies) => { if (err) return cb(err); for (const r of replies) if (r instanceof Error) return cb(r); cb(null, replies.map(Number)); }); }`,
      settings: v3,
    },
    {
      name: "node-redis v3: an empty callback (default: discarded)",
      code: `${V3} client.multi().incr("n").exec(function (err, replies) {});`,
      settings: v3,
    },
    {
      name: "node-redis v3: no callback (default: discarded)",
      code: `${V3} client.multi().incr("n").exec();`,
      settings: v3,
    },
    {
      name: "node-redis v5: exec takes no callback (a function argument is execAsPipeline)",
      code: `${V3} export function f(done) { client.multi().incr("n").exec((err, replies) => done(null, replies[0])); }`,
      settings: v5,
    },
    {
      name: "node-redis v4: exec takes no callback",
      code: `${V3} export function f(done) { client.multi().incr("n").exec(function (err) { done(null); }); }`,
      settings: v4,
    },
    // ---- Callback look-alikes: not Redis.
    {
      name: "child_process.exec(cmd, (err, stdout) => ...) with err unread",
      code: `const cp = require("child_process"); export function run(cmd, cb) { cp.exec(cmd, function (err, stdout) { cb(null, stdout.trim()); }); }`,
    },
    {
      name: "mongoose Query#exec(callback) with err unread",
      code: `const mongoose = require("mongoose"); const User = mongoose.model("User"); export function f(cb) { User.find({}).exec(function (err, docs) { cb(null, docs[0]); }); }`,
    },
    {
      name: "knex query builder exec(callback) with err unread",
      code: `const knex = require("knex")({ client: "pg" }); export function f(cb) { knex("users").select("*").exec(function (err, rows) { cb(null, rows[0]); }); }`,
    },
    {
      name: "sequelize / sqlite3 db.exec(sql, callback) with err unread",
      code: `const sqlite3 = require("sqlite3"); const db = new sqlite3.Database(":memory:"); db.exec("create table t (x)", function (err) { console.log("ready"); });`,
    },
    {
      name: "RegExp#exec in a callback",
      code: `export function f(s, cb) { const m = /(\\d+)/.exec(s); setTimeout(() => cb(null, m[1])); }`,
    },
    {
      name: "node-redis v5: express-brute-redis's store linted against redis 5 (exec never calls the callback)",
      code: BRUTE("options.client || RedisStore.Redis.createClient(options.port, options.host)"),
      settings: v5,
    },
    // ---- A client of unknown family (issue #14, L19): only its exec callback's `err` is judged.
    {
      name: "unknown family: exec callback that reads err",
      code: `export function f(redis, cb) { redis.multi().incr("n").exec(function (err, replies) { if (err) return cb(err); cb(null, replies[0]); }); }`,
    },
    {
      name: "unknown family: err read, replies used (their shape is the client's, unknown)",
      code: `export function f(redis, cb) { redis.multi().incr("a").incr("b").exec((err, replies) => cb(err, replies.map(Number))); }`,
    },
    {
      name: "unknown family: exec(callback) with a callback defined elsewhere",
      code: `export function f(redis, cb) { redis.multi().incr("n").exec(cb); }`,
    },
    {
      name: "unknown family: an empty callback (default: discarded)",
      code: `export function f(redis) { redis.multi().incr("n").exec(function (err, replies) {}); }`,
    },
    {
      name: "mongoose Query#exec(callback) on a redis-named model, err unread",
      code: `const mongoose = require("mongoose"); const redisModel = mongoose.model("Redis"); export function f(cb) { redisModel.find({}).exec(function (err, docs) { cb(null, docs); }); }`,
    },
    {
      name: "child_process exec(cmd, callback) named like a client, err unread",
      code: `const redisClient = require("child_process"); export function f(cb) { redisClient.exec("redis-cli ping", function (err, out) { cb(null, out); }); }`,
    },
    {
      name: "RegExp exec on a redis-named pattern in a callback",
      code: `const redis = /^redis:(.+)$/; export function f(url, cb) { setTimeout(function (err) { cb(null, redis.exec(url)); }); }`,
    },
    {
      name: "a job queue's multi().add(...).exec(callback), err unread",
      code: `export function f(queue, job, cb) { queue.multi().add(job).exec(function (err) { cb(null); }); }`,
    },
    {
      name: "a generic `client` without Redis vocabulary: multi/exec of something else",
      code: `export function f(client, cb) { client.multi().exec(function (err, res) { cb(null, res[0]); }); }`,
    },
    {
      name: "count of results only",
      code: `${IO} const res = await redis.pipeline().incr("a").exec(); console.log(res.length);`,
    },

    // ---- GLIDE: entries checked.
    {
      name: "guard: GLIDE instanceof check of the entry",
      code: `${GLIDE} import { RequestError } from "@valkey/valkey-glide"; const res = await client.exec(new Batch(true).set("a", "1").incr("n"), false); if (res?.[1] instanceof RequestError) throw res[1]; console.log(res?.[1]);`,
    },
    {
      name: "guard: GLIDE some(instanceof Error)",
      code: `${GLIDE} const res = await client.exec(new Batch(false).get("a").get("b"), false); if (res?.some((r) => r instanceof Error)) throw new Error("x"); console.log(res[0]);`,
    },
    {
      name: "guard: the GLIDE check the suggestion inserts",
      code: `${GLIDE} const res = await client.exec(new Batch(true).set("a", "1").incr("n"), false); for (const entry of res ?? []) if (entry instanceof Error) throw entry; console.log(Number(res?.[1]));`,
    },
    {
      name: "guard: the Upstash check the suggestion inserts",
      code: `${UP} const res = await redis.multi().set("a", 1).incr("n").exec({ keepErrors: true }); for (const { error } of res) if (error) throw new Error(error); const n = res[1].result;`,
    },
    // ---- Upstash: error looked at.
    {
      name: "guard: Upstash error read per entry",
      code: `${UP} const res = await redis.pipeline().get("a").incr("n").exec({ keepErrors: true }); if (res[1].error) throw new Error(res[1].error); console.log(res[1].result);`,
    },
    {
      name: "guard: Upstash destructured { result, error }",
      code: `${UP} const res = await redis.multi().incr("a").exec({ keepErrors: true }); const values = res.map(({ result, error }) => { if (error) throw new Error(error); return result; });`,
    },
    // --- Commands passed as data (recognition/evidence.ts, ledger L32): look-alikes stay silent.
    {
      name: "commands as data: a DB library's multi() of non-command strings (insert, update)",
      code: `module.exports = function (db, row, cb) { db.multi([["insert", row], ["update", row]]).exec(function (err, res) { cb(null, res[0][1]); }); };`,
    },
    {
      name: "commands as data: a queue's batch([[...]]) is not multi() / pipeline()",
      code: `module.exports = function (queue, k, cb) { queue.batch([["zadd", k, 1, "m"], ["zcard", k]]).exec(function (err, res) { cb(null, res[1][1]); }); };`,
    },
    {
      name: "commands as data: one common word alone ([['get', id]]) on a receiver with no other evidence",
      code: `module.exports = function (api, id, cb) { api.multi([["get", id]]).exec(function (err, res) { cb(null, res[0][1]); }); };`,
    },
    {
      name: "commands as data: [['set', k, v]] alone on a pipeline()",
      code: `module.exports = function (api, k, v, cb) { api.pipeline([["set", k, v]]).exec(function (err, res) { cb(null, res[0][1]); }); };`,
    },
    {
      name: "commands as data: an array of arrays of numbers",
      code: `module.exports = function (m, cb) { m.multi([[1, 2], [3, 4]]).exec(function (err, res) { cb(null, res[0][1]); }); };`,
    },
    {
      name: "commands as data: an object literal with multi() and exec()",
      code: `const q = { multi(list) { return { exec(cb) { cb(null, list); } }; } };
q.multi([["zadd", "k", 1, "m"], ["zcard", "k"]]).exec(function (err, res) { console.log(res[1][1]); });`,
    },
    {
      name: "commands as data: lodash _.chain and knex batchInsert",
      code: `const _ = require("lodash");
module.exports = function (knex, rows) {
  const firsts = _.chain([["zadd", 1], ["zcard", 2]]).map((r) => r[0]).value();
  return knex.batchInsert("t", [["zadd", 1], ["zcard", 2]], 30).exec(function (err, res) { return res[0][1] + firsts; });
};`,
    },
    {
      name: "commands as data: ratelimiter's shape with every error looked at",
      code: `module.exports = function (db, key, cb) {
  db.multi([["zcard", key], ["pexpire", key, 1000]]).exec(function (err, res) {
    if (err) return cb(err);
    for (const [e] of res) if (e) return cb(e);
    cb(null, res[0][1]);
  });
};`,
    },
  ],
  invalid: [
    // --- Clients by evidence: generic names the file calls Redis-only commands on.
    {
      name: "a parameter `client` known by evidence: `results[0][1]` says ioredis",
      code: `export async function bump(client: any, key: string) {
  const results = await client.multi().incr(key).pexpire(key, 1000).exec();
  return results[0][1];
}`,
      errors: [
        {
          messageId: "tuples",
          line: 3,
          suggestions: [
            {
              messageId: "addCheck",
              output: `export async function bump(client: any, key: string) {
  const results = await client.multi().incr(key).pexpire(key, 1000).exec();
  for (const [err] of results ?? []) if (err) throw err;
  return results[0][1];
}`,
            },
          ],
        },
      ],
    },
    // ---- ioredis / iovalkey.
    {
      name: "ioredis: res[i][1] after MULTI, with the check suggestion",
      code: `${IO}
export async function transfer() {
  const res = await redis.multi().set("a", "x").incr("a").exec();
  return res[1][1];
}`,
      errors: [
        {
          messageId: "tuples",
          line: 4,
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO}
export async function transfer() {
  const res = await redis.multi().set("a", "x").incr("a").exec();
  for (const [err] of res ?? []) if (err) throw err;
  return res[1][1];
}`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: destructuring [[, v]]",
      code: `${IO} const [[, ok], [, n]] = await redis.multi().set("a", "1").incr("n").exec(); console.log(n);`,
      errors: [{ messageId: "tuples", suggestions: [] }],
    },
    {
      name: "ioredis: .map(([, v]) => v) on a pipeline",
      code: `${IO} const results = await redis.pipeline().get("a").get("b").exec(); const values = results.map(([, v]) => v);`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const results = await redis.pipeline().get("a").get("b").exec(); for (const [err] of results ?? []) if (err) throw err; const values = results.map(([, v]) => v);`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: .map((r) => r[1])",
      code: `${IO} const results = await redis.pipeline().get("a").exec(); const values = results!.map((r) => r[1]);`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const results = await redis.pipeline().get("a").exec(); for (const [err] of results ?? []) if (err) throw err; const values = results!.map((r) => r[1]);`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: error bound but never used",
      code: `${IO} const results = await redis.pipeline().get("a").exec(); const values = results.map(([err, v]) => v);`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const results = await redis.pipeline().get("a").exec(); for (const [err] of results ?? []) if (err) throw err; const values = results.map(([err, v]) => v);`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: the error of another pair does not count",
      code: `${IO} const res = await redis.multi().set("a", "1").incr("n").exec(); if (res[0][0]) throw res[0][0]; console.log(res[1][1]);`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const res = await redis.multi().set("a", "1").incr("n").exec(); for (const [err] of res ?? []) if (err) throw err; if (res[0][0]) throw res[0][0]; console.log(res[1][1]);`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: null check only",
      code: `${IO} const res = await redis.multi().set("a", "1").incr("n").exec(); if (res === null) throw new Error("aborted"); const n = res[1][1] as number;`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const res = await redis.multi().set("a", "1").incr("n").exec(); for (const [err] of res ?? []) if (err) throw err; if (res === null) throw new Error("aborted"); const n = res[1][1] as number;`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: chained read on the awaited exec",
      code: `${IO} const n = (await redis.multi().incr("n").exec())![0][1];`,
      errors: [{ messageId: "tuples", suggestions: [] }],
    },
    {
      name: "ioredis: optional chaining",
      code: `${IO} const res = await redis.multi().incr("n").exec(); const n = res?.[0]?.[1];`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const res = await redis.multi().incr("n").exec(); for (const [err] of res ?? []) if (err) throw err; const n = res?.[0]?.[1];`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: for-of reading values only",
      code: `${IO} const res = await redis.pipeline().get("a").get("b").exec(); for (const [, v] of res) console.log(v);`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} const res = await redis.pipeline().get("a").get("b").exec(); for (const [err] of res ?? []) if (err) throw err; for (const [, v] of res) console.log(v);`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: .then() callback",
      code: `${IO} redis.multi().incr("a").exec().then((res) => console.log(res[0][1]));`,
      errors: [{ messageId: "tuples" }],
    },
    {
      name: "ioredis: queued on a variable, pair in a variable",
      code: `${IO} export async function f() { const tx = redis.multi(); tx.set("a", "1"); tx.incr("a"); const results = await tx.exec(); const pair = results[1]; return pair[1]; }`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${IO} export async function f() { const tx = redis.multi(); tx.set("a", "1"); tx.incr("a"); const results = await tx.exec(); for (const [err] of results ?? []) if (err) throw err; const pair = results[1]; return pair[1]; }`,
            },
          ],
        },
      ],
    },
    {
      name: "iovalkey: pipeline",
      code: `const Valkey = require("iovalkey"); const v = new Valkey(); async function f() { const r = await v.pipeline().get("a").exec(); return r[0][1]; }`,
      errors: [
        {
          messageId: "tuples",
          suggestions: [
            {
              messageId: "addCheck",
              output: `const Valkey = require("iovalkey"); const v = new Valkey(); async function f() { const r = await v.pipeline().get("a").exec(); for (const [err] of r ?? []) if (err) throw err; return r[0][1]; }`,
            },
          ],
        },
      ],
    },
    {
      name: "ioredis: injected client in a class",
      code: `import type { Redis } from "ioredis"; export class Counter { constructor(private readonly redis: Redis) {} async bump() { const [[, n]] = await this.redis.multi().incr("n").expire("n", 60).exec(); return n; } }`,
      errors: [{ messageId: "tuples" }],
    },
    {
      name: "option reportDiscarded: awaited exec as a statement",
      code: `${IO} await redis.multi().set("a", "1").incr("n").exec();`,
      options: [{ reportDiscarded: true }],
      errors: [{ messageId: "discarded" }],
    },
    {
      name: "option reportDiscarded: results never read",
      code: `${IO} const res = await redis.pipeline().set("a", "1").exec();`,
      options: [{ reportDiscarded: true }],
      errors: [{ messageId: "discarded" }],
    },

    // ---- valkey-glide.
    {
      name: "GLIDE: exec(batch, false) entry used as a value",
      code: `${GLIDE} export async function f() { const res = await client.exec(new Batch(true).set("a", "1").incr("n"), false); return Number(res?.[1]); }`,
      errors: [
        {
          messageId: "glide",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${GLIDE} export async function f() { const res = await client.exec(new Batch(true).set("a", "1").incr("n"), false); for (const entry of res ?? []) if (entry instanceof Error) throw entry; return Number(res?.[1]); }`,
            },
          ],
        },
      ],
    },
    {
      name: "GLIDE: destructured",
      code: `${GLIDE} const batch = new Batch(true).set("a", "1").incr("n"); const [ok, n] = (await client.exec(batch, false))!; console.log(n);`,
      errors: [{ messageId: "glide" }],
    },
    {
      name: "GLIDE: option reportDiscarded",
      code: `${GLIDE} await client.exec(new Batch(true).set("a", "1"), false);`,
      options: [{ reportDiscarded: true }],
      errors: [{ messageId: "discarded" }],
    },

    // ---- Upstash / @vercel/kv.
    {
      name: "Upstash: res[i].result",
      code: `${UP} const res = await redis.multi().set("a", 1).incr("n").exec({ keepErrors: true }); const n = res[1].result;`,
      errors: [
        {
          messageId: "upstash",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${UP} const res = await redis.multi().set("a", 1).incr("n").exec({ keepErrors: true }); for (const { error } of res) if (error) throw new Error(error); const n = res[1].result;`,
            },
          ],
        },
      ],
    },
    {
      name: "Upstash: map(({ result }) => result)",
      code: `${UP} const res = await redis.pipeline().get("a").get("b").exec({ keepErrors: true }); const values = res.map(({ result }) => result);`,
      errors: [
        {
          messageId: "upstash",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${UP} const res = await redis.pipeline().get("a").get("b").exec({ keepErrors: true }); for (const { error } of res) if (error) throw new Error(error); const values = res.map(({ result }) => result);`,
            },
          ],
        },
      ],
    },
    {
      name: "@vercel/kv: pipeline with keepErrors",
      code: `import { kv } from "@vercel/kv"; export async function f() { const res = await kv.pipeline().incr("a").exec({ keepErrors: true }); return res.map((r) => r.result); }`,
      errors: [
        {
          messageId: "upstash",
          suggestions: [
            {
              messageId: "addCheck",
              output: `import { kv } from "@vercel/kv"; export async function f() { const res = await kv.pipeline().incr("a").exec({ keepErrors: true }); for (const { error } of res) if (error) throw new Error(error); return res.map((r) => r.result); }`,
            },
          ],
        },
      ],
    },

    // ---- Callback form: exec((err, replies) => ...), docs/semantics.md §2.
    {
      name: "node-redis v3: express-brute-redis index.js:33, a failed MULTI reported as success",
      code: `${V3}
export function set(key, value, lifetime, callback) {
  const multi = client.multi();
  multi.set(key, JSON.stringify(value));
  if (lifetime > 0) {
    multi.expire(key, lifetime);
  }
  multi.exec(function (err, data) {
    typeof callback == "function" && callback.call(this, null);
  });
}`,
      settings: v3,
      errors: [
        {
          messageId: "callbackError",
          line: 8,
          column: 24,
          data: {
            client: "node-redis v3",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "node-redis v3: a callback without parameters",
      code: `${V3} export function f(done) { client.multi().set("a", "1").incr("n").exec(function () { done(); }); }`,
      settings: v3,
      errors: [{ messageId: "callbackError" }],
    },
    {
      name: "node-redis v3: err read, but a reply used without checking instanceof Error",
      code: `${V3} export function views(page, cb) { client.multi().sadd("visitors:" + page, "me").incr("views:" + page).exec(function (err, replies) { if (err) return cb(err); cb(null, replies[1]); }); }`,
      settings: v3,
      errors: [{ messageId: "nodeRedis3", data: { kind: "MULTI transaction", read: "replies[1]" } }],
    },
    {
      name: "node-redis v3: replies mapped to numbers",
      code: `${V3} export function f(cb) { client.multi().incr("a").incr("b").exec((err, replies) => { if (err) return cb(err); cb(null, replies.map((r) => Number(r))); }); }`,
      settings: v3,
      errors: [{ messageId: "nodeRedis3" }],
    },
    {
      name: "node-redis v3: destructured replies",
      code: `${V3} export function f(cb) { client.multi().set("a", "1").incr("n").exec(function (err, [ok, n]) { if (err) return cb(err); cb(null, n); }); }`,
      settings: v3,
      errors: [{ messageId: "nodeRedis3" }],
    },
    {
      name: "node-redis v3: err ignored and a reply used",
      code: `${V3} export function f(cb) { client.multi().incr("n").exec((err, replies) => cb(null, replies[0])); }`,
      settings: v3,
      errors: [{ messageId: "callbackError" }, { messageId: "nodeRedis3" }],
    },
    {
      name: "node-redis v3: option reportDiscarded, an empty callback",
      code: `${V3} client.multi().incr("n").exec(function (err, replies) {});`,
      settings: v3,
      options: [{ reportDiscarded: true }],
      errors: [{ messageId: "callbackDiscarded" }],
    },
    // ---- A client of unknown family: every client whose exec() calls a callback passes the
    // error first (docs/semantics.md §2), so an unread `err` is reported; the replies are not.
    {
      name: "node-redis v3: express-brute-redis index.js:34 as written (RedisStore.Redis.createClient() into this.client)",
      code: BRUTE("options.client || RedisStore.Redis.createClient(options.port, options.host)"),
      settings: v3,
      errors: [
        {
          messageId: "callbackError",
          line: 12,
          column: 24,
          data: {
            client: "node-redis v3",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "unknown family: express-brute-redis's store with the client handed in (this.client by evidence)",
      code: BRUTE("options.client"),
      errors: [
        {
          messageId: "callbackError",
          line: 12,
          column: 24,
          data: {
            client: "Redis client",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "unknown family: a redis-named parameter, err unread, replies used",
      code: `export function f(redis, cb) { redis.multi().incr("n").exec((err, replies) => cb(null, replies[0])); }`,
      errors: [
        {
          messageId: "callbackError",
          data: {
            client: "Redis client",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "unknown family: a pipeline's callback without parameters",
      code: `export function f(redisClient, done) { redisClient.pipeline().get("a").get("b").exec(function () { done(); }); }`,
      errors: [
        { messageId: "callbackError", data: { client: "Redis client", kind: "pipeline", why: "a lost connection" } },
      ],
    },
    {
      name: "unknown family: option reportDiscarded, an empty callback",
      code: `export function f(redis) { redis.multi().incr("n").exec(function (err, replies) {}); }`,
      options: [{ reportDiscarded: true }],
      errors: [{ messageId: "callbackDiscarded", data: { client: "Redis client", kind: "MULTI transaction" } }],
    },
    {
      name: 'node-redis v3 through a static property: RedisStore.Redis.createClient() of RedisStore.Redis = require("redis")',
      code: `function RedisStore() {}
RedisStore.Redis = require("redis");
var client = RedisStore.Redis.createClient();
export function set(key, callback) {
  client.multi().set(key, "1").exec(function (err) { callback(null); });
}`,
      settings: v3,
      errors: [
        {
          messageId: "callbackError",
          line: 5,
          data: {
            client: "node-redis v3",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "ioredis: exec callback that never reads err",
      code: `${IO} redis.multi().incr("a").exec((err, results) => console.log(results));`,
      errors: [
        {
          messageId: "callbackError",
          data: {
            client: "ioredis",
            kind: "MULTI transaction",
            why: "EXECABORT because a command was rejected when queued, a lost connection",
          },
        },
      ],
    },
    {
      name: "ioredis: exec callback reads err, then a value without its error",
      code: `${IO} export function f(cb) { redis.multi().set("a", "x").incr("a").exec(function (err, results) { if (err) return cb(err); cb(null, results[1][1]); }); }`,
      errors: [{ messageId: "tuples", data: { client: "ioredis", kind: "MULTI transaction", read: "results[1][1]" } }],
    },
    {
      name: "ioredis: pipeline exec callback, err ignored and values mapped",
      code: `${IO} export function f(done) { redis.pipeline().get("a").get("b").exec(function (err, results) { done(null, results.map(([, v]) => v)); }); }`,
      errors: [
        { messageId: "callbackError", data: { client: "ioredis", kind: "pipeline", why: "a lost connection" } },
        { messageId: "tuples", data: { client: "ioredis", kind: "pipeline", read: "v" } },
      ],
    },
    // --- Commands passed as data (recognition/evidence.ts, ledger L32).
    {
      name: "ratelimiter index.js (ledger L32): db.multi(operations).exec(cb), var operations = [['zremrangebyscore', …], …], res[i][1] read",
      code: `module.exports = Limiter;
function Limiter(opts) {
  this.db = opts.db;
  this.max = opts.max || 2500;
  this.duration = opts.duration || 3600000;
  this.key = 'limit:' + opts.id;
}
Limiter.prototype.get = function (fn) {
  var db = this.db;
  var duration = this.duration;
  var key = this.key;
  var max = this.max;
  var now = Date.now() * 1000;
  var start = now - duration * 1000;
  var operations = [
    ['zremrangebyscore', key, 0, start],
    ['zcard', key],
    ['zadd', key, now, now],
    ['zrange', key, 0, 0],
    ['zrange', key, -max, -max],
    ['zremrangebyrank', key, 0, -(max + 1)],
    ['pexpire', key, duration],
  ]
  db.multi(operations)
    .exec(function (err, res) {
      if (err) return fn(err);
      var isIoRedis = Array.isArray(res[0]);
      var count = parseInt(isIoRedis ? res[1][1] : res[1]);
      fn(null, { remaining: count < max ? max - count : 0, total: max });
    });
};`,
      errors: [
        { messageId: "tuples", line: 28, data: { client: "ioredis", kind: "MULTI transaction", read: "res[1][1]" } },
      ],
    },
    {
      name: "commands as data: ioredis pipeline([...]).exec() read as res[i][1]",
      code: `export async function load(conn, id) {
  const res = await conn.pipeline([["hgetall", "u:" + id], ["smembers", "g:" + id]]).exec();
  return res[0][1];
}`,
      errors: [
        {
          messageId: "tuples",
          line: 3,
          data: { client: "ioredis", kind: "pipeline", read: "res[0][1]" },
          suggestions: [
            {
              messageId: "addCheck",
              output: `export async function load(conn, id) {
  const res = await conn.pipeline([["hgetall", "u:" + id], ["smembers", "g:" + id]]).exec();
  for (const [err] of res ?? []) if (err) throw err;
  return res[0][1];
}`,
            },
          ],
        },
      ],
    },
    {
      name: "commands as data: node-redis v3 callback reading replies without checking instanceof Error",
      code: `module.exports = function (db, key, cb) {
  db.multi([["incr", key], ["pexpire", key, 1000]]).exec(function (err, replies) {
    if (err) return cb(err);
    cb(null, replies[0]);
  });
};`,
      settings: { redis: { defaultFamily: "node-redis", versions: { redis: 3 } } },
      errors: [{ messageId: "nodeRedis3", line: 4, data: { kind: "MULTI transaction", read: "replies[0]" } }],
    },
  ],
});

// Issue #14 item 5: promise chains. Results carried through a `.then` callback's return value into
// the next `.then` (`promiseLandings`, src/ast/usage.ts; `Results.promise`) are judged as the
// `await` form: each invalid chain sits beside its await twin, asserted with the same finding.
const PAIRS_CHECK = "for (const [err] of res ?? []) if (err) throw err;";
/** The addCheck suggestion: `check` inserted after `statement` (on the same line). */
function withCheck(code: string, statement: string, check: string = PAIRS_CHECK): string {
  const at = code.indexOf(statement) + statement.length;
  return `${code.slice(0, at)} ${check}${code.slice(at)}`;
}
/** An invalid case whose one error is `finding`, with the addCheck suggestion after `statement` when given. */
function chainCase(name: string, code: string, finding: Record<string, unknown>, statement?: string, check?: string) {
  const suggestions = statement ? [{ messageId: "addCheck", output: withCheck(code, statement, check) }] : [];
  return { name, code, errors: [{ ...finding, suggestions }] } as never;
}
const tuples = (kind: string, read: string) => ({ messageId: "tuples", data: { client: "ioredis", kind, read } });

ruleTester.run("no-ignored-exec-errors: promise chains", rule, {
  valid: [
    // The errors are looked at in the next `.then`.
    `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, "1").incr(k).exec()).then((res) => { for (const [err] of res ?? []) if (err) throw err; return res.map(([, v]) => v); }); }`,
    `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, "1").incr(k).exec()).then((res) => { assertNoErrors(res); return res; }).then((res) => res[1][1]); }`,
    `${IO} export function f(k) { return redis.get(k).then(() => redis.pipeline().get(k).exec()).then(([[err, v]]) => { if (err) throw err; return v; }); }`,
    // Returned to the caller: handed on, as `return redis.multi()...exec()`.
    `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, "1").incr(k).exec()); }`,
    `${IO} export function f(k) { return redis.get(k).then(async () => { const res = await redis.multi().incr(k).exec(); return res; }); }`,
    // A named callback passing its parameter on, used twice: followed once, and ends.
    `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().incr(k).exec()).then(same).then(same); function same(res) { return res; } }`,
    // A `.then` whose callback ignores its parameter, or one we cannot see.
    `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, "1").exec()).then(() => true); }`,
    `${IO} export function f(k, done) { return redis.get(k).then(() => redis.multi().set(k, "1").exec()).then(done); }`,
    // Not Redis promises: fetch, mongoose Query#exec, a Map.
    `${IO} export function f(k, url) { return redis.get(k).then(() => fetch(url)).then((r) => r.json()).then((rows) => rows.map(([, v]) => v)); }`,
    `${IO} import mongoose from "mongoose"; export function f(k) { return redis.get(k).then(() => User.find({ k }).exec()).then((rows) => rows.map(([, v]) => v)); }`,
    `${IO} const cache = new Map(); export function f(k) { return redis.get(k).then(() => cache.get(k)).then((res) => res[0][1]); }`,
    // exec() that throws on a failed command: GLIDE exec(batch, true), Upstash without keepErrors.
    `${GLIDE} export function f(k) { return client.get(k).then(() => client.exec(new Batch(true).set(k, "1").incr(k), true)).then((res) => Number(res[1])); }`,
    `${UP} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, 1).incr(k).exec()).then((res) => res[1]); }`,
  ],
  invalid: [
    // ioredis MULTI: the results in the next `.then`.
    chainCase(
      "ioredis MULTI (await form)",
      `${IO} export async function f(k) { await redis.get(k); const res = await redis.multi().set(k, "1").incr(k).exec(); return res.map(([, v]) => v); }`,
      tuples("MULTI transaction", "v"),
      `const res = await redis.multi().set(k, "1").incr(k).exec();`,
    ),
    chainCase(
      "ioredis MULTI (.then chain)",
      `${IO} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, "1").incr(k).exec()).then((res) => res.map(([, v]) => v)); }`,
      tuples("MULTI transaction", "v"),
    ),
    // A pipeline built in a block body, `.catch()` and `.finally()` in between.
    chainCase(
      "ioredis pipeline, block body (await form)",
      `${IO} export async function f(a, b) { try { await redis.get(a); const p = redis.pipeline(); p.get(a); p.get(b); const res = await p.exec(); return res[1][1]; } finally { console.log("done"); } }`,
      tuples("pipeline", "res[1][1]"),
      "const res = await p.exec();",
    ),
    chainCase(
      "ioredis pipeline, block body (.then chain)",
      `${IO} export function f(a, b) { return redis.get(a).then(() => { const p = redis.pipeline(); p.get(a); p.get(b); return p.exec(); }).catch((e) => { console.error(e); throw e; }).finally(() => console.log("done")).then((res) => res[1][1]); }`,
      tuples("pipeline", "res[1][1]"),
    ),
    // The await twin of the three chains below.
    chainCase(
      "ioredis MULTI incr (await form)",
      `${IO} export async function f(k) { await redis.get(k); const res = await redis.multi().incr(k).exec(); return res[0][1]; }`,
      tuples("MULTI transaction", "res[0][1]"),
      "const res = await redis.multi().incr(k).exec();",
    ),
    // Returned by an async callback through a variable, read by the next `.then`.
    chainCase(
      "async callback, variable (.then chain)",
      `${IO} export function f(k) { return redis.get(k).then(async () => { const res = await redis.multi().incr(k).exec(); return res; }).then((out) => out[0][1]); }`,
      tuples("MULTI transaction", "out[0][1]"),
      "const res = await redis.multi().incr(k).exec();",
    ),
    // A named callback that returns the exec promise.
    chainCase(
      "named callback (.then chain)",
      `${IO} export function f(k) { return redis.get(k).then(commit).then((res) => res[0][1]); function commit() { return redis.multi().incr(k).exec(); } }`,
      tuples("MULTI transaction", "res[0][1]"),
    ),
    // The chain awaited.
    chainCase(
      "awaited chain",
      `${IO} export async function f(k) { const res = await redis.get(k).then(() => redis.multi().incr(k).exec()); return res[0][1]; }`,
      tuples("MULTI transaction", "res[0][1]"),
    ),
    // valkey-glide exec(batch, false): a RequestError in place of the value.
    chainCase(
      "GLIDE exec(batch, false) (await form)",
      `${GLIDE} export async function f(k) { await client.get(k); const res = await client.exec(new Batch(true).set(k, "1").incr(k), false); return Number(res[1]); }`,
      { messageId: "glide", data: { read: "res[1]" } },
      `const res = await client.exec(new Batch(true).set(k, "1").incr(k), false);`,
      "for (const entry of res ?? []) if (entry instanceof Error) throw entry;",
    ),
    chainCase(
      "GLIDE exec(batch, false) (.then chain)",
      `${GLIDE} export function f(k) { return client.get(k).then(() => client.exec(new Batch(true).set(k, "1").incr(k), false)).then((res) => Number(res[1])); }`,
      { messageId: "glide", data: { read: "res[1]" } },
    ),
    // Upstash exec({ keepErrors: true }): { result, error } per command.
    chainCase(
      "Upstash keepErrors (await form)",
      `${UP} export async function f(k) { await redis.get(k); const res = await redis.multi().set(k, 1).incr(k).exec({ keepErrors: true }); return res[1].result; }`,
      { messageId: "upstash", data: { client: "@upstash/redis", read: "res[1].result" } },
      "const res = await redis.multi().set(k, 1).incr(k).exec({ keepErrors: true });",
      "for (const { error } of res) if (error) throw new Error(error);",
    ),
    chainCase(
      "Upstash keepErrors (.then chain)",
      `${UP} export function f(k) { return redis.get(k).then(() => redis.multi().set(k, 1).incr(k).exec({ keepErrors: true })).then((res) => res[1].result); }`,
      { messageId: "upstash", data: { client: "@upstash/redis", read: "res[1].result" } },
    ),
  ],
});
