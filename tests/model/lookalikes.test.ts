/** Code that is not Redis: the early exit, and look-alike APIs that must not become clients. */
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { getModel } from "../../src/model/index.js";
import { modelOf } from "./harness.js";

describe("files without Redis", () => {
  it("get the shared empty model, built once for all of them", () => {
    const a = modelOf(`const m = new Map(); m.get("k"); export default m;`);
    const b = modelOf(`import fs from "node:fs"; fs.readFileSync("x");`, { filename: "other.ts" });
    expect(a.hasRedis).toBe(false);
    expect(a).toBe(b);
    expect(a.calls).toEqual([]);
    expect(a.transactions).toEqual([]);
    expect(a.callsByFunction.size).toBe(0);
  });

  it("the empty model answers every question without throwing", () => {
    const m = modelOf(`export const x = 1;`);
    expect(m.valueOf({} as never)).toBeNull();
    expect(m.callAt({} as never)).toBeUndefined();
    expect(m.isRawMulti({} as never)).toBe(false);
    expect(m.settings.clientNames).toContain("redis");
  });

  it("a file that passes the text test but has no Redis builds a model with hasRedis false", () => {
    const empty = modelOf(`export const x = 1;`);
    const m = modelOf(
      `export const f = (redis) => redis;\nexport const g = (db) => db.multi("SELECT 1").then((r) => r);`,
    );
    expect(m).not.toBe(empty);
    expect(m.hasRedis).toBe(false);
  });

  it("one model per file, shared by every rule (cached by SourceCode)", () => {
    const seen: unknown[] = [];
    const recorder = { meta: { schema: [] }, create: (context: never) => (seen.push(getModel(context)), {}) };
    const linter = new Linter({ configType: "flat" });
    const config = {
      files: ["**/*.ts"],
      plugins: { t: { rules: { a: recorder, b: recorder } } },
      languageOptions: { parser: tsParser },
      rules: { "t/a": "error", "t/b": "error" },
    } as Linter.Config;
    linter.verify(`import Redis from "ioredis"; new Redis().get("a");`, [config], "a.ts");
    linter.verify(`import Redis from "ioredis"; new Redis().get("a");`, [config], "b.ts");
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[0]).not.toBe(seen[2]);
  });
});

describe("look-alikes are not Redis", () => {
  it.each([
    ["Map#keys / Map#get", `const m = new Map(); [...m.keys()]; m.get("k"); m.set("k", 1); m.delete("k");`],
    ["Set and WeakMap", `const s = new Set(); s.keys(); const w = new WeakMap(); w.get({}); w.set({}, 1);`],
    ["RegExp#exec", `const re = /a(b)/; re.exec("ab"); new RegExp("x").exec("x");`],
    ["Object.keys", `Object.keys({ a: 1 }); Reflect.ownKeys({});`],
    [
      "an object literal with keys()",
      `const store = { keys() { return []; }, get(k) { return k; } }; store.keys("*"); store.get("k");`,
    ],
    [
      "pg-promise db.multi",
      `import pgPromise from "pg-promise"; const db = pgPromise()(""); await db.multi("SELECT 1; SELECT 2"); await db.tx((t) => t.batch([]));`,
    ],
    [
      "express app.get",
      `import express from "express"; const app = express(); app.get("/", (q, s) => s.send("ok")); app.set("x", 1); app.del?.("/x");`,
    ],
    ["fs.watch", `import fs from "node:fs"; fs.watch("./dir", () => {}); fs.unlink("x", () => {});`],
    ["lodash _.get", `import _ from "lodash"; _.get({}, "a.b"); _.set({}, "a", 1); _.keys({});`],
    ["a Map named redis", `const redis = new Map(); redis.get("k"); redis.keys();`],
    ["a class instance named redis", `class Fake { get() {} } const redis = new Fake(); redis.get("k");`],
    ["Node's stream.pipeline", `import stream from "node:stream"; stream.pipeline(a, b, () => {});`],
    [
      "knex transaction and exec-like calls",
      `const trx = await knex.transaction(); await trx("t").insert({}); await trx.commit(); cp.exec("ls");`,
    ],
    ["mongoose exec()", `await User.find({}).sort("name").exec();`],
    [
      "a redis-named package that is not a client",
      `import { Redis } from "./redis-config"; const cfg = new Redis(); cfg.get("host");`,
    ],
  ])("%s", (_name, code) => {
    const m = modelOf(code);
    expect(m.calls).toEqual([]);
    expect(m.transactions).toEqual([]);
    expect(m.hasRedis).toBe(false);
  });
});
