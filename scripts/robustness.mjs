#!/usr/bin/env node
/**
 * Robustness at scale: lints thousands of real JavaScript and TypeScript files from the dev install's
 * node_modules with every rule on (the built plugin, its own parser) and counts crashes. Redis-heavy
 * packages come first, then everything else, in a stable order.
 *
 *   npm run robustness [-- --min 5000 --max 8000]
 *
 * Prints `files: N, crashes: C, parse errors: P` and exits 1 on any crash or when fewer than
 * --min files were linted.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Linter } from "eslint";
import plugin from "../dist/index.mjs";
import { sourceFiles } from "./lib/source-files.mjs";

const { values } = parseArgs({
  options: { min: { type: "string", default: "5000" }, max: { type: "string", default: "8000" } },
});
const MIN = Number(values.min);
const MAX = Number(values.max);
const root = path.resolve(import.meta.dirname, "..", "node_modules");
const FIRST = ["ioredis", "iovalkey", "redis", "redis4", "@redis", "bullmq", "bull", "@ioredis", "better-sqlite3"];
const MAX_BYTES = 400_000;

function collect() {
  const top = readdirSync(root).filter((n) => !n.startsWith("."));
  const ordered = [...FIRST.filter((n) => top.includes(n)), ...top.filter((n) => !FIRST.includes(n)).sort()];
  const files = [];
  for (const name of ordered) {
    for (const file of sourceFiles(path.join(root, name))) {
      if (statSync(file).size > MAX_BYTES) continue;
      files.push(file);
      if (files.length >= MAX) return files;
    }
  }
  return files;
}

const config = [
  {
    ...plugin.configs.all,
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    // Packages carry disable comments for plugins we do not load: ignore inline configuration.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    // Real packages are CommonJS as often as ESM: let the file decide.
    languageOptions: { ...plugin.configs.all.languageOptions, sourceType: "module" },
  },
];
const linter = new Linter({ configType: "flat", cwd: path.join(root, "..") });
const files = collect();
let crashes = 0;
let parseErrors = 0;
const started = performance.now();
let unconfigured = 0;
const byRule = new Map();
for (const file of files) {
  const code = readFileSync(file, "utf8");
  // ESLint ignores node_modules by default: lint each file under a neutral virtual name.
  const name = path.join(root, "..", "corpus", path.relative(root, file).replaceAll("node_modules", "nm"));
  try {
    let messages = linter.verify(code, config, name);
    if (messages.some((m) => m.fatal)) {
      // Retry as a script (CommonJS, `with`, legacy octal) before counting a parse error.
      messages = linter.verify(
        code,
        [{ ...config[0], languageOptions: { ...config[0].languageOptions, sourceType: "commonjs" } }],
        name,
      );
    }
    if (messages.some((m) => m.fatal)) parseErrors++;
    for (const m of messages) {
      if (m.fatal) continue;
      if (!m.ruleId) {
        if (m.message.startsWith("No matching configuration") && unconfigured++ < 3)
          console.error(`not linted: ${name}`);
        continue;
      } else byRule.set(m.ruleId, (byRule.get(m.ruleId) ?? 0) + 1);
    }
  } catch (error) {
    crashes++;
    console.error(
      `CRASH ${path.relative(root, file)}\n  ${String(error?.stack ?? error)
        .split("\n")
        .slice(0, 6)
        .join("\n  ")}`,
    );
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const findings = [...byRule.values()].reduce((a, b) => a + b, 0);
console.log(`linted with all ${Object.keys(plugin.rules).length} rules in ${seconds}s; findings: ${findings}`);
for (const [rule, n] of [...byRule].sort()) console.log(`  ${rule}: ${n}`);
console.log(`files: ${files.length}, crashes: ${crashes}, parse errors: ${parseErrors}`);
if (unconfigured) console.error(`${unconfigured} files were not linted (no matching configuration)`);
if (crashes > 0 || unconfigured > 0 || files.length < MIN) {
  if (files.length < MIN) console.error(`expected at least ${MIN} files`);
  process.exitCode = 1;
}
