/**
 * End to end: the BUILT package (dist/index.mjs) loaded as users load it, run through ESLint's
 * Node API with its presets on the fixture project tests/fixtures/basic/ (one file per
 * extension). Other rules are written concurrently, so findings are compared for
 * `redis/no-keys` only, plus "no rule reports anything in the look-alike files".
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { DIST_ENTRY, ROOT, ensureBuilt } from "./build.js";

const FIXTURE = join(ROOT, "tests", "fixtures", "basic");
const EXTENSIONS = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"];

interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, unknown>;
  configs: Record<"recommended" | "strict" | "all" | "recommended-type-checked", Linter.Config>;
}

/** `file:line` of every `redis/no-keys` finding in the fixture. */
const EXPECTED_NO_KEYS = [
  "Dashboard-keys.jsx:5", // @vercel/kv kv.keys() in JSX
  "Page-keys.tsx:7", // GLIDE client.keys() in TSX
  "Page-keys.tsx:8", // GLIDE customCommand(["KEYS", ...])
  "bun-keys.js:5", // Bun redis.send("KEYS", [...])
  "bun-keys.js:6", // Bun.redis.keys()
  "cache-keys.mts:8", // node-redis client.KEYS()
  "cache-keys.mts:13", // node-redis sendCommand(["KEYS", ...])
  "edge-keys.mjs:7", // Upstash Redis.fromEnv().keys()
  "legacy-keys.cjs:10", // ioredis through require() in a .cjs file
  "session-keys.ts:8", // ioredis this.redis.keys() on an injected client
  "worker-keys.cts:7", // ioredis Cluster from a destructured require()
];

let plugin: Plugin;
const results = new Map<string, ESLint.LintResult[]>();

async function lint(preset: keyof Plugin["configs"]): Promise<ESLint.LintResult[]> {
  let cached = results.get(preset);
  if (!cached) {
    const eslint = new ESLint({ cwd: FIXTURE, overrideConfigFile: true, overrideConfig: [plugin.configs[preset]] });
    cached = await eslint.lintFiles(["."]);
    results.set(preset, cached);
  }
  return cached;
}

function findings(list: ESLint.LintResult[], ruleId?: string): string[] {
  return list
    .flatMap((r) =>
      r.messages.filter((m) => !ruleId || m.ruleId === ruleId).map((m) => `${basename(r.filePath)}:${m.line}`),
    )
    .sort(byFileThenLine);
}

