/**
 * Runs `getModel` on a snippet the way a rule does: ESLint's `Linter` lints the code with a
 * one-rule plugin whose rule records `getModel(context)`. Used by the model's unit tests.
 */
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FileModel, type RedisCall, getModel } from "../../src/model/index.js";
import * as dispatchingParser from "../../src/parser.js";

export interface ModelOptions {
  /** `settings.redis`. */
  redis?: Record<string, unknown>;
  /** File name: decides the parser with `parser: "plugin"`. Default `file.ts`. */
  filename?: string;
  /** `typescript` (default), or `plugin`: the plugin's own parser (espree for JavaScript). */
  parser?: "typescript" | "plugin";
  sourceType?: "module" | "script" | "commonjs";
  globals?: Record<string, "readonly" | "writable">;
}

export interface Snapshot {
  model: FileModel;
  /** The AST the model was built for. */
  ast: TSESTree.Program;
  /** The SourceCode the model was built for (its scopes, for the flow: `flowOf`). */
  sourceCode: TSESLint.SourceCode;
}

export function lintForModel(code: string, options: ModelOptions = {}): Snapshot {
  let model: FileModel | undefined;
  let ast: TSESTree.Program | undefined;
  let sourceCode: TSESLint.SourceCode | undefined;
  const rule = {
    meta: { type: "problem" as const, schema: [] },
    create(context: Parameters<typeof getModel>[0] & { sourceCode: { ast: unknown } }) {
      model = getModel(context);
      ast = context.sourceCode.ast as TSESTree.Program;
      sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return {};
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
        plugins: { test: { rules: { model: rule as never } } },
        languageOptions: {
          parser: (options.parser === "plugin" ? dispatchingParser : tsParser) as Linter.Parser,
          sourceType: options.sourceType ?? "module",
          ...(options.globals && { globals: options.globals }),
        },
        settings: options.redis ? { redis: options.redis } : {},
        rules: { "test/model": "error" },
      },
    ],
    options.filename ?? "file.ts",
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${fatal.message} (line ${fatal.line})`);
  if (!model || !ast || !sourceCode) throw new Error("the recording rule did not run");
  return { model, ast, sourceCode };
}

export function modelOf(code: string, options?: ModelOptions): FileModel {
  return lintForModel(code, options).model;
}

/** The recorded calls, as plain data: `method → command @receiver (family, lives)`. */
export function summary(model: FileModel): string[] {
  return model.calls.map(describeCall);
}

export function describeCall(call: RedisCall): string {
  const client = call.client ? `${call.client.family}/${call.client.lives}` : "no-client";
  return `${call.method}→${call.command ?? "?"} @${call.receiver}${call.raw ? " raw" : ""} (${call.family}, ${client})`;
}

/** The first recorded call of `method` (as written). */
export function callOf(model: FileModel, method: string, nth = 0): RedisCall {
  const found = model.calls.filter((c) => c.method === method)[nth];
  if (!found)
    throw new Error(`no recorded call of ${method}() #${nth}; recorded: ${summary(model).join(", ") || "none"}`);
  return found;
}

/** The client a command with this method name goes to. */
export function clientOf(model: FileModel, method: string, nth = 0): NonNullable<RedisCall["client"]> {
  const client = callOf(model, method, nth).client;
  if (!client) throw new Error(`${method}() has no client`);
  return client;
}

/** Every identifier called `name`, in source order. */
export function identifiersNamed(ast: TSESTree.Program, name: string): TSESTree.Identifier[] {
  const out: TSESTree.Identifier[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as TSESTree.Node;
    if (typeof n.type !== "string") return;
    if (n.type === "Identifier" && n.name === name) out.push(n);
    for (const [key, value] of Object.entries(n)) {
      if (key !== "parent" && key !== "loc" && key !== "range" && key !== "tokens" && key !== "comments") visit(value);
    }
  };
  visit(ast);
  return out.sort((a, b) => a.range[0] - b.range[0]);
}
