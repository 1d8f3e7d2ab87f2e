/** Command normalisation across the client dialects, raw commands, and command facts. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  commandHasFlag,
  isKnownCommand,
  isReadOnly,
  isWrite,
  keyIndexes,
  normaliseCommand,
} from "../../src/model/index.js";
import { callOf, modelOf } from "./harness.js";

/** GLIDE's client method names (valkey-glide 2.5), kept in tests/fixtures/glide-client-methods.json (see docs/semantics.md §6). */
const GLIDE_METHODS: string[] = JSON.parse(
  readFileSync(new URL("../fixtures/glide-client-methods.json", import.meta.url), "utf8"),
);

describe("normaliseCommand", () => {
  it.each([
    // node-redis: camelCase aliases and UPPER_CASE names with `_` for subcommands.
    ["setNX", "setnx"],
    ["SETNX", "setnx"],
    ["hGetAll", "hgetall"],
    ["HGETALL", "hgetall"],
    ["pTTL", "pttl"],
    ["sIsMember", "sismember"],
    ["rPopLPush", "rpoplpush"],
    ["SCRIPT_LOAD", "script"],
    ["scriptLoad", "script"],
    ["evalShaRo", "evalsha_ro"],
    ["EVALSHA_RO", "evalsha_ro"],
    ["bitFieldRo", "bitfield_ro"],
    ["zRangeWithScores", "zrange"],
    ["lPopCount", "lpop"],
    ["xAutoClaimJustId", "xautoclaim"],
    ["geoRadiusRoWith", "georadius_ro"],
    ["hScanNoValues", "hscan"],
    ["clientSetName", "client"],
    ["KEYS", "keys"],
    // ioredis / iovalkey: lower-case names and their Buffer twins.
    ["hgetall", "hgetall"],
    ["getBuffer", "get"],
    ["hgetallBuffer", "hgetall"],
    ["zrangebyscoreBuffer", "zrangebyscore"],
    ["evalsha_ro", "evalsha_ro"],
    ["send_command", null],
    // Upstash's camelCase exceptions.
    ["evalRo", "eval_ro"],
    ["evalshaRo", "evalsha_ro"],
    ["scriptFlush", "script"],
    // GLIDE's irregular names.
    ["incrBy", "incrby"],
    ["incrByFloat", "incrbyfloat"],
    ["hincrBy", "hincrby"],
    ["expireAt", "expireat"],
    ["pexpireAt", "pexpireat"],
    ["randomKey", "randomkey"],
    ["zremRangeByScore", "zremrangebyscore"],
    ["zrangeStore", "zrangestore"],
    ["zrangeWithScores", "zrange"],
    ["zrandmemberWithCountWithScores", "zrandmember"],
    ["zaddIncr", "zadd"],
    ["spopCount", "spop"],
    ["hrandfieldWithValues", "hrandfield"],
    ["subscribeLazy", "subscribe"],
    ["xpendingWithOptions", "xpending"],
    ["configGet", "config"],
    ["functionLoad", "function"],
    ["xgroupCreateConsumer", "xgroup"],
    ["lcsIdx", "lcs"],
    // Bun
    ["send", null],
  ])("%s → %s", (method, command) => {
    expect(normaliseCommand(method)).toBe(command);
  });

  it.each([
    "on",
    "once",
    "emit",
    "connect",
    "disconnect",
    "duplicate",
    "defineCommand",
    "scanStream",
    "scanIterator",
    "hscanStream",
    "createPool",
    "executeIsolated",
    "execute",
    "then",
    "catch",
    "status",
    "isOpen",
    "isReady",
    "addCommand",
    "withTypeMapping",
    "setMaxListeners",
    "removeAllListeners",
    "close",
    "customCommand",
    "sendCommand",
    "constructor",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "",
  ])("%s is not a command", (method) => {
    expect(normaliseCommand(method)).toBeNull();
  });

  it("every all-lower-case GLIDE method that is a Redis command maps to itself", () => {
    // `constructor`: @ioredis/commands' exists() also answers true for Object.prototype names.
    const lower = GLIDE_METHODS.filter((m) => /^[a-z]+$/.test(m) && m !== "constructor" && isKnownCommand(m));
    expect(lower.length).toBeGreaterThan(150);
    expect(lower.filter((m) => normaliseCommand(m) !== m)).toEqual([]);
  });

  it("GLIDE's client plumbing is not taken for commands", () => {
    const plumbing = [
      "close",
      "connectToServer",
      "createClientRequest",
      "getStatistics",
      "processResponse",
      "getCallbackIndex",
      "ensureClientIsOpen",
      "writeOrBufferRequest",
      "refreshIamToken",
      "updateConnectionPassword",
      "getPubSubMessage",
      "tryGetPubSubMessage",
    ];
    expect(plumbing.filter((m) => GLIDE_METHODS.includes(m)).map((m) => normaliseCommand(m))).toEqual(
      plumbing.map(() => null),
    );
  });

  // GLIDE's read-only twins are the `_ro` commands (flagged `readonly`), not their write commands.
  it.each([
    ["fcallReadonly", "fcall_ro"],
    ["bitfieldReadOnly", "bitfield_ro"],
    ["sortReadOnly", "sort_ro"],
  ])("GLIDE %s → %s", (method, command) => {
    expect(normaliseCommand(method)).toBe(command);
  });

  // node-redis v5/v6 variants: `xAddNoMkStream` is XADD ... NOMKSTREAM, `vEmbRaw` is VEMB ... RAW.
  it.each([
    ["xAddNoMkStream", "xadd"],
    ["vEmbRaw", "vemb"],
  ])("node-redis %s → %s", (method, command) => {
    expect(normaliseCommand(method)).toBe(command);
  });
});

