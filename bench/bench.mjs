#!/usr/bin/env node
/**
 * Speed benchmark: `npm run bench` (builds first). Figures, not tests: nothing here fails on a
 * slow machine. Writes bench/results/latest.json and prints a table.
 *
 * (a) plugin time as a fraction of parse time, from ESLint's `stats` (listener time per rule) plus
 *     the time spent in the rules' create() (where the shared model is built): the first pass,
 *     then the median of --passes passes; beside it, the same figure for as many rules that do nothing
 *     (ESLint's own cost of timing that many rules) and the difference (the plugin's net cost), on
 *     - a Redis-heavy corpus: ioredis, bullmq, bull, @redis/client (as installed in node_modules)
 *     - a corpus with no Redis at all: eslint's own lib/
 * (b) wall-time ratio of ESLint with every rule of the plugin against ESLint with the same parser
 *     and no rules, alternating runs, median of the ratios
 * (c) the Redis corpus under oxlint with the plugin as a JS plugin, against oxlint with no rules
 * (d) generated files of 1x, 4x and 16x the size: time per 1,000 lines (growth should be flat)
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ESLint, Linter } from "eslint";
import plugin from "../dist/index.mjs";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    passes: { type: "string", default: "7" },
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "a,b,c,d" },
  },
});
/** Which figures to measure: `--only a,c` (a partial run writes results/partial.json). */
const ONLY = new Set(values.only.split(",").map((x) => x.trim()));
const RUNS = values.quick ? 1 : Number(values.runs);
const PASSES = values.quick ? 1 : Number(values.passes);
const here = import.meta.dirname;
const repo = path.resolve(here, "..");
const nm = path.join(repo, "node_modules");

const CORPORA = {
  redis: ["ioredis/built", "bullmq/dist/esm", "bull/lib", "@redis/client/dist"],
  "no-redis": ["eslint/lib"],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x) => `${(x * 100).toFixed(2)}%`;

/** One rule that does nothing: ESLint's own cost of traversing with any rule on (code paths included). */
const noopPlugin = { rules: { noop: { meta: { type: "problem", schema: [] }, create: () => ({ Program() {} }) } } };

/**
 * mode: "plugin" (every rule of ours), "empty" (as many rules, with our names, that do nothing),
 * "none" (no rules at all) or "noop" (one empty rule).
 */
function eslintFor(mode, stats = false) {
  const all = plugin.configs.all;
  const plugins =
    mode === "plugin"
      ? { redis: plugin }
      : mode === "empty"
        ? { redis: emptyPlugin }
        : mode === "noop"
          ? { bench: noopPlugin }
          : {};
  const rules = mode === "plugin" || mode === "empty" ? all.rules : mode === "noop" ? { "bench/noop": "error" } : {};
  return new ESLint({
    cwd: nm,
    ignore: false,
    stats,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
        languageOptions: { ...all.languageOptions, sourceType: "module" },
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
        plugins,
        rules,
      },
    ],
  });
}

const patterns = (corpus) => CORPORA[corpus].map((d) => `${d}/**/*.{js,mjs,cjs}`);

/**
 * As many rules as the plugin has, with its names, that look at the file they are given
 * (`context.sourceCode`, as every rule does) and return no listeners: what ESLint's stats count for
 * that many rules that do nothing. ESLint times each create() call of each rule in each file, and the first rule in a file
 * that reads its context pays for V8 meeting that file's new context objects (about 5 µs here),
 * which in a real configuration falls on whichever rule comes first.
 */
const emptyPlugin = {
  rules: Object.fromEntries(
    Object.keys(plugin.rules).map((name) => [
      name,
      { meta: { type: "problem", schema: [] }, create: (context) => (context.sourceCode.ast ? {} : {}) },
    ]),
  ),
};

/** One pass over `corpus` with ESLint's stats on: the plugin's rule time and the parse time. */
async function statsPass(corpus, rulesOf) {
  const results = await eslintFor(rulesOf, true).lintFiles(patterns(corpus));
  let parse = 0;
  let rules = 0;
  for (const r of results) {
    for (const pass of r.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) if (id.startsWith("redis/")) rules += t.total;
    }
  }
  return { results, parse, rules, fraction: rules / parse };
}

/**
 * (a) ESLint's stats time each rule's create() (where the shared model is built) and its
 * listeners. The first pass is reported on its own (cold: the JIT has not compiled the plugin
 * yet); then PASSES passes of the plugin and of the empty rules, alternating, and the medians.
 */
