/**
 * Rules seeing through imports of the user's own modules (recognition/export-map.ts): ESLint's
 * Linter with the plugin from src, linting code as files in tests/fixtures/cross-file/src/app
 * (real directories, so that the imports resolve on disk).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { beforeEach, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { clearExportMapCache } from "../../src/model/recognition/export-map.js";
import * as parser from "../../src/parser.js";

const ROOT = path.resolve(import.meta.dirname, "../fixtures/cross-file");
const APP = path.join(ROOT, "src/app");

function lint(code: string, rule: string, file = "consumer.ts"): string[] {
  const linter = new Linter({ configType: "flat", cwd: ROOT });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
        plugins: { redis: plugin as never },
        languageOptions: { parser: parser as Linter.Parser, sourceType: file.endsWith(".cjs") ? "commonjs" : "module" },
        rules: { [`redis/${rule}`]: "error" },
      },
    ],
    path.join(APP, file),
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => `${m.ruleId}:${m.messageId}@${m.line}`);
}

/** As `lint`, at a path under tests/fixtures/cross-file/src (CommonJS). */
function lintAt(code: string, rule: string, file: string): string[] {
  const linter = new Linter({ configType: "flat", cwd: ROOT });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.js"],
        plugins: { redis: plugin as never },
        languageOptions: { parser: parser as Linter.Parser, sourceType: "commonjs" },
        rules: { [`redis/${rule}`]: "error" },
      },
    ],
    path.join(ROOT, "src", file),
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => `${m.ruleId}:${m.messageId}@${m.line}`);
}

beforeEach(() => clearExportMapCache());

