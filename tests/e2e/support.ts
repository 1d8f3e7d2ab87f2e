/**
 * Shared helpers for the end-to-end tests of the places users run the plugin (CLI, pre-commit,
 * SARIF, oxlint, ESLint 9 and 10, `--concurrency`, the type-aware preset).
 *
 * - `project(fixture)` copies a fixture into a fresh temporary directory that looks like a user's
 *   project: the fixture's `gitignore` becomes `.gitignore` (a real one would hide the fixture's
 *   own ignored files from this repository's git), and `node_modules/` holds symlinks to the
 *   packages a user would have installed, `eslint-plugin-redis` itself included (it resolves
 *   through package.json `exports` to the BUILT dist/index.mjs, as for users).
 * - `findings*()` turn ESLint and oxlint output into comparable `{ rule, file, line, column }`.
 * - `run()` spawns a process without a shell, with a clean git environment.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ESLint, Linter } from "eslint";
import { DIST_ENTRY, ROOT, ensureBuilt } from "./build.js";

export { DIST_ENTRY, ROOT, ensureBuilt };

export const BIN = join(ROOT, "bin", "eslint-plugin-redis.js");
export const FIXTURES = join(ROOT, "tests", "fixtures");
export const NODE_MODULES = join(ROOT, "node_modules");

export type Preset = "recommended" | "strict" | "all" | "recommended-type-checked";

export interface BuiltPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, { meta: { docs?: { url?: string; description?: string }; fixable?: string } }>;
  configs: Record<Preset, Linter.Config>;
}

/** The built plugin, as `import redis from "eslint-plugin-redis"` gives it. Builds when stale. */
export async function builtPlugin(): Promise<BuiltPlugin> {
  ensureBuilt();
  return ((await import(pathToFileURL(DIST_ENTRY).href)) as { default: BuiltPlugin }).default;
}

/** Version of an installed package (read from its package.json, which `exports` may hide). */
export function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(join(NODE_MODULES, pkg, "package.json"), "utf8")) as { version: string }).version;
}

// -------------------------------------------------------------------------------------------------
// Temporary projects

const temporary: string[] = [];

/** A fresh empty directory (its real path: macOS's /var is a symlink). Removed by `cleanUp()`. */
export function tempDir(prefix = "eslint-plugin-redis-e2e-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  temporary.push(dir);
  return dir;
}

export function cleanUp(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface ProjectOptions {
  /** Packages of this repository's node_modules to link into the project (besides the plugin). */
  packages?: string[];
  /** Also link `node_modules/.bin/<name>` for these `[name, path inside the package]`. */
  bins?: [string, string][];
  /** More fixtures copied into sub-directories: `{ "basic": "basic" }` copies tests/fixtures/basic to ./basic. */
  extra?: Record<string, string>;
}

/** Copies tests/fixtures/<fixture> into a temporary project. See the file comment. */
export function project(fixture: string, options: ProjectOptions = {}): string {
  const dir = tempDir();
  copyFixture(fixture, dir);
  for (const [name, to] of Object.entries(options.extra ?? {})) copyFixture(name, join(dir, to));
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  link(ROOT, join(modules, "eslint-plugin-redis"));
  link(BIN, join(modules, ".bin", "eslint-plugin-redis"));
  for (const pkg of options.packages ?? []) link(join(NODE_MODULES, pkg), join(modules, pkg));
  for (const [name, path] of options.bins ?? []) link(join(NODE_MODULES, path), join(modules, ".bin", name));
  return dir;
}

function copyFixture(fixture: string, to: string): void {
  cpSync(join(FIXTURES, fixture), to, { recursive: true });
  if (existsSync(join(to, "gitignore"))) renameSync(join(to, "gitignore"), join(to, ".gitignore"));
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

// -------------------------------------------------------------------------------------------------
// Processes

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes: no variables of an enclosing git hook or husky run
 * (GIT_DIR, GIT_INDEX_FILE, HUSKY, ...), no user or system git configuration, no colours.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(?:GIT_|HUSKY)/.test(k) || k === "FORCE_COLOR" || k === "NODE_OPTIONS" || k.startsWith("VITEST")) continue;
    env[k] = v;
  }
  return {
    ...env,
    NO_COLOR: "1",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "e2e",
    GIT_AUTHOR_EMAIL: "e2e@example.com",
    GIT_COMMITTER_NAME: "e2e",
    GIT_COMMITTER_EMAIL: "e2e@example.com",
    ...extra,
  };
}

export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Ran {
  const r = spawnSync(command, args, {
    cwd,
    env: cleanEnv(env),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The package's bin, as users run it (`npx eslint-plugin-redis ...`). */
export function runBin(args: string[], cwd: string): Ran {
  return run(process.execPath, [BIN, ...args], cwd);
}

export function git(cwd: string, ...args: string[]): Ran {
  const r = run("git", args, cwd);
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r;
}

// -------------------------------------------------------------------------------------------------
// Findings

export interface Finding {
  rule: string;
  /** Relative to the project, with `/`. */
  file: string;
  line: number;
  column: number;
  message?: string;
}

const posix = (p: string): string => p.split(sep).join("/");

export function key(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.rule}${f.message === undefined ? "" : ` ${f.message}`}`;
}

export function sortFindings(list: Finding[]): Finding[] {
  return list.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** Messages of the plugin's rules (`redis/...`) in ESLint results. */
export function eslintFindings(results: ESLint.LintResult[], cwd: string, { messages = false } = {}): Finding[] {
  return sortFindings(
    results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith("redis/"))
        .map((m) => ({
          rule: m.ruleId!,
          file: posix(relative(cwd, r.filePath)),
          line: m.line,
          column: m.column,
          ...(messages && { message: m.message }),
        })),
    ),
  );
}

/** Parse errors and crashes in ESLint results. */
export function fatalMessages(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.filter((m) => m.fatal || !m.ruleId).map((m) => `${r.filePath}:${m.line}: ${m.message}`),
  );
}
