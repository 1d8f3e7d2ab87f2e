/**
 * The early exit's one look beyond the linted file. A file with no hint of Redis in its own text
 * can still use a client that one of the project's modules exports: `import cache from
 * "@/lib/cache"`, used with `get` and `set` alone. The modules it imports by a relative path or a
 * tsconfig/jsconfig alias are resolved (recognition/resolve.ts), and each is read once per run and
 * parsed only when its own text has a hint of Redis (recognition/export-cache.ts), as for the
 * imports of a file that has a hint. Packages are never read.
 *
 * The speed budget: this runs on every file with no hint of Redis, that is most files. Reading
 * every module such a file imports cost four times the early exit itself on a project without
 * Redis (eslint's `lib/`, linted in place: 53-67 ms of CPU on the first pass, 219-263 ms with
 * every import read). So only the imports whose path names what a shared client is kept as
 * (`@/lib/cache`, `../store`, `./db/client`, `../rateLimiter`: CLIENT_WORDS) are read, and the
 * specifiers are found from the occurrences of `require(`, `import(` and `from` alone.
 */
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { staticString, unwrap } from "../ast/nodes.js";
import { CrossFile } from "./recognition/export-map.js";
import { isRelativeSpecifier, localPrefixes } from "./recognition/resolve.js";
import type { RedisSettings } from "./settings.js";

/**
 * Words of a module path that name what a shared client is kept as (`@/lib/cache`, `../store`,
 * `./db-client`, `../rateLimiter`): the imports a file with no other hint of Redis is read for.
 * Paths that say `redis`, `valkey` or `kv` are hints of their own.
 */
const CLIENT_WORDS = new Set([
  "cache",
  "caches",
  "caching",
  "store",
  "stores",
  "storage",
  "client",
  "clients",
  "db",
  "database",
  "datastore",
  "conn",
  "connection",
  "connections",
  "queue",
  "queues",
  "session",
  "sessions",
  "lock",
  "locks",
  "locking",
  "mutex",
  "limiter",
  "ratelimit",
  "ratelimiter",
  "throttle",
  "pubsub",
  "broker",
  "counter",
  "counters",
  "leaderboard",
]);

/** CLIENT_WORDS' stems as substrings of the lower-cased path: a cheap first test (most paths fail it). */
const CLIENT_STEMS =
  /cach|stor|client|db|database|conn|queue|session|lock|mutex|limit|throttle|pubsub|broker|counter|leaderboard/;

/** Whether a word of the path (split at non-letters and camelCase humps) is in CLIENT_WORDS. */
function namesClient(spec: string): boolean {
  if (!CLIENT_STEMS.test(spec.toLowerCase())) return false;
  for (const word of spec.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/))
    if (CLIENT_WORDS.has(word.toLowerCase())) return true;
  return false;
}

/**
 * Whether a module that the file imports by path or alias (from `filename`) can bring a client.
 * The specifiers come from the top-level statements of `ast` when the parser has already built it
 * (ESLint: a walk of a few statements), otherwise from the text (oxlint builds the AST of a file
 * for JavaScript plugins only when asked).
 */
export function importsRedisModule(
  sourceCode: { text: string; ast?: unknown },
  filename: string | undefined,
  settings: RedisSettings,
): boolean {
  if (!filename || !path.isAbsolute(filename)) return false;
  const ast = builtAst(sourceCode);
  let prefixes: readonly string[] | null | undefined;
  let crossFile: CrossFile | null = null;
  for (const spec of ast ? topLevelSpecifiers(ast) : specifiers(sourceCode.text)) {
    if (!namesClient(spec)) continue;
    // Relative, or (looked up once, only for a path that names a client) an alias of the nearest tsconfig.
    if (!isRelativeSpecifier(spec)) {
      prefixes ??= localPrefixes(filename);
      if (prefixes && !prefixes.some((p) => spec.startsWith(p))) continue;
    }
    crossFile ??= new CrossFile(filename, settings, [filename]);
    if (crossFile.isRedisModule(spec)) return true;
  }
  return false;
}

/**
 * The strings written right after `require(`, `import(` (white space allowed) or `from ` (one
 * space, as formatters write it: the bare word `from` is everywhere in comments).
 */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const word of ["require(", "import(", 'from "', "from '"]) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
      let j = word.startsWith("from") ? i + 5 : i + word.length;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      const quote = text.charCodeAt(j);
      if (quote !== 34 /* " */ && quote !== 39 /* ' */) continue;
      const close = text.indexOf(text[j], j + 1);
      if (close < 0) continue;
      const spec = text.slice(j + 1, close);
      if (!spec.includes("\n") && !spec.includes("\\")) found.push(spec);
    }
  }
  return found;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The file's AST when it is already there (an own property, as ESLint's SourceCode has); null when it is built on access. */
function builtAst(sourceCode: { ast?: unknown }): TSESTree.Program | null {
  const own = Object.getOwnPropertyDescriptor(sourceCode, "ast");
  return own && "value" in own ? (own.value as TSESTree.Program) : null;
}

/** `require("x")`, `require("x").y`, `__importDefault(require("x"))`: "x". */
function requiredSpecifier(n: TSESTree.Node): string | null {
  let e = unwrap(n);
  while (e.type === "MemberExpression") e = unwrap(e.object);
  if (e.type !== "CallExpression") return null;
  const callee = unwrap(e.callee);
  if (callee.type === "Identifier" && callee.name === "require") return staticString(e.arguments[0]);
  return e.arguments[0] ? requiredSpecifier(e.arguments[0]) : null;
}

/** The modules the file's top-level statements import, re-export or require (`const x = require("x")`). */
function topLevelSpecifiers(ast: TSESTree.Program): string[] {
  const found: string[] = [];
  for (const s of ast.body) {
    if (s.type === "ImportDeclaration" || s.type === "ExportAllDeclaration") found.push(s.source.value);
    else if (s.type === "ExportNamedDeclaration" && s.source) found.push(s.source.value);
    else if (s.type === "TSImportEqualsDeclaration" && s.moduleReference.type === "TSExternalModuleReference") {
      const spec = staticString(s.moduleReference.expression);
      if (spec) found.push(spec);
    } else if (s.type === "VariableDeclaration") {
      for (const d of s.declarations) {
        const spec = d.init ? requiredSpecifier(d.init) : null;
        if (spec) found.push(spec);
      }
    }
  }
  return found;
}
