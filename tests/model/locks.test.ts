/** src/model/locks.ts: reading SET NX / expiry in every dialect, and the lock vocabulary. */
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCK_KEY_PATTERN, lockKeyRegex, readSetOptions } from "../../src/model/index.js";
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