/** `file:line` strings, by file name (code-point order) then line number. */
function byFileThenLine(a: string, b: string): number {
  const [fa, la] = [a.slice(0, a.lastIndexOf(":")), Number(a.slice(a.lastIndexOf(":") + 1))];
  const [fb, lb] = [b.slice(0, b.lastIndexOf(":")), Number(b.slice(b.lastIndexOf(":") + 1))];
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

function fatal(list: ESLint.LintResult[]): string[] {
  return list.flatMap((r) =>
    r.messages.filter((m) => m.fatal).map((m) => `${basename(r.filePath)}:${m.line}: ${m.message}`),
  );
}

beforeAll(async () => {
  ensureBuilt();
  plugin = ((await import(pathToFileURL(DIST_ENTRY).href)) as { default: Plugin }).default;
}, 120_000);

describe("the built plugin", () => {
  it('loads with `import redis from "eslint-plugin-redis"` in plain Node (exports map, no TypeScript loader)', () => {
    const script = `
      import redis from "eslint-plugin-redis";
      import pkg from "eslint-plugin-redis/package.json" with { type: "json" };
      const configs = Object.fromEntries(Object.entries(redis.configs).map(([k, c]) => [k, { name: c.name, files: c.files, rules: Object.keys(c.rules), parser: c.languageOptions.parser.meta.name }]));
      console.log(JSON.stringify({ meta: redis.meta, pkg: [pkg.name, pkg.version], configs, rules: Object.keys(redis.rules) }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    const loaded = JSON.parse(out) as {
      meta: Plugin["meta"];
      pkg: [string, string];
      configs: Record<string, { name: string; files: string[]; rules: string[]; parser: string }>;
      rules: string[];
    };
    expect(loaded.meta).toEqual({ name: loaded.pkg[0], version: loaded.pkg[1], namespace: "redis" });
    expect(loaded.pkg[0]).toBe("eslint-plugin-redis");
    expect(Object.keys(loaded.configs)).toEqual(["recommended", "strict", "all", "recommended-type-checked"]);
    expect(loaded.configs.recommended.rules).toContain("redis/no-keys");
    expect(loaded.configs.recommended.parser).toBe("eslint-plugin-redis/parser");
    for (const config of Object.values(loaded.configs)) {
      expect(config.files).toEqual(["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"]);
      // Every rule a preset turns on is shipped.
      for (const id of config.rules) expect(loaded.rules).toContain(id.replace(/^redis\//, ""));
    }
    expect(loaded.configs.all.rules).toHaveLength(loaded.rules.length);
  });

  it("is a complete plugin through require() too (Node >= 20.19 loads ES modules with require)", () => {
    const script = `const redis = require("eslint-plugin-redis"); console.log(JSON.stringify([redis.meta.name, Object.keys(redis.configs), Object.keys(redis.rules).length === Object.keys(redis.default.rules).length]));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([
      "eslint-plugin-redis",
      ["recommended", "strict", "all", "recommended-type-checked"],
      true,
    ]);
  });

  it("ships every rule of src/rules, and nothing else", () => {
    const files = readdirSync(join(ROOT, "src", "rules"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(plugin.rules).sort()).toEqual(files);
  });
});

describe("recommended preset on tests/fixtures/basic", () => {
  it("lints a file of every extension without parse errors", async () => {
    const list = await lint("recommended");
    expect(fatal(list)).toEqual([]);
    const linted = new Set(list.map((r) => extname(r.filePath)));
    for (const ext of EXTENSIONS) expect(linted, ext).toContain(ext);
    expect(list).toHaveLength(13);
  });

  it("reports KEYS in every client, at the exact lines", async () => {
    const list = await lint("recommended");
    expect(findings(list, "redis/no-keys")).toEqual(EXPECTED_NO_KEYS);
    const first = list
      .find((r) => r.filePath.endsWith("session-keys.ts"))!
      .messages.find((m) => m.ruleId === "redis/no-keys")!;
    expect(first).toMatchObject({ severity: 2, column: 24 });
    expect(first.message).toMatch(/^KEYS \(ioredis keys\(\)\) walks the whole keyspace/);
    expect(first.suggestions?.[0]?.desc).toMatch(/scanStream/);
  });

  it("reports KEYS through require() in a .cjs file", async () => {
    expect(findings(await lint("recommended"), "redis/no-keys")).toContain("legacy-keys.cjs:10");
  });

  it("says nothing at all about look-alikes (Map#keys, RegExp#exec, db.multi, app.get, fs.watch, _.get, ...)", async () => {
    const list = await lint("recommended");
    const lookalikes = list.filter((r) => basename(r.filePath).startsWith("lookalike-"));
    expect(lookalikes.map((r) => basename(r.filePath)).sort()).toEqual([
      "lookalike-collections.js",
      "lookalike-db.mts",
      "lookalike-names.tsx",
      "lookalike-server.cjs",
      "lookalike-widget.js",
    ]);
    expect(
      lookalikes.flatMap((r) => r.messages.map((m) => `${basename(r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`)),
    ).toEqual([]);
  });
});

describe.each(["strict", "all", "recommended-type-checked"] as const)("%s preset", (preset) => {
  it("is a valid config that lints the fixture: same KEYS findings, silent look-alikes", async () => {
    const list = await lint(preset);
    expect(fatal(list)).toEqual([]);
    expect(findings(list, "redis/no-keys")).toEqual(EXPECTED_NO_KEYS);
    expect(findings(list.filter((r) => basename(r.filePath).startsWith("lookalike-")))).toEqual([]);
  });
});