async function statsFigure(corpus) {
  globalThis.gc?.();
  const first = await statsPass(corpus, "plugin");
  let lines = 0;
  for (const r of first.results) lines += readFileSync(r.filePath, "utf8").split("\n").length;
  const plugin = [];
  const empty = [];
  for (let i = 0; i < PASSES; i++) {
    for (const [mode, out] of i % 2
      ? [
          ["empty", empty],
          ["plugin", plugin],
        ]
      : [
          ["plugin", plugin],
          ["empty", empty],
        ]) {
      globalThis.gc?.();
      const { parse, rules, fraction } = await statsPass(corpus, mode);
      out.push({ parse, rules, fraction });
    }
  }
  const fraction = median(plugin.map((p) => p.fraction));
  const emptyFraction = median(empty.map((p) => p.fraction));
  return {
    files: first.results.length,
    lines,
    passes: PASSES,
    parseMs: median(plugin.map((p) => p.parse)),
    pluginMs: median(plugin.map((p) => p.rules)),
    fraction,
    emptyRulesMs: median(empty.map((p) => p.rules)),
    emptyRulesFraction: emptyFraction,
    netFraction: fraction - emptyFraction,
    firstPass: { parseMs: first.parse, pluginMs: first.rules, fraction: first.fraction },
  };
}

async function wallRatio(corpus) {
  const times = { plugin: [], none: [], noop: [] };
  const ratios = [];
  const noopRatios = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order so that warm-up and noise fall on every side.
    const order = i % 2 ? ["none", "noop", "plugin"] : ["plugin", "noop", "none"];
    const t = {};
    for (const mode of order) {
      const start = performance.now();
      await eslintFor(mode).lintFiles(patterns(corpus));
      t[mode] = performance.now() - start;
      times[mode].push(t[mode]);
    }
    ratios.push(t.plugin / t.none);
    noopRatios.push(t.plugin / t.noop);
  }
  return {
    runs: RUNS,
    medianRatio: median(ratios),
    medianRatioVsNoopRule: median(noopRatios),
    medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
  };
}

function oxlintFigure() {
  const bin = path.join(nm, ".bin", "oxlint");
  const dir = mkdtempSync(path.join(os.tmpdir(), "redis-oxlint-"));
  const withCfg = path.join(dir, "with.json");
  const withoutCfg = path.join(dir, "without.json");
  const emptyCfg = path.join(dir, "empty.json");
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((n) => [`redis/${n}`, "error"]));
  writeFileSync(
    withCfg,
    JSON.stringify({ jsPlugins: [path.join(repo, "dist/index.mjs")], categories: { correctness: "off" }, rules }),
  );
  writeFileSync(withoutCfg, JSON.stringify({ categories: { correctness: "off" }, rules: {} }));
  // A JS plugin with one rule that visits the AST and does nothing: what oxlint's JS-plugin bridge
  // costs any plugin that looks at the AST (oxlint hands a file's AST to JavaScript only then).
  const emptyPluginFile = path.join(dir, "empty-plugin.mjs");
  writeFileSync(
    emptyPluginFile,
    `export default { meta: { name: "empty" }, rules: { noop: { create: () => ({ Program() {} }) } } };\n`,
  );
  writeFileSync(
    emptyCfg,
    JSON.stringify({
      jsPlugins: [emptyPluginFile],
      categories: { correctness: "off" },
      rules: { "empty/noop": "error" },
    }),
  );
  // oxlint never lints inside node_modules: copy the corpus out first.
  const dirs = CORPORA.redis.map((d) => {
    const target = path.join(dir, "corpus", d);
    cpSync(path.join(nm, d), target, { recursive: true });
    return target;
  });
  const time = (cfg) => {
    const start = performance.now();
    try {
      const out = execFileSync(bin, ["-c", cfg, "--no-ignore", ...dirs], { stdio: "pipe" }).toString();
      files = Number(/on (\d+) files?/.exec(out)?.[1] ?? 0);
    } catch (error) {
      // Findings make oxlint exit 1; anything else is a real failure.
      if (error.status !== 1) throw error;
      files = Number(/on (\d+) files?/.exec(String(error.stdout))?.[1] ?? 0);
    }
    return performance.now() - start;
  };
  const withMs = [];
  const withoutMs = [];
  const emptyMs = [];
  let files = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      withoutMs.push(time(withoutCfg));
      emptyMs.push(time(emptyCfg));
      withMs.push(time(withCfg));
    }
  } catch (error) {
    return { error: String(error.stderr ?? error.message).slice(0, 500) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    files,
    medianWithMs: median(withMs),
    medianWithoutMs: median(withoutMs),
    medianEmptyJsPluginMs: median(emptyMs),
    medianRatio: median(withMs) / median(withoutMs),
    medianRatioVsEmptyJsPlugin: median(withMs) / median(emptyMs),
  };
}

