/**
 * The parser the presets install: typescript-eslint's parser for TypeScript files, ESLint's own
 * espree for everything else. One object, so a single preset works for `.js`, `.mjs`, `.cjs`,
 * `.jsx`, `.ts`, `.mts`, `.cts` and `.tsx` without forcing the (slower) TypeScript parser onto
 * plain JavaScript.
 *
 * - `.cjs` arrives with `sourceType: "commonjs"` from ESLint's defaults (top-level `return`,
 *   function-scoped top level); `.js` and `.mjs` with `"module"`.
 * - JSX is on for `.jsx` (and `.tsx`, which the TypeScript parser decides from the extension).
 *   A `.js` file that only parses with JSX (React code written in `.js`) is retried with JSX.
 * - typescript-eslint's parser needs the `typescript` package, an optional peer dependency: it is
 *   loaded on the first TypeScript file, so JavaScript-only projects never need TypeScript.
 */
import { createRequire } from "node:module";
import * as espree from "espree";
import pkg from "../package.json" with { type: "json" };

type TsParser = typeof import("@typescript-eslint/parser");

const TS_FILE = /\.[cm]?tsx?$/i;
const JSX_FILE = /\.jsx$/i;

interface ParserOptions {
  filePath?: string;
  ecmaVersion?: number | "latest";
  sourceType?: "script" | "module" | "commonjs";
  ecmaFeatures?: { jsx?: boolean; globalReturn?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

const load = createRequire(import.meta.url);
// A module reference loaded once and never changed: safe under ESLint's `--concurrency`.
let tsParser: TsParser | undefined;

function typescriptParser(): TsParser {
  if (!tsParser) {
    try {
      tsParser = load("@typescript-eslint/parser") as TsParser;
    } catch (error) {
      throw new Error(
        "eslint-plugin-redis: linting TypeScript files needs the `typescript` package. Install it next to eslint (npm install -D typescript).",
        { cause: error },
      );
    }
  }
  return tsParser;
}

function parseJavaScript(code: string, options: ParserOptions, jsx: boolean): unknown {
  return espree.parse(code, {
    ecmaVersion: "latest",
    sourceType: options.sourceType ?? "module",
    ecmaFeatures: { ...options.ecmaFeatures, jsx },
    range: true,
    loc: true,
    tokens: true,
    comment: true,
  });
}

export function parseForESLint(code: string, options: ParserOptions = {}): unknown {
  const filePath = options.filePath ?? "";
  if (TS_FILE.test(filePath)) {
    return typescriptParser().parseForESLint(code, options as Parameters<TsParser["parseForESLint"]>[1]);
  }
  const explicitJsx = options.ecmaFeatures?.jsx;
  const jsx = explicitJsx ?? JSX_FILE.test(filePath);
  try {
    return { ast: parseJavaScript(code, options, jsx) };
  } catch (error) {
    // React code is often written in `.js`: try JSX before giving up, unless JSX was set off.
    if (jsx || explicitJsx === false) throw error;
    try {
      return { ast: parseJavaScript(code, options, true) };
    } catch {
      throw error;
    }
  }
}

export const meta = { name: `${pkg.name}/parser`, version: pkg.version };
