/**
 * The per-file Redis model: which expressions are clients, transactions and pipelines, and
 * which calls are Redis commands. Built lazily (builder.ts), once per file, on the first rule's
 * request, and shared by every rule through a WeakMap keyed by the file's AST. A file that
 * mentions no client package and no configured name, and imports no module of the project that
 * can bring a client, is answered by the early exit (early-exit.ts, imported-hint.ts) from its
 * text.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { Builder } from "./builder.js";
import { mightUseRedis, noHintInText } from "./early-exit.js";
import { importsRedisModule } from "./imported-hint.js";
import { attachingHost } from "./recognition/attached.js";
import { type RedisSettings, readSettings } from "./settings.js";
import type { FileModel } from "./types.js";

const EMPTY_MODEL: FileModel = {
  hasRedis: false,
  settings: readSettings(undefined),
  calls: [],
  callsByFunction: new Map(),
  transactions: [],
  callAt: () => undefined,
  valueOf: () => null,
  aliasOf: () => null,
  packageOf: () => null,
  isRawMulti: () => false,
  build: null,
};

const cache = new WeakMap<object, FileModel>();
/** The file asked about last: its AST, model, text and settings (held until the next file). */
const last: { ast: object | null; model: FileModel; text: string | null; settings: unknown } = {
  ast: null,
  model: EMPTY_MODEL,
  text: null,
  settings: null,
};
/** The text `noHintInText` said no to last, and the settings object it was linted with. */
const noRedis: { text: string | null; settings: unknown } = { text: null, settings: null };
interface RuleContextLike {
  sourceCode: TSESLint.SourceCode;
  settings: Record<string, unknown>;
  /** The file on disk (imports of the user's own modules are read from it: recognition/export-map.ts). */
  physicalFilename?: string;
  filename?: string;
}

/**
 * The model of the file being linted, built on first request and shared by all rules. Cached by
 * the file's AST, which is a new object for every file in ESLint and in oxlint alike (oxlint
 * reuses one `sourceCode` object for every file); "no Redis" answered from the text alone is
 * remembered by the text and the settings object, since it depends on nothing else.
 */
export function getModel(context: RuleContextLike): FileModel {
  const sourceCode = context.sourceCode;
  const text = sourceCode.text;
  const raw = context.settings;
  // Every rule asks in turn for the same file: a comparison or two answer all but the first. A
  // text with no hint of Redis in it is answered from the text alone, without asking for the AST
  // (which oxlint builds for JavaScript plugins only when asked).
  if (text === noRedis.text && raw === noRedis.settings) return EMPTY_MODEL;
  if (text === last.text && raw === last.settings && sourceCode.ast === last.ast) return last.model;
  const settings = readSettings(raw);
  const filename = context.physicalFilename ?? context.filename;
  // No hint in the text: only a module the file imports can still bring a client (imported-hint.ts).
  const imported = noHintInText(text, settings) ? linkedToRedis(sourceCode, filename, settings) : null;
  if (imported === false) {
    noRedis.text = text;
    noRedis.settings = raw;
    return EMPTY_MODEL;
  }
  const ast = sourceCode.ast;
  let model = cache.get(ast);
  if (!model) {
    model =
      imported || mightUseRedis(sourceCode, settings) || linkedToRedis(sourceCode, filename, settings)
        ? new Builder(sourceCode, settings, false, { filename }).build()
        : EMPTY_MODEL;
    // A file with no Redis is answered again in one text test if it is ever asked for again.
    if (model !== EMPTY_MODEL) cache.set(ast, model);
  }
  Object.assign(last, { ast, model, text, settings: raw });
  return model;
}

/**
 * Test-only: the early exit's answer (false: the file is known to have no Redis in it), from its
 * text and tokens, and from the modules it imports (imported-hint.ts) when `filename` is given.
 */
export function earlyExitAdmits(sourceCode: TSESLint.SourceCode, settings: RedisSettings, filename?: string): boolean {
  return mightUseRedis(sourceCode, settings) || linkedToRedis(sourceCode, filename, settings);
}

/**
 * Another file brings Redis to this one: a module it imports (imported-hint.ts), or the module
 * that attaches it to a prototype (recognition/attached.ts).
 */
function linkedToRedis(
  sourceCode: TSESLint.SourceCode,
  filename: string | undefined,
  settings: RedisSettings,
): boolean {
  return importsRedisModule(sourceCode, filename, settings) || attachingHost(filename) !== null;
}

/**
 * Test-only: builds the model of `sourceCode` without the cache and without the early exit.
 * `fullWalk: true` uses the original walk-based construction (every call in the file is a
 * candidate, `this.x =` found by walking class bodies), which scripts/model-equivalence.mjs
 * compares with the default construction.
 */
export function buildModelForTest(
  sourceCode: TSESLint.SourceCode,
  settings: Record<string, unknown> | RedisSettings | undefined,
  options: { fullWalk?: boolean; filename?: string } = {},
): FileModel {
  const resolved =
    settings && "clientNames" in settings && Array.isArray(settings.clientNames)
      ? (settings as RedisSettings)
      : readSettings(settings as Record<string, unknown> | undefined);
  return new Builder(sourceCode, resolved, options.fullWalk === true, { filename: options.filename }).build();
}
