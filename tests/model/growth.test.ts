/**
 * A cheap guard on the shape of every rule's cost in the size of ONE function (the figures are in
 * `npm run bench:growth`): one generated function of N and 8N statements (bench/growth-code.mjs:
 * reads, writes, locks, MULTI/EXEC, pipelines, WATCH, KEYS, database transactions), each rule
 * alone, and the model alone. Linear work grows 8×; work that scans the function once per call
 * grows 64×. The bound (3× the linear ratio, well under a third of the quadratic one) leaves a
 * wide margin on both sides on a noisy machine. Time is this process's CPU time
 * (`process.cpuUsage()`, user plus system), not wall time: other processes on a loaded machine
 * delay the test but do not add to it (vitest runs each test file in a process of its own). Each
 * size's time is the minimum of several interleaved runs, and a ratio over the bound is measured
 * again (up to three times, the lowest counts).
 *
 * Each size is parsed once: the rules run on the same SourceCode again and again (its model is
 * then built once and shared, as in a real run of several rules), and the model's growth is
 * timed on its own with `buildModelForTest`.
 */
import * as tsParser from "@typescript-eslint/parser";
import type { TSESLint } from "@typescript-eslint/utils";
import { Linter, type SourceCode } from "eslint";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/growth-code.mjs";
import { buildModelForTest } from "../../src/model/index.js";
import { rules } from "../../src/rules/index.js";

const SMALL = 150;
const FACTOR = 8;
const BOUND = FACTOR * 3;
const RUNS = 5;
const ATTEMPTS = 3;

const base: Linter.Config = {
  files: ["**/*.ts"],
  languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "module" },
  linterOptions: { reportUnusedDisableDirectives: "off" },
};

function parsed(statements: number): SourceCode {
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(generate(statements).code, [base], "growth.ts");
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return linter.getSourceCode();
}

/** This process's CPU time in milliseconds (user plus system). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** cpu(large) / cpu(small), each the minimum of RUNS interleaved runs after a warm-up; the lowest of up to ATTEMPTS measurements. */
function growth(small: () => void, large: () => void): number {
  small();
  large();
  let lowest = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && lowest >= BOUND; attempt++) {
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < RUNS; i++) {
      let start = cpuMs();
      small();
      a = Math.min(a, cpuMs() - start);
      start = cpuMs();
      large();
      b = Math.min(b, cpuMs() - start);
    }
    lowest = Math.min(lowest, b / a);
  }
  return lowest;
}

describe("growth in the size of one function", () => {
  const small = parsed(SMALL);
  const large = parsed(SMALL * FACTOR);

  it(`the model grows less than ${BOUND}× from ${SMALL} to ${SMALL * FACTOR} statements`, () => {
    const build = (sc: SourceCode) => () => buildModelForTest(sc as unknown as TSESLint.SourceCode, undefined);
    const ratio = growth(build(small), build(large));
    expect(ratio, `the model: ${ratio.toFixed(1)}× for ${FACTOR}× the statements`).toBeLessThan(BOUND);
  });

  for (const [name, rule] of Object.entries(rules)) {
    it(`${name} grows less than ${BOUND}× from ${SMALL} to ${SMALL * FACTOR} statements`, () => {
      const linter = new Linter({ configType: "flat" });
      const config: Linter.Config[] = [
        { ...base, plugins: { redis: { rules: { [name]: rule as never } } }, rules: { [`redis/${name}`]: "error" } },
      ];
      const lint = (sc: SourceCode) => () => linter.verify(sc, config, "growth.ts");
      expect(linter.verify(small, config, "growth.ts").filter((m) => m.fatal)).toEqual([]);
      const ratio = growth(lint(small), lint(large));
      expect(ratio, `${name}: ${ratio.toFixed(1)}× for ${FACTOR}× the statements`).toBeLessThan(BOUND);
    });
  }
});
