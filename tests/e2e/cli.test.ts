/**
 * The zero-config CLI end to end: the package's bin (bin/eslint-plugin-redis.js → dist/cli.mjs)
 * run as a process on a copy of tests/fixtures/where-users-run, as `npx eslint-plugin-redis`
 * runs it. Exit codes (ESLint's: 0 clean, 1 problems, 2 bad usage), stylish and json (sarif, github and gitlab
 * are in sarif.test.ts and formats.test.ts), `--fix`,
 * `--max-warnings`, the project's `.gitignore`, and the progress line on a terminal (through
 * `run()` with a fake TTY, in process).
 *
 * Findings are asserted for rules whose behaviour is final here (`redis/no-keys`, the autofix of
 * `redis/no-setnx-expire`); other rules only count as "some problem" or "some warning".
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as runCli } from "../../src/cli.js";
import {
  type BuiltPlugin,
  builtPlugin,
  cleanUp,
  eslintFindings,
  fatalMessages,
  project,
  runBin,
  versionOf,
} from "./support.js";

// Real processes (ESLint, oxlint, git, npm) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

let plugin: BuiltPlugin;
/** A read-only copy of the fixture, for the runs that do not write. */
let dir: string;

beforeAll(async () => {
  plugin = await builtPlugin();
  dir = project("where-users-run");
}, 180_000);
afterAll(cleanUp);

function json(stdout: string): ESLint.LintResult[] {
  return JSON.parse(stdout) as ESLint.LintResult[];
}

const noKeys = (results: ESLint.LintResult[], cwd: string): string[] =>
  eslintFindings(results, cwd)
    .filter((f) => f.rule === "redis/no-keys")
    .map((f) => `${f.file}:${f.line}:${f.column}`);

