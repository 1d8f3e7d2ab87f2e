#!/usr/bin/env node
/**
 * The model's candidate search (follow Redis values forward from where they come from) must find
 * exactly what the original construction found by walking the whole AST. This script builds both
 * models for every file of a large corpus and compares them:
 *
 *   npm run model:equivalence [-- --others 5000]
 *
 * Corpus: every source file under node_modules/{ioredis,bullmq,bull,@redis,redis4,better-sqlite3},
 * --others more files from the rest of node_modules (stable order), docs/examples/**, and a few
 * snippets of shapes the corpus has few of (escapes, `import = require`, cycles, fields). Each file
 * is parsed by ESLint with the plugin's parser, and both models are built from the same SourceCode
 * (`buildModelForTest`, no early exit), under the default settings, under settings with extra client
 * names (plain ones, regular expressions) and client modules, and under a stress setting where every
 * one- or two-letter name is a client. Compared: every recorded
 * call (range, method, command, receiver, family, raw, client key / lives / via, transaction), every
 * transaction (range, family, atomic, client, queued, execs), then `valueOf` of every expression
 * that can be a receiver, and the transactions again.
 *
 * Then the rule and model test suites run (vitest, scripts/model-equivalence.vitest.config.ts) with
 * every model a test builds also built the original way and compared; a failing test counts as a
 * difference (`--skip-tests` leaves them out).
 *
 * Both also check the early exit: wherever it says a file has no Redis in it, the model built
 * without it must find no call and no transaction.
 *
 * Prints `files: N, differences: D` and exits 1 when D > 0.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { privateBuild } from "./private-build.mjs";
import { Linter } from "eslint";
import { sourceFiles } from "./lib/source-files.mjs";

const { values } = parseArgs({
  options: {
    others: { type: "string", default: "5000" },
    only: { type: "string" },
    "skip-tests": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const repo = path.resolve(import.meta.dirname, "..");
const nm = path.join(repo, "node_modules");
const {
  plugin,
  model: { buildModelForTest, earlyExitAdmits, readSettings, DEFAULT_CLIENT_NAMES },
} = await privateBuild("equivalence");

const MAX_BYTES = 400_000;
const REDIS_PACKAGES = ["ioredis", "bullmq", "bull", "@redis", "redis4", "better-sqlite3"];

function corpus() {
  const files = [];
  for (const name of REDIS_PACKAGES)
    for (const f of sourceFiles(path.join(nm, name))) if (statSync(f).size <= MAX_BYTES) files.push(f);
  let others = 0;
  const max = Number(values.others);
  const top = readdirSync(nm)
    .filter((n) => !n.startsWith(".") && !REDIS_PACKAGES.includes(n))
    .sort();
  outer: for (const name of top) {
    for (const f of sourceFiles(path.join(nm, name))) {
      if (others >= max) break outer;
      if (statSync(f).size > MAX_BYTES) continue;
      files.push(f);
      others++;
    }
  }
  for (const f of sourceFiles(path.join(repo, "docs", "examples"))) files.push(f);
  for (const name of Object.keys(SNIPPETS)) files.push(`snippet:${name}`);
  return files;
}

/** Shapes the corpus has few of: each one exercises a forward step of the search, or its limits. */
const SNIPPETS = {
  "import-equals.ts": `import Redis = require("ioredis");\nconst r = new Redis();\nr.set("k", "v");\nexport import R2 = require("ioredis");\nnew R2().get("k");\ndeclare module "m" { import X = require("ioredis"); const x: X; }`,
  "escapes.js": `import Redis from "ioredis";\nconst re\\u0064is = x();\nredis.get("a");\nconst c = new Redis();\nc["mult\\x69"]().set("a", 1).exec();\nthis["re\\x64is"];`,
  "escaped-string.js": `import Redis from "ioredis";\nconst c = new Redis();\nconst t = { "\\r": 1 };\nt["\\r"];\nc.get("\\n");`,
  "cycles.js": `import Redis from "ioredis";\nlet a = new Redis(); let b = a; a = b; b = a.duplicate();\nb.get("x"); a.set("y", 1);\nlet s = ""; let redis = s; s = s.substr(1); s += redis; s.trim(); redis.get("k");`,
  "for-of.js": `import { createClient } from "redis";\nconst clients = createClient();\nfor (const c of clients) c.get("k");\nlet d; for (d of clients) d.set("k", 1);\nfor (const k in clients) k.foo();`,
  "defaults.js": `import Redis from "ioredis";\nconst r = new Redis();\nfunction f(a = r) { a.get("k"); }\nconst { b = r } = {}; b.get("x");\nlet c; ({ c = r } = {}); c.set("k", 1);\n[c] = [r]; c.del("k");`,
  "logical.js": `import Redis from "ioredis";\nconst r = globalThis.redis ?? new Redis();\nr.get("k");\nconst q = cond ? new Redis() : other; q.get("k");\nconst z = cond ? new Redis() : new Redis(); z.incr("k");\nconst w = (x && new Redis()) || y; w.get("k");`,
  "isolated.js": `import { createClient, createClientPool } from "redis";\nconst client = createClient();\nawait client.executeIsolated(async (iso) => { await iso.watch("k"); await iso.multi().set("k", 1).exec(); });\nconst pool = createClientPool();\npool.execute((c) => c.get("k"));\nfoo.execute((c) => c.get("k"));`,
  "fields.ts": `import Redis, { Cluster } from "ioredis";\nclass A {\n  private r = new Redis();\n  #p: Redis;\n  c: Cluster | null;\n  static s = new Redis();\n  constructor(private readonly injected: Redis, public other = new Redis()) { this.#p = new Redis(); this["q"] = new Redis(); this.z = this.y = new Redis(); }\n  m() { this.r.get("a"); this.#p.set("b", 1); this.c!.get("c"); (this as any).q.get("d"); this.injected.multi().set("x", 1).exec(); this.other.get("o"); this.z.get("z"); this.y.get("y"); }\n  static n() { this.s.get("s"); }\n  k = class { m() { this.r.get("inner"); } };\n  plain() { function g() { this.r.get("no"); } return g; }\n  arrow = () => this.r.get("arrow");\n}`,
  "fields-order.js": `import Redis from "ioredis";\nimport { createClient } from "redis";\nclass B { constructor() { this.c = createClient(); if (x) { this.c = new Redis(); } } run() { this.c.get("k"); } init() { this.c = new Redis({ port: 1 }); } }`,
  "named.js": `const redis = getIt();\nredis.get("k");\nconst { redis: r2 } = deps; r2.get("k");\nconst { redis: redisClient } = deps; redisClient.set("k", 1);\ndeps.redis.get("k"); this.redis.get("x"); obj.redisConnection.multi().get("a").exec();\nfunction f(redis) { return redis.hget("h", "f"); }\nconst o = { redis: 1 }; label: for (;;) { break label; }\nexport { redis as ioredis };`,
  "structural.js": `const tx = db.multi(); tx.set("a", 1); tx.get("b"); await tx.exec();\nthis.client.multi().set("a", 1).exec(); this.client.get("k"); this . client.get("spaced");\nconn.pipeline().get("a").exec(); conn.get("b");\nq.multi().where().exec();\nconst lit = {}; lit.multi().set("a", 1).exec(); lit.get("x");\nobj?.["multi"]().set("a", 1).exec(); obj.get(1);\nx[\`pipeline\`]().get("a").exec(); x.del("k");`,
  "require.cjs": `const Redis = require("ioredis");\nconst { createClient } = require("redis");\nconst r = new Redis(); r.get("k");\nconst c = createClient(); c.set("k", 1);\nconst other = require("./other"); other.get("k");\nrequire("ioredis").Cluster; new (require("ioredis"))().get("k");\nconst IORedis = require("ioredis"); new IORedis.Cluster([]).get("k");`,
  "require-local.js": `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nconst Redis = require("ioredis");\nnew Redis().get("k");`,
  "bun.ts": `import { redis, RedisClient } from "bun";\nawait redis.get("k");\nconst c = new RedisClient(); await c.send("MULTI", []); await c.set("a", "1"); await c.send("EXEC", []);\nBun.redis.get("k");`,
  "types.ts": `import type { RedisClientType } from "redis";\nimport * as IORedis from "ioredis";\nfunction f(c: RedisClientType, d: IORedis.Redis, e: IORedis.Cluster | undefined, g: Map<string, string>) { c.get("k"); d.set("k", 1); e?.get("k"); g.get("k"); }\nconst t: RedisClientMultiCommandType = x; t.set("a", 1).exec();\nclass S { constructor(@InjectRedis() private readonly redis: Redis) {} m() { return this.redis.get("k"); } }\nlet u: GlideClient; u.get("k");`,
  "glide.ts": `import { GlideClient, Batch, Transaction } from "@valkey/valkey-glide";\nconst client = await GlideClient.createClient({});\nconst b = new Batch(true); b.set("a", "1"); await client.exec(b, true);\nconst t = new Transaction(); t.get("a"); await client.exec(t);`,
  "upstash.ts": `import { Redis } from "@upstash/redis";\nimport { kv } from "@vercel/kv";\nconst r = Redis.fromEnv(); await r.exec(["SET", "a", "1"]); const p = r.multi(); p.set("a", 1); await p.exec();\nawait kv.get("k");`,
  "chains.ts": `import { createClient } from "redis";\nconst c = await createClient().on("error", console.error).connect();\nawait c.get("k");\nconst m = c.multi(); m.incr("a").incr("b"); const res = await m.exec();\nc.MULTI().SET("a", "1").EXEC();\nconst d = c.duplicate(); await d.connect(); await d.subscribe("ch", () => {});`,
  "wrappers.ts": `import Redis from "ioredis";\nconst r = new Redis() as Redis;\n(r!).get("k"); (r satisfies Redis).set("k", 1); (<Redis>r).del("k");\nconst p = r?.pipeline(); p?.get("a").exec();\nconst q = (require!)("ioredis");`,
  "jsx.jsx": `import Redis from "ioredis";\nconst redis = new Redis();\nexport const C = () => <redis.Provider value={redis}><this.x /></redis.Provider>;\nredis.get("k");`,
  "holes.js": `import Redis from "ioredis";\nconst r = new Redis();\nconst a = [, r, , r.get("k")];\nconst [, b] = [0, r]; b.get("x");`,
  "regex-names.js": `const conn = make(); conn.get("k"); const connection = conn; connection.set("k", 1); this.conn.get("a"); x.connection.multi().get("k").exec();`,
  "commonjs-global.cjs": `const Redis = require("ioredis"); module.exports = function () { return new Redis().get("k"); };`,
  "shadowed.js": `import Redis from "ioredis";\nfunction f(Redis) { return new Redis().get("k"); }\n{ const Redis = class {}; new Redis().get("k"); }\nclass Redis2 extends Redis { m() { this.get("k"); super.get("x"); } }`,
  "sequence.js": `import Redis from "ioredis";\nconst r = new Redis();\n(0, r.get)("k"); (r, r).get("k"); r.get.call(r, "k"); const { get } = r; get("k");`,
};

