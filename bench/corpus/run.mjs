#!/usr/bin/env node
/**
 * Real-world corpus: `npm run corpus` installs the pinned packages of packages.json into
 * bench/.corpus (scripts off), lints their own files (not their dependencies) with every rule of
 * the built plugin and each package's `settings` (its client names), prints a table, and compares
 * the findings with expected.json. Every expected finding is triaged (true or false positive,
 * with the reason) in TRIAGE.md. Compiled copies of shipped sources are skipped (see `sources`).
 *
 *   npm run corpus              compare with expected.json (exit 1 on any difference)
 *   npm run corpus -- --update  rewrite expected.json from this run
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Linter } from "eslint";

const here = import.meta.dirname;
// REDIS_PLUGIN_DIST: the built plugin to lint with, relative to this file or absolute (default: the
// package's own dist). Lets a run use a private build, e.g. `npx tsdown -d .corpus-dist` and
// `REDIS_PLUGIN_DIST=../../.corpus-dist/index.mjs node bench/corpus/run.mjs`.
const { default: plugin } = await import(pathToFileURL(path.resolve(here, process.env.REDIS_PLUGIN_DIST || "../../dist/index.mjs")).href);
const repo = path.resolve(here, "../..");
const installDir = path.join(repo, "bench", ".corpus");
const { packages } = JSON.parse(readFileSync(path.join(here, "packages.json"), "utf8"));
const update = process.argv.includes("--update");

function install() {
  mkdirSync(installDir, { recursive: true });
  const deps = Object.fromEntries(packages.map((p) => [p.name, p.version]));
  const manifest = JSON.stringify({ name: "redis-corpus", private: true, dependencies: deps }, null, 2);
  const manifestPath = path.join(installDir, "package.json");
  const installed = existsSync(manifestPath) && readFileSync(manifestPath, "utf8") === manifest && existsSync(path.join(installDir, "node_modules"));
  if (installed) return;
  writeFileSync(manifestPath, manifest);
  console.error("installing the corpus packages (once)…");
  execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--loglevel=error"], { cwd: installDir, stdio: "inherit" });
}

const SOURCE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const COMPILED_DIRS = new Set(["dist", "build"]);

/**
 * Each module is linted once. A package that ships its TypeScript sources also ships their
 * compiled copies (dist/, build/): those are skipped, so one mistake is one finding, reported
 * where its author wrote it. A build shipped in several module formats is linted in one: dist/esm
 * over dist/cjs, and index.js / index.mjs over index.cjs beside it.
 */
function shipsTypeScript(dir) {
  const walk = (d, top) =>
    readdirSync(d, { withFileTypes: true }).some((e) => {
      if (e.name === "node_modules" || e.name.startsWith(".") || (top && COMPILED_DIRS.has(e.name))) return false;
      if (e.isDirectory()) return walk(path.join(d, e.name), false);
      return /\.[cm]?tsx?$/.test(e.name) && !DECLARATION.test(e.name) && !/\.config\.[cm]?ts$/.test(e.name);
    });
  return walk(dir, true);
}

function* sources(dir, skipped, top = dir, skipCompiled = shipsTypeScript(dir)) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      const duplicate = (dir === top && skipCompiled && COMPILED_DIRS.has(e.name)) || (e.name === "cjs" && names.has("esm"));
      if (duplicate) skipped.push(...[...sources(full, [], top, false)].map((f) => path.relative(top, f)));
      else yield* sources(full, skipped, top, skipCompiled);
    } else if (SOURCE.test(e.name) && !DECLARATION.test(e.name) && !/\.min\.js$/.test(e.name) && statSync(full).size < 1_000_000) {
      const base = e.name.replace(/\.cjs$/, "");
      if (e.name.endsWith(".cjs") && (names.has(`${base}.js`) || names.has(`${base}.mjs`))) skipped.push(path.relative(top, full));
      else yield full;
    }
  }
}

install();
const linter = new Linter({ configType: "flat", cwd: repo });
const base = {
  ...plugin.configs.all,
  files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
};
const findings = [];
const table = [];
for (const pkg of packages) {
  const dir = path.join(installDir, "node_modules", pkg.name);
  // `settings.redis` as a user of this code base would set it: the names it gives its clients.
  const settings = pkg.settings ? { redis: pkg.settings } : {};
  let files = 0;
  let parseErrors = 0;
  const skipped = [];
  const before = findings.length;
  for (const file of sources(dir, skipped)) {
    files++;
    const rel = path.relative(dir, file);
    const virtual = path.join(repo, "corpus", pkg.name, rel);
    const code = readFileSync(file, "utf8");
    const config = (sourceType) => [{ ...base, settings, languageOptions: { ...base.languageOptions, sourceType } }];
    let messages = linter.verify(code, config("module"), virtual);
    if (messages.some((m) => m.fatal)) messages = linter.verify(code, config("commonjs"), virtual);
    if (messages.some((m) => m.fatal)) parseErrors++;
    for (const m of messages) {
      if (m.fatal || !m.ruleId?.startsWith("redis/")) continue;
      findings.push({ package: pkg.name, file: rel, line: m.line, rule: m.ruleId, message: m.message });
    }
  }
  const mine = findings.slice(before);
  const byRule = {};
  for (const f of mine) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  table.push({ package: `${pkg.name}@${pkg.version}`, kind: pkg.kind, files, skipped: skipped.length, parseErrors, findings: mine.length, byRule });
}

console.log("| package | kind | files linted | compiled copies skipped | parse errors | findings | by rule |");
console.log("|---|---|---:|---:|---:|---:|---|");
for (const row of table) {
  const rules = Object.entries(row.byRule).map(([r, n]) => `${r.replace("redis/", "")} ${n}`).join(", ") || "none";
  console.log(`| ${row.package} | ${row.kind} | ${row.files} | ${row.skipped} | ${row.parseErrors} | ${row.findings} | ${rules} |`);
}

const key = (f) => `${f.package} ${f.file}:${f.line} ${f.rule}`;
const expectedPath = path.join(here, "expected.json");
if (update) {
  writeFileSync(expectedPath, `${JSON.stringify(findings.map(({ message, ...f }) => f), null, 2)}\n`);
  console.log(`\nwrote ${findings.length} findings to bench/corpus/expected.json`);
} else {
  const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, "utf8")) : [];
  const want = new Set(expected.map(key));
  const got = new Set(findings.map(key));
  const missing = [...want].filter((k) => !got.has(k));
  const unexpected = findings.filter((f) => !want.has(key(f)));
  for (const k of missing) console.log(`MISSING    ${k}`);
  for (const f of unexpected) console.log(`UNEXPECTED ${key(f)}  ${f.message}`);
  console.log(`\ncorpus: ${findings.length} findings, ${missing.length} missing, ${unexpected.length} unexpected`);
  if (missing.length || unexpected.length) process.exitCode = 1;
}
