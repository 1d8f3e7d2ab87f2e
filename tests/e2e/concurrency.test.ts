/**
 * Parallel linting and caching: ESLint's `concurrency` (Node API) / `--concurrency` (CLI) lints
 * files in worker threads, each loading the plugin afresh from the project's eslint.config.mjs.
 * The findings must be the same as a single-threaded run, for ESLint 10 and 9 alike, with the
 * type-aware preset too (each worker builds its own TypeScript program). And `--cache` gives
 * the same findings on a cold and on a warm cache.
 *
 * A probe rule in the config reports the thread that linted each file, which proves the
 * parallel runs really ran in workers.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint as ESLint10 } from "eslint";
import { ESLint as ESLint9 } from "eslint9";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
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

const PATTERNS = ["src", "basic", "type-aware"];

const CONFIG = `import redis from "eslint-plugin-redis";
import { threadId } from "node:worker_threads";

const probe = {
  rules: {
    thread: {
      meta: { type: "suggestion", schema: [] },
      create: (context) => ({ Program: (node) => context.report({ node, message: \`thread \${threadId}\` }) }),
    },
  },
};

export default [
  { ...redis.configs.all, files: ["src/**", "basic/**"] },
  { ...redis.configs["recommended-type-checked"], files: ["type-aware/**/*.ts"] },
  { files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"], plugins: { probe }, rules: { "probe/thread": "warn" } },
];
`;

let dir: string;

beforeAll(async () => {
  await builtPlugin();
  // The type-aware fixture needs the client's types where TypeScript looks for them.
  dir = project("where-users-run", {
    extra: { basic: "basic", "type-aware": "type-aware" },
    packages: ["ioredis", "@ioredis/commands", "@types/node"],
  });
  // ES module syntax in a project made by `npm init -y` ("type": "commonjs"): the .mjs name.
  writeFileSync(join(dir, "eslint.config.mjs"), CONFIG);
}, 180_000);
afterAll(cleanUp);

interface Outcome {
  findings: string[];
  threads: Set<number>;
  files: number;
}

function outcome(results: ESLint10.LintResult[]): Outcome {
  expect(fatalMessages(results)).toEqual([]);
  const threads = new Set(
    results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === "probe/thread").map((m) => Number(m.message.slice("thread ".length))),
    ),
  );
  return { findings: eslintFindings(results, dir, { messages: true }).map(key), threads, files: results.length };
}

describe.each([
  [versionOf("eslint"), ESLint10, join(NODE_MODULES, "eslint", "bin", "eslint.js")],
  [versionOf("eslint9"), ESLint9, join(NODE_MODULES, "eslint9", "bin", "eslint.js")],
] as const)("ESLint %s", (_, ESLint, bin) => {
  it("Node API: concurrency 2 gives the same findings as a single-threaded run", async () => {
    const single = outcome(
      (await new ESLint({ cwd: dir, concurrency: "off" }).lintFiles(PATTERNS)) as ESLint10.LintResult[],
    );
    const parallel = outcome(
      (await new ESLint({ cwd: dir, concurrency: 2 }).lintFiles(PATTERNS)) as ESLint10.LintResult[],
    );
    expect(single.threads).toEqual(new Set([0]));
    expect(parallel.threads.has(0), "every file linted in a worker thread").toBe(false);
    expect(parallel.threads.size).toBeGreaterThanOrEqual(1);
    expect(parallel.threads.size).toBeLessThanOrEqual(2);
    expect(parallel.files).toBe(single.files);
    expect(parallel.findings).toEqual(single.findings);
    // Not vacuous: KEYS found in plain code and, through types, in the type-aware fixture.
    expect(single.findings.filter((f) => f.includes(" redis/no-keys "))).toHaveLength(15);
    expect(single.findings.some((f) => f.startsWith("type-aware/inventory.ts:5:10 redis/no-keys"))).toBe(true);
  });

  it("CLI: --concurrency 2 gives the same findings as --concurrency off", () => {
    const cli = (args: string[]) => {
      const r = run(process.execPath, [bin, "--format", "json", ...args, ...PATTERNS], dir);
      expect(r.status, r.stderr).toBe(1);
      return outcome(JSON.parse(r.stdout) as ESLint10.LintResult[]);
    };
    const single = cli(["--concurrency", "off"]);
    const parallel = cli(["--concurrency", "2"]);
    expect(parallel.threads.has(0)).toBe(false);
    expect(parallel.findings).toEqual(single.findings);
  });

  it("CLI: --cache gives the same findings cold and warm, single-threaded and with --concurrency 2", () => {
    const cacheLocation = join(dir, `.eslintcache-${ESLint.version}`);
    const cli = (args: string[]) => {
      const r = run(
        process.execPath,
        [bin, "--format", "json", "--cache", "--cache-location", cacheLocation, ...args, ...PATTERNS],
        dir,
      );
      expect(r.status, r.stderr).toBe(1);
      return outcome(JSON.parse(r.stdout) as ESLint10.LintResult[]).findings;
    };
    const cold = cli([]);
    expect(existsSync(cacheLocation)).toBe(true);
    expect(cli([])).toEqual(cold);
    expect(cli(["--concurrency", "2"])).toEqual(cold);
  });
});
