/**
 * Reading the user's own modules from disk: the early exit's cheap test on the text, one parse
 * (ESLint's `Linter` with the plugin's own parser), the module's model, and its exports read into
 * shapes (export-reader.ts). Cached per worker, keyed by absolute path and mtime (compared again
 * only after resolve.ts's FRESH_MS): with resolve.ts's caches, the only module-level state (under
 * `--concurrency` every worker thread has its own).
 * Re-exports are followed to a depth of MAX_DEPTH modules; a cycle answers "unknown".
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { TSESLint } from "@typescript-eslint/utils";
import { Builder } from "../builder.js";
import { hasHint } from "../early-exit.js";
import type { RedisSettings } from "../settings.js";
import * as parser from "../../parser.js";
import { clearAttachingHosts } from "./attached.js";
import { ExportReader } from "./export-reader.js";
import { FRESH_MS, clearResolutionCache } from "./resolve.js";
import type { ModuleExports, Trace } from "./export-shapes.js";

/** Re-export hops followed from the linted file (a imports b re-exports c re-exports d). */
export const MAX_DEPTH = 3;

const NO_REDIS: ModuleExports = { named: new Map(), default: null, commonjs: null, redis: false };

/** Debug counters (tests): modules parsed, modules whose text was read. */
export const exportMapStats = { parses: 0, reads: 0 };
export function resetExportMapStats(): void {
  exportMapStats.parses = 0;
  exportMapStats.reads = 0;
}

interface CacheEntry {
  /** When the file's mtime and size were last compared (trusted for FRESH_MS). */
  checkedAt: number;
  mtimeMs: number;
  size: number;
  settings: RedisSettings;
  exports: ModuleExports | null;
}
/** Per worker: module path → what it exports (keyed by mtime and the settings it was read with). */
const cache = new Map<string, CacheEntry>();

/** Test-only: forgets every module read. */
export function clearExportMapCache(): void {
  cache.clear();
  clearResolutionCache();
  clearAttachingHosts();
}

/** What the module at `file` exports; null when unknown (unreadable, unparsable, a cycle, too deep). */
export function exportsOf(
  file: string,
  settings: RedisSettings,
  stack: readonly string[],
  trace?: Trace,
): ModuleExports | null {
  if (stack.includes(file) || stack.length > MAX_DEPTH) {
    if (trace) trace.cut = true;
    return null;
  }
  const now = Date.now();
  const hit = cache.get(file);
  if (hit && hit.settings === settings && now - hit.checkedAt < FRESH_MS) return hit.exports;
  let stat;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (!stat?.isFile()) return null;
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size && hit.settings === settings) {
    hit.checkedAt = now;
    return hit.exports;
  }
  let exports: ModuleExports | null;
  const own: Trace = { cut: false };
  try {
    exports = readExports(file, settings, stack, own);
  } catch {
    // An unreadable or unparsable module: unknown.
    exports = null;
  }
  // A result cut short by a cycle or the depth limit is not cached: asked from elsewhere, it may go further.
  if (own.cut) {
    if (trace) trace.cut = true;
  } else cache.set(file, { checkedAt: now, mtimeMs: stat.mtimeMs, size: stat.size, settings, exports });
  return exports;
}

function readExports(
  file: string,
  settings: RedisSettings,
  stack: readonly string[],
  trace: Trace,
): ModuleExports | null {
  exportMapStats.reads++;
  const text = readFileSync(file, "utf8");
  // The speed budget: a module with no hint of Redis is never parsed.
  if (!hasHint(text)) return NO_REDIS;
  const sourceCode = parse(text, file);
  if (!sourceCode) return null;
  const inner = [...stack, file];
  const model = new Builder(sourceCode, settings, false, { filename: file, stack: inner, trace }).build();
  return new ExportReader(sourceCode, model, file, (resolved) => exportsOf(resolved, settings, inner, trace)).read();
}

// ESLint's Linter, loaded on first use (a module reference set once: safe under `--concurrency`).
let linterClass:
  | (new (options: { configType: "flat" }) => { verify: (...args: unknown[]) => { fatal?: boolean }[] })
  | null
  | undefined;

/** Parses `text` as ESLint would lint `file` with the plugin's parser: the AST, tokens and scopes. */
function parse(text: string, file: string): TSESLint.SourceCode | null {
  if (linterClass === undefined) {
    try {
      linterClass = (createRequire(import.meta.url)("eslint") as { Linter: NonNullable<typeof linterClass> }).Linter;
    } catch {
      linterClass = null;
    }
  }
  if (!linterClass) return null;
  exportMapStats.parses++;
  let captured: TSESLint.SourceCode | null = null;
  const capture = {
    meta: { type: "problem" as const, schema: [] },
    create(context: { sourceCode: TSESLint.SourceCode }) {
      captured = context.sourceCode;
      return {};
    },
  };
  const ext = path.extname(file).toLowerCase();
  const messages = new linterClass({ configType: "flat" }).verify(
    text,
    [
      {
        files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
        plugins: { "redis-export-map": { rules: { capture } } },
        languageOptions: { parser, sourceType: ext === ".cjs" || ext === ".cts" ? "commonjs" : "module" },
        rules: { "redis-export-map/capture": "error" },
      },
    ],
    `export-map${ext}`,
  );
  if (messages.some((m) => m.fatal)) return null;
  return captured;
}
