/**
 * `eslint-plugin-redis [paths...] [--format stylish|json|sarif] [--fix] [--max-warnings N]`
 *
 * Audits a codebase with the recommended preset without touching its ESLint setup: ESLint's own
 * Node API, the TypeScript-aware parser of the presets, the project's `.gitignore`, ESLint's exit
 * codes (0 clean, 1 problems, 2 crash or bad usage).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { includeIgnoreFile } from "@eslint/compat";
import { ESLint } from "eslint";
import plugin from "./index.js";

const USAGE = `Usage: eslint-plugin-redis [paths...] [options]

Lints JavaScript and TypeScript files for Redis misuse with the recommended preset.

Options:
  --format <name>      stylish (default), json or sarif
  --fix                apply the safe autofixes
  --max-warnings <n>   exit with 1 when there are more than n warnings
  -h, --help           show this help
  -v, --version        show the version
`;

const FORMATS = new Set(["stylish", "json", "sarif"]);

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

/** Runs the CLI and resolves to its exit code. */
export async function run(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
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
  const format = values.format!;
  if (!FORMATS.has(format)) {
    io.stderr.write(`eslint-plugin-redis: unknown format "${format}" (use stylish, json or sarif)\n`);
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
    const results = await eslint.lintFiles(positionals.length ? positionals : ["."]);
    progress?.done();
    if (values.fix) await ESLint.outputFixes(results);
    const output =
      format === "sarif"
        ? await sarif(results, eslint)
        : await (await eslint.loadFormatter(format)).format(results, eslint.getRulesMetaForResults(results));
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

async function sarif(results: ESLint.LintResult[], eslint: ESLint): Promise<string> {
  const { default: format } = await import("@microsoft/eslint-formatter-sarif");
  return format(results, { rulesMeta: eslint.getRulesMetaForResults(results) });
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
