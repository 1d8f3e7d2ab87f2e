/**
 * The shape of the model's cost (design.md, "Cost"), without timing anything: a file with no Redis
 * never builds a model; a Redis file builds one without walking the whole AST (candidates are
 * found by following values forward); the whole-AST walk is kept for the cases that need it.
 * Figures are in `node scripts/model-cost.mjs`; equivalence with the walk in
 * `npm run model:equivalence`.
 */
import { describe, expect, it } from "vitest";
import { type FileModel, UNAMBIGUOUS_TYPE_NAMES, getModel, hasHint, hasHintSlow } from "../../src/model/index.js";
import { modelOf, summary } from "./harness.js";

/** Whether the model of one file was built (not answered by the early exit), and how. */
function counted(f: () => FileModel): { result: FileModel; builds: number; fullWalks: number } {
  const result = f();
  return { result, builds: result.build ? 1 : 0, fullWalks: result.build?.fullWalk ? 1 : 0 };
}

describe("performance shape", () => {
  it("the early exit's one-pass-per-anchor hint test agrees with the plain `includes` form", () => {
    const hints = [
      "redis",
      "Redis",
      "valkey",
      "Valkey",
      "@vercel/kv",
      "VercelKV",
      "Glide",
      ".multi",
      ".pipeline",
      "exec",
      '"bun',
    ];
    const texts = [
      "",
      "k",
      "dis",
      "bun",
      "kv",
      "@vercel/k",
      "vercel/kv",
      "Valke",
      "alkey",
      "vAlkey",
      "rdis",
      "Rdis",
      "edis",
      "rEdis",
      '"bu',
      "`bun",
      "multi",
      "pipeline",
      ".pipelin",
      "Glid",
      "VercelK",
      "xec",
      "exe",
      "eXec",
    ];
    for (const h of hints) {
      for (const t of [
        h,
        `x${h}`,
        `${h}x`,
        `xx${h}yy`,
        h.slice(1),
        h.slice(0, -1),
        `${h.slice(0, -1)} ${h.slice(-1)}`,
        `${h[0]}${h}`,
      ]) {
        texts.push(
          t,
          `k dis bun xec ${t}`,
          `${t} k dis bun`,
          `exec ${t}`,
          `${t}.exec()`,
          `.multi ${t}`,
          `${t} .pipeline`,
        );
      }
    }
    for (const a of hints)
      for (const b of hints) texts.push(a.slice(0, 3) + b.slice(2), a.slice(0, -2) + b, `${a} ${b}`);
    for (const t of texts) expect(hasHint(t), JSON.stringify(t)).toBe(hasHintSlow(t));
  });

  it("a file with no Redis in it never builds a model", () => {
    const code = `
      import { readFile } from "node:fs/promises";
      export async function load(path) {
        const text = await readFile(path, "utf8");
        const bundle = text.split("\\n").map((l) => l.trim());
        return { multiple: bundle.length, pipelineStage: 1 };
      }`;
    const { result, builds } = counted(() => modelOf(code, { filename: "file.js", parser: "plugin" }));
    expect(builds).toBe(0);
    expect(result.hasRedis).toBe(false);
  });

  it("a mention of Redis outside code (comments, log messages, Lua scripts, JSX text) or in other names builds no model", () => {
    const files = [
      `// Connects to Redis through the redis package, with ioredis as a fallback.\nexport const f = () => 1;`,
      `/* @vercel/kv, @valkey/valkey-glide, Valkey, GlideClient, VercelKV */\nexport const f = () => 1;`,
      `export const log = (e) => console.error("redis connection lost", e, 'ioredis: retrying');`,
      "export const script = `local v = redis.call('GET', KEYS[1])\nreturn redis.call('DEL', KEYS[1])`;",
      `const o = { "redisHost": 1, 'ioredis-mock': 2 };\nexport default o;`,
      `export const redisUrl = process.env.REDIS_URL;\nexport function isRedisReady(redisOptions) { return !!redisOptions.host; }`,
      `// x.multi() ... exec()\nconst exec = (q) => q.run();\nexport default exec;`,
    ];
    for (const code of files) {
      const { result, builds } = counted(() => modelOf(code, { filename: "file.js", parser: "plugin" }));
      expect({ code, builds }).toEqual({ code, builds: 0 });
      expect(result.hasRedis).toBe(false);
    }
    const jsx = counted(() =>
      modelOf(`export const C = () => <p>Redis is down</p>;`, { filename: "file.jsx", parser: "plugin" }),
    );
    expect(jsx.builds).toBe(0);
  });

  it("a text with no hint is answered without the AST, once per file and settings", () => {
    let astReads = 0;
    const sourceCode = {
      text: `export const f = (conn) => conn.get("k");`,
      get ast(): never {
        astReads++;
        throw new Error("the early exit read the AST");
      },
    };
    const settings = {};
    const context = { sourceCode, settings } as unknown as Parameters<typeof getModel>[0];
    for (let rule = 0; rule < 14; rule++) expect(getModel(context).hasRedis).toBe(false);
    expect(astReads).toBe(0);
    // The same text with settings that name `conn` a client: asked again, and modelled.
    const named = modelOf(sourceCode.text, { filename: "file.js", parser: "plugin", redis: { clientNames: ["conn"] } });
    expect(summary(named)).toEqual(["get→get @client (unknown, unknown/unknown)"]);
    // And with the default settings again: no Redis.
    expect(modelOf(sourceCode.text, { filename: "file.js", parser: "plugin" }).hasRedis).toBe(false);
  });

  it("a hint counts in a name, a computed member name, or a client package's name", () => {
    const files = [
      `export const f = (deps) => deps.redis.get("k");`,
      "const Redis = require(`ioredis`);\nnew Redis().get('k');",
      `const { createClient } = require("redis");\nexport const c = createClient();\nc.get("k");`,
      `import { kv } from "@vercel/kv";\nkv.get("k");`,
      `const x = make();\nx.multi().set("a", "1").exec();`,
      `const c = new Bun.RedisClient();\nawait c.get("k");`,
      `class S { #redis = make(); get() { return this.#redis.get("k"); } }`,
    ];
    for (const code of files) {
      const { result, builds } = counted(() => modelOf(code, { filename: "file.js", parser: "plugin" }));
      expect({ code, builds }).toEqual({ code, builds: 1 });
      expect({ code, calls: result.calls.length > 0 }).toEqual({ code, calls: true });
    }
    // A computed member name is where the search looks for names too (the model decides).
    for (const code of [`export const f = (app) => app["redis"];`, "export const f = (app) => app[`redis`];"]) {
      expect({ code, builds: counted(() => modelOf(code, { filename: "file.js", parser: "plugin" })).builds }).toEqual({
        code,
        builds: 1,
      });
    }
  });

  it("a Redis file is modelled without walking the whole AST", () => {
    const code = `
      import Redis from "ioredis";
      const redis = new Redis();
      class Store {
        private client = new Redis();
        constructor(private readonly cache: Redis) {}
        async save(k: string) {
          const tx = this.client.multi();
          tx.set(k, "1");
          await tx.exec();
          return this.cache.get(k);
        }
      }
      export async function f(deps: { redis: unknown }) {
        await redis.get("a");
        return deps.redis;
      }`;
    const { result, builds, fullWalks } = counted(() => modelOf(code));
    expect(builds).toBe(1);
    expect(fullWalks).toBe(0);
    expect(summary(result)).toEqual([
      "multi→multi @client (ioredis, ioredis/shared)",
      "set→set @transaction (ioredis, ioredis/shared)",
      "exec→exec @transaction (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
      "get→get @client (ioredis, ioredis/shared)",
    ]);
  });

  it("names written with escapes fall back to the whole-AST walk, with the same result", () => {
    const code = `import Redis from "ioredis";\nconst re\\u0064is = new Redis();\nredis.get("k");\n`;
    const { result, fullWalks } = counted(() => modelOf(code, { filename: "file.js", parser: "plugin" }));
    expect(fullWalks).toBe(1);
    expect(summary(result)).toEqual(["get→get @client (ioredis, ioredis/shared)"]);
  });

  it("the early exit lets every kind of evidence through", () => {
    const files = [
      ...Object.keys(UNAMBIGUOUS_TYPE_NAMES).map((name) => `declare const c: ${name};\nc.get("k");`),
      `const r = require('bun'); r.redis.get("k");`,
      `import { redis } from "bun";\nredis.get("k");`,
      `const c = Bun.redis; c.get("k");`,
      `const x = make();\nx.multi().set("a", "1").exec();`,
      `const x = make();\nx.pipeline().get("a").exec();`,
      `import { kv } from "@vercel/kv";\nkv.get("k");`,
      `import { GlideClient } from "@valkey/valkey-glide";\nconst c = await GlideClient.createClient({});\nc.get("k");`,
    ];
    for (const code of files) {
      const { result, builds } = counted(() => modelOf(code));
      expect({ code, builds }).toEqual({ code, builds: 1 });
      expect({ code, calls: result.calls.length > 0 }).toEqual({ code, calls: true });
    }
  });
});
