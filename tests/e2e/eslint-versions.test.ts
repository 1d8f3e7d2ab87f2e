/**
 * ESLint 9 and 10: the built plugin gives identical results under ESLint 10 (`eslint`) and the
 * latest ESLint 9 (`eslint9`, an npm alias), through the Node API (every rule on, fixes
 * included, and the type-aware preset) and through each version's own command line loading a
 * project's eslint.config.mjs, or its CommonJS eslint.config.js. Compared run against run, so
 * rules still being written are covered without hard-coding their findings.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint as ESLint10, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint9";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type BuiltPlugin,
  FIXTURES,
  NODE_MODULES,
  builtPlugin,
  cleanUp,
  eslintFindings,
  fatalMessages,
  key,
  project,
  run,
  versionOf,
} from "./support.js";

// Real processes (ESLint, oxlint, git, npm) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

type AnyESLint = typeof ESLint10 | typeof ESLint9;
const VERSIONS: [string, AnyESLint, string][] = [
  [versionOf("eslint"), ESLint10, join(NODE_MODULES, "eslint", "bin", "eslint.js")],
  [versionOf("eslint9"), ESLint9, join(NODE_MODULES, "eslint9", "bin", "eslint.js")],
];

let plugin: BuiltPlugin;
let dir: string;

beforeAll(async () => {
  plugin = await builtPlugin();
  dir = project("where-users-run", { extra: { basic: "basic" } });
}, 180_000);
afterAll(cleanUp);

interface Run {
  findings: string[];
  outputs: Record<string, string>;
}

async function lint(
  ESLint: AnyESLint,
  cwd: string,
  config: Linter.Config[],
  patterns: string[],
  fix = false,
): Promise<Run> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config as never, fix });
  const results = (await eslint.lintFiles(patterns)) as ESLint10.LintResult[];
  expect(fatalMessages(results)).toEqual([]);
  const outputs = Object.fromEntries(
    results.filter((r) => r.output !== undefined).map((r) => [r.filePath.slice(cwd.length + 1), r.output!]),
  );
  return { findings: eslintFindings(results, cwd, { messages: true }).map(key), outputs };
}

describe(`ESLint ${VERSIONS[0]![0]} and ESLint ${VERSIONS[1]![0]}`, () => {
  it("load the built plugin and agree on every finding (all rules on), message for message", async () => {
    const [ten, nine] = await Promise.all(
      VERSIONS.map(([, ESLint]) => lint(ESLint, dir, [plugin.configs.all], ["src", "basic"])),
    );
    expect(nine!.findings).toEqual(ten!.findings);
    expect(ten!.findings.filter((f) => f.includes(" redis/no-keys ")).length).toBe(13);
  });

  it("write the same fixes", async () => {
    const [ten, nine] = await Promise.all(
      VERSIONS.map(([, ESLint]) => lint(ESLint, dir, [plugin.configs.all], ["src", "basic"], true)),
    );
    expect(nine!.outputs).toEqual(ten!.outputs);
    expect(Object.keys(ten!.outputs)).toContain("src/lock.js");
  });

  it("agree on the type-aware preset (projectService) and find the KEYS known only by type", async () => {
    const fixture = join(FIXTURES, "type-aware");
    const [ten, nine] = await Promise.all(
      VERSIONS.map(([, ESLint]) => lint(ESLint, fixture, [plugin.configs["recommended-type-checked"]], ["."])),
    );
    expect(nine!.findings).toEqual(ten!.findings);
    expect(ten!.findings.map((f) => f.slice(0, f.indexOf(" ")))).toEqual(["inventory.ts:5:10", "use.ts:5:22"]);
  });

  // The project is what `npm init -y` writes ("type": "commonjs"), so the README's two forms:
  // ES module syntax in eslint.config.mjs, CommonJS in eslint.config.js (require() of the ESM-only
  // plugin, Node >= 20.19) with `.default`, so that `plugins: { redis }` is the presets' plugin object.
  const CONFIGS: Record<string, string> = {
    "eslint.config.mjs": `import redis from "eslint-plugin-redis";\n\nexport default [redis.configs.recommended];\n`,
    "eslint.config.js": `const redis = require("eslint-plugin-redis").default;\n\nmodule.exports = [redis.configs.recommended, { plugins: { redis }, rules: {} }];\n`,
  };
  const CLI_RUNS = VERSIONS.flatMap(([version, , bin]) =>
    Object.keys(CONFIGS).map((file) => [version, file, bin] as const),
  );

  it.each(CLI_RUNS)("ESLint %s's own CLI with %s: the same findings and exit code", async (_, file, bin) => {
    for (const other of Object.keys(CONFIGS)) rmSync(join(dir, other), { force: true });
    writeFileSync(join(dir, file), CONFIGS[file]!);
    const r = run(process.execPath, [bin, "--format", "json", "src", "basic"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as ESLint10.LintResult[];
    const expected = await lint(ESLint10, dir, [plugin.configs.recommended], ["src", "basic"]);
    expect(eslintFindings(results, dir, { messages: true }).map(key)).toEqual(expected.findings);
  });
});
