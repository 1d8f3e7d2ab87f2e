/** src/model/locks.ts: reading SET NX / expiry in every dialect, and the lock vocabulary. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOCK_KEY_PATTERN,
  checkedReleaseShapes,
  isForceReleaseName,
  isNxDataWrite,
  lockHeldBetween,
  lockKeyRegex,
  locksWithin,
  readSetOptions,
} from "../../src/model/index.js";
import { type FunctionNode, isFunction } from "../../src/ast/nodes.js";
import { lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; const r = new Redis();`;
const NODE = `import { createClient } from "redis"; const r = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const r = Redis.fromEnv();`;
const GLIDE = `import { GlideClient, TimeUnit } from "@valkey/valkey-glide"; const r = await GlideClient.createClient({ addresses: [] });`;
const BUN = `import { redis as r } from "bun";`;

function read(code: string) {
  const { model } = lintForModel(code);
  const call = model.calls.find((c) => c.command === "set" || c.command === "setnx");
  if (!call) throw new Error("no SET in the snippet");
  const set = readSetOptions(call);
  return (
    set && {
      nx: set.nx,
      xx: set.xx,
      expiry: set.expiry,
      keepTtl: set.keepTtl,
      get: set.get,
      partial: set.partial,
      shape: set.shape,
    }
  );
}

describe("readSetOptions", () => {
  it.each([
    [`${IOREDIS} r.set("k", "v", "NX");`, { nx: true, expiry: false, shape: "tokens" }],
    [`${IOREDIS} r.set("k", "v", "EX", 10, "NX");`, { nx: true, expiry: true, shape: "tokens" }],
    [`${IOREDIS} r.set("k", "v", "nx", "pxat", at);`, { nx: true, expiry: true, partial: false }],
    [`${IOREDIS} r.set("k", "v", "NX", "KEEPTTL");`, { nx: true, expiry: false, keepTtl: true }],
    [`${IOREDIS} r.set("k", "v", "XX", "GET");`, { nx: false, xx: true, get: true }],
    [`${IOREDIS} r.set("k", "v", mode);`, { nx: false, partial: true }],
    [`${IOREDIS} r.set("k", "v", "PX", 100, "NX", (err) => {});`, { nx: true, expiry: true, partial: false }],
    [`${IOREDIS} r.setnx("k", "v");`, { nx: true, expiry: false, shape: "setnx" }],
    [`${IOREDIS} r.call("SET", "k", "v", "NX", "PX", "100");`, { nx: true, expiry: true, shape: "tokens" }],
    [`${IOREDIS} r.set("k", "v");`, { nx: false, expiry: false, shape: "none" }],
    [`${NODE} r.set("k", "v", { NX: true });`, { nx: true, expiry: false, shape: "node-redis-v4" }],
    [`${NODE} r.set("k", "v", { NX: true, PX: 100 });`, { nx: true, expiry: true, shape: "node-redis-v4" }],
    [`${NODE} r.set("k", "v", { NX: true, KEEPTTL: true });`, { nx: true, keepTtl: true, expiry: false }],
    [`${NODE} r.set("k", "v", { NX: flag });`, { nx: false, partial: true }],
    [`${NODE} r.set("k", "v", { ...base, NX: true });`, { nx: true, partial: true }],
    [`${NODE} r.set("k", "v", { condition: "NX" });`, { nx: true, expiry: false, shape: "node-redis-v5" }],
    [
      `${NODE} r.set("k", "v", { condition: "NX", expiration: { type: "EX", value: 1 } });`,
      { nx: true, expiry: true, shape: "node-redis-v5" },
    ],
    [
      `${NODE} r.set("k", "v", { condition: "NX", expiration: "KEEPTTL" });`,
      { nx: true, keepTtl: true, expiry: false },
    ],
    [
      `${NODE} r.set("k", "v", { condition: "NX", expiration: { type: "KEEPTTL" } });`,
      { nx: true, keepTtl: true, expiry: false },
    ],
    [`${NODE} r.set("k", "v", { condition: "XX", expiration: exp });`, { nx: false, xx: true, expiry: true }],
    [`${NODE} r.setNX("k", "v");`, { nx: true, shape: "setnx" }],
    [`${NODE} r.sendCommand(["SET", "k", "v", "NX"]);`, { nx: true, expiry: false, shape: "tokens" }],
    [`${NODE} r.set("k", "v", opts);`, { nx: false, partial: true, shape: "unknown" }],
    [`${UPSTASH} r.set("k", "v", { nx: true });`, { nx: true, expiry: false, shape: "upstash" }],
    [`${UPSTASH} r.set("k", "v", { nx: true, ex: 10 });`, { nx: true, expiry: true, shape: "upstash" }],
    [`${UPSTASH} r.set("k", "v", { nx: true, keepTtl: true });`, { nx: true, keepTtl: true }],
    [
      `${UPSTASH} r.set("k", "v", { xx: true, get: true, px: undefined });`,
      { nx: false, xx: true, get: true, expiry: false },
    ],
    [
      `${GLIDE} r.set("k", "v", { conditionalSet: "onlyIfDoesNotExist" });`,
      { nx: true, expiry: false, shape: "glide" },
    ],
    [
      `${GLIDE} r.set("k", "v", { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Seconds, count: 1 } });`,
      { nx: true, expiry: true },
    ],
    [
      `${GLIDE} r.set("k", "v", { conditionalSet: "onlyIfDoesNotExist", expiry: "keepExisting" });`,
      { nx: true, keepTtl: true, expiry: false },
    ],
    [
      `${GLIDE} r.set("k", "v", { conditionalSet: "onlyIfExists", returnOldValue: true });`,
      { nx: false, xx: true, get: true },
    ],
    [`${GLIDE} r.customCommand(["SET", "k", "v", "NX", "EX", "1"]);`, { nx: true, expiry: true }],
    [`${BUN} r.set("k", "v", "NX", "EX", "10");`, { nx: true, expiry: true, shape: "tokens" }],
    [`${BUN} r.send("SET", ["k", "v", "NX"]);`, { nx: true, expiry: false, shape: "tokens" }],
  ])("%s", (code, expected) => {
    expect(read(code)).toMatchObject(expected);
  });

  it("returns null for other commands", () => {
    const { model } = lintForModel(`${IOREDIS} r.get("k"); r.expire("k", 1);`);
    for (const call of model.calls) expect(readSetOptions(call)).toBeNull();
  });
});

describe("DEFAULT_LOCK_KEY_PATTERN", () => {
  const re = lockKeyRegex(undefined);
  it.each([
    "lock:order:1",
    "job_lock",
    "LOCK_KEY",
    "lockKey",
    "acquireLock",
    "unlock",
    "this.leaderKey",
    "`lease:${id}`",
    "mutexName",
    "SEMAPHORES",
    "latch:1",
    "leadership",
  ])("%s is a lock word", (text) => expect(re.test(text)).toBe(true));
  it.each([
    "block",
    "blockKey",
    "clock:skew",
    "lockout:user",
    "leaderboard:weekly",
    "deadlock",
    "Blocked",
    "locked",
    "username:1",
  ])("%s is not", (text) => expect(re.test(text)).toBe(false));
  it("an invalid lockKeyPattern falls back to the default", () => {
    expect(lockKeyRegex("(").source).toBe(new RegExp(DEFAULT_LOCK_KEY_PATTERN, "u").source);
  });
});

describe("isNxDataWrite: a SET NX of serialized data is no lock acquire", () => {
  const re = lockKeyRegex(undefined);
  function dataWrite(code: string): boolean {
    const { model, sourceCode } = lintForModel(code);
    const call = model.calls.find((c) => c.command === "set" || c.command === "setnx");
    const set = call && readSetOptions(call, sourceCode);
    if (!set) throw new Error("no SET in the snippet");
    return isNxDataWrite(set, sourceCode, re);
  }
  it.each([
    // Corpus, @chat-adapter/state-redis@4.41.1 dist/index.js (setIfNotExists).
    `${NODE} async function setIfNotExists(key, value, ttlMs) { const cacheKey = \`cache:\${key}\`; const serialized = JSON.stringify(value); await r.set(cacheKey, serialized, { NX: true, PX: ttlMs }); }`,
    `${IOREDIS} async function put(id, entry) { await r.set(\`page:\${id}\`, superjson.stringify(entry.data), "NX", "EX", 60); }`,
    `${IOREDIS} async function put(id, doc) { await r.set("doc:" + id, v8.serialize(doc), "NX"); }`,
  ])("data: %s", (code) => expect(dataWrite(code)).toBe(true));
  it.each([
    // An owner token, a uuid, a timestamp, a flag.
    `${IOREDIS} async function take(id, token) { await r.set(\`job:\${id}\`, token, "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id) { await r.set(\`job:\${id}\`, String(Date.now()), "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id) { await r.set(\`job:\${id}\`, "1", "NX", "PX", 100); }`,
    // Serialized, but of an owner record, a token, a call's result, a constant.
    `${IOREDIS} async function take(id, me) { await r.set(\`job:\${id}\`, JSON.stringify({ owner: me }), "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id, me) { const rec = { owner: me }; await r.set(\`job:\${id}\`, JSON.stringify(rec), "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id, token) { await r.set(\`job:\${id}\`, JSON.stringify(token), "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id, w) { await r.set(\`job:\${id}\`, JSON.stringify(w.workerId), "NX", "PX", 100); }`,
    `${IOREDIS} async function take(id) { await r.set(\`job:\${id}\`, JSON.stringify(randomUUID()), "NX", "PX", 100); }`,
    // Serialized data under a lock-named key, or in a lock-named function.
    `${IOREDIS} async function take(id, value) { await r.set(\`lock:\${id}\`, JSON.stringify(value), "NX", "PX", 100); }`,
    `${IOREDIS} async function acquireLock(key, value) { await r.set(key, JSON.stringify(value), "NX", "PX", 100); }`,
    // Not NX.
    `${IOREDIS} async function put(id, value) { await r.set(\`page:\${id}\`, JSON.stringify(value), "PX", 100); }`,
    // A serializer's name on an unknown object is only a name when the call is the value itself.
    `${IOREDIS} async function take(id, value) { await r.set(\`job:\${id}\`, value, "NX", "PX", 100); }`,
  ])("not data: %s", (code) => expect(dataWrite(code)).toBe(false));
});

describe("lock spans leave out a SET NX of serialized data", () => {
  it("lockHeldBetween: a cache's set-if-absent acquires nothing", () => {
    const { model, sourceCode } = lintForModel(
      `${IOREDIS} async function f(k: string, value: unknown) { await r.set(\`cache:\${k}\`, JSON.stringify(value), "NX", "PX", 100); const v = await r.get(k); await r.set(k, v + 1); await releaseLock("l"); }`,
    );
    const get = model.calls.find((c) => c.command === "get");
    const set = model.calls.filter((c) => c.command === "set")[1];
    if (!get || !set) throw new Error("calls not found");
    expect(lockHeldBetween(model, sourceCode, get.node, set.node, get.fn, lockKeyRegex(undefined))).toBe(false);
    const lock = lintForModel(
      `${IOREDIS} async function f(k: string, token: string) { await r.set(\`job:\${k}\`, token, "NX", "PX", 100); const v = await r.get(k); await r.set(k, v + 1); await releaseLock("l"); }`,
    );
    const get2 = lock.model.calls.find((c) => c.command === "get");
    const set2 = lock.model.calls.filter((c) => c.command === "set")[1];
    if (!get2 || !set2) throw new Error("calls not found");
    expect(lockHeldBetween(lock.model, lock.sourceCode, get2.node, set2.node, get2.fn, lockKeyRegex(undefined))).toBe(
      true,
    );
  });

  it("locksWithin: a set-if-absent of data in a callback is no lock", () => {
    const callbackOf = (code: string) => {
      const snap = lintForModel(code);
      const set = snap.model.calls.find((c) => c.command === "set");
      if (!set || !isFunction(set.fn)) throw new Error("no SET in a callback");
      return locksWithin(snap.model, set.fn as FunctionNode, snap.sourceCode);
    };
    expect(
      callbackOf(
        `${IOREDIS} await db.transaction(async (tx) => { await r.set(\`cache:\${id}\`, JSON.stringify(row), "NX", "PX", 100); await r.del(\`cache:\${id}\`); });`,
      ).any,
    ).toBe(false);
    expect(
      callbackOf(
        `${IOREDIS} await db.transaction(async (tx) => { await r.set(\`job:\${id}\`, token, "NX", "PX", 100); await r.del(\`job:\${id}\`); });`,
      ).any,
    ).toBe(true);
  });
});

describe("force-releases", () => {
  it.each([
    "forceReleaseLock",
    "forceUnlock",
    "releaseLockForce",
    "adminUnlock",
    "breakLock",
    "resetLocks",
    "clearLock",
    "purgeLocks",
  ])("%s says force", (name) => expect(isForceReleaseName(name)).toBe(true));
  it.each(["releaseLock", "unlock", "deleteLock", "delLock", "enforceLock", "release", "administer", null])(
    "%s does not",
    (name) => expect(isForceReleaseName(name)).toBe(false),
  );

  it("checkedReleaseShapes: the keys a class (or the file) releases with an ownership check", () => {
    const LUA = `const RELEASE = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';`;
    const { model, sourceCode, ast } = lintForModel(
      `${NODE} ${LUA} class A { async release(lock) { const lockKey = k(lock.id); await r.eval(RELEASE, { keys: [lockKey], arguments: [lock.token] }); } async drop(id) { await r.eval('return redis.call("del", KEYS[1])', { keys: [\`other:\${id}\`] }); } } async function release(id, t) { await r.sendCommand(["DELEX", \`lock:\${id}\`, "IFEQ", t]); } async function plain(id) { await r.del(\`plain:\${id}\`); }`,
    );
    const found = checkedReleaseShapes(model, sourceCode);
    const cls = ast.body.find((n) => n.type === "ClassDeclaration");
    if (!cls) throw new Error("no class");
    expect([...(found.get(cls) ?? [])]).toEqual(['""+{lockKey}+""']);
    expect([...(found.get(ast) ?? [])]).toEqual(['"lock:"+{id}+""']);
  });
});
