#!/usr/bin/env node
/**
 * Real-world corpus: `npm run corpus` installs the pinned packages of packages.json into
 * bench/.corpus (scripts off, peer dependencies not pulled in), lints their own files (not their
 * dependencies) with every rule of the built plugin, prints a table, and compares the findings
 * with the checked-in lists. Every expected finding is triaged (true or false positive, with the
 * reason) in TRIAGE.md, which also keeps the recall ledger. Compiled copies of shipped sources
 * are skipped (see `sources`).
 *
 * Two runs, two lists:
 *   default  every package with the plugin's DEFAULT settings (no `settings.redis`): what a user
 *            gets without configuring anything. The headline figure.      -> expected.json
 *   named    each package with its `settings` from packages.json (its own `clientNames`), as a
 *            user of that code base would configure it; a package without `settings` is linted
 *            as in the default run.                                      -> expected.named.json
 *
 *   npm run corpus              compare both runs with their lists (exit 1 on any difference)
 *   npm run corpus -- --update  rewrite both lists from this run
 *   --no-probe                  skip the "Redis calls recognised" columns (they need a bundle of
 *                               src/model/get-model.ts, built here with rolldown in ~1 s)
 *   --virtual                   lint each file as if it were at corpus/<package>/… under the
 *                               repository, a path that does not exist (how the corpus ran before
 *                               2026-12-02): no module of the package is read across files, and
 *                               client versions are the repository's own
 *
 * Files are linted in place, through bench/.corpus/src/<package>, a link to the installed package
 * (the plugin never reads into node_modules, and ESLint ignores it): relative imports between a
 * package's files resolve as in the package's own repository, and the client major versions are
 * the ones the package would load (its own nested node_modules, else the hoisted one).
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Linter } from "eslint";

const here = import.meta.dirname;
// REDIS_PLUGIN_DIST: the built plugin to lint with, relative to this file or absolute (default: the
// package's own dist). Lets a run use a private build, e.g. `npx tsdown -d .corpus-dist` and
// `REDIS_PLUGIN_DIST=../../.corpus-dist/index.mjs node bench/corpus/run.mjs`.
const { default: plugin } = await import(
  pathToFileURL(path.resolve(here, process.env.REDIS_PLUGIN_DIST || "../../dist/index.mjs")).href
);
const repo = path.resolve(here, "../..");
const installDir = path.join(repo, "bench", ".corpus");
const { packages } = JSON.parse(readFileSync(path.join(here, "packages.json"), "utf8"));
const update = process.argv.includes("--update");
const virtual = process.argv.includes("--virtual");
const MODES = [
  { mode: "default", expected: "expected.json", settingsOf: () => ({}) },
  {
    mode: "named",
    expected: "expected.named.json",
    settingsOf: (pkg) => (pkg.settings ? { redis: pkg.settings } : {}),
  },
];

function install() {
  mkdirSync(installDir, { recursive: true });
  const deps = Object.fromEntries(packages.map((p) => [p.name, p.version]));
  const manifest = JSON.stringify({ name: "redis-corpus", private: true, dependencies: deps }, null, 2);
  const manifestPath = path.join(installDir, "package.json");
  const installed =
    existsSync(manifestPath) &&
    readFileSync(manifestPath, "utf8") === manifest &&
    existsSync(path.join(installDir, "node_modules"));
  if (installed) return;
  writeFileSync(manifestPath, manifest);
  console.error("installing the corpus packages (once)…");
  // --legacy-peer-deps: only the packages' own files are linted, so their peers (the whole Medusa
  // framework, NestJS, hubot…) are not needed; without it npm would install them all.
  execFileSync(
    "npm",
    ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--legacy-peer-deps", "--loglevel=error"],
    { cwd: installDir, stdio: "inherit" },
  );
}

/**
 * The probe: a rule that asks the model (src/model/get-model.ts, bundled on the fly) how many
 * Redis calls it recognises in each file. Not a finding; it measures how much of each package
 * the rules can see at all. Best effort: if the bundle cannot be built (src/ mid-edit), the
 * columns say "n/a".
 */