describe("rules through imports", () => {
  it("no-setnx-expire: a client imported from ./lib/redis", () => {
    const code = `import { redis } from "../lib/redis";\nexport async function lock(k: string) {\n  await redis.setnx(k, "1");\n  await redis.expire(k, 10);\n}`;
    expect(lint(code, "no-setnx-expire")).toEqual(["redis/no-setnx-expire:setnxExpire@3"]);
  });
  it("no-setnx-expire: a NestJS provider injected in a constructor", () => {
    const code = `import { RedisService } from "../services/redis.service";\nexport class Locks {\n  constructor(private readonly redisService: RedisService) {}\n  async take(k: string) {\n    await this.redisService.client.setnx(k, "1");\n    await this.redisService.client.expire(k, 10);\n  }\n}`;
    expect(lint(code, "no-setnx-expire")).toEqual(["redis/no-setnx-expire:setnxExpire@5"]);
  });
  it("no-keys: CommonJS require, an alias, a barrel", () => {
    expect(lint(`const redis = require("../config/redis");\nredis.keys("user:*");`, "no-keys", "c.js")).toEqual([
      "redis/no-keys:noKeys@2",
    ]);
    expect(lint(`import cache from "@/lib/redis";\ncache.keys("user:*");`, "no-keys")).toEqual([
      "redis/no-keys:noKeys@2",
    ]);
    // A barrel's specifier names no client: the hint is the local name here (the early exit reads no other file).
    expect(
      lint(`import { redisDefault as redisClient } from "../lib";\nredisClient.keys("user:*");`, "no-keys"),
    ).toEqual(["redis/no-keys:noKeys@2"]);
  });
  it("no-nonatomic-read-modify-write: a file with no hint of Redis, its client imported by alias as `store`", () => {
    const code = `import store from "@/lib/store";\nexport async function bump(k: string) {\n  const n = Number(await store.get(k));\n  await store.set(k, String(n + 1));\n}`;
    expect(lint(code, "no-nonatomic-read-modify-write")).toEqual(["redis/no-nonatomic-read-modify-write:computed@4"]);
    // The same code on the Map that lib/cache.ts exports: nothing.
    expect(
      lint(
        code.replace('import store from "@/lib/store"', 'import { cache as store } from "@/lib/cache"'),
        "no-nonatomic-read-modify-write",
      ),
    ).toEqual([]);
  });
  it("no-keys: look-alikes stay silent", () => {
    expect(lint(`import { cache as redis } from "../lib/cache";\nredis.keys("user:*");`, "no-keys")).toEqual([]);
    expect(lint(`const redis = require("../db");\nredis.keys("user:*");`, "no-keys", "d.js")).toEqual([]);
    expect(lint(`import { redis } from "../lib/fake-redis";\nredis.keys("user:*");`, "no-keys")).toEqual([]);
  });
  it("no-unchecked-exec: the family comes across the import (a name alone is not enough)", () => {
    const code = `import { redis } from "../lib/redis";\nasync function f(k: string) {\n  await redis.watch(k);\n  const [[, v]] = await redis.multi().get(k).exec();\n  return v;\n}`;
    expect(lint(code, "no-unchecked-exec")).toEqual(["redis/no-unchecked-exec:unchecked@4"]);
  });
  it("promisified copies exported by another module (CommonJS and ESM), and a Map's bound methods", () => {
    const cjs = `const { setnxAsync, expireAsync } = require("../services/redis-async");\nexports.lock = async (k) => {\n  await setnxAsync(k, "1");\n  await expireAsync(k, 10);\n};`;
    expect(lint(cjs, "no-setnx-expire", "g.js")).toEqual(["redis/no-setnx-expire:setnxExpire@3"]);
    const viaObject = `const cache = require("../services/redis-async");\nexports.bump = async (k) => {\n  const n = Number(await cache.getAsync(k));\n  await cache.setAsync(k, String(n + 1));\n};`;
    expect(lint(viaObject, "no-nonatomic-read-modify-write", "h.js")).toEqual([
      "redis/no-nonatomic-read-modify-write:computed@4",
    ]);
    const esm = `import { getAsync, setAsync } from "@/lib/cache-async";\nexport async function bump(k: string) {\n  const n = Number(await getAsync(k));\n  await setAsync(k, String(n + 1));\n}`;
    expect(lint(esm, "no-nonatomic-read-modify-write")).toEqual(["redis/no-nonatomic-read-modify-write:computed@4"]);
    const map = `import { localGet, localSet } from "@/lib/cache-async";\nexport async function bump(k: string) {\n  const n = Number(localGet(k));\n  localSet(k, String(n + 1));\n}`;
    expect(lint(map, "no-nonatomic-read-modify-write")).toEqual([]);
  });
  it("a lib module that promisifies node_redis v3 with bluebird and hands the package on", () => {
    const code = `const redis = require("../lib/redis-bluebird");\nconst store = redis.createClient();\nexports.lock = async (k) => {\n  await store.setnxAsync(k, "1");\n  await store.expireAsync(k, 10);\n};`;
    expect(lint(code, "no-setnx-expire", "i.js")).toEqual(["redis/no-setnx-expire:setnxExpire@4"]);
    // A cache-like API on a value of a module that is not Redis: SET then EXPIRE, but `expire`
    // alone is not evidence of a client (`setnxAsync` beside it would be: two Redis-only names).
    const cacheLike = code.replace("setnxAsync", "setAsync");
    expect(lint(cacheLike, "no-setnx-expire", "j.js")).toEqual(["redis/no-setnx-expire:setExpire@4"]);
    expect(lint(cacheLike.replace("../lib/redis-bluebird", "../db"), "no-setnx-expire", "k.js")).toEqual([]);
  });
  it("no-keys: methods attached to another module's prototype (express-redis-cache's layout, corpus L22–L23)", () => {
    const read = (file: string) => readFileSync(path.join(ROOT, "src/attached", file), "utf8");
    expect(lintAt(read("Cache/del.js"), "no-keys", "attached/Cache/del.js")).toEqual(["redis/no-keys:noKeys@6"]);
    // `this.client` of the method itself; not a callback's own `this`.
    expect(lintAt(read("Cache/size.js"), "no-keys", "attached/Cache/size.js")).toEqual(["redis/no-keys:noKeys@2"]);
    // A module the host does not attach, and the same layout over a Map: nothing.
    expect(lintAt(read("Cache/helper.js"), "no-keys", "attached/Cache/helper.js")).toEqual([]);
    expect(lintAt(read("MemoryStore/keys.js"), "no-keys", "attached/MemoryStore/keys.js")).toEqual([]);
  });
  it("require-lock-ttl: a singleton accessor and a factory", () => {
    expect(
      lint(
        `import { RedisManager } from "../lib/redis-manager";\nexport const take = (t: string) => RedisManager.getInstance().client.set("lock:a", t, "NX");`,
        "require-lock-ttl",
      ),
    ).toEqual(["redis/require-lock-ttl:setNoTtl@2"]);
    expect(
      lint(
        `const redis = require("../utils/redis")();\nexports.take = (t) => redis.set("lock:a", t, "NX");`,
        "require-lock-ttl",
        "f.js",
      ),
    ).toEqual(["redis/require-lock-ttl:setNoTtl@2"]);
  });
});
