import { RuleTester, type RunTests } from "@typescript-eslint/rule-tester";
import * as parser from "@typescript-eslint/parser";
import type { TSESLint } from "@typescript-eslint/utils";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const linter = new Linter({ configType: "flat" });

/**
 * RuleTester plus one more promise about fixes: every autofix and suggestion output of the
 * invalid cases parses, and linting the fixed output again reaches a fixpoint (applying the
 * rule's fixes once more changes nothing, or converges within ESLint's ten passes).
 */
class CheckedRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: TSESLint.RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    const outputs: { output: string; kind: string; options?: unknown; filename?: string; settings?: unknown }[] = [];
    for (const test of tests.invalid) {
      const base = { options: test.options, filename: test.filename, settings: test.settings };
      if (typeof test.output === "string") outputs.push({ output: test.output, kind: "autofix", ...base });
      if (Array.isArray(test.output))
        for (const o of test.output) outputs.push({ output: o, kind: "autofix", ...base });
      for (const error of test.errors) {
        for (const s of error.suggestions ?? []) outputs.push({ output: s.output, kind: "suggestion", ...base });
      }
    }
    if (outputs.length === 0) return;
    describe(`${ruleName}: fix outputs`, () => {
      outputs.forEach(({ output, kind, options, filename, settings }, i) => {
        it(`${kind} output #${i + 1} parses and reaches a fixpoint`, () => {
          const config: Linter.Config[] = [
            {
              files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
              languageOptions: { parser: parser as Linter.Parser, ecmaVersion: "latest", sourceType: "module" },
              plugins: { t: { rules: { [ruleName]: rule as never } } },
              settings: (settings ?? {}) as Record<string, unknown>,
              rules: { [`t/${ruleName}`]: ["error", ...((options as unknown[]) ?? [])] as Linter.RuleEntry },
            },
          ];
          const file = filename ?? "file.ts";
          const first = linter.verifyAndFix(output, config, file);
          expect(first.messages.filter((m) => m.fatal)).toEqual([]);
          const second = linter.verifyAndFix(first.output, config, file);
          expect(second.fixed).toBe(false);
        });
      });
    });
  }
}

/** TypeScript parser, ES modules, top-level await: the shape most Redis code has. */
export const ruleTester = new CheckedRuleTester({
  languageOptions: {
    parser,
    ecmaVersion: "latest",
    sourceType: "module",
  },
});
