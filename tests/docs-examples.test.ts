/**
 * The docs' examples are the truth: every `*.incorrect*.ts` is reported by its rule, every
 * `*.correct*.ts` passes all the plugin's rules, and the docs show the current example files.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { outOfDateDocs } from "../scripts/embed-examples.mjs";
import plugin from "../src/index.js";
import { ROOT, exampleFiles, ruleInfos } from "./support/docs.js";

const linter = new Linter({ cwd: ROOT, configType: "flat" });

function lint(path: string, ruleEntries: Linter.RulesRecord) {
  const config: Linter.Config[] = [
    {
      files: ["**/*.ts"],
      languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "module" },
      plugins: { redis: plugin as unknown as NonNullable<Linter.Config["plugins"]>[string] },
      rules: ruleEntries,
    },
  ];
  return linter.verify(readFileSync(join(ROOT, path), "utf8"), config, { filename: join(ROOT, path) });
}

const allRules: Linter.RulesRecord = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`redis/${r}`, "error"]));

const withExamples = ruleInfos().filter((r) => exampleFiles(r.name).length > 0);

describe.each(withExamples.map((r) => r.name))("docs/examples/%s", (rule) => {
  const files = exampleFiles(rule);

  it.each(files.filter((f) => f.kind === "incorrect").map((f) => f.path))("%s is reported by the rule", (path) => {
    const messages = lint(path, { [`redis/${rule}`]: "error" });
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === `redis/${rule}`).length).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => f.kind === "correct").map((f) => f.path))("%s passes every rule", (path) => {
    const messages = lint(path, allRules);
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "fatal"}: ${m.message}`)).toEqual([]);
  });

  it.skipIf(!existsSync(join(ROOT, "docs/rules", `${rule}.md`)))(`docs/rules/${rule}.md shows every example`, () => {
    const doc = readFileSync(join(ROOT, "docs/rules", `${rule}.md`), "utf8");
    expect(files.map((f) => f.path).filter((p) => !doc.includes(`<!-- example: ${p} -->`))).toEqual([]);
  });
});

it("docs/rules/*.md show the current examples (npm run docs:examples)", () => {
  expect(outOfDateDocs()).toEqual([]);
});