async function loadProbe() {
  if (process.argv.includes("--no-probe")) return null;
  const out = path.join(installDir, "probe");
  try {
    execFileSync(
      path.join(repo, "node_modules", ".bin", "rolldown"),
      [
        path.join(repo, "src/model/get-model.ts"),
        "-d",
        out,
        "--platform",
        "node",
        "-f",
        "esm",
        "--entry-file-names",
        "[name].mjs",
      ],
      { cwd: repo, stdio: "pipe" },
    );
    const { getModel } = await import(`${pathToFileURL(path.join(out, "get-model.mjs")).href}?t=${Date.now()}`);
    const counts = { calls: 0 };
    const rule = {
      meta: { type: "problem", schema: [] },
      create: (context) => ((counts.calls = getModel(context).calls.length), {}),
    };
    return { plugin: { rules: { calls: rule } }, counts };
  } catch (error) {
    console.error(`probe unavailable (${String(error.message).split("\n")[0]}); "recognised" columns are n/a`);
    return null;
  }
}

const SOURCE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const COMPILED_DIRS = new Set(["dist", "build"]);

/**
 * Each module is linted once. A package that ships its TypeScript sources also ships their
 * compiled copies (dist/, build/): those are skipped, so one mistake is one finding, reported
 * where its author wrote it. A build shipped in several module formats is linted in one: dist/esm
 * over dist/cjs, index.js / index.mjs over index.cjs beside it, and index.mjs over index.js beside
 * it (tsup's CommonJS + ESM pair, as @upstash/* ship).
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
      const duplicate =
        (dir === top && skipCompiled && COMPILED_DIRS.has(e.name)) || (e.name === "cjs" && names.has("esm"));
      if (duplicate) skipped.push(...[...sources(full, [], top, false)].map((f) => path.relative(top, f)));
      else yield* sources(full, skipped, top, skipCompiled);
    } else if (
      SOURCE.test(e.name) &&
      !DECLARATION.test(e.name) &&
      !/\.min\.js$/.test(e.name) &&
      statSync(full).size < 1_000_000
    ) {
      const base = e.name.replace(/\.c?js$/, "");
      const cjsCopy =
        (e.name.endsWith(".cjs") && (names.has(`${base}.js`) || names.has(`${base}.mjs`))) ||
        (e.name.endsWith(".js") && names.has(`${base}.mjs`));
      if (cjsCopy) skipped.push(path.relative(top, full));
      else yield full;
    }
  }
}

install();
/** Where a package's files are linted: bench/.corpus/src/<name>, a link to node_modules/<name>. */
function placed(pkg) {
  const link = path.join(installDir, "src", pkg.name);
  if (!existsSync(link)) {
    mkdirSync(path.dirname(link), { recursive: true });
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(installDir, "node_modules", pkg.name)), link, "dir");
    }
  }
  return link;
}
const probe = await loadProbe();
const linter = new Linter({ configType: "flat", cwd: repo });
const base = {
  ...plugin.configs.all,
  files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
};
const probeConfig = probe && {
  files: base.files,
  plugins: { "corpus-probe": probe.plugin },
  rules: { "corpus-probe/calls": "warn" },
};

