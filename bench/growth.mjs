#!/usr/bin/env node
/**
 * Growth of each rule in the size of ONE function: `npm run bench:growth` (builds src/index.ts
 * and src/model/index.ts into .bench-dist/growth first, as scripts/model-cost.mjs does, so that
 * the model can be timed alone; `--dist DIR` uses a directory built the same way instead).
 *
 *   node --expose-gc bench/growth.mjs [--sizes 1000,8000] [--passes 5] [--rules a,b] [--dist DIR]
 *
 * Generates one async function of about 1,000 and 8,000 statements mixing reads, writes, locks
 * (SET NX PX, del, eval release), MULTI/EXEC, pipelines, WATCH, KEYS, SETNX + EXPIRE and database
 * transactions (Prisma `$transaction`, Knex `transaction`) on an ioredis client and a node-redis
 * client, then lints it with ESLint's Linter and ONE rule on at a time (plus a rule that only
 * builds the shared model: "(model)"). Each figure is the median over --passes passes (after a
 * warm-up pass) of the rule's time from ESLint's `stats` (its create(), where the model is built,
 * and its listeners). Prints, per rule, ms at each size and the ratio largest/smallest (8 is
 * linear for 1,000 → 8,000), and the worst ratio. Figures, not a test (the test is
 * tests/model/growth.test.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { privateBuild } from "../scripts/private-build.mjs";
import { Linter } from "eslint";
import { generate } from "./growth-code.mjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,8000" },
    passes: { type: "string", default: "5" },
    rules: { type: "string" },
    dist: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const repo = path.resolve(import.meta.dirname, "..");
const {
  plugin,
  model: { getModel },
} = await privateBuild("growth", values.dist);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const all = plugin.configs.all;
const base = {
  files: ["**/*.ts"],
  languageOptions: { ...all.languageOptions, sourceType: "module" },
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
};
const modelRule = { meta: { type: "problem", schema: [] }, create: (context) => (getModel(context), {}) };
const targets = [
  ["(model)", [{ ...base, plugins: { m: { rules: { model: modelRule } } }, rules: { "m/model": "error" } }]],
];
const only = values.rules ? new Set(values.rules.split(",").map((r) => r.trim())) : null;
for (const name of Object.keys(plugin.rules)) {
  if (only && !only.has(name)) continue;
  targets.push([name, [{ ...base, plugins: { redis: plugin }, rules: { [`redis/${name}`]: "error" } }]]);
}

const linter = new Linter({ configType: "flat", cwd: repo });
/** Time (ms) of the rules of one lint of `code`, from ESLint's stats, and the number of problems. */
function lintOnce(code, config) {
  const messages = linter.verifyAndFix(code, config, {
    filename: path.join(repo, "growth.ts"),
    stats: true,
    fix: false,
  }).messages;
  let ms = 0;
  for (const p of linter.getTimes()?.passes ?? []) for (const t of Object.values(p.rules ?? {})) ms += t.total;
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`generated code does not parse: ${fatal.message}`);
  return { ms, problems: messages.length };
}

const sizes = values.sizes.split(",").map(Number);
const PASSES = Number(values.passes);
const files = sizes.map((s) => generate(s));
const rows = [];
if (!values.json) {
  console.log(
    `${"rule (ms)".padEnd(32)}${files.map((f) => `${f.statements} st`.padStart(10)).join("")}   ratio (${(files.at(-1).statements / files[0].statements).toFixed(1)} = linear)`,
  );
}
for (const [name, config] of targets) {
  const row = { rule: name, ms: [], problems: [] };
  for (const f of files) {
    lintOnce(f.code, config); // warm-up
    const times = [];
    let problems = 0;
    for (let i = 0; i < PASSES; i++) {
      globalThis.gc?.();
      const r = lintOnce(f.code, config);
      times.push(r.ms);
      problems = r.problems;
    }
    row.ms.push(median(times));
    row.problems.push(problems);
  }
  row.ratio = row.ms.at(-1) / row.ms[0];
  rows.push(row);
  if (!values.json) {
    const cells = row.ms.map((m) => m.toFixed(1).padStart(10)).join("");
    console.log(
      `${name.padEnd(32)}${cells}${row.ratio.toFixed(1).padStart(8)}   (${row.problems.join(" / ")} problems)`,
    );
  }
}
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
if (values.json) console.log(JSON.stringify({ sizes: files.map((f) => f.statements), rows, worst }, null, 2));
else console.log(`worst ratio: ${worst.ratio.toFixed(1)} (${worst.rule})`);
