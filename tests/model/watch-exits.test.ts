/** src/model/watch-exits.ts: which WATCHes reach an exit without EXEC / UNWATCH / DISCARD, and what clears them. */
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import type { TSESLint } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { danglingWatchListeners, getModel, watchClears } from "../../src/model/index.js";
import { lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; const r = new Redis();`;
const hasWatch = () => true;

/** `exitType@line ← watch line` for each dangling WATCH the listeners find. */
function dangling(code: string): string[] {
  const found: string[] = [];
  const rule = {
    meta: { type: "problem" as const, schema: [] },
    create(context: Parameters<typeof getModel>[0] & { sourceCode: unknown }) {
      const model = getModel(context);
      const listeners = danglingWatchListeners(
        model,
        context.sourceCode as TSESLint.SourceCode,
        hasWatch,
        (exit, watch) => found.push(`${exit.type}@${exit.loc.start.line}←${watch.node.loc.start.line}`),
      );
      return listeners ?? {};
    },
  };
  const linter = new Linter({ configType: "flat" });
  linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        plugins: { test: { rules: { w: rule as never } } },
        languageOptions: { parser: tsParser as Linter.Parser },
        rules: { "test/w": "error" },
      },
    ],
    "file.ts",
  );
  return found;
}

describe("danglingWatchListeners", () => {
  it("reports a return that leaves with the WATCH active, not the path that runs EXEC", () => {
    expect(
      dangling(
        `${IOREDIS}\nexport async function f(k) {\n await r.watch(k);\n if (!(await r.get(k))) return null;\n return r.multi().set(k, 1).exec();\n}`,
      ),
    ).toEqual(["ReturnStatement@4←3"]);
  });

  it("reports the end of a function that never clears; nothing when a finally unwatches", () => {
    expect(dangling(`${IOREDIS}\nexport async function f(k) {\n await r.watch(k);\n await r.get(k);\n}`)).toEqual([
      "FunctionDeclaration@2←3",
    ]);
    expect(
      dangling(
        `${IOREDIS}\nexport async function f(k) { try { await r.watch(k); return await r.get(k); } finally { await r.unwatch(); } }`,
      ),
    ).toEqual([]);
  });
});

describe("watchClears", () => {
  it("indexes WATCHes and the calls that clear them, once per model", () => {
    const { model } = lintForModel(
      `${IOREDIS} export async function f(k) { await r.watch(k); await r.multi().set(k, 1).exec(); await r.unwatch(); }`,
    );
    const index = watchClears(model, hasWatch);
    expect(index.watches.map((w) => w.method)).toEqual(["watch"]);
    expect(
      [...index.clearing.keys()].map(
        (c) =>
          c.callee.type === "MemberExpression" && c.callee.property.type === "Identifier" && c.callee.property.name,
      ),
    ).toEqual(["exec", "unwatch"]);
    expect(watchClears(model, hasWatch)).toBe(index);
  });
});
