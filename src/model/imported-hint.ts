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
 * (`@/lib/cache`, `../store`, `./db/client`, `~/services/kv`: CLIENT_WORDS) are read; the
 * specifiers are found with substring searches (`./`, and each alias prefix after a quote), not
 * one regular expression over the whole text.
 */
import path from "node:path";
import { CrossFile } from "./recognition/export-map.js";
import { localPrefixes } from "./recognition/resolve.js";
import type { RedisSettings } from "./settings.js";

/**
 * Words of a module path that name a shared client: the modules a file with no other hint of
 * Redis is read for. Paths that say `redis`, `valkey` or `kv` are hints of their own.
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

/** Whether a module path has a word of CLIENT_WORDS (`@/lib/cache`, `../rateLimiter`, `./db-client`). */
function namesClient(spec: string): boolean {
  for (const word of spec.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/))
    if (CLIENT_WORDS.has(word.toLowerCase())) return true;
  return false;
}

/** Every specifier, when a `baseUrl` makes any bare specifier a possible local module. */
const ANY_SPECIFIER = /\b(?:from|import|require)\s*\(?\s*(["'])([^"'\n\\]+)\1/g;

/** Whether a module that `text` imports by path or alias (from `filename`) can bring a client. */
export function importsRedisModule(text: string, filename: string | undefined, settings: RedisSettings): boolean {
  if (!filename || !path.isAbsolute(filename)) return false;
  const prefixes = localPrefixes(filename);
  let crossFile: CrossFile | null = null;
  for (const spec of prefixes ? localSpecifiers(text, prefixes) : anySpecifiers(text)) {
    if (!namesClient(spec)) continue;
    crossFile ??= new CrossFile(filename, settings, [filename]);
    if (crossFile.isRedisModule(spec)) return true;
  }
  return false;
}

/** The strings that start with `./`, `../` or one of `prefixes`, written after `from`, `import` or `require(`. */
function localSpecifiers(text: string, prefixes: readonly string[]): Set<string> {
  const found = new Set<string>();
  // `"./x"`, `'../../x'`: through `./`, back over the dots to the quote.
  for (let i = text.indexOf("./"); i >= 0; i = text.indexOf("./", i + 2)) {
    let start = i;
    while (start > 0 && text.charCodeAt(start - 1) === 46 /* . */) start--;
    addString(text, start - 1, found);
  }
  for (const prefix of prefixes) {
    for (const quote of ['"', "'"]) {
      const needle = quote + prefix;
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) addString(text, i, found);
    }
  }
  return found;
}

/** The string whose opening quote is at `open`, if it is a module specifier (after `from`, `import` or `require(`). */
function addString(text: string, open: number, found: Set<string>): void {
  const quote = text[open];
  if (quote !== '"' && quote !== "'") return;
  const close = text.indexOf(quote, open + 1);
  if (close < 0) return;
  const spec = text.slice(open + 1, close);
  if (spec.includes("\n") || spec.includes("\\")) return;
  let j = open - 1;
  while (j >= 0 && /\s/.test(text[j])) j--;
  if (text[j] === "(") {
    j--;
    while (j >= 0 && /\s/.test(text[j])) j--;
  }
  const word = text.slice(Math.max(0, j - 6), j + 1);
  if (word.endsWith("from") || word.endsWith("import") || word.endsWith("require")) found.add(spec);
}

function anySpecifiers(text: string): Set<string> {
  const found = new Set<string>();
  ANY_SPECIFIER.lastIndex = 0;
  for (let m = ANY_SPECIFIER.exec(text); m; m = ANY_SPECIFIER.exec(text)) found.add(m[2]);
  return found;
}