/** A Redis-dense TypeScript file: every kind of call the model and the rules look at. */
function generated(copies) {
  const unit = (i) => `
export class Service${i} {
  constructor(private readonly redis: Redis) {}
  async book${i}(seat: string, user: string) {
    const status = await this.redis.get(\`seat:\${seat}\`);
    if (status === "free") await this.redis.set(\`seat:\${seat}\`, user);
    const tx = this.redis.multi();
    tx.incr("bookings").hset(\`user:\${user}\`, "seat", seat);
    const res = await tx.exec();
    if (!res) throw new Error("retry");
    return res.map(([err, v]) => (err ? null : v));
  }
  async lock${i}(key: string, token: string) {
    const ok = await this.redis.set(key, token, "PX", 3000, "NX");
    if (!ok) return false;
    await this.redis.eval(RELEASE, 1, key, token);
    return true;
  }
  async scan${i}() {
    for await (const keys of this.redis.scanStream({ match: "user:*" })) consume(keys);
    const m = new Map<string, number>();
    m.set("a", 1);
    return /x/.exec(String(m.get("a")));
  }
}
`;
  return `import Redis from "ioredis";\nconst RELEASE = "return 1";\ndeclare function consume(k: string[]): void;\n${Array.from({ length: copies }, (_, i) => unit(i)).join("")}`;
}

function growthFigure() {
  const linter = new Linter({ configType: "flat" });
  const config = [{ ...plugin.configs.all, files: ["**/*.ts"] }];
  const out = [];
  for (const factor of [1, 4, 16]) {
    const code = generated(25 * factor);
    const lines = code.split("\n").length;
    linter.verify(code, config, "gen.ts"); // warm-up
    const times = [];
    for (let i = 0; i < Math.max(3, RUNS); i++) {
      const start = performance.now();
      linter.verify(code, config, "gen.ts");
      times.push(performance.now() - start);
    }
    out.push({ factor, lines, medianMs: median(times), msPer1000Lines: (median(times) / lines) * 1000 });
  }
  return out;
}

const result = { date: new Date().toISOString(), node: process.version, runs: RUNS, cpus: os.cpus().length };
for (const corpus of Object.keys(CORPORA)) {
  if (ONLY.has("a") || ONLY.has("b")) {
    result[corpus] = {
      stats: ONLY.has("a") ? await statsFigure(corpus) : null,
      wall: ONLY.has("b") ? await wallRatio(corpus) : null,
    };
  }
}
if (ONLY.has("c")) result.oxlint = oxlintFigure();
if (ONLY.has("d")) result.growth = growthFigure();

mkdirSync(path.join(here, "results"), { recursive: true });
writeFileSync(
  path.join(here, "results", ONLY.size === 4 ? "latest.json" : "partial.json"),
  `${JSON.stringify(result, null, 2)}\n`,
);

for (const corpus of Object.keys(CORPORA)) {
  const { stats, wall } = result[corpus] ?? {};
  const a = stats
    ? `(a) plugin ${stats.pluginMs.toFixed(1)} ms = ${pct(stats.fraction)} of parse (${stats.parseMs.toFixed(0)} ms), median of ${stats.passes} passes; ${Object.keys(plugin.rules).length} empty rules ${pct(stats.emptyRulesFraction)}, net ${pct(stats.netFraction)}; first pass ${pct(stats.firstPass.fraction)}`
    : null;
  const b = wall
    ? `(b) wall ratio ${wall.medianRatio.toFixed(3)} vs no rules, ${wall.medianRatioVsNoopRule.toFixed(3)} vs one empty rule (medians of ${wall.runs})`
    : null;
  if (a || b)
    console.log(
      `${corpus.padEnd(9)} ${[stats && `${String(stats.files).padStart(5)} files ${String(stats.lines).padStart(7)} lines`, a, b].filter(Boolean).join(" | ")}`,
    );
}
const ox = result.oxlint;
if (ox) {
  console.log(
    ox.error
      ? `(c) oxlint: ${ox.error}`
      : `(c) oxlint on ${ox.files} files: with the plugin ${ox.medianWithMs.toFixed(0)} ms; ${ox.medianWithoutMs.toFixed(0)} ms with no rules (ratio ${ox.medianRatio.toFixed(2)}); ${ox.medianEmptyJsPluginMs.toFixed(0)} ms with a JS plugin of one rule that visits the AST and does nothing (ratio ${ox.medianRatioVsEmptyJsPlugin.toFixed(2)})`,
  );
}
for (const g of result.growth ?? [])
  console.log(
    `(d) ${String(g.factor).padStart(2)}x ${String(g.lines).padStart(6)} lines: ${g.medianMs.toFixed(1)} ms, ${g.msPer1000Lines.toFixed(2)} ms per 1,000 lines`,
  );