const SETTINGS = [
  readSettings(undefined),
  readSettings({
    redis: {
      clientNames: [...DEFAULT_CLIENT_NAMES, "client", "/^(?:conn|connection)$/"],
      clientModules: ["./redis", "~/lib/cache"],
    },
  }),
  readSettings({ redis: { clientNames: ["client", "cache", "store"], defaultFamily: "ioredis" } }),
  // Stress: every short name is a client (minified code is full of them).
  readSettings({ redis: { clientNames: ["/^[a-z_$][\\w$]?$/"], defaultFamily: "node-redis" } }),
];

const r = (node) => (node ? `${node.range[0]}-${node.range[1]}` : "-");
const client = (c) =>
  c
    ? `${c.family}/${c.key}/${c.lives}/${c.via}/${c.cluster ?? ""}/${c.pool ?? ""}/${r(c.origin)}/${r(c.options)}`
    : "none";
const describeCall = (c) =>
  `${r(c.node)} ${c.method}→${c.command} ${c.receiver} ${c.family} raw=${c.raw} args=${c.args.map(r).join(",")} client=${client(c.client)} tx=${c.tx ? r(c.tx.node) : "-"} fn=${r(c.fn)} ro=${c.readonly} w=${c.write}`;
const describeTx = (t) =>
  `${r(t.node)} ${t.family} atomic=${t.atomic} client=${client(t.client)} queued=${t.queued.map((c) => r(c.node)).join(",")} execs=${t.execs.map((c) => r(c.node)).join(",")}`;
