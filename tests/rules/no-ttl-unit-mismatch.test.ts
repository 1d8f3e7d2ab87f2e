import { fileURLToPath } from "node:url";
import * as parser from "@typescript-eslint/parser";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-ttl-unit-mismatch.js";

/** A file inside one of the fake installs of tests/fixtures/versions (see its README). */
const inFixture = (project: string): string =>
  fileURLToPath(new URL(`../fixtures/versions/${project}/src/hold.ts`, import.meta.url));
const V4 = { redis: { versions: { redis: 4 } } };
const V5 = { redis: { versions: { redis: 5 } } };
const V6 = { redis: { versions: { redis: 6 } } };

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient, TimeUnit } from "@valkey/valkey-glide";`;
const BUN = `import { redis } from "bun";`;

ruleTester.run("no-ttl-unit-mismatch", rule, {
  valid: [
    // --- Absolute times in the right unit.
    `${IOREDIS} await redis.expireat("k", Math.floor(Date.now() / 1000));`,
    `${IOREDIS} await redis.expireat("k", Math.round(Date.now() / 1000) + 30);`,
    `${IOREDIS} await redis.pexpireat("k", Date.now() + 5000);`,
    `${IOREDIS} await redis.pexpireat("k", deadline.getTime());`,
    `${IOREDIS} await redis.set("k", "v", "EXAT", Math.floor(Date.now() / 1000) + 60);`,
    `${IOREDIS} await redis.set("k", "v", "PXAT", Date.now() + 60000);`,
    `${IOREDIS} await redis.getex("k", "EXAT", Math.ceil(endsAt.getTime() / 1000));`,
    `${IOREDIS} export async function f() { const now = Math.floor(Date.now() / 1000); await redis.expireat("k", now + 60); }`,
    `${IOREDIS} export async function f() { const started = Date.now(); await work(); await redis.expire("k", Date.now() - started); }`,
    // A const of another function is not followed.
    `${IOREDIS} const now = Date.now(); export async function f() { await redis.expireat("k", now); }`,
    `${NODE} await client.expireAt("k", new Date(Date.now() + 60000));`,
    `${NODE} await client.pExpireAt("k", Date.now() + 60000);`,
    `${NODE} await client.set("k", "v", { EXAT: Math.floor(Date.now() / 1000) + 60 });`,
    `${NODE} await client.set("k", "v", { expiration: { type: "PXAT", value: Date.now() + 60000 } });`,
    `${NODE} await client.getEx("k", { type: "EXAT", value: Math.floor(Date.now() / 1000) + 60 });`,
    `${UPSTASH} await redis.set("k", "v", { exat: Math.floor(Date.now() / 1000) + 60 });`,
    `${GLIDE} export async function f(client: GlideClient) { await client.set("k", "v", { expiry: { type: TimeUnit.UnixMilliseconds, count: Date.now() + 1000 } }); }`,
    // --- Durations whose names say the right unit, or nothing.
    `${IOREDIS} await redis.expire("k", ttlSeconds);`,
    `${IOREDIS} await redis.pexpire("k", ttlMs);`,
    `${IOREDIS} await redis.set("k", "v", "EX", CACHE_TTL_SEC);`,
    `${IOREDIS} await redis.set("k", "v", "PX", this.lockTtlMs);`,
    `${IOREDIS} await redis.setex("k", ttl, "v");`,
    `${IOREDIS} await redis.psetex("k", timeoutMillis, "v");`,
    // Converted in the argument.
    `${IOREDIS} await redis.expire("k", ttlMs / 1000);`,
    `${IOREDIS} await redis.expire("k", Math.ceil(ttlMs / 1000));`,
    `${IOREDIS} await redis.pexpire("k", ttlSeconds * 1000);`,
    `${IOREDIS} await redis.set("k", "v", "EX", Math.round(opts.ttlMs / 1000));`,
    // Names with no unit word, or look-alikes of one.
    `${IOREDIS} await redis.expire("k", items);`,
    `${IOREDIS} await redis.expire("k", terms);`,
    `${IOREDIS} await redis.expire("k", msgTtl);`,
    `${IOREDIS} await redis.expire("k", smsTtl);`,
    `${IOREDIS} await redis.expire("k", timestamp);`,
    `${IOREDIS} await redis.pexpire("k", secondaryTtl);`,
    `${IOREDIS} await redis.pexpire("k", secondTtl);`,
    `${IOREDIS} await redis.expire("k", msPerSecond);`,
    `${IOREDIS} await redis.expire("k", ttls);`,
    // SETEX in the right order.
    `${IOREDIS} await redis.setex("k", 60, JSON.stringify(user));`,
    `${IOREDIS} await redis.setex("k", "60", "v");`,
    `${NODE} await client.setEx("k", 60, JSON.stringify(user));`,
    `${UPSTASH} await redis.setex("k", 60, { a: 1 });`,
    `${IOREDIS} await redis.setex("k", value, other);`,
    // node-redis takes a Date for EXPIREAT and GETEX's EXAT and converts it itself.
    `${NODE} await client.getEx("k", { EXAT: new Date(Date.now() + 60000) });`,
    `${NODE} await client.set("k", "v", { PXAT: endsAt });`,
    `${NODE} await client.getEx("k", { EXAT: Math.floor(Date.now() / 1000) + 30 });`,
    `${NODE} await client.sendCommand(["EXPIREAT", "k", String(Math.floor(Date.now() / 1000) + 60)]);`,
    `${NODE} await client.sendCommand(["PEXPIREAT", "k", String(Date.now() + 60000)]);`,
    `${NODE} await client.set("k", "v", { EX: ttlSeconds, NX: true });`,
    `${NODE} await client.set("k", "v", { expiration: { type: "PX", value: ttlMs } });`,
    `${UPSTASH} await redis.set("k", "v", { px: ttlMs, nx: true });`,
    `${UPSTASH} await redis.set("k", "v", { pxat: Date.now() + 1000 });`,
    `import { kv } from "@vercel/kv"; await kv.set("k", "v", { ex: sessionTtlSeconds });`,
    `${GLIDE} export async function f(client: GlideClient, ttlMs: number) { await client.set("k", "v", { expiry: { type: TimeUnit.Milliseconds, count: ttlMs } }); }`,
    `${GLIDE} export async function f(client: GlideClient) { await client.expireAt("k", Math.floor(Date.now() / 1000) + 60); await client.pexpireAt("k", Date.now() + 60000); }`,
    `${BUN} await redis.set("k", "v", "PX", String(ttlMs));`,
    `${BUN} await redis.expire("k", ttlSeconds);`,
    // Clients arriving as parameters, this.redis, imported from ./lib/redis: right units.
    `import type { Redis } from "ioredis"; export async function f(client: Redis, ttlMs: number) { await client.set("k", "v", "PX", ttlMs); }`,
    `import { redis } from "./lib/redis"; export async function f() { await redis.expireat("k", Math.floor(Date.now() / 1000) + 60); }`,
    `import type { Redis } from "ioredis"; export class Store { constructor(private redis: Redis, private ttlSeconds: number) {} put(k: string, v: string) { return this.redis.setex(k, this.ttlSeconds, v); } }`,
    // A Unix time in seconds that is no clock reading: not judged.
    `${IOREDIS} await redis.pexpireat("k", expiresAt);`,
    `${IOREDIS} await redis.expireat("k", row.expires_at);`,
    // Shapes the rule cannot read: no report, no crash.
    `${IOREDIS} await redis.expire(); await redis.expireat("k"); await redis.setex(...args); await redis.call("EXPIREAT");`,
    `${IOREDIS} await redis.set("k", "v", ...opts); await redis.getex("k", ...opts); await redis.set("k", "v", [..."EX"], ttlMs);`,
    `${NODE} await client.set("k", "v", { [option]: ttlMs, ...rest }); await client.getEx("k", options); await client.set("k", "v", opts);`,
    `${NODE} await client.set("k", "v", { expiration: { type, value: ttlMs } }); await client.getEx("k", { type: "PERSIST" });`,
    // --- node-redis GETEX PXAT and Dates: converted right, or not certainly a Date.
    // v4's `{ PXAT: date }` (also read by v5) converts with transformPXAT: milliseconds.
    {
      code: `${NODE} export async function f(until: Date) { await client.getEx("k", { PXAT: until }); }`,
      settings: V4,
    },
    {
      code: `${NODE} export async function f(until: Date) { await client.getEx("k", { PXAT: until }); }`,
      settings: V5,
    },
    { code: `${NODE} await client.getEx("k", { PXAT: new Date(Date.now() + 60000) });`, settings: V6 },
    // EXAT: converted to seconds, as EXAT takes.
    {
      code: `${NODE} export async function f(until: Date) { await client.getEx("k", { type: "EXAT", value: until }); }`,
      settings: V5,
    },
    // A number is sent as it is.
    {
      code: `${NODE} export async function f(until: Date) { await client.getEx("k", { type: "PXAT", value: until.getTime() }); }`,
      settings: V5,
    },
    { code: `${NODE} await client.getEx("k", { type: "PXAT", value: Date.now() + 60000 });`, settings: V5 },
    // A name alone says nothing of its type: `expiresAt` may be a number.
    {
      code: `${NODE} export async function f(expiresAt) { await client.getEx("k", { type: "PXAT", value: expiresAt }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f(date: number) { await client.getEx("k", { type: "PXAT", value: date }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f(at: Date | number) { await client.getEx("k", { type: "PXAT", value: at }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f(at: Date | null) { await client.getEx("k", { type: "PXAT", value: at }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f(row) { await client.getEx("k", { type: "PXAT", value: row.expiresAt }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f() { const at = Date.now() + 60000; await client.getEx("k", { type: "PXAT", value: at }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f() { let at = new Date(); at = Date.now(); await client.getEx("k", { type: "PXAT", value: at }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f() { await client.getEx("k", { type: "PXAT", value: makeDeadline() }); }`,
      settings: V5,
    },
    {
      code: `${NODE} export async function f(until?: Date) { await client.getEx("k", { type: "PXAT", value: until ?? Date.now() }); }`,
      settings: V5,
    },
    // A local \`Date\`, not the global one.
    {
      code: `${NODE} import { Date } from "./clock"; await client.getEx("k", { type: "PXAT", value: new Date() });`,
      settings: V5,
    },
    {
      code: `${NODE} type Date = number; export async function f(at: Date) { await client.getEx("k", { type: "PXAT", value: at }); }`,
      settings: V5,
    },
    // node-redis v4 has no \`{ type }\` shape (it sends GETEX key PERSIST); an unknown major may be v4.
    { code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000) });`, settings: V4 },
    {
      code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000) });`,
      filename: inFixture("unknown"),
    },
    {
      code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000) });`,
      filename: inFixture("redis4"),
    },
    // SET's \`expiration\` is not GETEX's object; a raw command sends what it is given.
    `${NODE} await client.set("k", "v", { PXAT: Date.now() + 60000 }); await client.sendCommand(["GETEX", "k", "PXAT", String(Date.now() + 60000)]);`,
    // Other clients: ioredis tokens, Upstash and GLIDE objects convert nothing.
    `${IOREDIS} export async function f(date: Date) { await redis.getex("k", "PXAT", date.getTime()); }`,
    `${UPSTASH} export async function f(date: Date) { await redis.getex("k", { pxat: date.getTime() }); }`,
    `${GLIDE} export async function f(client: GlideClient) { await client.getex("k", { type: TimeUnit.UnixMilliseconds, duration: Date.now() + 1000 }); }`,
    // Look-alikes with a getEx of their own.
    { code: `const cache = new Map(); cache.getEx("k", { type: "PXAT", value: new Date() });`, settings: V5 },
    {
      code: `const cache = { getEx(k, o) { return o; } }; cache.getEx("k", { type: "PXAT", value: new Date() });`,
      settings: V5,
    },
    {
      code: `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 10 }); cache.getEx("k", { type: "PXAT", value: new Date() });`,
      settings: V5,
    },
    {
      code: `export function f(store, until: Date) { return store.getEx("k", { type: "PXAT", value: until }); }`,
      settings: V5,
    },
    // --- Look-alikes: not Redis.
    `const cache = new Map(); cache.set("k", "v", "EX", ttlMs);`,
    `import NodeCache from "node-cache"; const cache = new NodeCache(); cache.set("k", "v", ttlMs);`,
    `import { LRUCache } from "lru-cache"; const cache = new LRUCache({ max: 10 }); cache.set("k", "v", { ttl: ttlMs });`,
    `const session = { expire(k, t) {} }; session.expire("k", Date.now());`,
    `export function f(db) { return db.expire("k", ttlMs); }`,
    `import axios from "axios"; await axios.post("/expire", { key: "k", ttl: ttlMs });`,
    `import memjs from "memjs"; const mc = memjs.Client.create(); mc.setex("k", JSON.stringify(v), 60);`,
    // A parameter with no Redis-only command on it.
    `export function f(cache) { return cache.expire("k", ttlMs); }`,
    `import { Pool } from "pg"; const pool = new Pool(); await pool.query("UPDATE s SET expires_at = $1", [Date.now()]);`,
    `const timers = new Map(); timers.set("k", Date.now());`,
    `import fetch from "node-fetch"; await fetch("/cache", { method: "POST", body: JSON.stringify({ ex: ttlMs }) });`,
    `import knex from "knex"; const db = knex({}); await db("sessions").update({ expires_at: Date.now() });`,
  ],
  invalid: [
    // --- (1) Milliseconds where EXPIREAT / EXAT take seconds.
    {
      code: `${IOREDIS} await redis.expireat("k", Date.now());`,
      output: `${IOREDIS} await redis.expireat("k", Math.floor(Date.now() / 1000));`,
      errors: [
        {
          messageId: "millisecondsAt",
          data: { call: "ioredis expireat()", what: "EXPIREAT", value: "`Date.now()`" },
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const redis = new Redis(); redis.expireat("k", session.endsAt.getTime());`,
      output: `const Redis = require("iovalkey"); const redis = new Redis(); redis.expireat("k", Math.floor(session.endsAt.getTime() / 1000));`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${IOREDIS} await redis.expireat("k", +new Date());`,
      output: `${IOREDIS} await redis.expireat("k", Math.floor((+new Date()) / 1000));`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${IOREDIS} export async function f() { const end = new Date(); await redis.expireat("k", end.valueOf()); }`,
      output: `${IOREDIS} export async function f() { const end = new Date(); await redis.expireat("k", Math.floor(end.valueOf() / 1000)); }`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      name: "through a const of the same function",
      code: `${IOREDIS} export async function f(key: string) { const now = Date.now(); await redis.expireat(key, now); }`,
      output: `${IOREDIS} export async function f(key: string) { const now = Date.now(); await redis.expireat(key, Math.floor(now / 1000)); }`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      name: "an offset: a suggestion, since the offset's unit is the writer's intent",
      code: `${IOREDIS} await redis.expireat("k", Date.now() + 3600000);`,
      errors: [
        {
          messageId: "millisecondsAt",
          suggestions: [
            {
              messageId: "divideBy1000",
              data: { text: "Math.floor((Date.now() + 3600000) / 1000)" },
              output: `${IOREDIS} await redis.expireat("k", Math.floor((Date.now() + 3600000) / 1000));`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} export async function f() { const now = Date.now(); await redis.expireat("k", now + 60000); }`,
      errors: [
        {
          messageId: "millisecondsAt",
          suggestions: [
            {
              messageId: "divideBy1000",
              output: `${IOREDIS} export async function f() { const now = Date.now(); await redis.expireat("k", Math.floor((now + 60000) / 1000)); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.set("k", "v", "EXAT", Date.now());`,
      output: `${IOREDIS} await redis.set("k", "v", "EXAT", Math.floor(Date.now() / 1000));`,
      errors: [
        {
          messageId: "millisecondsAt",
          data: { call: "ioredis set()", what: "the EXAT option", value: "`Date.now()`" },
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.getex("k", "EXAT", expiresAt.getTime());`,
      output: `${IOREDIS} await redis.getex("k", "EXAT", Math.floor(expiresAt.getTime() / 1000));`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${IOREDIS} await redis.call("EXPIREAT", "k", Date.now());`,
      output: `${IOREDIS} await redis.call("EXPIREAT", "k", Math.floor(Date.now() / 1000));`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      name: "queued on a multi",
      code: `${IOREDIS} await redis.multi().set("k", "v").expireat("k", Date.now()).exec();`,
      output: `${IOREDIS} await redis.multi().set("k", "v").expireat("k", Math.floor(Date.now() / 1000)).exec();`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${NODE} await client.expireAt("k", Date.now());`,
      output: `${NODE} await client.expireAt("k", Math.floor(Date.now() / 1000));`,
      errors: [
        {
          messageId: "millisecondsAt",
          data: { call: "node-redis expireAt()", what: "EXPIREAT", value: "`Date.now()`" },
        },
      ],
    },
    {
      code: `${NODE} await client.set("k", "v", { EXAT: Date.now() });`,
      output: `${NODE} await client.set("k", "v", { EXAT: Math.floor(Date.now() / 1000) });`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${NODE} await client.set("k", "v", { expiration: { type: "EXAT", value: end.getTime() } });`,
      output: `${NODE} await client.set("k", "v", { expiration: { type: "EXAT", value: Math.floor(end.getTime() / 1000) } });`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${NODE} await client.getEx("k", { type: "EXAT", value: Date.now() });`,
      output: `${NODE} await client.getEx("k", { type: "EXAT", value: Math.floor(Date.now() / 1000) });`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${NODE} await client.sendCommand(["EXPIREAT", "k", String(Date.now())]);`,
      output: `${NODE} await client.sendCommand(["EXPIREAT", "k", String(Math.floor(Date.now() / 1000))]);`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `const redis = require("redis"); const client = redis.createClient(); client.expireat("k", Date.now(), () => {});`,
      output: `const redis = require("redis"); const client = redis.createClient(); client.expireat("k", Math.floor(Date.now() / 1000), () => {});`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${UPSTASH} await redis.set("k", "v", { exat: Date.now() });`,
      output: `${UPSTASH} await redis.set("k", "v", { exat: Math.floor(Date.now() / 1000) });`,
      errors: [
        {
          messageId: "millisecondsAt",
          data: { call: "@upstash/redis set()", what: "the EXAT option", value: "`Date.now()`" },
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; await kv.expireat("k", Date.now());`,
      output: `import { kv } from "@vercel/kv"; await kv.expireat("k", Math.floor(Date.now() / 1000));`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient) { await client.set("k", "v", { expiry: { type: TimeUnit.UnixSeconds, count: Date.now() } }); }`,
      output: `${GLIDE} export async function f(client: GlideClient) { await client.set("k", "v", { expiry: { type: TimeUnit.UnixSeconds, count: Math.floor(Date.now() / 1000) } }); }`,
      errors: [
        {
          messageId: "millisecondsAt",
          data: { call: "valkey-glide set()", what: "the EXAT option", value: "`Date.now()`" },
        },
      ],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient) { await client.expireAt("k", Date.now()); }`,
      output: `${GLIDE} export async function f(client: GlideClient) { await client.expireAt("k", Math.floor(Date.now() / 1000)); }`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    {
      code: `${BUN} await redis.send("EXPIREAT", ["k", String(Date.now())]);`,
      output: `${BUN} await redis.send("EXPIREAT", ["k", String(Math.floor(Date.now() / 1000))]);`,
      errors: [{ messageId: "millisecondsAt" }],
    },
    // --- (2) Seconds where PEXPIREAT / PXAT take milliseconds.
    {
      code: `${IOREDIS} await redis.pexpireat("k", Math.floor(Date.now() / 1000));`,
      output: `${IOREDIS} await redis.pexpireat("k", Date.now());`,
      errors: [
        {
          messageId: "secondsAt",
          data: { call: "ioredis pexpireat()", what: "PEXPIREAT", value: "`Math.floor(Date.now() / 1000)`" },
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.pexpireat("k", Date.now() / 1000);`,
      output: `${IOREDIS} await redis.pexpireat("k", Date.now());`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${IOREDIS} await redis.pexpireat("k", (Date.now() / 1000) | 0);`,
      output: `${IOREDIS} await redis.pexpireat("k", Date.now());`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${IOREDIS} await redis.pexpireat("k", Math.trunc(end.getTime() / 1000));`,
      output: `${IOREDIS} await redis.pexpireat("k", end.getTime());`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${IOREDIS} await redis.set("k", "v", "PXAT", Math.round((Date.now() + 60000) / 1000));`,
      output: `${IOREDIS} await redis.set("k", "v", "PXAT", Date.now() + 60000);`,
      errors: [
        {
          messageId: "secondsAt",
          data: { call: "ioredis set()", what: "the PXAT option", value: "`Math.round((Date.now() + 60000) / 1000)`" },
        },
      ],
    },
    {
      name: "seconds plus an offset: a suggestion",
      code: `${IOREDIS} await redis.pexpireat("k", Math.ceil(Date.now() / 1000) + 60);`,
      errors: [
        {
          messageId: "secondsAt",
          suggestions: [
            {
              messageId: "multiplyBy1000",
              output: `${IOREDIS} await redis.pexpireat("k", (Math.ceil(Date.now() / 1000) + 60) * 1000);`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} export async function f() { const nowSec = Math.floor(Date.now() / 1000); await redis.pexpireat("k", nowSec); }`,
      errors: [
        {
          messageId: "secondsAt",
          suggestions: [
            {
              messageId: "multiplyBy1000",
              output: `${IOREDIS} export async function f() { const nowSec = Math.floor(Date.now() / 1000); await redis.pexpireat("k", nowSec * 1000); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.pExpireAt("k", Math.floor(Date.now() / 1000));`,
      output: `${NODE} await client.pExpireAt("k", Date.now());`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${NODE} await client.set("k", "v", { PXAT: Math.floor(Date.now() / 1000) });`,
      output: `${NODE} await client.set("k", "v", { PXAT: Date.now() });`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${NODE} await client.set("k", "v", { expiration: { type: "PXAT", value: Math.floor(Date.now() / 1000) } });`,
      output: `${NODE} await client.set("k", "v", { expiration: { type: "PXAT", value: Date.now() } });`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${UPSTASH} await redis.set("k", "v", { pxat: Math.floor(Date.now() / 1000) });`,
      output: `${UPSTASH} await redis.set("k", "v", { pxat: Date.now() });`,
      errors: [{ messageId: "secondsAt" }],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient) { await client.pexpireAt("k", Math.floor(Date.now() / 1000)); }`,
      output: `${GLIDE} export async function f(client: GlideClient) { await client.pexpireAt("k", Date.now()); }`,
      errors: [
        {
          messageId: "secondsAt",
          data: { call: "valkey-glide pexpireAt()", what: "PEXPIREAT", value: "`Math.floor(Date.now() / 1000)`" },
        },
      ],
    },
    {
      code: `${BUN} await redis.send("PEXPIREAT", ["k", String(Math.floor(Date.now() / 1000))]);`,
      output: `${BUN} await redis.send("PEXPIREAT", ["k", String(Date.now())]);`,
      errors: [{ messageId: "secondsAt" }],
    },
    // --- (3) Durations whose name says the other unit.
    {
      code: `${IOREDIS} await redis.expire("k", ttlMs);`,
      errors: [
        {
          messageId: "millisecondsName",
          data: { call: "ioredis expire()", what: "EXPIRE", name: "ttlMs", other: "PEXPIRE" },
          suggestions: [
            {
              messageId: "convertName",
              data: { name: "ttlMs", unit: "seconds", text: "Math.ceil(ttlMs / 1000)" },
              output: `${IOREDIS} await redis.expire("k", Math.ceil(ttlMs / 1000));`,
            },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.pexpire("k", ttlMs);` },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.set("k", "v", "EX", CACHE_TTL_MS);`,
      errors: [
        {
          messageId: "millisecondsName",
          data: { call: "ioredis set()", what: "the EX option", name: "CACHE_TTL_MS", other: "PX" },
          suggestions: [
            {
              messageId: "convertName",
              output: `${IOREDIS} await redis.set("k", "v", "EX", Math.ceil(CACHE_TTL_MS / 1000));`,
            },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.set("k", "v", "PX", CACHE_TTL_MS);` },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} class Cache { constructor(private redis: Redis, private ttlMs: number) {} put(k: string, v: string) { return this.redis.setex(k, this.ttlMs, v); } }`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${IOREDIS} class Cache { constructor(private redis: Redis, private ttlMs: number) {} put(k: string, v: string) { return this.redis.setex(k, Math.ceil(this.ttlMs / 1000), v); } }`,
            },
            {
              messageId: "switchUnit",
              output: `${IOREDIS} class Cache { constructor(private redis: Redis, private ttlMs: number) {} put(k: string, v: string) { return this.redis.psetex(k, this.ttlMs, v); } }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.getex("k", "EX", timeoutMillis);`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${IOREDIS} await redis.getex("k", "EX", Math.ceil(timeoutMillis / 1000));`,
            },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.getex("k", "PX", timeoutMillis);` },
          ],
        },
      ],
    },
    {
      code: `import { redis } from "./lib/redis"; export async function lock(opts) { await redis.set("lock", "me", "EX", opts.lockTtlMilliseconds, "NX"); }`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `import { redis } from "./lib/redis"; export async function lock(opts) { await redis.set("lock", "me", "EX", Math.ceil(opts.lockTtlMilliseconds / 1000), "NX"); }`,
            },
            {
              messageId: "switchUnit",
              output: `import { redis } from "./lib/redis"; export async function lock(opts) { await redis.set("lock", "me", "PX", opts.lockTtlMilliseconds, "NX"); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.pexpire("k", ttlSeconds);`,
      errors: [
        {
          messageId: "secondsName",
          data: { call: "ioredis pexpire()", what: "PEXPIRE", name: "ttlSeconds", other: "EXPIRE" },
          suggestions: [
            {
              messageId: "convertName",
              data: { name: "ttlSeconds", unit: "milliseconds", text: "ttlSeconds * 1000" },
              output: `${IOREDIS} await redis.pexpire("k", ttlSeconds * 1000);`,
            },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.expire("k", ttlSeconds);` },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.psetex("k", LOCK_TTL_SEC, "v");`,
      errors: [
        {
          messageId: "secondsName",
          suggestions: [
            { messageId: "convertName", output: `${IOREDIS} await redis.psetex("k", LOCK_TTL_SEC * 1000, "v");` },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.setex("k", LOCK_TTL_SEC, "v");` },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.set("k", "v", "PX", expirySecs);`,
      errors: [
        {
          messageId: "secondsName",
          suggestions: [
            { messageId: "convertName", output: `${IOREDIS} await redis.set("k", "v", "PX", expirySecs * 1000);` },
            { messageId: "switchUnit", output: `${IOREDIS} await redis.set("k", "v", "EX", expirySecs);` },
          ],
        },
      ],
    },
    {
      name: "client as a parameter",
      code: `export async function f(client: Redis, ttlMs: number) { await client.expire("k", ttlMs); }
import type { Redis } from "ioredis";`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `export async function f(client: Redis, ttlMs: number) { await client.expire("k", Math.ceil(ttlMs / 1000)); }
import type { Redis } from "ioredis";`,
            },
            {
              messageId: "switchUnit",
              output: `export async function f(client: Redis, ttlMs: number) { await client.pexpire("k", ttlMs); }
import type { Redis } from "ioredis";`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.set("k", "v", { EX: ttlMs });`,
      errors: [
        {
          messageId: "millisecondsName",
          data: { call: "node-redis set()", what: "the EX option", name: "ttlMs", other: "PX" },
          suggestions: [
            {
              messageId: "convertName",
              output: `${NODE} await client.set("k", "v", { EX: Math.ceil(ttlMs / 1000) });`,
            },
            { messageId: "switchUnit", output: `${NODE} await client.set("k", "v", { PX: ttlMs });` },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.set("k", "v", { expiration: { type: "EX", value: ttlMs } });`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${NODE} await client.set("k", "v", { expiration: { type: "EX", value: Math.ceil(ttlMs / 1000) } });`,
            },
            {
              messageId: "switchUnit",
              output: `${NODE} await client.set("k", "v", { expiration: { type: "PX", value: ttlMs } });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.setEx("k", CACHE_TTL_MS, "v");`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${NODE} await client.setEx("k", Math.ceil(CACHE_TTL_MS / 1000), "v");`,
            },
            { messageId: "switchUnit", output: `${NODE} await client.pSetEx("k", CACHE_TTL_MS, "v");` },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.pExpire("k", ttlSeconds);`,
      errors: [
        {
          messageId: "secondsName",
          suggestions: [
            { messageId: "convertName", output: `${NODE} await client.pExpire("k", ttlSeconds * 1000);` },
            { messageId: "switchUnit", output: `${NODE} await client.expire("k", ttlSeconds);` },
          ],
        },
      ],
    },
    {
      code: `import { createClient } from "redis4"; const client = createClient(); await client.set("k", "v", { PX: ttlSeconds });`,
      errors: [
        {
          messageId: "secondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `import { createClient } from "redis4"; const client = createClient(); await client.set("k", "v", { PX: ttlSeconds * 1000 });`,
            },
            {
              messageId: "switchUnit",
              output: `import { createClient } from "redis4"; const client = createClient(); await client.set("k", "v", { EX: ttlSeconds });`,
            },
          ],
        },
      ],
      settings: {},
    },
    {
      code: `${UPSTASH} await redis.set("k", "v", { ex: ttlMs });`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${UPSTASH} await redis.set("k", "v", { ex: Math.ceil(ttlMs / 1000) });`,
            },
            { messageId: "switchUnit", output: `${UPSTASH} await redis.set("k", "v", { px: ttlMs });` },
          ],
        },
      ],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient, ttlMs: number) { await client.set("k", "v", { expiry: { type: TimeUnit.Seconds, count: ttlMs } }); }`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${GLIDE} export async function f(client: GlideClient, ttlMs: number) { await client.set("k", "v", { expiry: { type: TimeUnit.Seconds, count: Math.ceil(ttlMs / 1000) } }); }`,
            },
            {
              messageId: "switchUnit",
              output: `${GLIDE} export async function f(client: GlideClient, ttlMs: number) { await client.set("k", "v", { expiry: { type: TimeUnit.Milliseconds, count: ttlMs } }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${BUN} await redis.set("k", "v", "EX", String(ttlMs));`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${BUN} await redis.set("k", "v", "EX", String(Math.ceil(ttlMs / 1000)));`,
            },
            { messageId: "switchUnit", output: `${BUN} await redis.set("k", "v", "PX", String(ttlMs));` },
          ],
        },
      ],
    },
    {
      code: `${BUN} await redis.expire("k", ttlMs);`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            { messageId: "convertName", output: `${BUN} await redis.expire("k", Math.ceil(ttlMs / 1000));` },
          ],
        },
      ],
    },
    {
      name: "raw command: the switch renames the command",
      code: `${IOREDIS} await redis.call("EXPIRE", "k", ttlMs);`,
      errors: [
        {
          messageId: "millisecondsName",
          data: { call: "ioredis raw call(...)", what: "EXPIRE", name: "ttlMs", other: "PEXPIRE" },
          suggestions: [
            {
              messageId: "convertName",
              output: `${IOREDIS} await redis.call("EXPIRE", "k", Math.ceil(ttlMs / 1000));`,
            },
            {
              messageId: "switchUnit",
              data: { other: "PEXPIRE", unit: "milliseconds", name: "ttlMs" },
              output: `${IOREDIS} await redis.call("PEXPIRE", "k", ttlMs);`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.EXPIRE("k", ttlMs);`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            { messageId: "convertName", output: `${NODE} await client.EXPIRE("k", Math.ceil(ttlMs / 1000));` },
            { messageId: "switchUnit", output: `${NODE} await client.PEXPIRE("k", ttlMs);` },
          ],
        },
      ],
    },
    {
      name: "node-redis v3 (pinned): lower-case methods",
      code: `const redis = require("redis"); const client = redis.createClient(); client.setex("k", ttlMs, "v", () => {});`,
      settings: { redis: { versions: { redis: 3 } } },
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `const redis = require("redis"); const client = redis.createClient(); client.setex("k", Math.ceil(ttlMs / 1000), "v", () => {});`,
            },
            {
              messageId: "switchUnit",
              output: `const redis = require("redis"); const client = redis.createClient(); client.psetex("k", ttlMs, "v", () => {});`,
            },
          ],
        },
      ],
    },
    {
      code: `${UPSTASH} await redis.setex("k", ttlMs, "v");`,
      errors: [
        {
          messageId: "millisecondsName",
          suggestions: [
            { messageId: "convertName", output: `${UPSTASH} await redis.setex("k", Math.ceil(ttlMs / 1000), "v");` },
            { messageId: "switchUnit", output: `${UPSTASH} await redis.psetex("k", ttlMs, "v");` },
          ],
        },
      ],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient, lockTtlSecs: number) { await client.pexpire("k", lockTtlSecs); }`,
      errors: [
        {
          messageId: "secondsName",
          suggestions: [
            {
              messageId: "convertName",
              output: `${GLIDE} export async function f(client: GlideClient, lockTtlSecs: number) { await client.pexpire("k", lockTtlSecs * 1000); }`,
            },
            {
              messageId: "switchUnit",
              output: `${GLIDE} export async function f(client: GlideClient, lockTtlSecs: number) { await client.expire("k", lockTtlSecs); }`,
            },
          ],
        },
      ],
    },
    // --- (5) A Date given to node-redis v5+ GETEX's { type: "PXAT" }: converted to seconds.
    {
      code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000) });`,
      output: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000).getTime() });`,
      errors: [
        {
          messageId: "dateInSeconds",
          data: { call: "node-redis getEx()", version: "v5", text: "new Date(Date.now() + 60000).getTime()" },
        },
      ],
    },
    {
      name: "the installed major (this repository's redis 5)",
      code: `${NODE} export async function f(until: Date) { return client.getEx("hold", { type: "PXAT", value: until }); }`,
      output: `${NODE} export async function f(until: Date) { return client.getEx("hold", { type: "PXAT", value: until.getTime() }); }`,
      errors: [
        { messageId: "dateInSeconds", data: { call: "node-redis getEx()", version: "v5", text: "until.getTime()" } },
      ],
    },
    {
      name: "node-redis v6 (pinned)",
      code: `import type { RedisClientType } from "redis"; export async function f(client: RedisClientType, until: Date) { await client.getEx("k", { type: "PXAT", value: until }); }`,
      output: `import type { RedisClientType } from "redis"; export async function f(client: RedisClientType, until: Date) { await client.getEx("k", { type: "PXAT", value: until.getTime() }); }`,
      settings: V6,
      errors: [
        { messageId: "dateInSeconds", data: { call: "node-redis getEx()", version: "v6", text: "until.getTime()" } },
      ],
    },
    {
      name: "node-redis v6 (installed)",
      code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000) });`,
      output: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 60000).getTime() });`,
      filename: inFixture("redis6"),
      errors: [
        {
          messageId: "dateInSeconds",
          data: { call: "node-redis getEx()", version: "v6", text: "new Date(Date.now() + 60000).getTime()" },
        },
      ],
    },
    {
      name: "a const holding a new Date",
      code: `${NODE} export async function f(ms: number) { const until = new Date(Date.now() + ms); await client.getEx("k", { type: "PXAT", value: until }); }`,
      output: `${NODE} export async function f(ms: number) { const until = new Date(Date.now() + ms); await client.getEx("k", { type: "PXAT", value: until.getTime() }); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "a variable annotated Date",
      code: `${NODE} export async function f() { let until: Date = load(); await client.getEx("k", { type: "PXAT", value: until }); }`,
      output: `${NODE} export async function f() { let until: Date = load(); await client.getEx("k", { type: "PXAT", value: until.getTime() }); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "a shorthand property is written out",
      code: `${NODE} export async function f(value: Date) { await client.getEx("k", { type: "PXAT", value }); }`,
      output: `${NODE} export async function f(value: Date) { await client.getEx("k", { type: "PXAT", value: value.getTime() }); }`,
      settings: V5,
      errors: [
        { messageId: "dateInSeconds", data: { call: "node-redis getEx()", version: "v5", text: "value.getTime()" } },
      ],
    },
    {
      name: "an expression is parenthesised",
      code: `${NODE} export async function f(until?: Date) { await client.getEx("k", { type: "PXAT", value: until ?? new Date(Date.now() + 60000) }); }`,
      output: `${NODE} export async function f(until?: Date) { await client.getEx("k", { type: "PXAT", value: (until ?? new Date(Date.now() + 60000)).getTime() }); }`,
      settings: V5,
      errors: [
        {
          messageId: "dateInSeconds",
          data: {
            call: "node-redis getEx()",
            version: "v5",
            text: "(until ?? new Date(Date.now() + 60000)).getTime()",
          },
        },
      ],
    },
    {
      code: `${NODE} export async function f(a: Date, b: Date, late: boolean) { await client.getEx("k", { type: "PXAT", value: late ? b : a }); }`,
      output: `${NODE} export async function f(a: Date, b: Date, late: boolean) { await client.getEx("k", { type: "PXAT", value: (late ? b : a).getTime() }); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "new Date without an argument list",
      code: `${NODE} await client.getEx("k", { type: "PXAT", value: new Date });`,
      output: `${NODE} await client.getEx("k", { type: "PXAT", value: (new Date).getTime() });`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "a cast keeps the Date at run time",
      code: `${NODE} export async function f(until: Date) { await client.getEx("k", { type: "PXAT", value: until as unknown as number }); }`,
      output: `${NODE} export async function f(until: Date) { await client.getEx("k", { type: "PXAT", value: until.getTime() as unknown as number }); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "options held in a const",
      code: `${NODE} export async function f(until: Date) { const options = { type: "PXAT", value: until } as const; await client.getEx("k", options); }`,
      output: `${NODE} export async function f(until: Date) { const options = { type: "PXAT", value: until.getTime() } as const; await client.getEx("k", options); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    {
      name: "a call through a bound copy: reported, not fixed",
      code: `${NODE} const getEx = client.getEx.bind(client); export async function f(until: Date) { await getEx("k", { type: "PXAT", value: until }); }`,
      settings: V5,
      errors: [{ messageId: "dateInSeconds" }],
    },
    // --- (4) SETEX with the value and the TTL swapped.
    {
      code: `${IOREDIS} await redis.setex("user:1", JSON.stringify(user), 3600);`,
      output: `${IOREDIS} await redis.setex("user:1", 3600, JSON.stringify(user));`,
      errors: [
        {
          messageId: "swapped",
          data: { call: "ioredis setex()", command: "SETEX", unit: "seconds" },
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.setex(key, "pending", ttl);`,
      output: `${IOREDIS} await redis.setex(key, ttl, "pending");`,
      errors: [{ messageId: "swapped" }],
    },
    {
      code: `${IOREDIS} await redis.psetex(key, \`\${a}:\${b}\`, 60 * 1000);`,
      output: `${IOREDIS} await redis.psetex(key, 60 * 1000, \`\${a}:\${b}\`);`,
      errors: [{ messageId: "swapped", data: { call: "ioredis psetex()", command: "PSETEX", unit: "milliseconds" } }],
    },
    {
      name: "both sides may have side effects: a suggestion",
      code: `${IOREDIS} await redis.setex(key, JSON.stringify(load()), ttlFor(key) * 60);`,
      errors: [
        {
          messageId: "swapped",
          suggestions: [
            {
              messageId: "swapArguments",
              output: `${IOREDIS} await redis.setex(key, ttlFor(key) * 60, JSON.stringify(load()));`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.setEx("k", JSON.stringify(user), 60);`,
      output: `${NODE} await client.setEx("k", 60, JSON.stringify(user));`,
      errors: [{ messageId: "swapped", data: { call: "node-redis setEx()", command: "SETEX", unit: "seconds" } }],
    },
    {
      name: "a trailing callback is not an argument",
      code: `${IOREDIS} redis.setex("k", JSON.stringify(v), 60, (err) => {});`,
      output: `${IOREDIS} redis.setex("k", 60, JSON.stringify(v), (err) => {});`,
      errors: [{ messageId: "swapped" }],
    },
    {
      code: `${UPSTASH} await redis.setex("k", { name: "a" }, 60);`,
      output: `${UPSTASH} await redis.setex("k", 60, { name: "a" });`,
      errors: [{ messageId: "swapped" }],
    },
    {
      code: `${IOREDIS} await redis.call("SETEX", "k", "hello", "60");`,
      output: `${IOREDIS} await redis.call("SETEX", "k", "60", "hello");`,
      errors: [{ messageId: "swapped" }],
    },
  ],
});

// --- With type information (settings.redis.typeAware and a program): a value typed `Date`.
const typedRoot = fileURLToPath(new URL("../fixtures/versions/redis5", import.meta.url));
const typedTester = new RuleTester({
  languageOptions: {
    parser,
    parserOptions: { projectService: { allowDefaultProject: ["src/*.ts"] }, tsconfigRootDir: typedRoot },
  },
});
const TYPED = { redis: { typeAware: true } };
const typedFile = `${typedRoot}/src/hold.ts`;
const DEADLINES = `declare const deadlines: { holdEnd(): Date; at: number; maybe(): Date | undefined };`;

typedTester.run("no-ttl-unit-mismatch (type-aware)", rule, {
  valid: [
    // A number, or maybe no Date: not reported.
    {
      code: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.at });`,
      settings: TYPED,
      filename: typedFile,
    },
    {
      code: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.maybe() as Date | number });`,
      settings: TYPED,
      filename: typedFile,
    },
    {
      code: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.holdEnd().getTime() });`,
      settings: TYPED,
      filename: typedFile,
    },
    // Without settings.redis.typeAware the types are not asked.
    {
      code: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.holdEnd() });`,
      filename: typedFile,
    },
    // A class of the file's own named Date.
    {
      code: `${NODE} class Date { getTime() { return 0; } } declare function end(): Date; await client.getEx("k", { type: "PXAT", value: end() });`,
      settings: TYPED,
      filename: typedFile,
    },
  ],
  invalid: [
    {
      code: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.holdEnd() });`,
      output: `${NODE} ${DEADLINES} await client.getEx("k", { type: "PXAT", value: deadlines.holdEnd().getTime() });`,
      settings: TYPED,
      filename: typedFile,
      errors: [
        {
          messageId: "dateInSeconds",
          data: { call: "node-redis getEx()", version: "v5", text: "deadlines.holdEnd().getTime()" },
        },
      ],
    },
  ],
});
