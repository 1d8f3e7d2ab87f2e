/**
 * oxlint: the built plugin as an oxlint JS plugin (`jsPlugins` in `.oxlintrc.json`), run by the
 * real `oxlint` binary on the fixtures, gives exactly the findings ESLint gives without type
 * information (rule, file, line, column, message), and `--fix` writes the same code. Rules are
 * compared as a whole (every redis rule on, like the `all` preset), so rules still being written
 * are covered without hard-coding their findings here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type BuiltPlugin,
  type Finding,
  NODE_MODULES,
  ROOT,
  builtPlugin,
  cleanUp,
  eslintFindings,
  fatalMessages,
  key,
  project,
  run,
  sortFindings,
  versionOf,
} from "./support.js";

// Real processes (ESLint, oxlint, git, npm) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

const OXLINT = join(NODE_MODULES, "oxlint", "bin", "oxlint");
/** What both linters are asked to lint in the project (the fixture's own files). */
const TARGETS = ["src", "basic"];

interface OxlintDiagnostic {
  message: string;
  code: string;
  severity: "error" | "warning";
  filename: string;
  labels: { span: { offset: number; length: number; line: number; column: number } }[];
}

let plugin: BuiltPlugin;

beforeAll(async () => {
  plugin = await builtPlugin();
}, 180_000);
afterAll(cleanUp);

/** `.oxlintrc.json` turning on every rule of the plugin (as the `all` preset does in ESLint). */
function oxlintrc(severity: "error" | "warn" = "error"): string {
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`redis/${name}`, severity]));
  // oxlint's own default rules (`correctness`) off: every diagnostic left is the plugin's.
  const config = { jsPlugins: ["eslint-plugin-redis"], categories: { correctness: "off" }, rules };
  return JSON.stringify(config, null, 2);
}

