import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-setnx-expire.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE_REDIS = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient } from "@valkey/valkey-glide";`;
const BUN = `import { redis } from "bun";`;

/** The data of a `setExpire` message: ioredis, `set()` then `expire()` on line 1, unless overridden. */
function plainData(over: Record<string, string> = {}): Record<string, string> {
  return {
    set: "set()",
    expire: "expire()",
    line: "1",
    family: "ioredis",
    atomic: 'set(key, value, "EX", ttl)',
    expireCommand: "EXPIRE",
    keep: "",
    ...over,
  };
}

const LUA_INCR_EXPIRE =
  "local n = redis.call('INCR', KEYS[1]) if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

ruleTester.run("no-setnx-expire", rule, {
  valid: [
    // --- Clients by evidence (recognition/evidence.ts): look-alikes with generic names stay silent.
    `export class Sessions { constructor(private client) {} async touch(k: string) { await this.client.set(k, "1"); await this.client.expire(k, 30); return this.client.get(k); } }`,
    `const NodeCache = require("node-cache"); const cache = new NodeCache(); export function f(k) { cache.set(k, 1); cache.ttl(k, 10); cache.getTtl(k); }`,
    `export async function f(cache: any, k: string) { await cache.set(k, 1, { ttl: 10 }); await cache.get(k); await cache.del(k); }`,
    `class Local { setnx(k, v) { return 1; } expire(k, s) { return 1; } } const client = new Local(); export async function f() { await client.setnx("lock", "me"); await client.expire("lock", 10); }`,
    // --- Look-alikes: not Redis.
    `const cache = new Map(); function setnx(k, v) { if (!cache.has(k)) cache.set(k, v); } setnx("a", 1); const timers = { expire(k, s) { return [k, s]; } }; timers.expire("a", 10);`,
    `const store = { setnx(k, v) { return 1; }, expire(k, t) { return 1; } }; await store.setnx("lock", "me"); await store.expire("lock", 10);`,
    `import session from "express-session"; const s = { cookie: { expires: new Date() } }; s.cookie.expires = new Date(Date.now() + 1000);`,
    `import _ from "lodash"; const o = {}; _.set(o, "lock", 1); _.set(o, "ttl", 10);`,
    `import NodeCache from "node-cache"; const c = new NodeCache(); c.set("lock", "me"); c.ttl("lock", 10);`,
    `import { PrismaClient } from "@prisma/client"; const prisma = new PrismaClient(); await prisma.lock.create({ data: { key: "a" } }); await prisma.lock.update({ where: { key: "a" }, data: { expiresAt: new Date() } });`,
    // --- The atomic forms, per client.
    `${IOREDIS} const ok = await redis.set("lock:a", "me", "EX", 30, "NX"); if (!ok) throw new Error("busy");`,
    `${IOREDIS} await redis.set("lock:a", "me", "PX", 30000, "NX");`,
    `${NODE_REDIS} await client.set("lock:a", "me", { NX: true, EX: 30 });`,
    `${NODE_REDIS} await client.set("lock:a", "me", { condition: "NX", expiration: { type: "EX", value: 30 } });`,
    `${UPSTASH} await redis.set("lock:a", "me", { nx: true, ex: 30 });`,
    `${GLIDE} export async function f(client: GlideClient) { await client.set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count: 30 } }); }`,
    `${BUN} await redis.set("lock:a", "me", "NX", "EX", "30");`,
    // --- SET NX with an expiry, then a later refresh of the same lock: fine.
    `${IOREDIS} if (await redis.set("lock:a", "me", "EX", 30, "NX")) { await work(); await redis.expire("lock:a", 30); }`,
    // --- KEEPTTL keeps an existing TTL: another rule's business, not this one.
    `${IOREDIS} await redis.set("lock:a", "me", "NX", "KEEPTTL"); await redis.expire("lock:a", 30);`,
    // (A plain SET then EXPIRE, once here as "not a lock", is now reported: see "plain SET" below.)
    // --- SETNX and EXPIRE on different keys.
    `${IOREDIS} await redis.setnx("lock:a", "me"); await redis.expire("lock:b", 30);`,
    `${IOREDIS} export async function f(a: string, b: string) { await redis.setnx(\`lock:\${a}\`, "me"); await redis.expire(\`lock:\${b}\`, 30); }`,
    // --- EXPIRE before SETNX, or in another function.
    `${IOREDIS} await redis.expire("lock:a", 30); await redis.setnx("lock:a", "me");`,
    `${IOREDIS} async function acquire() { return redis.setnx("lock:a", "me"); } async function extend() { await redis.expire("lock:a", 30); }`,
    // --- The counter variants done atomically.
    `${IOREDIS} const [[, n]] = await redis.multi().incr("rate:a").expire("rate:a", 60, "NX").exec();`,
    `${IOREDIS} const tx = redis.multi(); tx.incr("rate:a"); tx.expire("rate:a", 60); await tx.exec();`,
    `${NODE_REDIS} const [n] = await client.multi().incr("rate:a").expire("rate:a", 60).exec();`,
    `${IOREDIS} const n = await redis.eval("${LUA_INCR_EXPIRE}", 1, "rate:a", 60);`,
    // --- More look-alikes.
    `const m = new Map(); m.set("lock:a", 1); setTimeout(() => m.delete("lock:a"), 1000);`,
    `const redis = { setnx(k, v) { return 1; }, expire(k, s) { return 1; } }; await redis.setnx("lock:a", "me"); await redis.expire("lock:a", 30);`,
    `const re = /lock:(\\w+)/; const m = re.exec("lock:a"); if (m) console.log(m[1]);`,
    `import express from "express"; const app = express(); app.get("/lock", (req, res) => res.send("ok")); app.set("lock", true);`,
    `import fs from "node:fs"; fs.watch("."); const cache = { incr(k) { return 1; }, expire(k, s) { return s; } }; cache.incr("rate:a"); cache.expire("rate:a", 60);`,
    `import knex from "knex"; const db = knex({}); await db("locks").insert({ key: "a" }).onConflict("key").ignore(); await db("locks").where({ key: "a" }).update({ expires_at: db.fn.now() });`,
    // --- More atomic forms.
    `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.set("lock:a", "me", "PX", 3000, "NX");`,
    `import { kv } from "@vercel/kv"; await kv.set("lock:a", "me", { nx: true, px: 3000 });`,
    `${NODE_REDIS} await client.set("lock:a", "me", { NX: true, PX: 3000 }); await client.pExpire("lock:a", 3000);`,
    `${BUN} await redis.send("SET", ["lock:a", "me", "NX", "EX", "30"]); await redis.expire("lock:a", 30);`,
    `${IOREDIS} await redis.call("SET", "lock:a", "me", "NX", "PX", 3000); await redis.pexpire("lock:a", 3000);`,
    // --- Not SETNX / SET NX. (SET XX then EXPIRE, once here, is now reported: see "plain SET" below.)
    `${IOREDIS} await redis.hsetnx("user:1", "name", "Ann"); await redis.expire("user:1", 3600);`,
    `${NODE_REDIS} await client.set("lock:a", "me", { condition: "NX", expiration: "KEEPTTL" }); await client.expire("lock:a", 30);`,
    // --- Options that cannot be read: not reported.
    `${IOREDIS} export async function f(opts: string[]) { await redis.set("lock:a", "me", ...opts); await redis.expire("lock:a", 30); }`,
    // --- A later refresh of a lock taken with a TTL (a heartbeat).
    `${IOREDIS} if (await redis.set("lock:a", "me", "EX", 30, "NX")) { for (let i = 0; i < 3; i++) { await step(i); await redis.expire("lock:a", 30); } }`,
    // --- EXPIRE in a callback, not in the same function.
    `${IOREDIS} export async function f() { if (await redis.setnx("lock:a", "me")) setTimeout(() => redis.expire("lock:a", 30), 0); }`,
    // --- Counters: different keys, EXPIRE first, or in one transaction / batch / pipeline.
    `${IOREDIS} await redis.incr("rate:a"); await redis.expire("rate:b", 60);`,
    `${IOREDIS} await redis.expire("rate:a", 60); await redis.incr("rate:a");`,
    `${IOREDIS} await redis.pipeline().incr("rate:a").expire("rate:a", 60).exec();`,
    `${UPSTASH} const [n] = await redis.multi().incr("rate:a").expire("rate:a", 60).exec();`,
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { await client.exec(new Batch(true).incr("rate:a").expire("rate:a", 60), true); }`,
    {
      code: `${NODE_REDIS} const n = await client.hIncrBy("rate:a", "hits", 1); await client.expire("rate:a", 60);`,
      options: [{ checkIncr: false }],
    },
    // --- checkIncr: false
    {
      code: `${IOREDIS} const n = await redis.incr("rate:a"); if (n === 1) await redis.expire("rate:a", 60);`,
      options: [{ checkIncr: false }],
    },
    // Review: SETNX and EXPIRE in branches that never run together (create, or refresh a key that exists).
    `${IOREDIS} export async function touch(k: string, create: boolean) { if (create) { await redis.setnx(k, "1"); } else { await redis.expire(k, 60); } }`,
    `${IOREDIS} export async function touch(k: string, create: boolean) { if (create) { await redis.set(k, "1", "NX"); return; } await redis.expire(k, 60); }`,

    // ----------------------------------------------------------------------------------------------
    // Plain SET (no NX, no expiry, no KEEPTTL) then EXPIRE: what is NOT reported.
    // --- Look-alikes: set() and expire() on things that are not Redis clients.
    `const cache = new Map(); export function f(k: string, v: string) { cache.set(k, v); (cache as any).expire?.(k, 30); }`,
    `import { LRUCache } from "lru-cache"; const cache = new LRUCache<string, string>({ max: 100 }); export async function f(k: string) { cache.set(k, "v"); await (cache as any).expire?.(k, 30); }`,
    `import knex from "knex"; const db = knex({ client: "pg" }); export async function f() { await (db as any).set("k", 1); await (db as any).expire("k", 30); }`,
    `import { MongoClient } from "mongodb"; const db = new MongoClient("mongodb://localhost").db("app"); export async function f(k: string) { await (db as any).set(k, 1); await (db as any).expire(k, 30); }`,
    `class MemoryCache { private m = new Map(); set(k: string, v: string) { this.m.set(k, v); } expire(k: string, s: number) { setTimeout(() => this.m.delete(k), s * 1000); } } const cache = new MemoryCache(); export async function f(k: string) { await cache.set(k, "v"); await cache.expire(k, 30); }`,
    `const session = { set(k, v) { return v; }, expire(k, s) { return s; } }; export async function f(k) { await session.set(k, "v"); await session.expire(k, 30); }`,
    `import Keyv from "keyv"; const keyv = new Keyv(); export async function f(k: string) { await keyv.set(k, "v"); await (keyv as any).expire?.(k, 30); }`,
    `import { caching } from "cache-manager"; export async function f(k: string) { const cache = await caching("memory"); await cache.set(k, "v"); await (cache as any).expire(k, 30); }`,
    `import axios from "axios"; const http = axios.create(); export async function f() { await (http as any).set("k", "v"); await (http as any).expire("k", 30); }`,
    `import express from "express"; const app = express(); app.set("trust proxy", 1); (app as any).expire?.("trust proxy", 30);`,
    `export class Store { constructor(private cache: { set(k: string, v: string): Promise<void>; expire(k: string, s: number): Promise<void> }) {} async put(k: string) { await this.cache.set(k, "v"); await this.cache.expire(k, 30); } }`,
    // --- Redis, but the SET already has its expiry (each client's shape), or keeps the TTL (KEEPTTL).
    `${IOREDIS} export async function f(k: string) { await redis.set(k, "v", "EX", 30); await redis.expire(k, 60); }`,
    `${IOREDIS} export async function f(k: string) { await redis.set(k, "v", "KEEPTTL"); await redis.expire(k, 60); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { EX: 30 }); await client.expire(k, 60); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { expiration: { type: "PX", value: 500 } }); await client.pExpire(k, 500); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { KEEPTTL: true }); await client.expire(k, 60); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { expiration: "KEEPTTL" }); await client.expire(k, 60); }`,
    `${UPSTASH} export async function f(k: string) { await redis.set(k, "v", { ex: 30 }); await redis.expire(k, 60); }`,
    `${UPSTASH} export async function f(k: string) { await redis.set(k, "v", { keepTtl: true }); await redis.expire(k, 60); }`,
    `${GLIDE} export async function f(client: GlideClient, k: string) { await client.set(k, "v", { expiry: { type: TimeUnit.Seconds, count: 30 } }); await client.expire(k, 60); }`,
    `${GLIDE} export async function f(client: GlideClient, k: string) { await client.set(k, "v", { expiry: "keepExisting" }); await client.expire(k, 60); }`,
    `${BUN} export async function f(k: string) { await redis.set(k, "v", "EX", "30"); await redis.expire(k, 60); }`,
    // --- Queued in one MULTI (atomic) or one pipeline / batch (one write): as for INCR.
    `${IOREDIS} export async function f(k: string) { await redis.multi().set(k, "v").expire(k, 30).exec(); }`,
    `${IOREDIS} export async function f(k: string) { const tx = redis.multi(); tx.set(k, "v"); tx.expire(k, 30); await tx.exec(); }`,
    `${IOREDIS} export async function f(k: string) { await redis.pipeline().set(k, "v").pexpire(k, 500).exec(); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.multi().set(k, "v").expire(k, 30).exec(); }`,
    `${UPSTASH} export async function f(k: string) { const p = redis.pipeline(); p.set(k, "v"); p.expire(k, 30); await p.exec(); }`,
    `${UPSTASH} export async function f(k: string) { await redis.multi().set(k, "v").expire(k, 30).exec(); }`,
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.exec(new Batch(true).set(k, "v").expire(k, 30), true); }`,
    `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.exec(new Batch(false).set(k, "v").expire(k, 30), true); }`,
    // --- EXPIRE XX / GT never applies to a key a plain SET left without TTL; an unreadable flag may not.
    `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); await redis.expire(k, 30, "XX"); }`,
    `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v"); await client.expire(k, 30, "GT"); }`,
    `${IOREDIS} export async function f(k: string, mode: "NX" | "XX") { await redis.set(k, "v"); await redis.expire(k, 30, mode as any); }`,
    `import { GlideClient, ExpireOptions } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.set(k, "v"); await client.expire(k, 30, { expireOption: ExpireOptions.HasNoExpiry }); }`,
    // --- Unreadable SET options.
    `${IOREDIS} export async function f(k: string, opts: string[]) { await redis.set(k, "v", ...opts); await redis.expire(k, 30); }`,
    `${NODE_REDIS} export async function f(k: string, opts: any) { await client.set(k, "v", opts); await client.expire(k, 30); }`,
    // --- Different keys, EXPIRE first, EXPIRE in another function, exclusive branches.
    `${IOREDIS} export async function f(a: string, b: string) { await redis.set(\`cache:\${a}\`, "v"); await redis.expire(\`cache:\${b}\`, 30); }`,
    `${IOREDIS} export async function f(k: string) { await redis.expire(k, 30); await redis.set(k, "v"); }`,
    `${IOREDIS} export async function put(k: string) { await redis.set(k, "v"); } export async function touch(k: string) { await redis.expire(k, 30); }`,
    `${IOREDIS} export async function f(k: string, fresh: boolean) { if (fresh) { await redis.set(k, "v"); } else { await redis.expire(k, 30); } }`,
    `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); setTimeout(() => redis.expire(k, 30), 1000); }`,
    // --- Not SET: HSET, SETEX, GETSET, MSET.
    `${IOREDIS} export async function f(k: string) { await redis.hset(k, "a", "1"); await redis.expire(k, 30); }`,
    `${IOREDIS} export async function f(k: string) { await redis.setex(k, 30, "v"); await redis.expire(k, 60); }`,
    // --- node_redis v3: the EXPIRE in the SET's callback is another function (as for SETNX: not followed).
    {
      code: `const redis = require("redis"); const client = redis.createClient(); module.exports = function put(k, v, cb) { client.set(k, v, function (err) { if (err) return cb(err); client.expire(k, 30, cb); }); };`,
      filename: "put.js",
      settings: { redis: { versions: { redis: 3 } } },
    },
  ],
  invalid: [
    // --- Clients by evidence: generic names the file calls Redis-only commands on.
    {
      name: "a service class with an untyped parameter property `client`",
      code: `export class LockService {
  constructor(private client) {}
  async acquire(key: string, owner: string) {
    const ok = await this.client.setnx(key, owner);
    if (ok) await this.client.expire(key, 30);
    return ok === 1;
  }
}`,
      errors: [{ messageId: "setnxExpire", line: 4 }],
    },
    {
      name: "a CommonJS module given its client as the parameter `client`",
      code: `module.exports = function (client) { return async function lock(key) { if (await client.setnx(key, "1")) { await client.expire(key, 10); return true; } return false; }; };`,
      errors: [{ messageId: "setnxExpire" }],
    },
    // ----------------------------------------------------------------------------------------------
    // ioredis / iovalkey
    {
      // Autofix: awaited statements, literal TTL, EXPIRE result unused, SETNX result a condition.
      code: `${IOREDIS}
export async function acquire(key: string) {
  const ok = await redis.setnx(key, "me");
  if (!ok) return false;
  await redis.expire(key, 30);
  return true;
}`,
      output: `${IOREDIS}
export async function acquire(key: string) {
  const ok = await redis.set(key, "me", "EX", 30, "NX");
  if (!ok) return false;
  return true;
}`,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "setnx()",
            expire: "expire()",
            line: "5",
            family: "ioredis",
            atomic: 'set(key, value, "EX", ttl, "NX")',
            expireCommand: "EXPIRE",
          },
        },
      ],
    },
    {
      // PEXPIRE becomes PX; an identifier TTL declared before the SETNX.
      code: `${IOREDIS} export async function acquire(key: string, ttlMs: number) { if (await redis.setnx(key, "me")) { await redis.pexpire(key, ttlMs); return true; } return false; }`,
      output: `${IOREDIS} export async function acquire(key: string, ttlMs: number) { if (await redis.set(key, "me", "PX", ttlMs, "NX")) { return true; } return false; }`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // SET with NX but no expiry (tokens): the expiry goes before NX, as the typings want.
      code: `${IOREDIS} const acquired = await redis.set("lock:job", token, 'NX'); if (acquired) await redis.expireat("lock:job", deadline);`,
      output: `${IOREDIS} const acquired = await redis.set("lock:job", token, 'EXAT', deadline, 'NX'); if (acquired) {}`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // Review: an early exit other than the SET's failure sits between them: the autofix would give
      // a persistent lock a TTL. A suggestion only.
      code: `${IOREDIS} export async function f(k: string, persistent: boolean) { const ok = await redis.setnx(k, "me"); if (!ok) return false; if (persistent) return true; await redis.expire(k, 30); return true; }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} export async function f(k: string, persistent: boolean) { const ok = await redis.set(k, "me", "EX", 30, "NX"); if (!ok) return false; if (persistent) return true; return true; }`,
            },
          ],
        },
      ],
    },
    {
      // Review: the EXPIRE runs only when the SETNX failed (on another owner's key), or under another
      // condition: moving the expiry into the SET changes what happens. Suggestions only.
      code: `${IOREDIS} export async function f(k: string) { if (await redis.setnx(k, "me")) { return true; } await redis.expire(k, 30); return false; }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} export async function f(k: string) { if (await redis.set(k, "me", "EX", 30, "NX")) { return true; } return false; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} export async function f(k: string, ttl: number) { const ok = await redis.setnx(k, "me"); if (ok && ttl > 0) await redis.expire(k, ttl); }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} export async function f(k: string, ttl: number) { const ok = await redis.set(k, "me", "EX", ttl, "NX"); if (ok && ttl > 0) {} }`,
            },
          ],
        },
      ],
    },
    {
      // A spin lock.
      code: `${IOREDIS} while (!(await redis.setnx("lock:a", id))) await sleep(50);\nawait redis.expire("lock:a", 10);`,
      output: `${IOREDIS} while (!(await redis.set("lock:a", id, "EX", 10, "NX"))) await sleep(50);\n`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.setnx("lock:a", "me"); await valkey.expire("lock:a", 30);`,
      output: `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.set("lock:a", "me", "EX", 30, "NX");`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // Not awaited: a suggestion only.
      code: `${IOREDIS} redis.setnx("lock:a", "me"); redis.expire("lock:a", 30);`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [{ messageId: "useAtomicSet", output: `${IOREDIS} redis.set("lock:a", "me", "EX", 30, "NX");` }],
        },
      ],
    },
    {
      // The TTL is an expression: a suggestion.
      code: `${IOREDIS} export async function f(ttlMs: number) { if (await redis.setnx("lock:a", "me")) await redis.expire("lock:a", Math.ceil(ttlMs / 1000)); }`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },
    {
      code: `${IOREDIS} export async function f(ttlMs: number) { if (await redis.setnx("lock:a", "me")) await redis.expire("lock:a", ttlMs / 1000); }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} export async function f(ttlMs: number) { if (await redis.set("lock:a", "me", "EX", ttlMs / 1000, "NX")) {} }`,
            },
          ],
        },
      ],
    },
    {
      // SETNX's 1/0 is returned: the suggestion keeps it.
      code: `${IOREDIS} export async function f() { const got = await redis.setnx("lock:a", "me"); await redis.expire("lock:a", 30); return got; }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} export async function f() { const got = ((await redis.set("lock:a", "me", "EX", 30, "NX")) === "OK" ? 1 : 0); return got; }`,
            },
          ],
        },
      ],
    },
    {
      // The TTL is computed after the SETNX: no rewrite.
      code: `${IOREDIS} export async function f() { await redis.setnx("lock:a", "me"); const ttl = await loadTtl(); await redis.expire("lock:a", ttl); }`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },
    {
      // EXPIRE's result is used: no rewrite.
      code: `${IOREDIS} await redis.setnx("lock:a", "me"); const set = await redis.expire("lock:a", 30);`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },
    {
      // Raw commands.
      code: `${IOREDIS} await redis.call("SETNX", "lock:a", "me"); await redis.call("EXPIRE", "lock:a", 30);`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "SETNX (call)",
            expire: "EXPIRE (call)",
            line: "1",
            family: "ioredis",
            atomic: 'set(key, value, "EX", ttl, "NX")',
            expireCommand: "EXPIRE",
          },
          suggestions: [],
        },
      ],
    },
    {
      // Two client objects (usually one server): reported, but rewritten only by suggestion.
      code: `${IOREDIS} const locks = redis.duplicate(); await locks.setnx("lock:a", "me"); await redis.expire("lock:a", 30);`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} const locks = redis.duplicate(); await locks.set("lock:a", "me", "EX", 30, "NX");`,
            },
          ],
        },
      ],
    },
    {
      // Class field client.
      code: `import type { Redis } from "ioredis"; export class Locks { constructor(private readonly redis: Redis) {} async take(key: string) { const ok = await this.redis.setnx(key, "me"); if (ok) await this.redis.expire(key, 10); return !!ok; } }`,
      output: `import type { Redis } from "ioredis"; export class Locks { constructor(private readonly redis: Redis) {} async take(key: string) { const ok = await this.redis.set(key, "me", "EX", 10, "NX"); if (ok) {} return !!ok; } }`,
      errors: [{ messageId: "setnxExpire" }],
    },
    // --- Both in one MULTI: EXPIRE extends another owner's lock.
    {
      code: `${IOREDIS} await redis.multi().setnx("lock:a", "me").expire("lock:a", 30).exec();`,
      output: null,
      errors: [
        {
          messageId: "setnxExpireInMulti",
          data: {
            set: "setnx()",
            expire: "expire()",
            line: "1",
            family: "ioredis",
            atomic: 'set(key, value, "EX", ttl, "NX")',
            expireCommand: "EXPIRE",
          },
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} await redis.multi().set("lock:a", "me", "EX", 30, "NX").exec();`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} const tx = redis.multi(); tx.setnx("lock:a", "me"); tx.expire("lock:a", 30); await tx.exec();`,
      output: null,
      errors: [
        {
          messageId: "setnxExpireInMulti",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} const tx = redis.multi(); tx.set("lock:a", "me", "EX", 30, "NX"); await tx.exec();`,
            },
          ],
        },
      ],
    },
    {
      // exec()'s result is read: dropping the EXPIRE would shift it, so no suggestion.
      code: `${IOREDIS} const [[, got]] = await redis.multi().setnx("lock:a", "me").expire("lock:a", 30).exec();`,
      output: null,
      errors: [{ messageId: "setnxExpireInMulti", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.pipeline().setnx("lock:a", "me").pexpire("lock:a", 500).exec();`,
      output: null,
      errors: [
        {
          messageId: "setnxExpireInMulti",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${IOREDIS} await redis.pipeline().set("lock:a", "me", "PX", 500, "NX").exec();`,
            },
          ],
        },
      ],
    },

    // ----------------------------------------------------------------------------------------------
    // node-redis: v4 and v5 spellings; the fix writes `{ NX: true, EX }`, which both read.
    {
      code: `${NODE_REDIS} export async function f(key: string) { if (await client.setNX(key, "me")) { await client.expire(key, 30); return true; } return false; }`,
      output: `${NODE_REDIS} export async function f(key: string) { if (await client.set(key, "me", { NX: true, EX: 30 })) { return true; } return false; }`,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "setNX()",
            expire: "expire()",
            line: "1",
            family: "node-redis",
            atomic: "set(key, value, { NX: true, EX: ttl })",
            expireCommand: "EXPIRE",
          },
        },
      ],
    },
    {
      code: `${NODE_REDIS} await client.SETNX("lock:a", "me"); await client.PEXPIRE("lock:a", 500);`,
      output: `${NODE_REDIS} await client.SET("lock:a", "me", { NX: true, PX: 500 });`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // v4 shape `{ NX: true }`.
      code: `${NODE_REDIS} const ok = await client.set("lock:a", "me", { NX: true }); if (ok) await client.expire("lock:a", 30);`,
      output: `${NODE_REDIS} const ok = await client.set("lock:a", "me", { NX: true, EX: 30 }); if (ok) {}`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // v5 shape `{ condition: "NX" }` (which v4 silently ignores): rewritten to the shape both read.
      code: `${NODE_REDIS} const ok = await client.set("lock:a", "me", { condition: "NX" }); if (ok !== "OK") throw new Error("busy"); await client.pExpire("lock:a", 30000);`,
      output: `${NODE_REDIS} const ok = await client.set("lock:a", "me", { NX: true, PX: 30000 }); if (ok !== "OK") throw new Error("busy");`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      code: `${NODE_REDIS} await client.set("lock:a", "me", { condition: "NX", GET: true }); await client.expire("lock:a", 30);`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },
    {
      // setNX's value (v5: 1/0) is returned: the suggestion keeps it (installed redis is v5).
      code: `${NODE_REDIS} export async function f() { const got = await client.setNX("lock:a", "me"); await client.expire("lock:a", 30); return got; }`,
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${NODE_REDIS} export async function f() { const got = ((await client.set("lock:a", "me", { NX: true, EX: 30 })) === "OK" ? 1 : 0); return got; }`,
            },
          ],
        },
      ],
    },
    {
      // ... and v4's true/false when the settings pin redis 4.
      code: `${NODE_REDIS} export async function f() { const got = await client.setNX("lock:a", "me"); await client.expire("lock:a", 30); return got; }`,
      settings: { redis: { versions: { redis: 4 } } },
      output: null,
      errors: [
        {
          messageId: "setnxExpire",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${NODE_REDIS} export async function f() { const got = ((await client.set("lock:a", "me", { NX: true, EX: 30 })) === "OK"); return got; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE_REDIS} await client.sendCommand(["SET", "lock:a", "me", "NX"]); await client.sendCommand(["EXPIRE", "lock:a", "30"]);`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },
    {
      code: `${NODE_REDIS} await client.multi().setNX("lock:a", "me").expire("lock:a", 30).exec();`,
      output: null,
      errors: [
        {
          messageId: "setnxExpireInMulti",
          suggestions: [
            {
              messageId: "useAtomicSet",
              output: `${NODE_REDIS} await client.multi().set("lock:a", "me", { NX: true, EX: 30 }).exec();`,
            },
          ],
        },
      ],
    },
    {
      // redis v4 executeIsolated.
      code: `${NODE_REDIS} await client.executeIsolated(async (c) => { if (await c.setNX("lock:a", "me")) await c.expire("lock:a", 30); });`,
      output: `${NODE_REDIS} await client.executeIsolated(async (c) => { if (await c.set("lock:a", "me", { NX: true, EX: 30 })) {} });`,
      errors: [{ messageId: "setnxExpire" }],
    },

    // ----------------------------------------------------------------------------------------------
    // @upstash/redis, @vercel/kv
    {
      code: `${UPSTASH} export async function f(id: string) { const ok = await redis.setnx(\`lock:\${id}\`, "me"); if (!ok) return false; await redis.expire(\`lock:\${id}\`, 30); return true; }`,
      output: `${UPSTASH} export async function f(id: string) { const ok = await redis.set(\`lock:\${id}\`, "me", { nx: true, ex: 30 }); if (!ok) return false; return true; }`,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "setnx()",
            expire: "expire()",
            line: "1",
            family: "@upstash/redis",
            atomic: "set(key, value, { nx: true, ex: ttl })",
            expireCommand: "EXPIRE",
          },
        },
      ],
    },
    {
      code: `${UPSTASH} const ok = await redis.set("lock:a", "me", { nx: true }); if (ok) await redis.pexpire("lock:a", 500);`,
      output: `${UPSTASH} const ok = await redis.set("lock:a", "me", { nx: true, px: 500 }); if (ok) {}`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      code: `import { kv } from "@vercel/kv"; await kv.setnx("lock:a", "me"); await kv.expire("lock:a", 30);`,
      output: `import { kv } from "@vercel/kv"; await kv.set("lock:a", "me", { nx: true, ex: 30 });`,
      errors: [{ messageId: "setnxExpire" }],
    },

    // ----------------------------------------------------------------------------------------------
    // valkey-glide: no setnx(); SET with conditionalSet and no expiry. The fix adds TimeUnit.
    {
      code: `${GLIDE} export async function f(client: GlideClient, key: string) { const ok = await client.set(key, "me", { conditionalSet: "onlyIfDoesNotExist" }); if (ok === null) return false; await client.expire(key, 30); return true; }`,
      output: `import { GlideClient, TimeUnit } from "@valkey/valkey-glide"; export async function f(client: GlideClient, key: string) { const ok = await client.set(key, "me", { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count: 30 } }); if (ok === null) return false; return true; }`,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "set()",
            expire: "expire()",
            line: "1",
            family: "valkey-glide",
            atomic:
              'set(key, value, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count: ttl } })',
            expireCommand: "EXPIRE",
          },
        },
      ],
    },
    {
      // A type-only import: a value import of TimeUnit is added after it.
      code: `import type { GlideClient } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { await client.set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist" }); await client.pexpire("lock:a", 500); }`,
      output: `import type { GlideClient } from "@valkey/valkey-glide";\nimport { TimeUnit } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { await client.set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Milliseconds, count: 500 } }); }`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      // TimeUnit already imported under another name.
      code: `import { GlideClient, TimeUnit as TU } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { await client.set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist" }); await client.expireAt("lock:a", 1700000000); }`,
      output: `import { GlideClient, TimeUnit as TU } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { await client.set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TU.UnixSeconds, count: 1700000000 } }); }`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide"; export async function f(client: GlideClient) { const b = new Batch(true).set("lock:a", "me", { conditionalSet: "onlyIfDoesNotExist" }).expire("lock:a", 30); await client.exec(b, true); }`,
      output: null,
      errors: [{ messageId: "setnxExpireInMulti" }],
    },

    // ----------------------------------------------------------------------------------------------
    // Bun
    {
      code: `${BUN} export async function f(key: string, ttl: number) { const ok = await redis.setnx(key, "me"); if (!ok) return; await redis.expire(key, ttl); }`,
      output: `${BUN} export async function f(key: string, ttl: number) { const ok = await redis.set(key, "me", "NX", "EX", String(ttl)); if (!ok) return; }`,
      errors: [
        {
          messageId: "setnxExpire",
          data: {
            set: "setnx()",
            expire: "expire()",
            line: "1",
            family: "Bun's RedisClient",
            atomic: 'set(key, value, "NX", "EX", String(ttl))',
            expireCommand: "EXPIRE",
          },
        },
      ],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); if (await c.set("lock:a", "me", "NX")) await c.pexpire("lock:a", 500);`,
      output: `import { RedisClient } from "bun"; const c = new RedisClient(); if (await c.set("lock:a", "me", "NX", "PX", "500")) {}`,
      errors: [{ messageId: "setnxExpire" }],
    },
    {
      code: `${BUN} await redis.send("SETNX", ["lock:a", "me"]); await redis.send("EXPIRE", ["lock:a", "30"]);`,
      output: null,
      errors: [{ messageId: "setnxExpire", suggestions: [] }],
    },

    // ----------------------------------------------------------------------------------------------
    // The INCR variant (checkIncr, on by default): a Lua script suggestion.
    {
      code: `${IOREDIS} export async function hit(key: string) { const n = await redis.incr(key); if (n === 1) await redis.expire(key, 60); return n; }`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          data: {
            incr: "incr()",
            family: "ioredis",
            incrCommand: "INCR",
            expire: "expire()",
            expireCommand: "EXPIRE",
            line: "1",
          },
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${IOREDIS} export async function hit(key: string) { const n = await (redis.eval("${LUA_INCR_EXPIRE}", 1, key, 60) as Promise<number>); if (n === 1) await redis.expire(key, 60); return n; }`,
            },
          ],
        },
      ],
    },
    {
      // In a .js file: no type assertion.
      code: `${IOREDIS} export async function hit(key) { const n = await redis.incr(key); if (n === 1) await redis.expire(key, 60); return n; }`,
      filename: "rate.js",
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${IOREDIS} export async function hit(key) { const n = await redis.eval("${LUA_INCR_EXPIRE}", 1, key, 60); if (n === 1) await redis.expire(key, 60); return n; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE_REDIS} export async function hit(key: string, windowMs: number) { const n = await client.hIncrBy(key, "hits", 1); await client.pExpire(key, windowMs); return n; }`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${NODE_REDIS} export async function hit(key: string, windowMs: number) { const n = await (client.eval("local n = redis.call('HINCRBY', KEYS[1], ARGV[2], ARGV[3]) if redis.call('TTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n", { keys: [key], arguments: [String(windowMs), "hits", "1"] }) as Promise<number>); await client.pExpire(key, windowMs); return n; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${UPSTASH} const n = await redis.incrby("rate:a", 5); await redis.expire("rate:a", 60);`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${UPSTASH} const n = await (redis.eval("local n = redis.call('INCRBY', KEYS[1], ARGV[2]) if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n", ["rate:a"], [60, 5]) as Promise<number>); await redis.expire("rate:a", 60);`,
            },
          ],
        },
      ],
    },
    {
      code: `${GLIDE} export async function hit(client: GlideClient) { const n = await client.incr("rate:a"); if (n === 1) await client.expire("rate:a", 60); }`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${GLIDE} export async function hit(client: GlideClient) { const n = await (client.customCommand(["EVAL", "${LUA_INCR_EXPIRE}", "1", "rate:a", "60"]) as Promise<number>); if (n === 1) await client.expire("rate:a", 60); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${BUN} const n = await redis.incr("rate:a"); if (n === 1) await redis.expire("rate:a", 60);`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${BUN} const n = await (redis.send("EVAL", ["${LUA_INCR_EXPIRE}", "1", "rate:a", "60"]) as Promise<number>); if (n === 1) await redis.expire("rate:a", 60);`,
            },
          ],
        },
      ],
    },
    {
      // EXPIRE with NX, but in a second round trip: still a window.
      code: `${IOREDIS} await redis.decrby("quota:a", 3); await redis.expire("quota:a", 60, "NX");`,
      output: null,
      errors: [{ messageId: "incrExpire", suggestions: [] }],
    },
    {
      // INCR on the client, EXPIRE in a later MULTI: two round trips.
      code: `${IOREDIS} const n = await redis.incr("rate:a"); if (n === 1) await redis.multi().expire("rate:a", 60).exec();`,
      output: null,
      errors: [
        {
          messageId: "incrExpire",
          suggestions: [
            {
              messageId: "useLuaScript",
              output: `${IOREDIS} const n = await (redis.eval("${LUA_INCR_EXPIRE}", 1, "rate:a", 60) as Promise<number>); if (n === 1) await redis.multi().expire("rate:a", 60).exec();`,
            },
          ],
        },
      ],
    },

    // ----------------------------------------------------------------------------------------------
    // Plain SET (no NX, no expiry, no KEEPTTL), then EXPIRE of the same key (issue #14, corpus L8).
    // Autofix only when provably the same: awaited statements on one client, EXPIRE right after the
    // SET, a positive integer literal TTL (or a constant holding one), a SET of key and value only.
    {
      name: "Corpus, node-resque@9.7.1 src/plugins/QueueLock.ts (L8): SETNX then EXPIRE, and SET then EXPIRE",
      code: `import { Plugin } from "..";
export class QueueLock extends Plugin {
  async beforeEnqueue() {
    const key = this.key();
    const now = Math.round(new Date().getTime() / 1000);
    const timeout = now + this.lockTimeout() + 1;
    const set = await this.queueObject.connection.redis.setnx(key, timeout);
    if (set === true || set === 1) {
      await this.queueObject.connection.redis.expire(key, this.lockTimeout());
      return true;
    }
    const redisTimeout = await this.queueObject.connection.redis.get(key);
    const redisTimeoutInt = redisTimeout ? parseInt(redisTimeout) : 0;
    if (now <= redisTimeoutInt) {
      return false;
    }
    await this.queueObject.connection.redis.set(key, timeout);
    await this.queueObject.connection.redis.expire(key, this.lockTimeout());
    return true;
  }
}`,
      output: null,
      errors: [
        { messageId: "setnxExpire", line: 7 },
        {
          messageId: "setExpire",
          line: 17,
          data: {
            set: "set()",
            expire: "expire()",
            line: "18",
            family: "Redis client",
            atomic: "SET key value EX ttl",
            expireCommand: "EXPIRE",
            keep: "",
          },
        },
      ],
    },
    {
      // Was valid ("a plain SET then EXPIRE: not a lock"): a cache entry left without TTL never expires either.
      code: `${IOREDIS} await redis.set("cache:a", "v"); await redis.expire("cache:a", 30);`,
      output: `${IOREDIS} await redis.set("cache:a", "v", "EX", 30);`,
      errors: [
        {
          messageId: "setExpire",
          data: {
            set: "set()",
            expire: "expire()",
            line: "1",
            family: "ioredis",
            atomic: 'set(key, value, "EX", ttl)',
            expireCommand: "EXPIRE",
            keep: "",
          },
        },
      ],
    },
    {
      code: `${IOREDIS}
export async function saveSession(id: string, data: string) {
  await redis.set(\`sess:\${id}\`, data);
  await redis.expire(\`sess:\${id}\`, 3600);
}`,
      output: `${IOREDIS}
export async function saveSession(id: string, data: string) {
  await redis.set(\`sess:\${id}\`, data, "EX", 3600);
}`,
      errors: [{ messageId: "setExpire", line: 3 }],
    },
    {
      // PEXPIRE becomes PX; a constant TTL declared before; the SET's result kept in a variable.
      code: `${IOREDIS} const TTL_MS = 500; export async function f(k: string) { const ok = await redis.set(k, "v"); await redis.pexpire(k, TTL_MS); return ok; }`,
      output: `${IOREDIS} const TTL_MS = 500; export async function f(k: string) { const ok = await redis.set(k, "v", "PX", TTL_MS); return ok; }`,
      errors: [
        {
          messageId: "setExpire",
          data: plainData({ expire: "pexpire()", atomic: 'set(key, value, "PX", ttl)', expireCommand: "PEXPIRE" }),
        },
      ],
    },
    {
      code: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); await redis.expireat(k, 1700000000); }`,
      output: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v", "EXAT", 1700000000); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); export async function f(k) { await valkey.set(k, "v"); await valkey.expire(k, 30); }`,
      output: `const Redis = require("iovalkey"); const valkey = new Redis(); export async function f(k) { await valkey.set(k, "v", "EX", 30); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      // A statement between them: no fix (it may throw or read the key), and no suggestion.
      code: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); log("saved"); await redis.expire(k, 30); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      // The TTL is a parameter (0 or negative would delete the key, where SET EX would be refused): no fix.
      code: `${IOREDIS} export async function f(k: string, ttl: number) { await redis.set(k, "v"); await redis.expire(k, ttl); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      code: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); await redis.expire(k, 0); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },
    {
      // EXPIRE only under a condition: reported (a crash leaves a temporary key forever), not fixed.
      code: `${IOREDIS} export async function f(k: string, temporary: boolean) { await redis.set(k, "v"); if (temporary) await redis.expire(k, 3600); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      // EXPIRE NX (and LT) always applies to a key a plain SET left without TTL.
      code: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); await redis.expire(k, 30, "NX"); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${IOREDIS} export async function f(k: string) { await redis.set(k, "v"); await redis.pexpire(k, 500, "LT"); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },
    {
      // Was valid ("not SETNX / SET NX"): SET XX drops the key's TTL, the EXPIRE gives one back.
      code: `${IOREDIS} await redis.set("flag:a", "1", "XX"); await redis.expire("flag:a", 30);`,
      output: null,
      errors: [{ messageId: "setExpire", data: plainData({ keep: ", keeping its other options" }) }],
    },
    {
      // SET ... GET: GET's reply is the same with EX, but no rewrite is offered (as for SET NX GET).
      code: `${IOREDIS} export async function swap(k: string, v: string) { const old = await redis.set(k, v, "GET"); await redis.expire(k, 30); return old; }`,
      output: null,
      errors: [{ messageId: "setExpire", data: plainData({ keep: ", keeping its other options" }) }],
    },
    {
      // Not awaited: reported, no fix and no suggestion.
      code: `${IOREDIS} redis.set("cache:a", "v"); redis.expire("cache:a", 30);`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      // ioredis callbacks.
      code: `${IOREDIS} export function f(k: string, cb: (err: Error | null) => void) { redis.set(k, "v", (err) => { if (err) cb(err); }); redis.expire(k, 30, cb); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      // Two client objects: reported, no fix.
      code: `${IOREDIS} const other = redis.duplicate(); export async function f(k: string) { await other.set(k, "v"); await redis.expire(k, 30); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      // SET queued in a pipeline, EXPIRE on the client afterwards: two round trips.
      code: `${IOREDIS} export async function f(k: string) { await redis.pipeline().set(k, "v").exec(); await redis.expire(k, 30); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${IOREDIS} export async function f(k: string) { await redis.call("SET", k, "v"); await redis.call("EXPIRE", k, 30); }`,
      output: null,
      errors: [
        { messageId: "setExpire", data: plainData({ set: "SET (call)", expire: "EXPIRE (call)" }), suggestions: [] },
      ],
    },
    {
      // Class field client.
      code: `import type { Redis } from "ioredis"; export class Cache { constructor(private readonly redis: Redis) {} async put(k: string, v: string) { await this.redis.set(k, v); await this.redis.expire(k, 60); } }`,
      output: `import type { Redis } from "ioredis"; export class Cache { constructor(private readonly redis: Redis) {} async put(k: string, v: string) { await this.redis.set(k, v, "EX", 60); } }`,
      errors: [{ messageId: "setExpire" }],
    },

    {
      // Copies of the client's methods (src/model/recognition/aliases.ts): reported, never fixed.
      code: `const redis = require("redis"); const { promisify } = require("util"); const client = redis.createClient();
const setAsync = promisify(client.set).bind(client);
const expireAsync = promisify(client.expire).bind(client);
async function save(k, v) { await setAsync(k, v); await expireAsync(k, 30); }`,
      filename: "save.js",
      settings: { redis: { versions: { redis: 3 } } },
      output: null,
      errors: [{ messageId: "setExpire", line: 4, suggestions: [] }],
    },
    {
      code: `const bluebird = require("bluebird"); const redis = require("redis"); bluebird.promisifyAll(redis.RedisClient.prototype); const client = redis.createClient();
async function save(k, v) { await client.setAsync(k, v); await client.expireAsync(k, 30); }`,
      filename: "save.js",
      output: null,
      errors: [{ messageId: "setExpire", line: 2, suggestions: [] }],
    },

    // node-redis v4 and later: `{ EX: ttl }`, which v4, v5 and v6 read.
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v"); await client.expire(k, 30); }`,
      output: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { EX: 30 }); }`,
      errors: [
        {
          messageId: "setExpire",
          data: {
            set: "set()",
            expire: "expire()",
            line: "1",
            family: "node-redis",
            atomic: "set(key, value, { EX: ttl })",
            expireCommand: "EXPIRE",
            keep: "",
          },
        },
      ],
    },
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.SET(k, "v"); await client.PEXPIRE(k, 500); }`,
      output: `${NODE_REDIS} export async function f(k: string) { await client.SET(k, "v", { PX: 500 }); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v"); await client.pExpireAt(k, 1700000000000); }`,
      output: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { PXAT: 1700000000000 }); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v", { condition: "XX" }); await client.expire(k, 30); }`,
      output: null,
      errors: [
        {
          messageId: "setExpire",
          data: plainData({
            family: "node-redis",
            atomic: "set(key, value, { EX: ttl })",
            keep: ", keeping its other options",
          }),
        },
      ],
    },
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.set(k, "v"); await client.expire(k, 30, "NX"); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${NODE_REDIS} export async function f(k: string) { await client.sendCommand(["SET", k, "v"]); await client.sendCommand(["EXPIRE", k, "30"]); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
    {
      code: `${NODE_REDIS} await client.executeIsolated(async (c) => { await c.set("cache:a", "v"); await c.expire("cache:a", 30); });`,
      output: `${NODE_REDIS} await client.executeIsolated(async (c) => { await c.set("cache:a", "v", { EX: 30 }); });`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      // node_redis v3 callbacks, one after the other: the message writes v3's tokens; no fix.
      code: `const redis = require("redis"); const client = redis.createClient(); module.exports = function put(k, v, cb) { client.set(k, v, function (err) { if (err) cb(err); }); client.expire(k, 30, cb); };`,
      filename: "put.js",
      settings: { redis: { versions: { redis: 3 } } },
      output: null,
      errors: [{ messageId: "setExpire", data: plainData({ family: "node-redis" }) }],
    },

    // @upstash/redis, @vercel/kv
    {
      code: `${UPSTASH} export async function f(k: string) { await redis.set(k, { a: 1 }); await redis.expire(k, 30); }`,
      output: `${UPSTASH} export async function f(k: string) { await redis.set(k, { a: 1 }, { ex: 30 }); }`,
      errors: [
        {
          messageId: "setExpire",
          data: plainData({ family: "@upstash/redis", atomic: "set(key, value, { ex: ttl })" }),
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; export async function f(k: string) { await kv.set(k, "v"); await kv.pexpire(k, 500); }`,
      output: `import { kv } from "@vercel/kv"; export async function f(k: string) { await kv.set(k, "v", { px: 500 }); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${UPSTASH} export async function f(k: string) { await redis.set(k, "v", { xx: true }); await redis.expire(k, 30); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },

    // valkey-glide: `{ expiry: { type: TimeUnit.Seconds, count } }`, importing TimeUnit.
    {
      code: `${GLIDE} export async function f(client: GlideClient, k: string) { await client.set(k, "v"); await client.expire(k, 30); }`,
      output: `import { GlideClient, TimeUnit } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.set(k, "v", { expiry: { type: TimeUnit.Seconds, count: 30 } }); }`,
      errors: [
        {
          messageId: "setExpire",
          data: plainData({
            family: "valkey-glide",
            atomic: "set(key, value, { expiry: { type: TimeUnit.Seconds, count: ttl } })",
          }),
        },
      ],
    },
    {
      code: `import { GlideClient, TimeUnit as TU } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.set(k, "v"); await client.pexpire(k, 500); }`,
      output: `import { GlideClient, TimeUnit as TU } from "@valkey/valkey-glide"; export async function f(client: GlideClient, k: string) { await client.set(k, "v", { expiry: { type: TU.Milliseconds, count: 500 } }); }`,
      errors: [{ messageId: "setExpire" }],
    },
    {
      code: `${GLIDE} export async function f(client: GlideClient, k: string) { await client.set(k, "v", { conditionalSet: "onlyIfExists" }); await client.expire(k, 30); }`,
      output: null,
      errors: [{ messageId: "setExpire" }],
    },

    // Bun: string-only options.
    {
      code: `${BUN} export async function f(k: string) { await redis.set(k, "v"); await redis.expire(k, 30); }`,
      output: `${BUN} export async function f(k: string) { await redis.set(k, "v", "EX", "30"); }`,
      errors: [
        {
          messageId: "setExpire",
          data: plainData({ family: "Bun's RedisClient", atomic: 'set(key, value, "EX", String(ttl))' }),
        },
      ],
    },
    {
      code: `${BUN} export async function f(k: string) { await redis.send("SET", [k, "v"]); await redis.send("EXPIRE", [k, "30"]); }`,
      output: null,
      errors: [{ messageId: "setExpire", suggestions: [] }],
    },
  ],
});