describe(`eslint-plugin-redis CLI (ESLint ${versionOf("eslint")})`, () => {
  describe("exit codes", () => {
    it("0 when the files are clean", () => {
      const r = runBin(["src/clean.mts", "src/Dashboard.tsx"], dir);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("");
      expect(r.status).toBe(0);
    });

    it("1 when there are errors, with stylish output naming file, position and rule", () => {
      const r = runBin([], dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(join(dir, "src", "keys.ts"));
      expect(r.stdout).toMatch(
        /^ {2}7:10 {2}error {2}KEYS \(ioredis keys\(\)\) walks the whole keyspace.* {2}redis\/no-keys$/m,
      );
      expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
    });

    it.each([
      ["an unknown option", ["--bogus"], /Unknown option '--bogus'[\s\S]*Usage: eslint-plugin-redis/],
      ["an unknown format", ["--format", "xml"], /unknown format "xml"/],
      ["a --max-warnings that is not a number", ["--max-warnings", "many"], /--max-warnings takes a whole number/],
      [
        "a path that does not exist",
        ["no-such-dir/"],
        /^eslint-plugin-redis: No files matching 'no-such-dir\/' were found\.\n$/,
      ],
    ])("2 for %s", (_, args, message) => {
      const r = runBin(args, dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });

    it("0 for --help and --version", () => {
      const help = runBin(["--help"], dir);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^Usage: eslint-plugin-redis \[paths\.\.\.\] \[options\]/);
      const version = runBin(["--version"], dir);
      expect(version.status).toBe(0);
      expect(version.stdout).toBe(`${plugin.meta.version}\n`);
    });
  });

  describe("formats", () => {
    it("json: ESLint's result objects, every extension parsed (TypeScript parser for .ts/.mts/.tsx)", () => {
      const r = runBin(["--format", "json"], dir);
      expect(r.status).toBe(1);
      const results = json(r.stdout);
      expect(fatalMessages(results)).toEqual([]);
      expect(results.map((x) => x.filePath.slice(dir.length + 1)).sort()).toEqual([
        "src/Dashboard.tsx",
        "src/blocking-on-shared-client.ts",
        "src/cache-delete-after-db-write.ts",
        "src/clean.mts",
        "src/compensating-decrement.ts",
        "src/connect.js",
        "src/cross-slot.ts",
        "src/db.ts",
        "src/dynamic-lua-script.ts",
        "src/error-listener.mts",
        "src/incomplete-scan.ts",
        "src/jobs.cjs",
        "src/keys.ts",
        "src/lock.js",
        "src/orders.ts",
        "src/ttl-unit-mismatch.ts",
      ]);
      expect(noKeys(results, dir)).toEqual(["src/jobs.cjs:9:10", "src/keys.ts:7:10"]);
      // The clean files stay clean whatever rules are added.
      for (const file of ["src/clean.mts", "src/Dashboard.tsx"]) {
        expect(results.find((x) => x.filePath.endsWith(file))!.messages).toEqual([]);
      }
    });

    it("sarif: a SARIF 2.1.0 log (validated against the schema in sarif.test.ts)", () => {
      const r = runBin(["--format", "sarif", "src/keys.ts"], dir);
      expect(r.status).toBe(1);
      const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
      expect(log.version).toBe("2.1.0");
      expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(["redis/no-keys"]);
    });
  });

  describe(".gitignore", () => {
    it("is respected: generated/ (listed in it) is not linted", () => {
      const r = runBin(["--format", "json"], dir);
      expect(json(r.stdout).map((x) => x.filePath)).not.toContain(join(dir, "generated", "keys.js"));
    });

    it("without it, generated/keys.js is linted and its KEYS reported", () => {
      const bare = project("where-users-run");
      rmSync(join(bare, ".gitignore"));
      const results = json(runBin(["--format", "json"], bare).stdout);
      expect(noKeys(results, bare)).toContain("generated/keys.js:6:33");
    });

    it("a file it ignores, named on the command line (as hooks do), is skipped silently", () => {
      const r = runBin(["--max-warnings", "0", "generated/keys.js"], dir);
      expect(r.stdout).toBe("");
      expect(r.status).toBe(0);
    });
  });

  describe("--fix", () => {
    it("rewrites SETNX + EXPIRE into one SET ... NX (redis/no-setnx-expire) and leaves suggestion-only findings alone", () => {
      const work = project("where-users-run");
      const keysBefore = readFileSync(join(work, "src", "keys.ts"), "utf8");
      const lockBefore = readFileSync(join(work, "src", "lock.js"), "utf8");
      expect(lockBefore).toMatch(/redis\.setnx\(key, owner\)/);

      const r = runBin(["--fix", "--format", "json", "src/lock.js", "src/keys.ts"], work);
      const lock = readFileSync(join(work, "src", "lock.js"), "utf8");
      expect(lock).not.toBe(lockBefore);
      expect(lock).not.toMatch(/\.setnx\(|\.expire\(/);
      expect(lock).toMatch(/redis\.set\(key, owner, .*"NX"/);
      // KEYS has suggestions only (SCAN changes the result's shape): never applied by --fix.
      expect(readFileSync(join(work, "src", "keys.ts"), "utf8")).toBe(keysBefore);
      const results = json(r.stdout);
      expect(eslintFindings(results, work).map((f) => f.file)).not.toContain("src/lock.js");
      expect(noKeys(results, work)).toEqual(["src/keys.ts:7:10"]);
      expect(r.status).toBe(1);

      // The fixed file is clean: a second run exits 0.
      expect(runBin(["src/lock.js"], work).status).toBe(0);
    });

    it("without --fix, nothing is written", () => {
      const work = project("where-users-run");
      const before = readFileSync(join(work, "src", "lock.js"), "utf8");
      expect(runBin(["src/lock.js"], work).status).toBe(1);
      expect(readFileSync(join(work, "src", "lock.js"), "utf8")).toBe(before);
    });
  });

  describe("--max-warnings", () => {
    it("fails the run only when the warnings are more than N (warnings alone exit 0)", () => {
      const results = json(runBin(["--format", "json", "src/orders.ts"], dir).stdout);
      const warnings = results.reduce((n, x) => n + x.warningCount, 0);
      const errors = results.reduce((n, x) => n + x.errorCount, 0);
      expect(errors).toBe(0);
      expect(
        warnings,
        "src/orders.ts has a warning (redis/no-write-in-db-transaction is `warn` in recommended)",
      ).toBeGreaterThan(0);

      expect(runBin(["src/orders.ts"], dir).status).toBe(0);
      expect(runBin(["--max-warnings", String(warnings), "src/orders.ts"], dir).status).toBe(0);
      const over = runBin(["--max-warnings", String(warnings - 1), "src/orders.ts"], dir);
      expect(over.status).toBe(1);
      expect(over.stderr).toContain(`more than --max-warnings ${warnings - 1}`);
    });
  });

  describe("disable comments of the project's other rules", () => {
    it("are neither unknown rules nor unused directives: the run only enables the plugin's rules", () => {
      const work = project("where-users-run");
      writeFileSync(
        join(work, "src", "other-rules.js"),
        [
          "// eslint-disable-next-line no-console",
          'console.log("ready");',
          "/* eslint-disable @typescript-eslint/no-explicit-any */",
          "export const port = 6379;",
          "",
        ].join("\n"),
      );
      const r = runBin(["--max-warnings", "0", "--format", "json", "src/other-rules.js"], work);
      expect(r.status).toBe(0);
      expect(json(r.stdout).flatMap((x) => x.messages)).toEqual([]);
    });

    it("a stale disable comment of the plugin's own rules is still reported as unused", () => {
      const work = project("where-users-run");
      writeFileSync(
        join(work, "src", "stale.js"),
        "// eslint-disable-next-line redis/no-keys\nexport const port = 6379;\n",
      );
      const r = runBin(["--max-warnings", "0", "--format", "json", "src/stale.js"], work);
      expect(r.status).toBe(1);
      const messages = json(r.stdout).flatMap((x) => x.messages);
      expect(messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([[null, 1, 1]]);
      expect(messages[0]!.message).toMatch(/^Unused eslint-disable directive .*'redis\/no-keys'/);
    });
  });

  describe("does not touch the project's ESLint setup", () => {
    it("ignores the project's own eslint.config.js (here one that would throw)", () => {
      const work = project("where-users-run");
      writeFileSync(join(work, "eslint.config.js"), `throw new Error("the project's own ESLint config was loaded");\n`);
      const r = runBin(["--format", "json", "src/keys.ts"], work);
      expect(r.stderr).toBe("");
      expect(noKeys(json(r.stdout), work)).toEqual(["src/keys.ts:7:10"]);
    });
  });

  describe("progress on stderr", () => {
    function io(isTTY: boolean) {
      const out: string[] = [];
      const err: string[] = [];
      const stdout = new PassThrough().on("data", (c: Buffer) => out.push(String(c)));
      const stderr = Object.assign(
        new PassThrough().on("data", (c: Buffer) => err.push(String(c))),
        { isTTY },
      );
      return { io: { stdout, stderr, cwd: dir }, out, err };
    }

    it("is shown when stderr is a terminal, ending with the number of files linted", async () => {
      const t = io(true);
      expect(await runCli(["--format", "json"], t.io)).toBe(1);
      const err = t.err.join("");
      expect(err).toMatch(/\rlinting… \d+ files/);
      expect(err).toMatch(/\rlinted 16 files\n$/);
      // stdout stays machine-readable.
      expect(json(t.out.join("")).length).toBe(16);
    });

    it("is not shown when stderr is not a terminal (CI logs, pipes)", async () => {
      const t = io(false);
      expect(await runCli(["--format", "json"], t.io)).toBe(1);
      expect(t.err.join("")).toBe("");
      expect(json(t.out.join("")).length).toBe(16);
    });
  });
});
