/**
 * `eslint-plugin-redis [paths...] [--format stylish|json|sarif|github|gitlab] [--fix] [--max-warnings N]`
 *
 * Audits a codebase with the recommended preset without touching its ESLint setup: ESLint's own
 * Node API, the TypeScript-aware parser of the presets, the project's `.gitignore`, ESLint's exit
 * codes (0 clean, 1 problems, 2 crash or bad usage).
 *
 * Formats: ESLint's own `stylish` and `json`, and the CI formats of src/formats/ (no dependency):
 * `sarif` (code scanning), `github` (workflow commands: PR annotations), `gitlab` (Code Quality).
 * Their paths are relative to the working directory. See docs/ci/.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { includeIgnoreFile } from "@eslint/config-helpers";
import { ESLint, type Linter } from "eslint";
import type { Formatter } from "./formats/common.js";
import { formatGithub } from "./formats/github.js";
import { formatGitlab } from "./formats/gitlab.js";
import { formatSarif } from "./formats/sarif.js";
import plugin from "./index.js";

const USAGE = `Usage: eslint-plugin-redis [paths...] [options]

Lints JavaScript and TypeScript files for Redis misuse with the recommended preset.

Options:
  --format <name>      stylish (default), json, sarif (GitHub code scanning),
                       github (GitHub Actions annotations) or gitlab (GitLab Code Quality)
  --fix                apply the safe autofixes
  --max-warnings <n>   exit with 1 when there are more than n warnings
  -h, --help           show this help
  -v, --version        show the version
`;

/** ESLint's built-in formatters, and ours (src/formats/). */
const ESLINT_FORMATS = new Set(["stylish", "json"]);
const OWN_FORMATS: Record<string, Formatter> = { sarif: formatSarif, github: formatGithub, gitlab: formatGitlab };
const FORMATS = new Set([...ESLINT_FORMATS, ...Object.keys(OWN_FORMATS)]);

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

/** Runs the CLI and resolves to its exit code. */
export async function run(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "stylish" },
        fix: { type: "boolean", default: false },
        "max-warnings": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`eslint-plugin-redis: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${plugin.meta.version}\n`);
    return 0;
  }
  const format = values.format;
  if (!FORMATS.has(format)) {
    io.stderr.write(`eslint-plugin-redis: unknown format "${format}" (use stylish, json, sarif, github or gitlab)\n`);
    return 2;
  }
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.stderr.write(`eslint-plugin-redis: --max-warnings takes a whole number\n`);
      return 2;
    }
  }

  try {
    const ignoreFile = path.join(io.cwd, ".gitignore");
    const progress = io.stderr.isTTY ? progressReporter(io.stderr) : null;
    const eslint = new ESLint({
      cwd: io.cwd,
      overrideConfigFile: true,
      overrideConfig: [
        ...(existsSync(ignoreFile) ? [includeIgnoreFile(ignoreFile)] : []),
        plugin.configs.recommended,
        ...(progress ? [progress.config] : []),
      ] as ESLint.Options["overrideConfig"],
      fix: values.fix,
      // ESLint's exit code 2 for a path that matches nothing (a typo must not pass CI), but not
      // for the default `.` of a project without JavaScript.
      errorOnUnmatchedPattern: positionals.length > 0,
      // Hooks (lint-staged, pre-commit) pass staged files by name: one the .gitignore ignores is
      // skipped silently rather than warned about (which `--max-warnings 0` would turn into a failure).
      warnIgnored: false,
    });
    const results = withoutForeignRules(await eslint.lintFiles(positionals.length ? positionals : ["."]));
    progress?.done();
    if (values.fix) await ESLint.outputFixes(results);
    const rulesMeta = eslint.getRulesMetaForResults(results);
    const own = Object.hasOwn(OWN_FORMATS, format) ? OWN_FORMATS[format] : null;
    const output = own
      ? own(results, { cwd: io.cwd, rulesMeta, version: plugin.meta.version })
      : await (await eslint.loadFormatter(format)).format(results, rulesMeta);
    if (output) io.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    if (errors > 0) return 1;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      io.stderr.write(`eslint-plugin-redis: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    // ESLint's errors about the command line ("No files matching 'src/' were found") carry a
    // `messageTemplate`: their message is the whole story. Anything else is a crash: the stack.
    const e = error as Error & { messageTemplate?: string };
    io.stderr.write(`eslint-plugin-redis: ${e.messageTemplate ? e.message : (e.stack ?? String(error))}\n`);
    return 2;
  }
}

/**
 * Only the plugin's rules run here, but the project's code carries disable comments for its other
 * rules, and ESLint reports them:
 * - one naming a rule of a plugin this run does not load
 *   (`// eslint-disable-next-line @typescript-eslint/no-explicit-any`) as an error of that rule,
 *   "Definition for rule … was not found";
 * - one naming a rule that is known but off here (`no-console`), or no rule at all, as an unused
 *   directive (no rule id).
 * Either would fail a hook's `--max-warnings 0` for no Redis reason: drop them, keep the unused
 * directives that name one of the plugin's rules (a stale `redis/…` suppression), and count again.
 */
const UNUSED_DIRECTIVE = /^Unused eslint-(?:disable|enable) directive/;
const isOwn = (m: Linter.LintMessage): boolean =>
  m.ruleId === null
    ? !UNUSED_DIRECTIVE.test(m.message) || m.message.includes("'redis/")
    : m.ruleId.startsWith("redis/");

function withoutForeignRules(results: ESLint.LintResult[]): ESLint.LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter(isOwn);
    if (messages.length === result.messages.length) return result;
    const count = (severity: number, fixable = false) =>
      messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
    return {
      ...result,
      messages,
      errorCount: count(2),
      warningCount: count(1),
      fixableErrorCount: count(2, true),
      fixableWarningCount: count(1, true),
      fatalErrorCount: messages.filter((m) => m.fatal).length,
    };
  });
}

/**
 * Progress on long runs: a tiny rule counts files as ESLint lints them (in this process) and
 * rewrites one status line on stderr. Only used when stderr is a terminal.
 */
function progressReporter(stderr: NodeJS.WritableStream) {
  let count = 0;
  let last = 0;
  const config = {
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    plugins: {
      "redis-cli": {
        rules: {
          progress: {
            meta: { type: "suggestion", schema: [] },
            create() {
              count++;
              const now = Date.now();
              if (now - last > 100) {
                last = now;
                stderr.write(`\rlinting… ${count} files`);
              }
              return {};
            },
          },
        },
      },
    },
    rules: { "redis-cli/progress": "warn" },
  };
  return {
    config,
    done() {
      if (count) stderr.write(`\rlinted ${count} files\n`);
    },
  };
}