function lint(settingsOf) {
  const findings = [];
  const table = [];
  for (const pkg of packages) {
    const dir = path.join(installDir, "node_modules", pkg.name);
    const settings = settingsOf(pkg);
    let files = 0;
    let parseErrors = 0;
    let filesSeen = 0;
    let calls = 0;
    const skipped = [];
    const before = findings.length;
    for (const file of sources(dir, skipped)) {
      files++;
      const rel = path.relative(dir, file);
      const at = virtual ? path.join(repo, "corpus", pkg.name, rel) : path.join(placed(pkg), rel);
      const code = readFileSync(file, "utf8");
      const config = (sourceType) => [
        { ...base, settings, languageOptions: { ...base.languageOptions, sourceType } },
        ...(probeConfig ? [probeConfig] : []),
      ];
      if (probe) probe.counts.calls = 0;
      let messages = linter.verify(code, config("module"), at);
      if (messages.some((m) => m.fatal)) {
        if (probe) probe.counts.calls = 0;
        messages = linter.verify(code, config("commonjs"), at);
      }
      if (messages.some((m) => m.fatal)) parseErrors++;
      else if (probe && probe.counts.calls > 0) {
        filesSeen++;
        calls += probe.counts.calls;
      }
      for (const m of messages) {
        if (m.fatal || !m.ruleId?.startsWith("redis/")) continue;
        findings.push({ package: pkg.name, file: rel, line: m.line, rule: m.ruleId, message: m.message });
      }
    }
    const mine = findings.slice(before);
    const byRule = {};
    for (const f of mine) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    table.push({ pkg, files, skipped: skipped.length, parseErrors, filesSeen, calls, findings: mine.length, byRule });
  }
  return { findings, table };
}

const runs = MODES.map((m) => ({ ...m, ...lint(m.settingsOf) }));
const [def, named] = runs;
const n = (v) => (probe ? String(v) : "n/a");
console.log(
  "| package | kind | files linted | compiled copies skipped | parse errors | files with Redis recognised (default / named) | Redis calls recognised (default / named) | findings (default / named) | by rule (named) |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|---|");
def.table.forEach((d, i) => {
  const m = named.table[i];
  const rules =
    Object.entries(m.byRule)
      .map(([r, c]) => `${r.replace("redis/", "")} ${c}`)
      .join(", ") || "none";
  const same = !d.pkg.settings;
  const pair = (a, b) => (same ? `${a}` : `${a} / ${b}`);
  console.log(
    `| ${d.pkg.name}@${d.pkg.version} | ${d.pkg.kind} | ${d.files} | ${d.skipped} | ${d.parseErrors} | ${pair(n(d.filesSeen), n(m.filesSeen))} | ${pair(n(d.calls), n(m.calls))} | ${pair(d.findings, m.findings)} | ${rules} |`,
  );
});
const sum = (t, k) => t.reduce((s, r) => s + r[k], 0);
for (const r of runs) {
  console.log(
    `${r.mode.padEnd(7)}: ${r.findings.length} findings; Redis recognised in ${n(sum(r.table, "filesSeen"))} of ${sum(r.table, "files")} files, ${n(sum(r.table, "calls"))} calls`,
  );
}

const key = (f) => `${f.package} ${f.file}:${f.line} ${f.rule}`;
let failed = false;
for (const r of runs) {
  const expectedPath = path.join(here, r.expected);
  if (update) {
    writeFileSync(
      expectedPath,
      `${JSON.stringify(
        r.findings.map(({ message: _message, ...f }) => f),
        null,
        2,
      )}\n`,
    );
    console.log(`wrote ${r.findings.length} ${r.mode} findings to bench/corpus/${r.expected}`);
    continue;
  }
  const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, "utf8")) : [];
  const want = new Set(expected.map(key));
  const got = new Set(r.findings.map(key));
  const missing = [...want].filter((k) => !got.has(k));
  const unexpected = r.findings.filter((f) => !want.has(key(f)));
  for (const k of missing) console.log(`[${r.mode}] MISSING    ${k}`);
  for (const f of unexpected) console.log(`[${r.mode}] UNEXPECTED ${key(f)}  ${f.message}`);
  console.log(
    `corpus (${r.mode}, ${r.expected}): ${r.findings.length} findings, ${missing.length} missing, ${unexpected.length} unexpected`,
  );
  if (missing.length || unexpected.length) failed = true;
}
if (failed) process.exitCode = 1;
