/**
 * The family of a client whose package the file does not show (recognised by name, structure or
 * evidence), in the order a reader uses (`fallbackFamily`, src/model/clients.ts): a client made by
 * an import or constructor, or typed as one, keeps its package's family; otherwise the file's own
 * evidence (node-redis spellings and option objects, ioredis `[err, value]` reply pairs); then
 * `settings.redis.defaultFamily`, the fallback.
 */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import * as dispatchingParser from "../../src/parser.js";
import { fallbackFamily } from "../../src/model/clients.js";
import { modelOf } from "./harness.js";

const js = { filename: "file.js", parser: "plugin" as const };

/** bullmq@5.81.5 dist/esm/classes/job.js `getDependencies`, trimmed: `client` from an accessor, pairs read without errors. */
const BULLMQ_PAIRS = `export class Job {
  async getDependencies() {
    const client = await this.queue.client;
    const multi = client.pipeline();
    multi.hgetall(this.toKey("processed"));
    multi.smembers(this.toKey("dependencies"));
    const [[err1, processed], [err2, unprocessed]] = await multi.exec();
    return { processed, unprocessed };
  }
  async getState() {
    const client = await this.queue.client;
    const results = await client.multi().zscore("a", this.id).zscore("b", this.id).exec();
    return results[0][1];
  }
}`;

const families = (code: string, redis?: Record<string, unknown>, options: object = {}) => [
  ...new Set(modelOf(code, { ...options, ...(redis && { redis }) }).calls.map((c) => c.family)),
];

describe("fallbackFamily: the file's evidence, then defaultFamily", () => {
  it("is the evidence when there is some, else the setting", () => {
    expect(fallbackFamily("ioredis", "node-redis")).toBe("ioredis");
    expect(fallbackFamily(null, "node-redis")).toBe("node-redis");
    expect(fallbackFamily(null, "unknown")).toBe("unknown");
  });
});

describe("clients recognised by name take the file's evidence", () => {
  it("a configured name (`client`) in a file that reads `[err, value]` pairs: ioredis (bullmq, corpus ledger L24–L26)", () => {
    expect(families(BULLMQ_PAIRS, { clientNames: ["client"] }, js)).toEqual(["ioredis"]);
  });

  it("a default name (`redis`) in a file that reads pairs: ioredis", () => {
    const code = `export async function f(redis) { const r = await redis.multi().get("a").get("b").exec(); return r[1][1]; }`;
    expect(families(code)).toEqual(["ioredis"]);
  });

  it("a default name in a file of node-redis spellings: node-redis", () => {
    expect(
      families(`export async function f(redis) { await redis.hSet("h", "f", "v"); return redis.get("k"); }`),
    ).toEqual(["node-redis"]);
  });

  it("not in a file that brings in clients of both families (tests/support/redis.test.ts: `setNX` on a node-redis client beside an ioredis one)", () => {
    const code = `import Redis from "ioredis";
import { createClient } from "redis";
import { crashAfter } from "./helpers";
export async function a() { const client = crashAfter(createClient()); await client.setNX("k", "1"); await client.get("k"); }
export async function b() { const redis = crashAfter(new Redis()); const other = redis.duplicate(); await other.set("k", "1"); }`;
    const m = modelOf(code, js);
    const named = m.calls.filter((c) => c.client?.via === "name").map((c) => c.family);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set(["unknown"]));
  });

  it("no evidence: the name's client keeps defaultFamily, or unknown when unset", () => {
    const code = `export async function f(redis) { return redis.get("k"); }`;
    expect(families(code)).toEqual(["unknown"]);
    expect(families(code, { defaultFamily: "node-redis" })).toEqual(["node-redis"]);
  });
});

describe("the file's evidence outranks defaultFamily", () => {
  it("pairs read in a file whose settings say node-redis: ioredis (ratelimiter test/index.js, ledger L30)", () => {
    const code = `export function f(db, done) {
      db.multi().pttl("a").pttl("b").exec(function (err, res) { if (err) return done(err); done(null, res[0][1]); });
    }`;
    expect(families(code, { clientNames: ["db"], defaultFamily: "node-redis" }, js)).toEqual(["ioredis"]);
  });

  it("node-redis spellings on a client by evidence, with defaultFamily ioredis: node-redis", () => {
    const code = `export async function f(client: any) { await client.hGetAll("h"); await client.zAdd("z", { score: 1, value: "a" }); }`;
    expect(families(code, { defaultFamily: "ioredis" })).toEqual(["node-redis"]);
  });

  it("a client by structure, with node-redis options beside it and defaultFamily ioredis: node-redis", () => {
    const code = `export async function f(c) { await c.set("k", "v", { NX: true, PX: 100 }); await c.multi().set("a", 1).exec(); }`;
    expect(families(code, { defaultFamily: "ioredis" })).toEqual(["node-redis"]);
  });

  it("settings that give a family but no evidence: the setting (structure, evidence, name)", () => {
    expect(
      families(`async function f(c) { await c.multi().set("a", 1).exec(); }`, { defaultFamily: "upstash" }),
    ).toEqual(["upstash"]);
    expect(
      families(`export async function f(client) { await client.setnx("k", 1); await client.expire("k", 1); }`, {
        defaultFamily: "glide",
      }),
    ).toEqual(["glide"]);
  });
});

describe("an explicit import or constructor outranks both", () => {
  it("`createClient()` from redis keeps node-redis beside pair reads and defaultFamily ioredis", () => {
    const code = `import { createClient } from "redis"; const client = createClient();
      export async function f() { const r = await client.multi().get("a").get("b").exec(); return r[0][1]; }`;
    expect(families(code, { defaultFamily: "ioredis" })).toEqual(["node-redis"]);
  });

  it("`new Redis()` from ioredis keeps ioredis beside node-redis spellings on another receiver", () => {
    const code = `import Redis from "ioredis"; const redis = new Redis();
      export async function f(other: any) { await other.hGetAll("h"); await other.zAdd("z", { score: 1, value: "a" }); return redis.get("k"); }`;
    const m = modelOf(code, { redis: { defaultFamily: "upstash" } });
    expect(m.calls.map((c) => `${c.method} ${c.family}`)).toEqual([
      "hGetAll node-redis",
      "zAdd node-redis",
      "get ioredis",
    ]);
  });
});

describe("no-ignored-exec-errors with per-package clientNames (the corpus' named run)", () => {
  const lint = (code: string, redis: Record<string, unknown>) =>
    new Linter({ configType: "flat" })
      .verify(
        code,
        [
          {
            files: ["**/*.js"],
            plugins: { redis: plugin as never },
            languageOptions: { parser: dispatchingParser as Linter.Parser, sourceType: "module" },
            settings: { redis },
            rules: { "redis/no-ignored-exec-errors": "error" },
          },
        ],
        "job.js",
      )
      .filter((m) => m.ruleId === "redis/no-ignored-exec-errors")
      .map((m) => m.line);

  it("reports the pairs read without their errors, as the default run does", () => {
    const lines = lint(BULLMQ_PAIRS, { clientNames: ["redis", "client"] });
    expect(lines).toEqual(lint(BULLMQ_PAIRS, {}));
    expect(lines.length).toBeGreaterThan(0);
  });

  it("and says nothing of a client whose family neither the file nor the settings give", () => {
    const code = `export async function f(client) { const r = await client.multi().get("a").get("b").exec(); return r.length; }`;
    expect(lint(code, { clientNames: ["client"] })).toEqual([]);
  });
});
