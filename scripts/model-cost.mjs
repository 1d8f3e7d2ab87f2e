#!/usr/bin/env node
/**
 * What the per-file Redis model costs, against parse time, on the benchmark's corpora:
 *
 *   node scripts/model-cost.mjs [--dist DIR] [--runs 5]
 *
 * Builds src/index.ts and src/model/index.ts into .bench-dist/cost (or uses --dist, a directory
 * holding index.mjs and model.mjs built the same way), then lints every corpus file with ESLint's
 * Linter and the plugin's parser, and reports per corpus, as the median over --runs passes:
 * - parse: ESLint's parse time (`stats`);
 * - model: the time of `getModel` (the shared model, built in the first rule's `create()`);
 * - rules: every rule of the plugin together, from ESLint's `stats` (create() and listeners, so
 *   the model, built in the first create(), is included).
 * Figures, not a test.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { privateBuild } from "./private-build.mjs";
import { Linter } from "eslint";

const { values } = parseArgs({ options: { dist: { type: "string" }, runs: { type: "string", default: "5" } } });
const repo = path.resolve(import.meta.dirname, "..");
const nm = path.join(repo, "node_modules");
const {
  plugin,
  model: { getModel },
} = await privateBuild("cost", values.dist);

const CORPORA = {
  redis: ["ioredis/built", "bullmq/dist/esm", "bull/lib", "@redis/client/dist"],
  "no-redis": ["eslint/lib"],
};

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (/\.[cm]?js$/.test(e.name)) yield full;
  }
}

const all = plugin.configs.all;
const base = {
  files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
  languageOptions: { ...all.languageOptions, sourceType: "module" },
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
};
let modelMs = 0;
const modelRule = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const start = performance.now();
    getModel(context);
    modelMs += performance.now() - start;
    return {};
  },
};
const modelConfig = [{ ...base, plugins: { m: { rules: { model: modelRule } } }, rules: { "m/model": "error" } }];
const rulesConfig = [{ ...base, plugins: { redis: plugin }, rules: all.rules }];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function pass(files, config, withRules) {
  const linter = new Linter({ configType: "flat", cwd: repo });
  let parse = 0;
  let rules = 0;
  modelMs = 0;
  for (const { name, code } of files) {
    linter.verifyAndFix(code, config, { filename: name, stats: true, fix: false });
    for (const p of linter.getTimes()?.passes ?? []) {
      parse += p.parse?.total ?? 0;
      if (withRules) for (const [id, t] of Object.entries(p.rules ?? {})) if (id.startsWith("redis/")) rules += t.total;
    }
  }
  return { parse, model: modelMs, rules };
}

const RUNS = Number(values.runs);
for (const [corpus, dirs] of Object.entries(CORPORA)) {
  const files = dirs
    .flatMap((d) => [...walk(path.join(nm, d))])
    .map((f) => ({ name: path.join(repo, "corpus", path.relative(nm, f)), code: readFileSync(f, "utf8") }));
  const lines = files.reduce((n, f) => n + f.code.split("\n").length, 0);
  const parse = [];
  const model = [];
  const rules = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const m = pass(files, modelConfig, false);
    const r = pass(files, rulesConfig, true);
    if (i === 0) continue; // warm-up
    parse.push(m.parse, r.parse);
    model.push(m.model);
    rules.push(r.rules);
  }
  const p = median(parse);
  const mm = median(model);
  const rr = median(rules);
  const pct = (x) => `${((x / p) * 100).toFixed(2)}%`;
  console.log(
    `${corpus}: ${files.length} files, ${lines} lines | parse ${p.toFixed(0)} ms | model ${mm.toFixed(1)} ms (${pct(mm)}) | all rules ${rr.toFixed(1)} ms (${pct(rr)})`,
  );
}
