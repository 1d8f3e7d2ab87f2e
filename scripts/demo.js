#!/usr/bin/env node
/**
 * The demo: lints examples/ with the BUILT plugin's `configs.recommended` through ESLint's Node
 * API, prints ESLint's stylish report and a summary line. Run it with `npm run demo`, which
 * builds first. Exits 0 even with findings (it is a demo); only a crash exits non-zero.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
// Resolved through package.json "exports" to dist/index.mjs, exactly as a user's config imports it.
import redis from "eslint-plugin-redis";

const examples = fileURLToPath(new URL("../examples/", import.meta.url));

const eslint = new ESLint({
  cwd: examples,
  overrideConfigFile: true,
  overrideConfig: [redis.configs.recommended],
});
const results = await eslint.lintFiles(["."]);
const formatter = await eslint.loadFormatter("stylish");
const report = await formatter.format(results);

const messages = results.flatMap((r) => r.messages);
const errors = messages.filter((m) => m.severity === 2).length;
const warnings = messages.length - errors;
const filesWithFindings = results.filter((r) => r.messages.length > 0).length;
const byRule = new Map();
for (const m of messages) byRule.set(m.ruleId ?? "(parse error)", (byRule.get(m.ruleId ?? "(parse error)") ?? 0) + 1);
const rules = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => `${id} ×${n}`);

process.stdout.write(report || "\nNo findings.\n");
console.log(
  `\n${redis.meta.name} ${redis.meta.version} demo: ${messages.length} finding${messages.length === 1 ? "" : "s"} ` +
    `(${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) ` +
    `in ${filesWithFindings} of ${results.length} files under ${relative(process.cwd(), examples) || "."}/` +
    (rules.length ? ` — ${rules.join(", ")}` : ""),
);