function oxlint(
  cwd: string,
  args: string[],
): { status: number | null; diagnostics: OxlintDiagnostic[]; stderr: string } {
  const r = run(process.execPath, [OXLINT, "--format", "json", ...args], cwd);
  let parsed: { diagnostics: OxlintDiagnostic[] };
  try {
    parsed = JSON.parse(r.stdout) as { diagnostics: OxlintDiagnostic[] };
  } catch {
    throw new Error(`oxlint printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, diagnostics: parsed.diagnostics, stderr: r.stderr };
}

/** oxlint prints `redis(no-keys)` for ESLint's `redis/no-keys`, and ends messages with a period. */
function oxlintFindings(diagnostics: OxlintDiagnostic[]): Finding[] {
  return sortFindings(
    diagnostics
      .filter((d) => d.code.startsWith("redis("))
      .map((d) => ({
        rule: d.code.replace(/^redis\((.*)\)$/, "redis/$1"),
        file: d.filename.split("\\").join("/"),
        line: d.labels[0]!.span.line,
        column: d.labels[0]!.span.column,
        message: stripPeriod(d.message),
      })),
  );
}

const stripPeriod = (m: string): string => m.replace(/\.$/, "");

describe(`oxlint ${versionOf("oxlint")} with jsPlugins: ["eslint-plugin-redis"]`, () => {
  it("reports the same findings as ESLint (without type information) on the same files", async () => {
    const dir = project("where-users-run", { packages: ["oxlint"], extra: { basic: "basic" } });
    writeFileSync(join(dir, ".oxlintrc.json"), oxlintrc());
    // Commands called through promisified copies of the client's methods (recognition/aliases.ts).
    writeFileSync(
      join(dir, "src", "promisified-copies.cjs"),
      `const redis = require("redis");\nconst { promisify } = require("util");\n\nconst client = redis.createClient();\nconst setnxAsync = promisify(client.setnx).bind(client);\nconst expireAsync = promisify(client.expire).bind(client);\n\nasync function acquire(key) {\n  if (await setnxAsync(key, "1")) await expireAsync(key, 30);\n}\n\nmodule.exports = { acquire };\n`,
    );

    const ox = oxlint(dir, TARGETS);
    // Nothing but the plugin's findings: no "Error running JS plugin", no parse errors.
    expect(
      ox.diagnostics.filter((d) => !d.code?.startsWith("redis(")).map((d) => `${d.filename}: ${d.message}`),
    ).toEqual([]);
    const fromOxlint = oxlintFindings(ox.diagnostics);

    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.all] });
    const results = await eslint.lintFiles(TARGETS);
    expect(fatalMessages(results)).toEqual([]);
    const fromEslint = eslintFindings(results, dir, { messages: true }).map((f) => ({
      ...f,
      message: stripPeriod(f.message!),
    }));

    expect(fromOxlint.map(key)).toEqual(fromEslint.map(key));
    // Not vacuous: the findings of the final rule `redis/no-keys` are among them.
    const keys = fromOxlint.filter((f) => f.rule === "redis/no-keys").map((f) => `${f.file}:${f.line}:${f.column}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "src/keys.ts:7:10",
        "src/jobs.cjs:9:10",
        "basic/session-keys.ts:8:24",
        "basic/legacy-keys.cjs:10:10",
      ]),
    );
    expect(keys).toHaveLength(13);
    // Not vacuous either for the rules with a fixture file of their own (src/<file> named after the rule).
    expect(fromOxlint.map((f) => `${f.file} ${f.rule}`)).toEqual(
      expect.arrayContaining([
        "src/blocking-on-shared-client.ts redis/no-blocking-on-shared-client",
        "src/cache-delete-after-db-write.ts redis/cache-delete-after-db-write",
        "src/compensating-decrement.ts redis/no-compensating-decrement",
        "src/connect.js redis/require-connect",
        "src/cross-slot.ts redis/no-cross-slot",
        "src/dynamic-lua-script.ts redis/no-dynamic-lua-script",
        "src/error-listener.mts redis/require-error-listener",
        "src/promisified-copies.cjs redis/no-setnx-expire",
        "src/incomplete-scan.ts redis/no-incomplete-scan",
        "src/ttl-unit-mismatch.ts redis/no-ttl-unit-mismatch",
      ]),
    );
    // ESLint's error severity is oxlint's "error": the exit code fails the run.
    expect(ox.status).toBe(1);
  });

  it.each(["recommended", "strict"] as const)(
    "gives the same findings and severities as ESLint with the %s preset's rule levels and options, and settings.redis",
    async (preset) => {
      const dir = project("where-users-run", { packages: ["oxlint"] });
      // A client imported from the project's own module, named in settings.redis.clientNames.
      writeFileSync(
        join(dir, "src", "named.ts"),
        `import { cache } from "./lib/cache";\n\nexport async function all(): Promise<string[]> {\n  return cache.keys("*");\n}\n`,
      );
      // A read queued in MULTI: reported only with strict's { allowReadsInMulti: false }.
      writeFileSync(
        join(dir, "src", "multi.ts"),
        `import Redis from "ioredis";\n\nconst redis = new Redis();\n\nexport async function bump(): Promise<void> {\n  await redis.multi().get("a").incr("b").exec();\n}\n`,
      );
      const settings = { redis: { clientNames: ["cache"] } };
      const { rules } = plugin.configs[preset];
      writeFileSync(
        join(dir, ".oxlintrc.json"),
        JSON.stringify(
          { jsPlugins: ["eslint-plugin-redis"], categories: { correctness: "off" }, settings, rules },
          null,
          2,
        ),
      );
      const ox = oxlint(dir, ["src"]);
      const eslint = new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [plugin.configs[preset], { settings }],
      });
      const results = await eslint.lintFiles(["src"]);
      const severity = (ruleId: string | null, line: number, column: number) =>
        results.flatMap((r) => r.messages).find((m) => m.ruleId === ruleId && m.line === line && m.column === column)
          ?.severity;
      const fromOxlint = oxlintFindings(ox.diagnostics);
      expect(fromOxlint.map(key)).toEqual(
        eslintFindings(results, dir, { messages: true }).map((f) => key({ ...f, message: stripPeriod(f.message!) })),
      );
      expect(fromOxlint.map((f) => `${f.file} ${f.rule}`)).toContain("src/named.ts redis/no-keys");
      expect(fromOxlint.some((f) => f.file === "src/multi.ts")).toBe(preset === "strict");
      for (const d of ox.diagnostics) {
        const span = d.labels[0]!.span;
        expect(d.severity).toBe(
          severity(d.code.replace(/^redis\((.*)\)$/, "redis/$1"), span.line, span.column) === 2 ? "error" : "warning",
        );
      }
    },
  );

  it.each([
    ["src/lock.js", "redis/no-setnx-expire"],
    ["src/ttl-unit-mismatch.ts", "redis/no-ttl-unit-mismatch"],
  ])("--fix writes the same code as ESLint's --fix (%s, %s)", async (path, rule) => {
    const dir = project("where-users-run", { packages: ["oxlint"] });
    writeFileSync(join(dir, ".oxlintrc.json"), oxlintrc());
    const file = join(dir, path);
    const before = readFileSync(file, "utf8");

    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.all], fix: true });
    const [result] = await eslint.lintFiles([path]);
    expect(result!.output, `ESLint fixes ${path} (${rule})`).toBeDefined();
    expect(result!.output).not.toBe(before);

    oxlint(dir, ["--fix", path]);
    expect(readFileSync(file, "utf8")).toBe(result!.output);
  });

  // oxlint gives every file the same `context.sourceCode` object and patches the global `WeakMap`
  // so that maps keyed by it still work per file; a JS config that imports the plugin evaluates it
  // before that patch. The model cache is keyed by `sourceCode.ast`, a new object per file.
  it("loads from a JavaScript config too (`oxlint -c oxlint.config.mjs`, rules spread from the preset)", async () => {
    const dir = project("where-users-run", { packages: ["oxlint"] });
    writeFileSync(
      join(dir, "oxlint.config.mjs"),
      `import { defineConfig } from "oxlint";\nimport redis from "eslint-plugin-redis";\n\nexport default defineConfig({\n  jsPlugins: ["eslint-plugin-redis"],\n  rules: redis.configs.recommended.rules,\n});\n`,
    );
    const ox = oxlint(dir, ["-c", "oxlint.config.mjs", "src"]);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
    const fromEslint = eslintFindings(await eslint.lintFiles(["src"]), dir).map(key);
    expect(oxlintFindings(ox.diagnostics).map(({ message: _, ...f }) => key(f))).toEqual(fromEslint);
    expect(fromEslint).toContain("src/keys.ts:7:10 redis/no-keys");
  });

  it("the README's .oxlintrc.json recipe is valid JSON that turns on every rule of the recommended preset at its level", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Running it: pre-commit, CI annotations, oxlint, CLI"));
    const block = /```jsonc?\n\/\/ \.oxlintrc\.json\n([\s\S]*?)```/.exec(section);
    expect(block, "a ```json block starting with `// .oxlintrc.json` in the README section").not.toBeNull();
    const config = JSON.parse(block![1]!) as { jsPlugins: string[]; rules: Record<string, unknown> };
    expect(config.jsPlugins).toEqual(["eslint-plugin-redis"]);
    expect(config.rules).toEqual(plugin.configs.recommended.rules);
  });
});
