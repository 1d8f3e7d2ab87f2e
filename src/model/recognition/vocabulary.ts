/**
 * The vocabulary of recognition by evidence (evidence.ts): the method names and argument shapes
 * that say Redis, and `evidenceHint`, the early exit's test for them on a file's text.
 *
 * REDIS_ONLY is a curated list of the commonest Redis command methods that no common JavaScript
 * object has, each checked against the command table of `@ioredis/commands`. Left out (the
 * denylist), because a common object has a method of that name: Map / Set / Array / String /
 * Object / Promise / EventEmitter / RegExp (`get`, `set`, `delete`, `has`, `keys`, `clear`, `exec`,
 * `on`, `sort`, `append`?, `concat`, `copy`…), database and HTTP clients (pg / knex / mongo / prisma
 * `query`, `end`, `connect`, `quit`, `type`, `time`, `info`, `ping`, `echo`, `send`, `del`, `move`,
 * `dump`, `exists`, `watch`, `publish`, `subscribe`, `scan`), caches (lru-cache `dump`, `pop`,
 * `peek`; node-cache `ttl`, `getTtl`, `mget`, `mset`, `take`; cache-manager `ttl`, `mget`, `mset`,
 * `mdel`, `reset`, `wrap`, `keys`), and `persist`, `restore`, `rename`, `lastsave`, `save`.
 */
import { isNameChar } from "../../ast/word-search.js";
import { normaliseCommand } from "../commands.js";

const CURATED = [
  // strings
  "setnx",
  "setNX",
  "setex",
  "setEx",
  "psetex",
  "pSetEx",
  "getset",
  "getSet",
  "getdel",
  "getDel",
  "incr",
  "decr",
  "incrby",
  "incrBy",
  "decrby",
  "decrBy",
  "incrbyfloat",
  "incrByFloat",
  // keys
  "expire",
  "pexpire",
  "pExpire",
  "expireat",
  "expireAt",
  "pexpireat",
  "pExpireAt",
  "pttl",
  "pTTL",
  // hashes
  "hget",
  "hGet",
  "hset",
  "hSet",
  "hsetnx",
  "hSetNX",
  "hmset",
  "hmget",
  "hmGet",
  "hdel",
  "hDel",
  "hgetall",
  "hGetAll",
  "hincrby",
  "hIncrBy",
  "hexists",
  "hExists",
  "hkeys",
  "hKeys",
  "hvals",
  "hVals",
  "hlen",
  "hLen",
  // lists
  "lpush",
  "lPush",
  "rpush",
  "rPush",
  "lpop",
  "lPop",
  "rpop",
  "rPop",
  "blpop",
  "blPop",
  "brpop",
  "brPop",
  "lrange",
  "lRange",
  "ltrim",
  "lTrim",
  "llen",
  "lLen",
  "lrem",
  "lRem",
  "lindex",
  "lIndex",
  "rpoplpush",
  "rPopLPush",
  "brpoplpush",
  "brPopLPush",
  "lmove",
  "lMove",
  "blmove",
  "blMove",
  // sets
  "sadd",
  "sAdd",
  "srem",
  "sRem",
  "smembers",
  "sMembers",
  "sismember",
  "sIsMember",
  "scard",
  "sCard",
  // sorted sets
  "zadd",
  "zAdd",
  "zrem",
  "zRem",
  "zrange",
  "zRange",
  "zrevrange",
  "zrangebyscore",
  "zRangeByScore",
  "zrevrangebyscore",
  "zremrangebyscore",
  "zRemRangeByScore",
  "zremrangebyrank",
  "zRemRangeByRank",
  "zscore",
  "zScore",
  "zincrby",
  "zIncrBy",
  "zcard",
  "zCard",
  "zcount",
  "zCount",
  "zrank",
  "zRank",
  // scripting, transactions, streams, server
  "evalsha",
  "evalSha",
  "unwatch",
  "xadd",
  "xAdd",
  "xread",
  "xRead",
  "xreadgroup",
  "xReadGroup",
  "xack",
  "xAck",
  "flushdb",
  "flushDb",
  "flushall",
  "psubscribe",
  "pSubscribe",
];

/** ioredis' own helpers: camelCase, but no node-redis spelling (they point to ioredis, not node-redis). */
export const IOREDIS_HELPERS: ReadonlySet<string> = new Set([
  "scanStream",
  "hscanStream",
  "sscanStream",
  "zscanStream",
  "defineCommand",
]);

/** Redis-only method names (each a command in `@ioredis/commands`), and ioredis-only helpers. */
export const REDIS_ONLY: ReadonlySet<string> = new Set([
  ...CURATED.filter((m) => normaliseCommand(m) !== null),
  ...IOREDIS_HELPERS,
]);

/**
 * The Redis-only names of commands on Redis' own data types (hashes, lists, sets, sorted sets,
 * streams) and of `SETNX` / `SETEX` / `PSETEX` / `EVALSHA`, as their normalised commands: mnemonics
 * that no common JavaScript object spells, unlike `incr` / `expire` / `getset` / `unwatch` /
 * `flushall` / `psubscribe` (metrics clients, sessions, file watchers, caches). One of them on a
 * receiver, beside a call of any other Redis command name on that receiver (`keys`, `get`, `del`),
 * is evidence enough (evidence.ts); the others need a second Redis-only name.
 */
