import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-unsafe-lock-release.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient, Script } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const GLIDE_NO_SCRIPT = `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;
const BUN = `import { redis } from "bun";`;
const LUA = `const RELEASE = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';`;
/** Corpus, @chat-adapter/state-redis@4.41.1 dist/index.js (lines 1-215, trimmed): a state adapter with token locks and a cache. */
const CHAT_STATE = `import { createClient } from "redis";
var RedisStateAdapter = class {
  client;
  keyPrefix;
  constructor(options) {
    this.client = createClient({ url: options.url });
    this.keyPrefix = options.keyPrefix || "chat-sdk";
  }
  key(type, id) {
    return \`\${this.keyPrefix}:\${type}:\${id}\`;
  }
  async acquireLock(threadId, ttlMs) {
    const token = generateToken();
    const lockKey = this.key("lock", threadId);
    const acquired = await this.client.set(lockKey, token, {
      NX: true,
      PX: ttlMs
    });
    return acquired ? { threadId, token, expiresAt: Date.now() + ttlMs } : null;
  }
  async forceReleaseLock(threadId) {
    const lockKey = this.key("lock", threadId);
    await this.client.del(lockKey);
  }
  async releaseLock(lock) {
    const lockKey = this.key("lock", lock.threadId);
    const script = \`
      if redis.call("get", KEYS[1]) == ARGV[1] then
        return redis.call("del", KEYS[1])
      else
        return 0
      end
    \`;
    await this.client.eval(script, {
      keys: [lockKey],
      arguments: [lock.token]
    });
  }
  async get(key) {
    const cacheKey = this.key("cache", key);
    const value = await this.client.get(cacheKey);
    return value === null ? null : JSON.parse(value);
  }
  async set(key, value, ttlMs) {
    const cacheKey = this.key("cache", key);
    const serialized = JSON.stringify(value);
    if (ttlMs) {
      await this.client.set(cacheKey, serialized, { PX: ttlMs });
    } else {
      await this.client.set(cacheKey, serialized);
    }
  }
  async setIfNotExists(key, value, ttlMs) {
    const cacheKey = this.key("cache", key);
    const serialized = JSON.stringify(value);
    const result = ttlMs ? await this.client.set(cacheKey, serialized, { NX: true, PX: ttlMs }) : await this.client.set(cacheKey, serialized, { NX: true });
    return result !== null;
  }
  async delete(key) {
    const cacheKey = this.key("cache", key);
    await this.client.del(cacheKey);
  }
};
export { RedisStateAdapter };`;

/** A class that takes a lock with a token and releases it with the compare-and-delete script; `extra` adds methods. */
const lockClass = (extra: string, release = "await redis.eval(RELEASE, 1, this.lockKey(id), token);") =>
  `${IOREDIS} ${LUA} export class Locks { lockKey(id: string) { return \`lock:\${id}\`; } async acquire(id: string, token: string) { return redis.set(this.lockKey(id), token, "NX", "PX", 30000); } async release(id: string, token: string) { ${release} } ${extra} }`;

const S = JSON.stringify(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
);