const describeValue = (v) =>
  !v ? "null" : v.kind === "client" ? `client ${client(v)}` : `${v.kind} ${v.family} ${r(v.tx.node)}`;

function compareLists(label, a, b, out) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      out.push(`${label}[${i}]: walk ${a[i] ?? "(none)"} | search ${b[i] ?? "(none)"}`);
      return;
    }
  }
}

/** Expressions a rule may ask `valueOf` about: identifiers, members, calls, `new`, `await`. */
function receivers(ast, keys) {
  const out = [];
  const stack = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (/^(?:Identifier|MemberExpression|CallExpression|NewExpression|AwaitExpression)$/.test(node.type))
      out.push(node);
    for (const key of keys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--)
          if (child[i] && typeof child[i].type === "string") stack.push(child[i]);
      } else if (child && typeof child.type === "string") stack.push(child);
    }
  }
  return out;
}

function compare(sourceCode, settings) {
  const out = [];
  let walkModel;
  let searchModel;
  let walkError;
  let searchError;
  try {
    walkModel = buildModelForTest(sourceCode, settings, { fullWalk: true });
  } catch (error) {
    walkError = String(error?.stack ?? error);
  }
  try {
    searchModel = buildModelForTest(sourceCode, settings);
  } catch (error) {
    searchError = String(error?.stack ?? error);
  }
  if (walkError || searchError) {
    const first = (e) => e?.split("\n")[0];
    if (first(walkError) !== first(searchError))
      out.push(
        `crash: walk ${first(walkError) ?? "none"} | search ${first(searchError) ?? "none"}\n${searchError ?? walkError}`,
      );
    return { out, crashed: true };
  }
  // The early exit may only skip files in which the model finds nothing.
  if ((walkModel.calls.length || walkModel.transactions.length) && !earlyExitAdmits(sourceCode, settings)) {
    out.push(
      `early exit: says "no Redis", but the model finds ${walkModel.calls.length} calls and ${walkModel.transactions.length} transactions`,
    );
  }
  const fallback = searchModel.build?.fallback;
  if (fallback) totals.fallbacks[fallback] = (totals.fallbacks[fallback] ?? 0) + 1;
  totals.calls += walkModel.calls.length;
  totals.transactions += walkModel.transactions.length;
  compareLists("calls", walkModel.calls.map(describeCall), searchModel.calls.map(describeCall), out);
  compareLists("transactions", walkModel.transactions.map(describeTx), searchModel.transactions.map(describeTx), out);
  if (!out.length) {
    const nodes = receivers(sourceCode.ast, sourceCode.visitorKeys);
    for (const node of nodes) {
      const value = (model) => {
        try {
          return describeValue(model.valueOf(node));
        } catch (error) {
          return `crash ${String(error).split("\n")[0]}`;
        }
      };
      const a = value(walkModel);
      const b = value(searchModel);
      if (a.startsWith("crash") && a === b) {
        out.push(`valueOf ${node.type} ${r(node)}: both crash: ${a}`);
        break;
      }
      if (a !== b) {
        out.push(`valueOf ${node.type} ${r(node)}: walk ${a} | search ${b}`);
        break;
      }
    }
    compareLists(
      "transactions after valueOf",
      walkModel.transactions.map(describeTx),
      searchModel.transactions.map(describeTx),
      out,
    );
  }
  return { out, crashed: false };
}

