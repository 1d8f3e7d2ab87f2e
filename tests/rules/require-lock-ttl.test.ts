import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/require-lock-ttl.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient, TimeUnit } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const GLIDE_NO_TU = `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const BUN = `import { redis } from "bun";`;

ruleTester.run("require-lock-ttl", rule, {
  valid: [
    // Guard: the expiry is in the same command, in every dialect's shape.
    `${IOREDIS} await redis.set("lock:order:1", token, "EX", 10, "NX");`,
    `${IOREDIS} await redis.set("lock:order:1", token, "PX", 30000, "NX");`,
    `${IOREDIS} await redis.set("lock:order:1", token, "NX", "PX", 30000);`,
    `${IOREDIS} await redis.set("lock:order:1", token, "NX", "EXAT", deadline);`,
    `${IOREDIS} await redis.set("lock:order:1", token, "pxat", deadline, "nx");`,
    `${IOREDIS} await redis.call("SET", "lock:order:1", token, "NX", "PX", "30000");`,
    `${NODE} await client.set("lock:order:1", token, { NX: true, EX: 10 });`,
    `${NODE} await client.set("lock:order:1", token, { NX: true, PX: ttl });`,
    `${NODE} await client.set("lock:order:1", token, { condition: "NX", expiration: { type: "EX", value: 10 } });`,
    `${NODE} const opts = { NX: true, PX: 5000 }; await client.set("lock:order:1", token, opts);`,
    `${NODE} await client.sendCommand(["SET", "lock:a", token, "NX", "EX", "10"]);`,
    `${UPSTASH} await redis.set("lock:order:1", token, { nx: true, ex: 10 });`,
    `${UPSTASH} await redis.set("lock:order:1", token, { nx: true, pxat: Date.now() + 5000 });`,
    `import { kv } from "@vercel/kv"; await kv.set("lock:order:1", token, { nx: true, px: 5000 });`,
    `${GLIDE} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count: 10 } });`,
    `${BUN} await redis.set("lock:order:1", token, "NX", "EX", "10");`,
    `${BUN} await redis.send("SET", ["lock:order:1", token, "NX", "PX", "30000"]);`,
    // Guard: an EXPIRE on the key later in the function is the two-step form (no-setnx-expire's report).
    `${IOREDIS} if (await redis.setnx("lock:a", token)) { await redis.expire("lock:a", 10); }`,
    `${IOREDIS} await redis.set("lock:a", token, "NX"); await redis.pexpire("lock:a", 3000);`,
    `${NODE} await client.setNX("lock:a", token); await client.expire("lock:a", 10);`,
    `${IOREDIS} await redis.multi().setnx("lock:a", token).expire("lock:a", 10).exec();`,
    // Not a lock: SET NX that claims a record, with no lock word and no DEL in the file.
    `${IOREDIS} export async function claimUsername(name, userId) { return redis.set(\`username:\${name}\`, userId, "NX"); }`,
    `${NODE} await client.set(\`user:\${email}\`, id, { NX: true });`,
    `${UPSTASH} await redis.set("idempotency:" + requestId, "1", { nx: true });`,
    `${IOREDIS} await redis.setnx("blockKey", "1"); await redis.setnx("clock:drift", "0"); await redis.set("leaderboard:init", "1", "NX");`,
    `${IOREDIS} await redis.set("lockout:user:1", "1", "NX");`,
    // Not an acquisition: no NX.
    `${IOREDIS} await redis.set("lock:a", token);`,
    `${IOREDIS} await redis.set("lock:a", token, "XX");`,
    `${NODE} await client.set("lock:a", token, { XX: true });`,
    `${GLIDE} await client.set("lock:a", token, { conditionalSet: "onlyIfExists" });`,
    // Options that cannot be read: no report.
    `${IOREDIS} export async function acquire(lockKey, token, mode, ttlMode, ttl) { return redis.set(lockKey, token, mode, ttlMode, ttl); }`,
    `${NODE} export async function acquire(lockKey, token, opts) { return client.set(lockKey, token, opts); }`,
    `${NODE} await client.set("lock:a", token, { ...base, NX: true });`,
    `${IOREDIS} await redis.set("lock:a", token, ...args);`,
    // The option replaces the vocabulary.
    { code: `${IOREDIS} await redis.set("lock:a", token, "NX");`, options: [{ lockKeyPattern: '^"claim:' }] },
    // Lock libraries: not Redis calls.
    `import Redlock from "redlock"; const redlock = new Redlock([client]); const lock = await redlock.acquire(["lock:a"], 5000); await lock.release();`,
    `import { Mutex } from "redis-semaphore"; import Redis from "ioredis"; const mutex = new Mutex(new Redis(), "lock:a"); await mutex.acquire(); await mutex.release();`,
    // Look-alikes.
    `const m = new Map(); m.set("lock:a", "NX");`,
    `const cache = { set(k, v, f) {} }; cache.set("lock:a", token, "NX");`,
    `import _ from "lodash"; _.set(obj, "lock.a", "NX");`,
    `import express from "express"; const app = express(); app.set("lock", "NX");`,
    `const lock = { setnx(k, v) {} }; lock.setnx("lock:a", 1);`,
    // Review: false positives found in review.
    // A lock word that is a verb on another noun in the function name: a game's permanent unlock.
    `${IOREDIS} export async function unlockAchievement(userId: string, id: string) { if (await redis.set(\`ach:\${userId}:\${id}\`, Date.now(), "NX")) notify(); }`,
    `${NODE} export async function lockAccount(email: string) { await client.set(\`account:\${email}\`, "locked", { NX: true }); }`,
    // A reservation kept for good, deleted only when the account is deleted.
    `${IOREDIS} export async function reserve(name: string, uid: string) { return (await redis.set(\`username:\${name}\`, uid, "NX")) === "OK"; } export async function deleteAccount(name: string) { await redis.del(\`username:\${name}\`); }`,
    // An idempotency marker rolled back when processing fails (a DEL in catch is no release).
    `${IOREDIS} export async function processEvent(id: string, handle: () => Promise<void>) { if (!(await redis.set(\`processed:\${id}\`, "1", "NX"))) return; try { await handle(); } catch (e) { await redis.del(\`processed:\${id}\`); throw e; } }`,
    // "unlocks" (a player's unlocked items) is no lock word.
    `${UPSTASH} await redis.set(\`user:\${id}:unlocks\`, "[]", { nx: true });`,
  ],
  invalid: [
    {
      code: `${IOREDIS} export async function acquire(token) { return redis.set("lock:order:1", token, "NX"); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function acquire(token) { return redis.set("lock:order:1", token, "PX", 30000, "NX"); }`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.set(LOCK_KEY, token, "nx");`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.set(LOCK_KEY, token, "PX", 30000, "nx");`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} if (await redis.setnx(lockKey, token)) { work(); }`,
      errors: [
        {
          messageId: "setnxNoTtl",
          suggestions: [
            {
              messageId: "useSetWithExpiry",
              output: `${IOREDIS} if (await redis.set(lockKey, token, "PX", 30000, "NX")) { work(); }`,
            },
          ],
        },
      ],
    },
    {
      // The SETNX result is compared with 1: SET answers "OK", so no suggestion.
      code: `${IOREDIS} const got = await redis.setnx("mutex:report", token); if (got === 1) run();`,
      errors: [{ messageId: "setnxNoTtl", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.set("lock:a", token, "NX", "KEEPTTL");`,
      errors: [
        {
          messageId: "setKeepTtl",
          suggestions: [
            { messageId: "addExpiry", output: `${IOREDIS} await redis.set("lock:a", token, "NX", "PX", 30000);` },
          ],
        },
      ],
    },
    {
      // Not a lock word, but released with DEL elsewhere in the file: a lock.
      code: `${IOREDIS} export async function start(id, token) { return redis.set(\`job:\${id}\`, token, "NX"); } export async function finish(id) { await redis.del(\`job:\${id}\`); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function start(id, token) { return redis.set(\`job:\${id}\`, token, "PX", 30000, "NX"); } export async function finish(id) { await redis.del(\`job:\${id}\`); }`,
            },
          ],
        },
      ],
    },
    {
      // The key comes from a const whose value names a lock.
      code: `${IOREDIS} const key = \`lease:\${shard}\`; await redis.set(key, me, "NX");`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} const key = \`lease:\${shard}\`; await redis.set(key, me, "PX", 30000, "NX");`,
            },
          ],
        },
      ],
    },
    {
      // The enclosing function's name says lock.
      code: `${IOREDIS} export async function acquireLock(name, token) { return redis.set(name, token, "NX"); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function acquireLock(name, token) { return redis.set(name, token, "PX", 30000, "NX"); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.multi().set("semaphore:slot", token, "NX").incr("x").exec();`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} await redis.multi().set("semaphore:slot", token, "PX", 30000, "NX").incr("x").exec();`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.call("SET", "lock:a", token, "NX");`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} await redis.call("SET", "lock:a", token, "NX", "PX", "30000");`,
            },
          ],
        },
      ],
    },
    {
      code: `import type Redis from "ioredis"; export class Leader { constructor(private readonly redis: Redis, private readonly leaderKey: string) {} elect(id: string) { return this.redis.set(this.leaderKey, id, "NX"); } }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `import type Redis from "ioredis"; export class Leader { constructor(private readonly redis: Redis, private readonly leaderKey: string) {} elect(id: string) { return this.redis.set(this.leaderKey, id, "PX", 30000, "NX"); } }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} await redis.set("claim:job:1", token, "NX");`,
      options: [{ lockKeyPattern: '"claim:' }],
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            { messageId: "addExpiry", output: `${IOREDIS} await redis.set("claim:job:1", token, "PX", 30000, "NX");` },
          ],
        },
      ],
    },
    {
      // A client known by name only (family unknown): string tokens after NX work with every client.
      code: `import { redis } from "../lib/redis"; export async function acquire(token) { return redis.set("lock:a", token, "NX"); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `import { redis } from "../lib/redis"; export async function acquire(token) { return redis.set("lock:a", token, "NX", "PX", "30000"); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { redis } from "../lib/redis"; if (await redis.setnx("lock:a", token)) work();`,
      errors: [{ messageId: "setnxNoTtl", suggestions: [] }],
    },
    // node-redis v4 shape.
    {
      code: `${NODE} await client.set("lock:order:1", token, { NX: true });`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${NODE} await client.set("lock:order:1", token, { NX: true, PX: 30000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.set("lock:order:1", token, { NX: true, KEEPTTL: true });`,
      errors: [
        {
          messageId: "setKeepTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${NODE} await client.set("lock:order:1", token, { NX: true, PX: 30000 });`,
            },
          ],
        },
      ],
    },
    // node-redis v5 shape.
    {
      code: `${NODE} await client.set("lock:order:1", token, { condition: "NX" });`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${NODE} await client.set("lock:order:1", token, { condition: "NX", expiration: { type: "PX", value: 30000 } });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.set("lock:order:1", token, { condition: "NX", expiration: "KEEPTTL" });`,
      errors: [
        {
          messageId: "setKeepTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${NODE} await client.set("lock:order:1", token, { condition: "NX", expiration: { type: "PX", value: 30000 } });`,
            },
          ],
        },
      ],
    },
    {
      // redis v4 (pinned in settings): the v4 shape.
      code: `${NODE} if (await client.setNX("lock:a", token)) work();`,
      settings: { redis: { versions: { redis: 4 } } },
      errors: [
        {
          messageId: "setnxNoTtl",
          suggestions: [
            {
              messageId: "useSetWithExpiry",
              output: `${NODE} if (await client.set("lock:a", token, { NX: true, PX: 30000 })) work();`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} if (await client.setNX("lock:a", token)) work();`,
      settings: { redis: { versions: { redis: 5 } } },
      errors: [
        {
          messageId: "setnxNoTtl",
          suggestions: [
            {
              messageId: "useSetWithExpiry",
              output: `${NODE} if (await client.set("lock:a", token, { condition: "NX", expiration: { type: "PX", value: 30000 } })) work();`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.sendCommand(["SET", "lock:a", token, "NX"]);`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${NODE} await client.sendCommand(["SET", "lock:a", token, "NX", "PX", "30000"]);`,
            },
          ],
        },
      ],
    },
    {
      code: `import type { RedisClientType } from "redis"; export async function lock(client: RedisClientType, id: string, token: string) { return client.set(\`lock:\${id}\`, token, { NX: true }); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `import type { RedisClientType } from "redis"; export async function lock(client: RedisClientType, id: string, token: string) { return client.set(\`lock:\${id}\`, token, { NX: true, PX: 30000 }); }`,
            },
          ],
        },
      ],
    },
    // Upstash and @vercel/kv.
    {
      code: `${UPSTASH} await redis.set("lock:order:1", token, { nx: true });`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${UPSTASH} await redis.set("lock:order:1", token, { nx: true, px: 30000 });`,
            },
          ],
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; if (await kv.setnx("lock:cron", token)) run();`,
      errors: [
        {
          messageId: "setnxNoTtl",
          suggestions: [
            {
              messageId: "useSetWithExpiry",
              output: `import { kv } from "@vercel/kv"; if (await kv.set("lock:cron", token, { nx: true, px: 30000 })) run();`,
            },
          ],
        },
      ],
    },
    // valkey-glide.
    {
      code: `${GLIDE} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist" });`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${GLIDE} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Milliseconds, count: 30000 } });`,
            },
          ],
        },
      ],
    },
    {
      // TimeUnit not imported: message only.
      code: `${GLIDE_NO_TU} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist" });`,
      errors: [{ messageId: "setNoTtl", suggestions: [] }],
    },
    {
      code: `${GLIDE} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist", expiry: "keepExisting" });`,
      errors: [
        {
          messageId: "setKeepTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${GLIDE} await client.set("lock:order:1", token, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Milliseconds, count: 30000 } });`,
            },
          ],
        },
      ],
    },
    {
      code: `${GLIDE} await client.customCommand(["SET", "lock:a", token, "NX"]);`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${GLIDE} await client.customCommand(["SET", "lock:a", token, "NX", "PX", "30000"]);`,
            },
          ],
        },
      ],
    },
    // Bun.
    {
      code: `${BUN} await redis.set("lock:order:1", token, "NX");`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            { messageId: "addExpiry", output: `${BUN} await redis.set("lock:order:1", token, "NX", "PX", "30000");` },
          ],
        },
      ],
    },
    {
      code: `${BUN} if (await redis.setnx("lock:a", token)) work();`,
      errors: [
        {
          messageId: "setnxNoTtl",
          suggestions: [
            {
              messageId: "useSetWithExpiry",
              output: `${BUN} if (await redis.set("lock:a", token, "NX", "PX", "30000")) work();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); await c.send("SET", ["lock:a", token, "NX"]);`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `import { RedisClient } from "bun"; const c = new RedisClient(); await c.send("SET", ["lock:a", token, "NX", "PX", "30000"]);`,
            },
          ],
        },
      ],
    },
    // Review: still locks.
    {
      // The lock word is the last word of the function name.
      code: `${IOREDIS} export async function tryAcquireLease(id: string, me: string) { return redis.set(\`job:\${id}\`, me, "NX"); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function tryAcquireLease(id: string, me: string) { return redis.set(\`job:\${id}\`, me, "PX", 30000, "NX"); }`,
            },
          ],
        },
      ],
    },
    {
      // Released in finally after the work: a lock, whatever the key is called.
      code: `${IOREDIS} export async function runOnce(id: string, work: () => Promise<void>) { if (!(await redis.set(\`run:\${id}\`, "1", "NX"))) return; try { await work(); } finally { await redis.del(\`run:\${id}\`); } }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function runOnce(id: string, work: () => Promise<void>) { if (!(await redis.set(\`run:\${id}\`, "1", "PX", 30000, "NX"))) return; try { await work(); } finally { await redis.del(\`run:\${id}\`); } }`,
            },
          ],
        },
      ],
    },
    {
      // A deleting verb with a lock noun still releases: `removeLock`.
      code: `${IOREDIS} export async function take(id: string) { return redis.set(\`job:\${id}\`, "1", "NX"); } export async function removeLock(id: string) { await redis.del(\`job:\${id}\`); }`,
      errors: [
        {
          messageId: "setNoTtl",
          suggestions: [
            {
              messageId: "addExpiry",
              output: `${IOREDIS} export async function take(id: string) { return redis.set(\`job:\${id}\`, "1", "PX", 30000, "NX"); } export async function removeLock(id: string) { await redis.del(\`job:\${id}\`); }`,
            },
          ],
        },
      ],
    },
  ],
});
