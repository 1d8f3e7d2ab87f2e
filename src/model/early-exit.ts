/**
 * The early exit: whether a file can have Redis in it at all, answered from its text (and its
 * tokens) before any model is built; and the seed words the model's candidate search starts from,
 * the same words the early exit looks for.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type AnchoredWord, anchoredWords } from "../ast/word-search.js";
import { bareName, isBracketString, isNameToken, tokenIndexIn } from "../ast/tokens.js";
import { evidenceHint } from "./recognition/vocabulary.js";
import { PACKAGE_TYPE_NAMES, UNAMBIGUOUS_TYPE_NAMES, packageInfo } from "./clients.js";
import { ANY_NAME, DEFAULT_CLIENT_NAMES, type RedisSettings, mentionRegexes, nameMatcherFor } from "./settings.js";

/**
 * The early exit on the text alone: no hint anywhere in it, not even in comments (then the AST and
 * the tokens are never needed). Not with type information, where any import can bring a client.
 */
export function noHintInText(text: string, settings: RedisSettings): boolean {
  if (settings.typeAware || hasHint(text) || evidenceHint(text)) return false;
  if (settings.clientNames !== DEFAULT_CLIENT_NAMES || settings.clientModules.length > 0) {
    const { names, modules } = mentionRegexes(settings);
    if (names === ANY_NAME) return false;
    for (const re of [names, modules]) {
      if (!re) continue;
      re.lastIndex = 0;
      if (re.test(text)) return false;
    }
  }
  return true;
}

/**
 * The early exit. Every way the model can find Redis needs one of HINTS in the text:
 * - package names, client names and client type names contain `redis` / `Redis`, `valkey` /
 *   `Valkey`, `@vercel/kv`, `VercelKV` or `Glide` (so does `@InjectRedis()`; `@InjectConnection()`
 *   needs the `Redis` type beside it);
 * - Bun's client is only reached through `redis` or `RedisClient` (`import { redis } from "bun"`,
 *   `Bun.redis`, `new RedisClient()`), so a mention of "bun" adds nothing;
 * - structural evidence (`x.multi()` / `x.pipeline()`, commands, then an `exec*()` method) needs
 *   `.multi` or `.pipeline`, and `exec`.
 * And a hint only counts where the model's search looks: in a name, in a string used as a
 * computed member name (`this["redis"]`), or in a string that is a client package's name (import
 * and require sources) or names any module imported or required (`from "./lib/redis"`: the user's
 * own module can export a client, recognition/export-map.ts; the early exit never reads it). Not in comments, log messages or Lua scripts, where client libraries and
 * the code around them mention Redis most.
 * `npm run model:equivalence` checks this on its corpus and on every rule test: whenever the early
 * exit says "no Redis", the model built without it finds no call and no transaction.
 */
const HINTS = ["redis", "Redis", "valkey", "Valkey", "@vercel/kv", "VercelKV", "Glide"];
const STRUCTURAL_HINTS = [".multi", ".pipeline"];

/**
 * Where a hint found at a position of the text stands: -1 if it counts, otherwise the position to
 * search on from (the end of the token it is in, or the start of the next token).
 */
type HintFilter = (at: number) => number;

/**
 * `hasHintSlow` (with no filter), in fewer and cheaper passes than one `includes` per hint. A
 * substring search stops at every occurrence of the needle's first character, so a needle that
 * starts with a rare character (`G`, `V`, `k`, `x`) costs far less than one that starts with `r`,
 * `e`, `.` or `@`: the costly hints are found through a rarer part of them, then checked in place.
 * `redis` goes first: in a file that uses Redis it is found near the start of the text, and the
 * other searches never run. With a filter, only the hints it lets count.
 */