ruleTester.run("no-unsafe-lock-release", rule, {
  valid: [
    // A file that listens for keyspace expiry events uses SET NX + TTL keys as timers (bossbat):
    // the DEL cancels a timer, it does not release a lock.
    `${IOREDIS} const sub = new Redis(); sub.subscribe("__keyevent@" + DB + "__:expired"); export async function schedule(name, ms) { await redis.set(\`jobs:\${name}\`, name, "PX", ms, "NX"); } export async function fire(name) { await redis.del(\`jobs:\${name}\`); }`,
    `${IOREDIS} const sub = new Redis(); await sub.psubscribe("__keyspace@0__:timers:*"); sub.on("pmessage", onExpiry); await sub.subscribe("__keyevent@0__:expired"); export async function cancel(id) { await redis.set("timers:" + id, id, "EX", 60, "NX"); await redis.del("timers:" + id); }`,
    // The subscriber is a connection the model does not know (Babel's interop require): the channel says it.
    `${IOREDIS} const sub = new _ioredis2["default"](options); sub.subscribe("__keyevent@0__:expired"); export async function fire(name) { await redis.set("jobs:" + name, name, "PX", 10, "NX"); await redis.del("jobs:" + name); }`,
    // --- Clients by evidence (recognition/evidence.ts): look-alikes with generic names stay silent.
    `export async function f(client, key) { await client.set(key, "1"); await work(); await client.del(key); }`,
    `export async function f(client, url) { await client.post(url, { lock: true }); await client.del(url); await client.delete(url); }`,
    `const m = new Map(); export function f(key) { m.set(key, "NX"); m.set("PX", 1); m.delete(key); }`,
    // Guard: a compare-and-delete Lua script, through eval / evalsha / defineCommand / a script object.
    `${IOREDIS} ${LUA} await redis.eval(RELEASE, 1, "lock:a", token);`,
    `${IOREDIS} await redis.evalsha(releaseSha, 1, "lock:a", token);`,
    `${IOREDIS} ${LUA} redis.defineCommand("releaseLock", { numberOfKeys: 1, lua: RELEASE }); await redis.releaseLock("lock:a", token);`,
    // A defineCommand name that looks like DEL (delWithToken → "del" + variant) is still the script.
    `${IOREDIS} ${LUA} redis.defineCommand("delWithToken", { numberOfKeys: 1, lua: RELEASE }); await redis.delWithToken("lock:a", token);`,
    `import { createClient, defineScript } from "redis"; ${LUA} const client = createClient({ scripts: { releaseLock: defineScript({ NUMBER_OF_KEYS: 1, SCRIPT: RELEASE, transformArguments: (k, t) => [k, t] }) } }); await client.releaseLock("lock:a", token);`,
    `${NODE} ${LUA} await client.eval(RELEASE, { keys: ["lock:a"], arguments: [token] });`,
    `${UPSTASH} ${LUA} await redis.eval(RELEASE, ["lock:a"], [token]);`,
    `${UPSTASH} ${LUA} const release = redis.createScript(RELEASE); await release.exec(["lock:a"], [token]);`,
    `${GLIDE} ${LUA} const script = new Script(RELEASE); await client.invokeScript(script, { keys: ["lock:a"], args: [token] }); script.release();`,
    `${BUN} ${LUA} await redis.send("EVAL", [RELEASE, "1", "lock:a", token]);`,
    // Guard: DELEX key IFEQ token (Redis 8.4+).
    `${IOREDIS} await redis.call("DELEX", "lock:a", "IFEQ", token);`,
    `${NODE} await client.sendCommand(["DELEX", "lock:a", "IFEQ", token]);`,
    `${GLIDE} await client.customCommand(["DELEX", "lock:a", "IFEQ", token]);`,
    `${BUN} await redis.send("DELEX", ["lock:a", "IFDEQ", digest]);`,
    // Guard: WATCH the key, GET it, compare, DEL inside MULTI (optimistic locking on a dedicated connection).
    `${IOREDIS} const c = redis.duplicate(); await c.watch(lockKey); if ((await c.get(lockKey)) === token) { await c.multi().del(lockKey).exec(); } else { await c.unwatch(); }`,
    `${IOREDIS} export async function release(lockKey, token) { const c = redis.duplicate(); await c.watch(lockKey); const owner = await c.get(lockKey); if (owner !== token) { await c.unwatch(); return false; } const tx = c.multi(); tx.del(lockKey); return (await tx.exec()) !== null; }`,
    // Guard: lock libraries (their calls are not Redis calls).
    `import Redlock from "redlock"; const redlock = new Redlock([client]); const lock = await redlock.acquire(["lock:a"], 5000); try { work(); } finally { await lock.release(); }`,
    `import Redlock from "redlock"; const redlock = new Redlock([client]); await redlock.using(["lock:a"], 5000, async () => work());`,
    `import { Mutex } from "redis-semaphore"; import Redis from "ioredis"; const mutex = new Mutex(new Redis(), "lock:a"); await mutex.acquire(); try { work(); } finally { await mutex.release(); }`,
    // Not a lock key.
    `${IOREDIS} await redis.del("cache:user:1");`,
    `${IOREDIS} await redis.del(\`session:\${id}\`); await redis.unlink("blocklist:ip");`,
    `${NODE} await client.del(["cart:1", "cart:2"]);`,
    `${IOREDIS} await redis.set(\`username:\${name}\`, id, "NX"); await redis.del(\`user:\${id}\`);`,
    // A read, then an unconditional delete of a non-lock key: not a compare-and-delete.
    `${IOREDIS} const v = await redis.get("cache:x"); await redis.del("cache:x"); return v;`,
    // A relational comparison is a read-modify-write (another rule), not an ownership check.
    `${IOREDIS} if (Number(await redis.get("quota:a")) >= 10) await redis.del("quota:a");`,
    // A miss check is no ownership check: GET then DEL of a cache key (a non-atomic GETDEL, another rule's business).
    `${IOREDIS} const v = await redis.get("cache:report"); if (v === null) return null; await redis.del("cache:report"); return v;`,
    // The comparison does not decide the DEL.
    `${IOREDIS} const v = await redis.get("cache:x"); const same = v === expected; log(same); await redis.del("other:y");`,
    // The option replaces the vocabulary.
    { code: `${IOREDIS} await redis.del("lock:a");`, options: [{ lockKeyPattern: '^"claim:' }] },
    // Look-alikes.
    `const locks = new Map(); locks.delete("lock:a");`,
    `const store = { del(k) {} }; store.del("lock:a");`,
    `import fs from "node:fs"; fs.unlinkSync("app.lock"); await fs.promises.unlink(lockFile);`,
    `import express from "express"; const app = express(); app.delete("/lock/:id", (req, res) => res.end());`,
    `import _ from "lodash"; _.unset(state, "lock");`,
    `const db = { get(k) {}, del(k) {} }; if (db.get("lock:a") === token) db.del("lock:a");`,
    // Review: false positives found in review.
    // An account lock after failed logins is a flag SET with EX (no NX), not a lock someone owns.
    `${IOREDIS} export async function lockAccount(email: string) { await redis.set(\`login:lock:\${email}\`, "1", "EX", 900); } export async function unlockAccount(email: string) { await redis.del(\`login:lock:\${email}\`); }`,
    // A cached record whose name has a lock word ("lease" in a leasing app) is written as data here.
    `${NODE} export async function cacheLease(id: string, json: string) { await client.set(\`lease:\${id}\`, json, { EX: 300 }); } export async function invalidate(id: string) { await client.del(\`lease:\${id}\`); }`,
    `${IOREDIS} export async function setLeader(team: string, user: string) { await redis.hset(\`team:\${team}:leader\`, "user", user); } export async function clearLeader(team: string) { await redis.del(\`team:\${team}:leader\`); }`,
    // Acquired with NX but no expiry: nobody else can take it when it expires, so DEL deletes only ours.
    `${IOREDIS} export async function reserve(name: string, uid: string) { return redis.set(\`username:\${name}\`, uid, "NX"); } export async function release(name: string) { await redis.del(\`username:\${name}\`); }`,
    `${IOREDIS} export async function processEvent(id: string, handle: () => Promise<void>) { if (!(await redis.set(\`processed:\${id}\`, "1", "NX"))) return; try { await handle(); } catch (e) { await redis.del(\`processed:\${id}\`); throw e; } }`,
    // Lock words as verbs on another noun in a function name, and a game's "unlocks".
    `${IOREDIS} export async function unlockAchievement(uid: string, a: string) { await redis.del(\`pending:\${uid}:\${a}\`); }`,
    `${IOREDIS} export async function resetUnlocks(uid: string) { await redis.del(\`user:\${uid}:unlocks\`); }`,
    // Corpus, node-resque@9.7.1 __tests__/core/queue.ts: a test fixture named like a lock, written
    // with a plain SET through a key builder and deleted in teardown: data, not a lock.
    `${IOREDIS} beforeEach(async () => { await redis.set(conn.key("lock:q:job"), 123); }); afterEach(async () => { await redis.del(conn.key("lock:q:job")); });`,
    // Corpus, node-resque@9.7.1 src/core/queue.ts: an admin API that deletes a lock by name, on
    // purpose, whoever holds it (there is no owner token to compare).
    `${IOREDIS} export class Queue { constructor(private connection: { key(k: string): string }) {} async delLock(key: string) { return redis.del(this.connection.key(key)); } }`,
    `${IOREDIS} export async function forceUnlock(id: string) { await redis.del(\`jobs:\${id}\`); }`,
    {
      // Row 26: `forceReleaseLock` deletes the lock whoever holds it (its documented contract),
      // next to the token-checked `releaseLock` (compare-and-delete Lua) of the same key in the same
      // class. Row 27: `delete(key)` deletes a cache entry that `setIfNotExists` writes with
      // `{ NX: true, PX }`: a set-if-absent of serialized data, not a lock acquire.
      name: "Corpus, @chat-adapter/state-redis@4.41.1 dist/index.js",
      code: CHAT_STATE,
    },
    {
      name: "Corpus, @chat-adapter/state-redis@4.41.1 dist/index.js: a cache's set-if-absent of JSON.stringify(value) is data, not a lock",
      code: `${NODE} export class Cache { async setIfNotExists(key: string, value: unknown, ttlMs: number) { const cacheKey = \`cache:\${key}\`; const serialized = JSON.stringify(value); return client.set(cacheKey, serialized, { NX: true, PX: ttlMs }); } async delete(key: string) { const cacheKey = \`cache:\${key}\`; await client.del(cacheKey); } }`,
    },
    {
      name: "a set-if-absent of serialized data, inline, with ioredis tokens (superjson, a member value)",
      code: `${IOREDIS} import superjson from "superjson"; export async function remember(id: string, entry: { data: unknown }) { await redis.set(\`page:\${id}\`, superjson.stringify(entry.data), "NX", "EX", 60); } export async function forget(id: string) { await redis.del(\`page:\${id}\`); }`,
    },
    {
      name: "Corpus, @chat-adapter/state-redis@4.41.1 dist/index.js: a force-release next to a compare-and-delete release of the same key in the same class",
      code: lockClass("async forceRelease(id: string) { await redis.del(this.lockKey(id)); }"),
    },
    {
      name: "force-release beside a release through a defineCommand compare-and-delete script",
      code: lockClass(
        "async adminUnlock(id: string) { await redis.unlink(this.lockKey(id)); }",
        'redis.defineCommand("releaseLock", { numberOfKeys: 1, lua: RELEASE }); await redis.releaseLock(this.lockKey(id), token);',
      ),
    },
    {
      name: "force-release beside a DELEX IFEQ release, module-level functions",
      code: `${IOREDIS} export async function acquire(id: string, token: string) { return redis.set(\`lock:\${id}\`, token, "NX", "PX", 30000); } export async function release(id: string, token: string) { await redis.call("DELEX", \`lock:\${id}\`, "IFEQ", token); } export async function breakLock(id: string) { await redis.del(\`lock:\${id}\`); }`,
    },
  ],
  invalid: [
    // The same timer-shaped key in a file that does not listen for expiry: a lock that can change hands.
    {
      code: `${IOREDIS} export async function schedule(name, ms) { await redis.set(\`jobs:\${name}\`, name, "PX", ms, "NX"); } export async function fire(name) { await redis.del(\`jobs:\${name}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    // Subscribed to other channels only: still a lock.
    {
      code: `${IOREDIS} const sub = new Redis(); sub.subscribe("jobs:expired-notices"); export async function schedule(name, ms) { await redis.set(\`jobs:\${name}\`, name, "PX", ms, "NX"); } export async function fire(name) { await redis.del(\`jobs:\${name}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    // --- Clients by evidence: generic names the file calls Redis-only commands on.
    {
      name: "a lock helper given its client as the parameter `client` (SET PX NX, then DEL)",
      code: `const crypto = require("crypto");
async function acquire(client, key, ttl) {
  const token = crypto.randomUUID();
  const ok = await client.set(key, token, "PX", ttl, "NX");
  if (!ok) return null;
  return async function release() {
    await client.del(key);
  };
}
module.exports = acquire;`,
      errors: [{ messageId: "plainDelete", line: 7 }],
    },
    {
      name: "node-redis options on a parameter `client` (redis-lock)",
      code: `export async function lock(client: any, name: string, timeout: number) { const token = String(Date.now() + timeout); if (await client.set(name, token, { PX: timeout, NX: true })) { await work(); await client.del(name); } }`,
      // The options object says node-redis: the suggestion uses node-redis's eval signature.
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `export async function lock(client: any, name: string, timeout: number) { const token = String(Date.now() + timeout); if (await client.set(name, token, { PX: timeout, NX: true })) { await work(); await client.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", { keys: [name], arguments: [token] }); } }`,
            },
          ],
        },
      ],
    },
    {
      // A deleting verb, but this file acquires the key with NX and an expiry: a release.
      code: `${IOREDIS} export async function take(id: string, t: string) { return redis.set(\`jobs:\${id}\`, t, "NX", "PX", 30000); } export async function deleteLock(id: string) { await redis.del(\`jobs:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      // A deleting verb, but the key itself is named as a lock.
      code: `${IOREDIS} export async function clearLock(id: string) { await redis.del(\`lock:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      // A key builder call: SET NX with an expiry, then a plain DEL of the same built key.
      code: `${IOREDIS} export class Jobs { constructor(private conn: { key(...p: string[]): string }) {} async run(id: string) { if (await redis.set(this.conn.key("jobs", id), "1", "NX", "EX", 60)) { await work(); await redis.del(this.conn.key("jobs", id)); } } }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      // Token known: the value given to SET NX in the same function.
      code: `${IOREDIS} export async function run(token) { if (await redis.set("lock:a", token, "PX", 30000, "NX")) { try { await work(); } finally { await redis.del("lock:a"); } } }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} export async function run(token) { if (await redis.set("lock:a", token, "PX", 30000, "NX")) { try { await work(); } finally { await redis.eval(${S}, 1, "lock:a", token); } } }`,
            },
          ],
        },
      ],
    },
    {
      // Token not in scope where the DEL is: message only.
      code: `${IOREDIS} export async function acquire(id) { const token = crypto.randomUUID(); return redis.set(\`lock:\${id}\`, token, "PX", 30000, "NX"); } export async function release(id) { await redis.del(\`lock:\${id}\`); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      // The token lives on the instance: this.token in the same class.
      code: `import type Redis from "ioredis"; export class Lock { private token = ""; constructor(private readonly redis: Redis, private readonly key: string) {} async acquire() { this.token = crypto.randomUUID(); return this.redis.set(this.key, this.token, "PX", 30000, "NX"); } async release() { await this.redis.del(this.key); } }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `import type Redis from "ioredis"; export class Lock { private token = ""; constructor(private readonly redis: Redis, private readonly key: string) {} async acquire() { this.token = crypto.randomUUID(); return this.redis.set(this.key, this.token, "PX", 30000, "NX"); } async release() { await this.redis.eval(${S}, 1, this.key, this.token); } }`,
            },
          ],
        },
      ],
    },
    {
      // Not a lock word, but acquired with NX in this file.
      code: `${IOREDIS} export async function claim(id) { return redis.set(\`job:\${id}\`, "1", "NX", "EX", 60); } export async function done(id) { await redis.unlink(\`job:\${id}\`); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      // A constant token is no owner token: message only.
      code: `${IOREDIS} if (await redis.set("lock:a", "1", "NX", "PX", 100)) { await work(); await redis.del("lock:a"); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `${IOREDIS} export async function releaseLock(key) { await redis.del(key); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `const Redis = require("iovalkey"); const valkey = new Redis(); await valkey.unlink(LOCK_KEY);`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.pipeline().del("mutex:report").exec();`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.call("DEL", "lock:a");`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      // GETDEL deletes first and compares afterwards.
      code: `${IOREDIS} const token = randomUUID(); await redis.set("lock:a", token, "NX", "PX", 100); if ((await redis.getdel("lock:a")) !== token) log("lost it");`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.call("DELEX", "lock:a");`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      // A defineCommand elsewhere does not make a plain DEL safe.
      code: `${IOREDIS} ${LUA} redis.defineCommand("releaseLock", { numberOfKeys: 1, lua: RELEASE }); await redis.del("lock:a");`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `${IOREDIS} await redis.del("claim:job:1");`,
      options: [{ lockKeyPattern: '"claim:' }],
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      // A client known by name only: reported, no suggestion (the eval shape depends on the client).
      code: `import { redis } from "../lib/redis"; const token = randomUUID(); if (await redis.set("lock:a", token, "NX", "PX", "100")) { await redis.del("lock:a"); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    // GET, compare, DEL.
    {
      code: `${IOREDIS} export async function release(lockKey, token) { const owner = await redis.get(lockKey); if (owner === token) { await redis.del(lockKey); } }`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} export async function release(lockKey, token) { const owner = await redis.get(lockKey); if (owner === token) { await redis.eval(${S}, 1, lockKey, token); } }`,
            },
          ],
        },
      ],
    },
    {
      // Early-return form, and a key with no lock word.
      code: `${IOREDIS} export async function finish(id, me) { if ((await redis.get(\`job:\${id}\`)) !== me) return false; await redis.del(\`job:\${id}\`); return true; }`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} export async function finish(id, me) { if ((await redis.get(\`job:\${id}\`)) !== me) return false; await redis.eval(${S}, 1, \`job:\${id}\`, me); return true; }`,
            },
          ],
        },
      ],
    },
    {
      code: `${IOREDIS} const v = await redis.get("lock:a"); v === token && (await redis.del("lock:a"));`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} const v = await redis.get("lock:a"); v === token && (await redis.eval(${S}, 1, "lock:a", token));`,
            },
          ],
        },
      ],
    },
    {
      // MULTI without a WATCH does not make the comparison hold.
      code: `${IOREDIS} const v = await redis.get("lock:a"); if (v === token) await redis.multi().del("lock:a").exec();`,
      errors: [{ messageId: "getCompareDelete", suggestions: [] }],
    },
    // node-redis (v4 and v5 share the eval shape).
    {
      code: `${NODE} const token = randomUUID(); if (await client.set("lock:a", token, { NX: true, PX: 30000 })) { await work(); await client.del("lock:a"); }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${NODE} const token = randomUUID(); if (await client.set("lock:a", token, { NX: true, PX: 30000 })) { await work(); await client.eval(${S}, { keys: ["lock:a"], arguments: [token] }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} const token = randomUUID(); if (await client.set("lock:a", token, { condition: "NX", expiration: { type: "PX", value: 30000 } })) { await work(); await client.DEL("lock:a"); }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${NODE} const token = randomUUID(); if (await client.set("lock:a", token, { condition: "NX", expiration: { type: "PX", value: 30000 } })) { await work(); await client.eval(${S}, { keys: ["lock:a"], arguments: [token] }); }`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} if ((await client.get(lockKey)) === token) await client.unlink(lockKey);`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${NODE} if ((await client.get(lockKey)) === token) await client.eval(${S}, { keys: [lockKey], arguments: [token] });`,
            },
          ],
        },
      ],
    },
    {
      code: `${NODE} await client.sendCommand(["DEL", lockKey]);`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    {
      code: `import type { RedisClientType } from "redis"; export async function unlock(client: RedisClientType, key: string) { await client.del(key); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    // Upstash and @vercel/kv.
    {
      code: `${UPSTASH} const token = crypto.randomUUID(); if (await redis.set("lock:a", token, { nx: true, px: 30000 })) { await work(); await redis.del("lock:a"); }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${UPSTASH} const token = crypto.randomUUID(); if (await redis.set("lock:a", token, { nx: true, px: 30000 })) { await work(); await redis.eval(${S}, ["lock:a"], [token]); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; const owner = await kv.get("lock:cron"); if (owner === me) await kv.del("lock:cron");`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `import { kv } from "@vercel/kv"; const owner = await kv.get("lock:cron"); if (owner === me) await kv.eval(${S}, ["lock:cron"], [me]);`,
            },
          ],
        },
      ],
    },
    // valkey-glide.
    {
      code: `${GLIDE} if ((await client.get("lock:a")) === token) await client.del(["lock:a"]);`,
      errors: [
        {
          messageId: "getCompareDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${GLIDE} if ((await client.get("lock:a")) === token) await client.invokeScript(new Script(${S}), { keys: ["lock:a"], args: [token] });`,
            },
          ],
        },
      ],
    },
    {
      // Script not importable: message only.
      code: `${GLIDE_NO_SCRIPT} if ((await client.get("lock:a")) === token) await client.del(["lock:a"]);`,
      errors: [{ messageId: "getCompareDelete", suggestions: [] }],
    },
    {
      code: `${GLIDE} await client.customCommand(["DEL", "leader:shard-1"]);`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    // Bun.
    {
      code: `${BUN} const token = crypto.randomUUID(); if (await redis.set("lock:a", token, "NX", "PX", "30000")) { await work(); await redis.del("lock:a"); }`,
      errors: [
        {
          messageId: "plainDelete",
          suggestions: [
            {
              messageId: "useScript",
              output: `${BUN} const token = crypto.randomUUID(); if (await redis.set("lock:a", token, "NX", "PX", "30000")) { await work(); await redis.send("EVAL", [${S}, "1", "lock:a", token]); }`,
            },
          ],
        },
      ],
    },
    {
      code: `import { RedisClient } from "bun"; const c = new RedisClient(); await c.send("DEL", ["lock:a"]);`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    // Review: GET-compare-DEL of a key that is no lock: the race is said as it is for any value.
    {
      code: `${IOREDIS} export async function verifyOtp(phone: string, code: string) { const stored = await redis.get(\`otp:\${phone}\`); if (stored !== code) return false; await redis.del(\`otp:\${phone}\`); return true; }`,
      errors: [
        {
          messageId: "getCompareDelete",
          data: {
            how: "ioredis del()",
            key: "`otp:${phone}`",
            evalForm: "redis.eval(script, 1, key, token) or a defineCommand",
            race: "the key can change in between, so two callers can both pass the check (a one-time code used twice), or this DEL removes a value written after the check",
          },
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} export async function verifyOtp(phone: string, code: string) { const stored = await redis.get(\`otp:\${phone}\`); if (stored !== code) return false; await redis.eval(${S}, 1, \`otp:\${phone}\`, code); return true; }`,
            },
          ],
        },
      ],
    },
    {
      // A lock key keeps the lock wording.
      code: `${IOREDIS} export async function release(id: string, token: string) { if ((await redis.get(\`lock:\${id}\`)) === token) await redis.del(\`lock:\${id}\`); }`,
      errors: [
        {
          messageId: "getCompareDelete",
          data: {
            how: "ioredis del()",
            key: "`lock:${id}`",
            evalForm: "redis.eval(script, 1, key, token) or a defineCommand",
            race: "if our lock expired and another owner took it in between, this deletes their lock",
          },
          suggestions: [
            {
              messageId: "useScript",
              output: `${IOREDIS} export async function release(id: string, token: string) { if ((await redis.get(\`lock:\${id}\`)) === token) await redis.eval(${S}, 1, \`lock:\${id}\`, token); }`,
            },
          ],
        },
      ],
    },
    {
      // Acquired with SET NX and an EXPIRE in a second step: it can expire, so a plain DEL is unsafe.
      code: `${IOREDIS} export async function take(id: string, me: string) { if (await redis.set(\`job:\${id}\`, me, "NX")) await redis.expire(\`job:\${id}\`, 30); } export async function done(id: string) { await redis.del(\`job:\${id}\`); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
    // Look-alikes of the force-release (corpus @chat-adapter/state-redis, row 26): reported.
    {
      name: "a force-release in a class whose own release is a plain DEL too (no token-checked release)",
      code: `${IOREDIS} export class Locks { lockKey(id: string) { return \`lock:\${id}\`; } async acquire(id: string, token: string) { return redis.set(this.lockKey(id), token, "NX", "PX", 30000); } async release(id: string) { await redis.del(this.lockKey(id)); } async forceRelease(id: string) { await redis.del(this.lockKey(id)); } }`,
      errors: [{ messageId: "plainDelete" }, { messageId: "plainDelete" }],
    },
    {
      name: "a plain DEL named as a release beside the compare-and-delete release of the same key",
      code: lockClass("async releaseLock(id: string) { await redis.del(this.lockKey(id)); }"),
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "a deleting verb that is no force word (deleteLock) beside the checked release",
      code: lockClass("async deleteLock(id: string) { await redis.del(this.lockKey(id)); }"),
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "a force-release of another key than the one released with the script",
      code: lockClass(
        "async forceRelease(id: string) { await redis.del(this.leaderKey(id)); } leaderKey(id: string) { return 'leader:' + id; }",
      ),
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "a force-release in another class than the checked release",
      code: `${lockClass("")} export class Admin { lockKey(id: string) { return \`lock:\${id}\`; } async forceRelease(id: string) { await redis.del(this.lockKey(id)); } }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "a force-release beside a script that deletes without comparing",
      code: `${IOREDIS} const DROP = 'return redis.call("del", KEYS[1])'; export async function acquire(id: string, token: string) { return redis.set(\`lock:\${id}\`, token, "NX", "PX", 30000); } export async function release(id: string) { await redis.eval(DROP, 1, \`lock:\${id}\`); } export async function forceRelease(id: string) { await redis.del(\`lock:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    // Look-alikes of the cache's set-if-absent (row 27): the value is an owner token, or the key is a lock.
    {
      name: "SET NX PX of a JSON owner record built at the call is an acquire",
      code: `${NODE} export async function claim(id: string, me: string) { return client.set(\`job:\${id}\`, JSON.stringify({ owner: me, at: Date.now() }), { NX: true, PX: 30000 }); } export async function done(id: string) { await client.del(\`job:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "SET NX PX of a serialized token is an acquire",
      code: `${NODE} export async function claim(id: string, token: string) { return client.set(\`job:\${id}\`, JSON.stringify(token), { NX: true, PX: 30000 }); } export async function done(id: string) { await client.del(\`job:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "SET NX PX of a serialized call result (a uuid) is an acquire",
      code: `${NODE} export async function claim(id: string) { return client.set(\`job:\${id}\`, JSON.stringify(crypto.randomUUID()), { NX: true, PX: 30000 }); } export async function done(id: string) { await client.del(\`job:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "serialized data under a lock-named key is still a lock",
      code: `${NODE} export async function take(id: string, value: unknown) { return client.set(\`lock:\${id}\`, JSON.stringify(value), { NX: true, PX: 30000 }); } export async function give(id: string) { await client.del(\`lock:\${id}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      name: "a cache-named key acquired with a token (not data) is a lock",
      code: `${NODE} export async function fill(key: string) { const token = crypto.randomUUID(); return client.set(\`cache:\${key}\`, token, { NX: true, PX: 30000 }); } export async function drop(key: string) { await client.del(\`cache:\${key}\`); }`,
      errors: [{ messageId: "plainDelete" }],
    },
    {
      // A lock renewed with SET XX is still a lock (XX is no data write).
      code: `${IOREDIS} export async function renew(token: string) { await redis.set("lock:report", token, "XX", "PX", 30000); } export async function stop() { await redis.del("lock:report"); }`,
      errors: [{ messageId: "plainDelete", suggestions: [] }],
    },
  ],
});
