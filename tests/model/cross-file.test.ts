/**
 * Clients made in another file of the project (recognition/export-map.ts): imports and requires
 * of the user's own modules, resolved on disk in tests/fixtures/cross-file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearExportMapCache, exportMapStats, resetExportMapStats } from "../../src/model/recognition/export-map.js";
import { FRESH_MS, resolveModule } from "../../src/model/recognition/resolve.js";
import { importsRedisModule } from "../../src/model/imported-hint.js";
import { readSettings } from "../../src/model/settings.js";
import { lintForModel, summary } from "./harness.js";

const ROOT = path.resolve(import.meta.dirname, "../fixtures/cross-file");
const APP = path.join(ROOT, "src/app");
const at = (file: string) => path.join(APP, file);

function calls(code: string, file = "consumer.ts") {
  return summary(
    lintForModel(code, {
      filename: at(file),
      parser: "plugin",
      sourceType: file.endsWith(".cjs") ? "commonjs" : "module",
    }).model,
  );
}

beforeEach(() => {
  clearExportMapCache();
  resetExportMapStats();
});

describe("module resolution", () => {
  it("resolves relative specifiers with extensions, index files and .js → .ts", () => {
    expect(resolveModule("../lib/redis", at("x.ts"))).toBe(path.join(ROOT, "src/lib/redis.ts"));
    expect(resolveModule("../lib/redis.js", at("x.ts"))).toBe(path.join(ROOT, "src/lib/redis.ts"));
    expect(resolveModule("../lib", at("x.ts"))).toBe(path.join(ROOT, "src/lib/index.ts"));
    expect(resolveModule("../config/redis-pubsub.cjs", at("x.ts"))).toBe(
      path.join(ROOT, "src/config/redis-pubsub.cjs"),
    );
    expect(resolveModule("../missing", at("x.ts"))).toBeNull();
  });
  describe("resolutions are trusted for FRESH_MS, then asked again", () => {
    afterEach(() => vi.useRealTimers());
    it("a module created after a failed resolution is found once the window has passed", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      const dir = mkdtempSync(path.join(tmpdir(), "redis-resolve-"));
      try {
        const from = path.join(dir, "consumer.ts");
        expect(resolveModule("./redis", from)).toBeNull();
        writeFileSync(path.join(dir, "redis.ts"), "export const x = 1;\n");
        expect(resolveModule("./redis", from)).toBeNull();
        vi.advanceTimersByTime(FRESH_MS);
        expect(resolveModule("./redis", from)).toBe(path.join(dir, "redis.ts"));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
  it("resolves tsconfig and jsconfig path aliases, and never into node_modules", () => {
    expect(resolveModule("@/lib/redis", at("x.ts"))).toBe(path.join(ROOT, "src/lib/redis.ts"));
    expect(resolveModule("~/lib/redis", path.join(ROOT, "js-app/app.js"))).toBe(path.join(ROOT, "js-app/lib/redis.js"));
    expect(resolveModule("ioredis", at("x.ts"))).toBeNull();
    expect(resolveModule("lib/redis", at("x.ts"))).toBeNull();
  });
});

describe("clients imported from the user's own modules", () => {
  it("a named ESM export carries family and lives", () => {
    expect(calls(`import { redis } from "../lib/redis"; redis.set("k", "v");`)).toEqual([
      "set→set @client (ioredis, ioredis/shared)",
    ]);
  });
  it("a default import through a tsconfig alias, and a cluster", () => {
    const { model } = lintForModel(
      `import cache from "@/lib/redis"; import { cluster } from "@/lib/redis"; cache.get("k"); cluster.get("k");`,
      { filename: at("alias.ts"), parser: "plugin" },
    );
    expect(summary(model)).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
    ]);
    expect(model.calls[0].client?.via).toBe("import");
    expect(model.calls[1].client?.cluster).toBe(true);
    expect(model.calls[0].client?.key).not.toBe(model.calls[1].client?.key);
  });
  it("a jsconfig alias in JavaScript (node-redis)", () => {
    const { model } = lintForModel(`import { redisClient } from "~/lib/redis"; await redisClient.get("k");`, {
      filename: path.join(ROOT, "js-app/app.js"),
      parser: "plugin",
    });
    expect(summary(model)).toEqual(["get→get @client (node-redis, node-redis/shared)"]);
  });
  it("CommonJS: module.exports = client, exports.client, destructured { pub, sub }", () => {
    expect(calls(`const redis = require("../config/redis"); redis.get("k");`, "c.js")).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
    ]);
    expect(calls(`const { client } = require("../config/exports-redis"); client.get("k");`, "c.js")).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
    ]);
    expect(
      calls(
        `const { pub, sub } = require("../config/redis-pubsub.cjs"); pub.publish("c", "m"); sub.subscribe("c");`,
        "c.cjs",
      ),
    ).toEqual([
      "publish→publish @client (node-redis, node-redis/shared)",
      "subscribe→subscribe @client (node-redis, node-redis/shared)",
    ]);
  });
  it("a default-exported object holding clients, and the same client imported twice is one client", () => {
    const { model } = lintForModel(
      `import ps from "../lib/redis-pubsub"; import other from "../lib/redis-pubsub"; ps.pub.publish("c", "m"); other.pub.get("k"); ps.sub.get("k");`,
      { filename: at("ps.ts"), parser: "plugin" },
    );
    expect(summary(model)).toEqual([
      "publish→publish @client (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
    ]);
    expect(model.calls[0].client?.key).toBe(model.calls[1].client?.key);
    expect(model.calls[0].client?.key).not.toBe(model.calls[2].client?.key);
  });
  it("a barrel: export * and export { default as … } and a .js specifier naming a JavaScript module", () => {
    expect(
      calls(
        `import { redis, redisDefault, nodeRedis } from "../lib"; redis.get("a"); redisDefault.get("b"); nodeRedis.get("c");`,
      ),
    ).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
      "get→get @client (node-redis, node-redis/shared)",
    ]);
  });
  it("a singleton accessor and a static client", () => {
    expect(
      calls(
        `import { RedisManager } from "../lib/redis-manager"; RedisManager.getInstance().client.get("k"); RedisManager.client2.set("k", "v");`,
      ),
    ).toEqual(["get→get @client (ioredis, ioredis/shared)", "set→set @client (ioredis, ioredis/shared)"]);
  });
  it("a NestJS-style provider injected in a constructor", () => {
    const code = `import { RedisService } from "../services/redis.service";\nclass Locks {\n  constructor(private readonly redisService: RedisService) {}\n  async take(k: string) { await this.redisService.client.set(k, "1"); }\n}`;
    expect(calls(code)).toEqual(["set→set @client (ioredis, ioredis/shared)"]);
  });
  it("factories: an exported function and module.exports = () => new Redis()", () => {
    expect(
      calls(
        `import { createRedis } from "../lib/create-redis"; export function f() { const r = createRedis(); return r.get("k"); }`,
      ),
    ).toEqual(["get→get @client (ioredis, ioredis/dedicated)"]);
    expect(calls(`const redis = require("../utils/redis")(); redis.get("k");`, "f.js")).toEqual([
      "get→get @client (ioredis, ioredis/shared)",
    ]);
  });
  it("a cycle (a imports b imports a) ends", () => {
    expect(
      calls(
        `import { redis, a } from "../cycle/a"; import { redisFromB } from "../cycle/b"; redis.get("k"); redisFromB.get("k");`,
      ),
    ).toEqual(["get→get @client (ioredis, ioredis/shared)", "get→get @client (ioredis, ioredis/shared)"]);
  });
});

describe("look-alikes stay silent", () => {
  it("a local cache (Map, LRU) renamed to a client name", () => {
    expect(
      calls(`import { cache as redis, lru as redisClient } from "../lib/cache"; redis.keys(); redisClient.keys();`),
    ).toEqual([]);
  });
  it("a module exporting a function named redis that returns a string", () => {
    expect(calls(`import { redis } from "../lib/fake-redis"; redis().keys; redis.get("k");`)).toEqual([]);
  });
  it("a Knex / pg module required under a client name", () => {
    expect(
      calls(
        `const redis = require("../db"); redis.keys("*"); const { pool } = require("../db"); pool.query("select 1");`,
        "d.js",
      ),
    ).toEqual([]);
  });
  it("a module whose file does not exist: no crash, and a name-less import stays unknown", () => {
    expect(
      calls(`import { cache } from "../missing"; import { redis } from "./redis-missing"; cache.keys("*");`),
    ).toEqual([]);
  });
});

describe("the speed budget", () => {
  it("a file importing only non-Redis local modules parses none of them", () => {
    lintForModel(
      `import { cache } from "../lib/cache"; import { redis } from "../lib/fake-redis"; cache.keys(); redis();`,
      { filename: at("budget.ts"), parser: "plugin" },
    );
    // fake-redis.ts mentions "redis", so it is parsed; cache.ts has no hint and is only read.
    expect(exportMapStats.parses).toBe(1);
    expect(exportMapStats.reads).toBe(2);
  });
  it("a file with no hint of Redis is answered by the early exit, which parses no other file", () => {
    const { model } = lintForModel(`import { cache } from "../lib/cache"; cache.keys();`, {
      filename: at("plain.ts"),
      parser: "plugin",
    });
    expect(model.build).toBeNull();
    expect(model.calls).toEqual([]);
    // (`npm run model:equivalence` also builds this file's model without the early exit, which reads cache.ts: never parsed either way.)
    expect(exportMapStats.parses).toBe(0);
  });
  it("a file with no hint of Redis that imports a client by alias: the early exit reads the module", () => {
    // `store` says nothing of Redis; the module it names makes an ioredis client.
    const code = `import store from "@/lib/store";\nexport async function bump(k: string) {\n  const n = Number(await store.get(k));\n  await store.set(k, String(n + 1));\n}`;
    const { model } = lintForModel(code, { filename: at("hintless.ts"), parser: "plugin" });
    expect(model.calls.map((c) => `${c.command} ${c.family}`)).toEqual(["get ioredis", "set ioredis"]);
    expect(exportMapStats.parses).toBe(1);
  });
  it("the imports of a file with no hint are found from its AST, or from its text when the AST is built on demand (oxlint)", () => {
    const settings = readSettings(undefined);
    const esm = `import store from "@/lib/store";\nstore.get("k");`;
    const cjs = `const store = require("../lib/store").default;\nstore.get("k");`;
    for (const code of [esm, cjs]) {
      expect(importsRedisModule({ text: code }, at("text-only.ts"), settings)).toBe(true);
      const { sourceCode } = lintForModel(code, { filename: at("ast.ts"), parser: "plugin" });
      expect(importsRedisModule(sourceCode, at("ast.ts"), settings)).toBe(true);
    }
    // A path that names no client is not read, whatever it exports; a look-alike is read and says no.
    expect(importsRedisModule({ text: `import { redis } from "../lib/index";` }, at("x.ts"), settings)).toBe(false);
    expect(importsRedisModule({ text: `import { cache } from "../lib/cache";` }, at("x.ts"), settings)).toBe(false);
  });
  it("a file with no hint of Redis that imports only look-alikes stays answered by the early exit", () => {
    const { model } = lintForModel(`import { cache } from "@/lib/cache";\ncache.get("k"); cache.set("k", "v");`, {
      filename: at("plain-cache.ts"),
      parser: "plugin",
    });
    expect(model.calls).toEqual([]);
    expect(exportMapStats.parses).toBe(0);
  });
  it("a module is parsed once per run (cached by path and mtime)", () => {
    calls(`import { redis } from "../lib/redis"; redis.get("k");`, "one.ts");
    calls(`import { redis } from "../lib/redis"; redis.set("k", "v");`, "two.ts");
    expect(exportMapStats.parses).toBe(1);
  });
});