const STRONG_COMMANDS = new Set([
  "hget",
  "hset",
  "hsetnx",
  "hmset",
  "hmget",
  "hdel",
  "hgetall",
  "hincrby",
  "hexists",
  "hkeys",
  "hvals",
  "hlen",
  "lpush",
  "rpush",
  "lpop",
  "rpop",
  "blpop",
  "brpop",
  "lrange",
  "ltrim",
  "llen",
  "lrem",
  "lindex",
  "rpoplpush",
  "brpoplpush",
  "lmove",
  "blmove",
  "sadd",
  "srem",
  "smembers",
  "sismember",
  "scard",
  "zadd",
  "zrem",
  "zrange",
  "zrevrange",
  "zrangebyscore",
  "zrevrangebyscore",
  "zremrangebyscore",
  "zremrangebyrank",
  "zscore",
  "zincrby",
  "zcard",
  "zcount",
  "zrank",
  "xadd",
  "xread",
  "xreadgroup",
  "xack",
  "setnx",
  "setex",
  "psetex",
  "evalsha",
]);

/** The strongly Redis-only method names: the REDIS_ONLY names of STRONG_COMMANDS. */
export const STRONG_REDIS_ONLY: ReadonlySet<string> = new Set(
  [...REDIS_ONLY].filter((m) => STRONG_COMMANDS.has(normaliseCommand(m) ?? "")),
);

/** node-redis v4+ spellings: camelCase with an upper-case letter inside. */
export const NODE_REDIS_SPELLING = /^[a-z]+[A-Z]/;

/** Argument shapes: `"PX", ms`, `{ NX: true }`. */
export const SHAPE_WORDS: ReadonlySet<string> = new Set(["PX", "EX", "NX", "XX"]);

/** REDIS_ONLY as one alternation, the longest names first (so that `incr` does not stop `incrby` from matching). */
const NAMES = [...REDIS_ONLY].sort((a, b) => b.length - a.length).join("|");

/**
 * A Redis-only name as a whole word after `.` (white space allowed between them): where the
 * evidence search looks (`x.hgetall(`, `x?.incrby(`, `x\n  .zadd(`), or its `Async` twin that
 * bluebird's `promisifyAll` adds (`x.hgetallAsync(`).
 */
export const MEMBER_NAME = new RegExp(`\\.\\s*(${NAMES})(?:Async)?(?![\\w$])`);

/** The Redis-only name a method name is, or is the bluebird `Async` twin of (`hgetallAsync` → `hgetall`); null otherwise. */
export function redisOnlyName(name: string): string | null {
  if (REDIS_ONLY.has(name)) return name;
  if (name.length > 5 && name.endsWith("Async")) {
    const base = name.slice(0, -5);
    if (REDIS_ONLY.has(base)) return base;
  }
  return null;
}

/** MEMBER_NAME without its `.`, sticky: tried at the position right after each `.` (see `memberNameStarts`). */
const MEMBER_NAME_AFTER_DOT = new RegExp(MEMBER_NAME.source.slice(2), "y");

/**
 * Calls `found` with the start of the name of every match of MEMBER_NAME in `text`, in text
 * order (the matches of a global search). The regular expression is tried only right after each
 * `.`, found with `indexOf`: about half the cost of letting it search the text for its `.`.
 */
export function memberNameStarts(text: string, found: (start: number) => void): void {
  const re = MEMBER_NAME_AFTER_DOT;
  for (let i = text.indexOf("."); i >= 0; i = text.indexOf(".", i + 1)) {
    re.lastIndex = i + 1;
    const m = re.exec(text);
    if (!m) continue;
    // The name starts after the white space the match begins with; a global search goes on from
    // the end of the match.
    found(i + 1 + m[0].indexOf(m[1]));
    i = re.lastIndex - 1;
  }
}

/**
 * The early exit's test for evidence: a Redis-only method name in call position (`.setnx(`,
 * `.hgetall (`), or one of `PX` / `EX` / `NX` / `XX` as a whole word (an argument shape). On the
 * text alone (comments included): it may say yes where the model finds nothing, never the reverse.
 */
export function evidenceHint(text: string): boolean {
  // `PX` / `EX` / `NX` / `XX`, through the rare `X`.
  for (let i = text.indexOf("X", 1); i >= 0; i = text.indexOf("X", i + 1)) {
    const p = text.charCodeAt(i - 1);
    if (
      (p === 80 || p === 69 || p === 78 || p === 88) &&
      !isNameChar(text.charCodeAt(i - 2)) &&
      !isNameChar(text.charCodeAt(i + 1))
    )
      return true;
  }
  // One regular expression: far cheaper than one substring search per name (about 0.75x the
  // cost of `hasHint` on a corpus without Redis, where 150 `indexOf` passes cost 8x). Tried only
  // right after each `.`, found with `indexOf` (CALLED without its `.`, sticky): the same answer
  // as `CALLED.test(text)` for about 0.7x its cost.
  for (let i = text.indexOf("."); i >= 0; i = text.indexOf(".", i + 1)) {
    CALLED_AFTER_DOT.lastIndex = i + 1;
    if (CALLED_AFTER_DOT.test(text)) return true;
  }
  return false;
}

/**
 * `.name(` for a Redis-only name: white space allowed around the name; then `(`, `?.(`, `!(` or
 * type arguments `<`. A comment between the name and `(` is not looked through.
 */
const CALLED = new RegExp(`\\.\\s*(?:${NAMES})(?:Async)?\\s*(?:\\(|<|\\?\\.\\(|!)`);
/** CALLED without its `.`, sticky: tried right after each `.` (see `evidenceHint`). */
const CALLED_AFTER_DOT = new RegExp(CALLED.source.slice(2), "y");