export function hasHint(text: string, filter?: HintFilter): boolean {
  const counts = (at: number): number => (filter ? filter(at) : -1);
  // `redis` / `Redis`: through `dis`.
  for (let i = text.indexOf("dis", 2); i >= 0; i = text.indexOf("dis", i + 1)) {
    const r = text.charCodeAt(i - 2);
    if (text.charCodeAt(i - 1) === 101 /* e */ && (r === 114 /* r */ || r === 82) /* R */) {
      const next = counts(i);
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  // `VercelKV` through `Vercel`: a needle of 7 characters or more costs V8 twice as much (word-search.ts).
  for (const [word, anchor] of [
    ["Glide", "Glide"],
    ["VercelKV", "Vercel"],
  ]) {
    for (let i = text.indexOf(anchor); i >= 0; i = text.indexOf(anchor, i + 1)) {
      if (anchor !== word && !text.startsWith(word, i)) continue;
      const next = counts(i);
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  // `valkey` / `Valkey` / `@vercel/kv`: through `k`.
  for (let i = text.indexOf("k", 3); i >= 0; i = text.indexOf("k", i + 1)) {
    const next = text.charCodeAt(i + 1);
    let found = false;
    if (next === 101 /* e */) {
      const v = text.charCodeAt(i - 3);
      found = text.startsWith("alkey", i - 2) && (v === 118 /* v */ || v === 86); /* V */
    } else if (next === 118 /* v */) found = text.startsWith("@vercel/", i - 8);
    if (found) {
      const after = counts(i);
      if (after < 0) return true;
      i = Math.max(i, after - 1);
    }
  }
  // `exec` through `xec`, then `.multi` / `.pipeline` (through `multi` / `peline`).
  return (
    occursAfter(text, "xec", "e") &&
    (occursAfter(text, "multi", ".", filter) || occursAfter(text, "peline", ".pi", filter))
  );
}

/** Whether `prefix + needle` occurs in `text` (where `filter` lets it count), found through the occurrences of `needle`. */
function occursAfter(text: string, needle: string, prefix: string, filter?: HintFilter): boolean {
  for (let i = text.indexOf(needle, prefix.length); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (text.startsWith(prefix, i - prefix.length)) {
      const next = filter ? filter(i) : -1;
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  return false;
}

/** The reference for `hasHint` with no filter: what the early exit needs to find in a file that uses Redis. */
export function hasHintSlow(text: string): boolean {
  return (
    HINTS.some((h) => text.includes(h)) || (text.includes("exec") && STRUCTURAL_HINTS.some((h) => text.includes(h)))
  );
}

export function mightUseRedis(sourceCode: TSESLint.SourceCode, settings: RedisSettings): boolean {
  const text = sourceCode.text;
  const tokens = (sourceCode.ast as { tokens?: TSESTree.Token[] }).tokens;
  if (tokens) {
    const words = seedWords(settings, "TSTypeAnnotation" in sourceCode.visitorKeys);
    const matches = nameMatcherFor(settings);
    if (
      hasHint(
        text,
        hintFilter(tokens, text.length, (name) => words.fixed.has(name) || matches(name)),
      )
    )
      return true;
  } else if (hasHint(text)) return true;
  // Configured names and modules can be anything.
  if (settings.clientNames !== DEFAULT_CLIENT_NAMES || settings.clientModules.length > 0) {
    const { names, modules } = mentionRegexes(settings);
    if (names === ANY_NAME || (names && mentionedInCode(names, text, tokens, isNameToken))) return true;
    if (modules && mentionedInCode(modules, text, tokens)) return true;
  }
  if (settings.typeAware && hasTypeInfo(sourceCode) && /\b(?:import|require)\b/.test(text)) return true;
  // Clients known by the evidence of Redis-only commands and argument shapes (recognition/evidence.ts).
  return evidenceHint(text);
}

/**
 * The early exit's HintFilter: a hint counts in a name the model's search starts from (a client
 * name, `multi`, `pipeline`, a client type name in TypeScript, or `RedisClient`, which
 * `Bun.RedisClient` reaches from the `Bun` global), in a string used as a computed member name, or
 * in a client package's name (import and require sources). Not in other names: `redisOptions` or
 * `isRedisReady` start nothing.
 */
function hintFilter(tokens: readonly TSESTree.Token[], end: number, isSeed: (name: string) => boolean): HintFilter {
  return (at) => {
    const i = tokenIndexIn(tokens, at);
    if (i < 0) return tokens[-i - 1]?.range[0] ?? end;
    const t = tokens[i];
    if (t.type === "Identifier" || t.type === "PrivateIdentifier") {
      const name = bareName(t.value);
      // Bun's client is `redis` or `RedisClient` (`import { redis } from "bun"`), whatever the client names are.
      if (isSeed(name) || name === "RedisClient" || name === "redis") return -1;
    } else if (t.type === "String" || t.type === "Template") {
      if (isBracketString(tokens, i) || packageInfo(t.value.slice(1, -1)) || isModuleSpecifier(tokens, i)) return -1;
    }
    return t.range[1];
  };
}

/**
 * A string that names a module in an import, re-export or `require()` (`from "./lib/redis"`,
 * `require("../config/redis")`): the user's own module it names can hold a client
 * (recognition/export-map.ts). Known from the tokens before it; the module is not read here.
 */
function isModuleSpecifier(tokens: readonly TSESTree.Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return false;
  if (before.value === "from" && before.type === "Identifier") return true;
  return before.value === "(" && tokens[i - 2]?.value === "require";
}

/**
 * Whether the global `re` matches in `text` outside comments: at a position inside a token (that
 * passes `test`, if given). Client libraries and the code around them say "Redis" in comments far
 * more often than in code. Without tokens, any match counts.
 */
function mentionedInCode(
  re: RegExp,
  text: string,
  tokens: readonly TSESTree.Token[] | undefined,
  test?: (tokens: readonly TSESTree.Token[], i: number) => boolean,
): boolean {
  re.lastIndex = 0;
  if (!tokens) return re.test(text);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = tokenIndexIn(tokens, m.index);
    if (i >= 0) {
      if (!test || test(tokens, i)) return true;
      // Any other match in this token fails the same test.
      re.lastIndex = Math.max(re.lastIndex, tokens[i].range[1]);
    } else {
      // In a comment or white space: go on from the next token.
      const next = tokens[-i - 1];
      if (!next) return false;
      re.lastIndex = Math.max(re.lastIndex, next.range[0]);
    }
  }
  return false;
}

function hasTypeInfo(sourceCode: TSESLint.SourceCode): boolean {
  const services = sourceCode.parserServices as { program?: unknown } | undefined;
  return !!services?.program;
}

/** Type names that can make a declaration a client (see `typeNameInfo`). */
export const TYPE_SEED_NAMES = new Set([
  ...Object.keys(UNAMBIGUOUS_TYPE_NAMES),
  ...Object.keys(PACKAGE_TYPE_NAMES),
  "Redis",
]);

export interface SeedWords {
  /** The words the search starts from, to find in the text (see word-search.ts). */
  anchored: readonly AnchoredWord[];
  /** The fixed words: `require`, `Bun`, client type names, `multi`, `pipeline`. */
  fixed: ReadonlySet<string>;
  /** A client name is a regular expression: names are looked for token by token. */
  anyName: boolean;
}

const seedWordsCache = [new WeakMap<RedisSettings, SeedWords>(), new WeakMap<RedisSettings, SeedWords>()];

export function seedWords(settings: RedisSettings, typescript: boolean): SeedWords {
  const cache = seedWordsCache[typescript ? 1 : 0];
  const hit = cache.get(settings);
  if (hit) return hit;
  const fixed = new Set(["require", "Bun", "multi", "pipeline", ...(typescript ? TYPE_SEED_NAMES : [])]);
  const words = new Set(fixed);
  let anyName = false;
  for (const n of settings.clientNames) {
    if (/^\/(.+)\/([a-z]*)$/.test(n)) anyName = true;
    else if (n) words.add(n);
  }
  const result = { anchored: anchoredWords(words), fixed, anyName };
  cache.set(settings, result);
  return result;
}
