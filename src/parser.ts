/**
 * The parser the presets install: typescript-eslint's parser for TypeScript files, ESLint's own
 * espree for everything else. One object, so a single preset works for `.js`, `.mjs`, `.cjs`,
 * `.jsx`, `.ts`, `.mts`, `.cts` and `.tsx` without forcing the (slower) TypeScript parser onto
 * plain JavaScript.
 */
import * as tsParser from "@typescript-eslint/parser";
import * as espree from "espree";

const TS_FILE = /\.[cm]?tsx?$/i;

interface ParserOptions {
  filePath?: string;
  ecmaVersion?: number | "latest";
  sourceType?: "script" | "module" | "commonjs";
  ecmaFeatures?: { jsx?: boolean; globalReturn?: boolean };
  [key: string]: unknown;
}

export function parseForESLint(code: string, options: ParserOptions = {}): unknown {
  if (options.filePath && TS_FILE.test(options.filePath)) {
    return tsParser.parseForESLint(code, options as tsParser.ParserOptions);
  }
  const jsx = options.ecmaFeatures?.jsx ?? /\.jsx$/i.test(options.filePath ?? "");
  const ast = espree.parse(code, {
    ecmaVersion: "latest",
    sourceType: options.sourceType === "commonjs" ? "commonjs" : (options.sourceType ?? "module"),
    ecmaFeatures: { ...options.ecmaFeatures, jsx },
    range: true,
    loc: true,
    tokens: true,
    comment: true,
  });
  return { ast };
}

export const meta = { name: "eslint-plugin-redis/parser" };