describe("command facts", () => {
  it("flags from @ioredis/commands", () => {
    expect(isReadOnly("get")).toBe(true);
    expect(isWrite("get")).toBe(false);
    expect(isWrite("setnx")).toBe(true);
    expect(isReadOnly("keys")).toBe(true);
    expect(commandHasFlag("blpop", "blocking")).toBe(true);
    expect(commandHasFlag("subscribe", "pubsub")).toBe(true);
    expect(isKnownCommand("not-a-command")).toBe(false);
    expect(isReadOnly("not-a-command")).toBe(false);
  });

  it("key positions", () => {
    expect(keyIndexes("set", ["k", "v"])).toEqual([0]);
    expect(keyIndexes("mset", ["a", "1", "b", "2"])).toEqual([0, 2]);
    expect(keyIndexes("eval", ["return 1", "2", "k1", "k2", "arg"])).toEqual([2, 3]);
    expect(keyIndexes("not-a-command", ["x"])).toEqual([]);
  });
});

describe("calls: receiver, arguments, raw commands", () => {
  it("a command call records method, command, args and facts", () => {
    const m = modelOf(`import { createClient } from "redis"; const c = createClient(); await c.setNX("lock", "1");`);
    const call = callOf(m, "setNX");
    expect(call).toMatchObject({
      method: "setNX",
      command: "setnx",
      raw: false,
      receiver: "client",
      family: "node-redis",
      write: true,
      readonly: false,
    });
    expect(call.args).toHaveLength(2);
    expect(call.fn.type).toBe("Program");
  });

  it("non-command methods on a client are recorded with command null", () => {
    const m = modelOf(
      `import Redis from "ioredis"; const r = new Redis(); r.on("error", console.error); await r.quit();`,
    );
    expect(m.calls.map((c) => [c.method, c.command])).toEqual([
      ["on", null],
      ["quit", "quit"],
    ]);
  });

  it.each([
    [
      "ioredis call(name, ...args)",
      `import Redis from "ioredis"; const r = new Redis(); r.call("SET", "k", "v");`,
      "call",
    ],
    [
      "ioredis call(name, [args])",
      `import Redis from "ioredis"; const r = new Redis(); r.call("set", ["k", "v"]);`,
      "call",
    ],
    [
      "ioredis callBuffer",
      `import Redis from "ioredis"; const r = new Redis(); r.callBuffer("SET", "k", "v");`,
      "callBuffer",
    ],
    [
      "ioredis send_command",
      `import Redis from "ioredis"; const r = new Redis(); r.send_command("SET", "k", "v");`,
      "send_command",
    ],
    [
      "node-redis sendCommand",
      `import { createClient } from "redis"; const c = createClient(); c.sendCommand(["SET", "k", "v"]);`,
      "sendCommand",
    ],
    [
      "node-redis cluster sendCommand(firstKey, isReadonly, args)",
      `import { createCluster } from "redis"; const c = createCluster({}); c.sendCommand("k", false, ["SET", "k", "v"]);`,
      "sendCommand",
    ],
    [
      "GLIDE customCommand",
      `import { GlideClient } from "@valkey/valkey-glide"; const g = await GlideClient.createClient({}); g.customCommand(["SET", "k", "v"]);`,
      "customCommand",
    ],
    [
      "Bun send(name, args)",
      `import { RedisClient } from "bun"; const b = new RedisClient(); b.send("SET", ["k", "v"]);`,
      "send",
    ],
    [
      "Upstash exec([...]) runs one raw command",
      `import { Redis } from "@upstash/redis"; const u = Redis.fromEnv(); u.exec(["SET", "k", "v"]);`,
      "exec",
    ],
  ])("%s", (_name, code, method) => {
    const call = callOf(modelOf(code), method);
    expect(call).toMatchObject({ raw: true, command: "set", write: true, receiver: "client" });
    expect(call.args.map((a) => (a as { value?: unknown }).value)).toEqual(["k", "v"]);
  });

  it("a raw command with a computed name has command null", () => {
    const m = modelOf(
      `import Redis from "ioredis"; const r = new Redis(); export const f = (cmd) => r.call(cmd, "k");`,
    );
    expect(callOf(m, "call")).toMatchObject({ raw: true, command: null });
  });

  it("Upstash exec() without an array is a pipeline's exec, not a raw command", () => {
    const m = modelOf(
      `import { Redis } from "@upstash/redis"; const u = Redis.fromEnv(); await u.pipeline().set("a", 1).exec();`,
    );
    expect(callOf(m, "exec")).toMatchObject({ raw: false, receiver: "pipeline" });
  });
});