let current = null;
const totals = { calls: 0, transactions: 0, fallbacks: {} };
const recorder = {
  meta: { type: "problem", schema: [] },
  create(context) {
    for (const settings of SETTINGS) {
      const { out, crashed } = compare(context.sourceCode, settings);
      current.differences.push(...out.map((d) => `[settings ${SETTINGS.indexOf(settings)}] ${d}`));
      if (crashed) current.crashes++;
    }
    return {};
  },
};

const config = (sourceType) => [
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
    plugins: { eq: { rules: { model: recorder } } },
    rules: { "eq/model": "error" },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    languageOptions: { ...plugin.configs.all.languageOptions, sourceType },
  },
];
const linter = new Linter({ configType: "flat", cwd: repo });
const files = values.only ? corpus().filter((f) => f.includes(values.only)) : corpus();
let differences = 0;
let parseErrors = 0;
let crashes = 0;
let differingFiles = 0;
const started = performance.now();
for (const file of files) {
  const snippet = file.startsWith("snippet:") ? file.slice("snippet:".length) : null;
  const code = snippet ? SNIPPETS[snippet] : readFileSync(file, "utf8");
  const name = path.join(
    repo,
    "corpus",
    snippet ? `snippets/${snippet}` : path.relative(repo, file).replaceAll("node_modules", "nm"),
  );
  current = { differences: [], crashes: 0 };
  let messages = linter.verify(code, config("module"), name);
  if (messages.some((m) => m.fatal)) {
    current = { differences: [], crashes: 0 };
    messages = linter.verify(code, config("script"), name);
  }
  if (messages.some((m) => m.fatal)) {
    parseErrors++;
    if (snippet) console.log(`snippet ${snippet} does not parse: ${messages.find((m) => m.fatal).message}`);
    continue;
  }
  crashes += current.crashes;
  if (current.differences.length) {
    differences += current.differences.length;
    differingFiles++;
    if (differingFiles <= 20 || values.verbose) {
      console.log(`${path.relative(repo, file)}:`);
      for (const d of current.differences) console.log(`  ${d}`);
    }
  }
}
// The rule and model test suites, with both constructions compared on every model they build
// (scripts/model-equivalence.setup.ts): each failing test is a difference.
let testFiles = 0;
if (!values["skip-tests"] && !values.only) {
  const report = path.join(os.tmpdir(), `model-equivalence-${process.pid}.json`);
  const vitest = spawnSync(
    process.execPath,
    [
      path.join(nm, "vitest", "vitest.mjs"),
      "run",
      "--config",
      "scripts/model-equivalence.vitest.config.ts",
      "--reporter=dot",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { cwd: repo, stdio: ["ignore", "inherit", "inherit"] },
  );
  let result = null;
  try {
    result = JSON.parse(readFileSync(report, "utf8"));
    rmSync(report, { force: true });
  } catch {
    // No report: vitest itself failed; counted below.
  }
  if (!result) {
    console.log(`vitest exited ${vitest.status} without a report`);
    differences++;
  } else {
    testFiles = result.numTotalTests;
    differences += result.numFailedTests;
    if (result.numFailedTests)
      console.log(`${result.numFailedTests} of ${result.numTotalTests} tests failed (see above)`);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const fallbacks =
  Object.entries(totals.fallbacks)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ") || "none";
console.log(
  `(${seconds} s; ${parseErrors} parse errors; ${crashes} crashes, alike in both constructions; search fell back to the full walk: ${fallbacks}; compared ${totals.calls} calls and ${totals.transactions} transactions)`,
);
if (testFiles)
  console.log(`(and ${testFiles} rule and model tests, with both constructions compared on every model they built)`);
console.log(`files: ${files.length - parseErrors}, differences: ${differences}`);
process.exit(differences > 0 ? 1 : 0);
