/**
 * Locks: the lock-key vocabulary, how each dialect writes "SET only if absent, with an expiry",
 * and the compare-and-delete release. Shared by `require-lock-ttl`, `no-unsafe-lock-release`,
 * `no-setnx-expire` and `no-nonatomic-read-modify-write`.
 *
 * See docs/semantics.md §4.
 */
import type { JSONSchema4 } from "@typescript-eslint/utils/json-schema";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, contains, enclosingFunctionName, isFunction, staticString, unwrap } from "../ast/nodes.js";
import { constInit } from "../ast/scope.js";
import type { FileModel, RedisCall } from "./types.js";
import { sameKey } from "./keys.js";
import { positionsBy, shapeOf } from "./indexes.js";

// -------------------------------------------------------------------------------------------------
// Lock vocabulary

/**
 * Default `lockKeyPattern`: a word of the lock vocabulary in a key expression or in the name of
 * the variable, parameter or function holding it. Words are found in `lock:order:1`, `job_lock`,
 * `LOCK_KEY`, `lockKey`, `acquireLock`, `unlock`, `this.leaderKey`; not in `block`, `clock`,
 * `lockout`, `leaderboard`, nor in `unlocks` (a game's unlocked items, not a lock).
 */
export const DEFAULT_LOCK_KEY_PATTERN =
  "(?<![A-Za-z])(?:unlock|(?:lock|mutex|semaphore|leader|lease|latch)(?:s|ing|ship)?)(?![a-z])" +
  "|(?<![A-Za-z])(?:UNLOCK|(?:LOCK|MUTEX|SEMAPHORE|LEADER|LEASE|LATCH)(?:S|ING|SHIP)?)(?![A-Z])" +
  "|(?:Unlock|(?:Lock|Mutex|Semaphore|Leader|Lease|Latch)(?:s|ing|ship)?)(?![a-z])";

/** Compiles a `lockKeyPattern` option (with the `u` flag when it allows it); an invalid pattern falls back to the default. */
export function lockKeyRegex(pattern: string | undefined): RegExp {
  if (pattern) {
    // The schema cannot validate a regular expression; never crash the lint run.
    for (const flags of ["u", ""]) {
      try {
        return new RegExp(pattern, flags);
      } catch {
        // try the next, then the default
      }
    }
  }
  return new RegExp(DEFAULT_LOCK_KEY_PATTERN, "u");
}

/**
 * Whether a key expression names a lock: its source text, the initialiser of the constant it
 * reads, or the variable or parameter name matches `pattern`, or the last word of the enclosing
 * function's name does (`acquireLock`, `releaseLock`, `unlock`, `renew_lease`; not
 * `unlockAchievement` or `lockAccount`, where the lock word is a verb on another noun).
 */
export function isLockLikeKey(key: Node | null | undefined, sourceCode: TSESLint.SourceCode, pattern: RegExp): boolean {
  if (!key) return false;
  const k = unwrap(key);
  if (pattern.test(sourceCode.getText(k))) return true;
  if (k.type === "Identifier") {
    const init = constInit(k, sourceCode);
    if (init && pattern.test(sourceCode.getText(init))) return true;
  }
  const fnName = enclosingFunctionName(k);
  return !!fnName && pattern.test(lastWord(fnName));
}

/** The last word of an identifier: `acquireLock` → `Lock`, `renew_lease` → `lease`, `unlock` → `unlock`. */
export function lastWord(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z]+/)
    .filter(Boolean);
  return words[words.length - 1] ?? name;
}

// -------------------------------------------------------------------------------------------------
// SET NX / expiry, in every dialect's shape

export type SetOptionsShape =
  /** ioredis / iovalkey / Bun / raw commands: `"NX", "PX", 30000` string tokens. */
  | "tokens"
  /** node-redis v4 (deprecated in v5): `{ NX: true, EX: 10 }`. */
  | "node-redis-v4"
  /** node-redis v5+: `{ condition: "NX", expiration: { type: "EX", value: 10 } }`. */
  | "node-redis-v5"
  /** Upstash / @vercel/kv: `{ nx: true, ex: 10 }`. */
  | "upstash"
  /** valkey-glide: `{ conditionalSet: "onlyIfDoesNotExist", expiry: { type, count } }`. */
  | "glide"
  /** `setnx(key, value)`. */
  | "setnx"
  /** `set(key, value)` with no options. */
  | "none"
  /** Options that could not be read (a variable, a call). */
  | "unknown";

export interface SetOptions {
  command: "set" | "setnx";
  /** The key argument. */
  key: Node | null;
  /** The value argument: for a lock, the owner's token. */
  value: Node | null;
  /** Only if absent: NX, `NX: true`, `condition: "NX"`, `nx: true`, `"onlyIfDoesNotExist"`, or SETNX. */
  nx: boolean;
  /** Only if present: XX and its spellings. */
  xx: boolean;
  /** Sets a TTL: EX, PX, EXAT or PXAT in any spelling (not KEEPTTL). */
  expiry: boolean;
  /** KEEPTTL (`KEEPTTL: true`, `expiration: "KEEPTTL"`, `keepTtl: true`, `expiry: "keepExisting"`). With NX the new key gets NO TTL. */
  keepTtl: boolean;
  /** GET (return the old value). */
  get: boolean;
  /** Part of the options could not be read (a spread, a non-literal token or flag): `nx`/`expiry` may be understated. */
  partial: boolean;
  shape: SetOptionsShape;
  /** The options object (after following a `const`), or null for tokens / none. */
  options: TSESTree.ObjectExpression | null;
  /** The token or property that says NX, for fixes. */
  nxNode: Node | null;
  /** The token or property that says KEEPTTL, for fixes. */
  keepTtlNode: Node | null;
  /** The option arguments as written (tokens, or the one options argument). */
  optionArgs: Node[];
}

const EXPIRY_TOKENS = new Set(["ex", "px", "exat", "pxat"]);

/**
 * Reads a SET (or SETNX) call's condition and expiry in any dialect, or null when the call is
 * not SET / SETNX or its key and value are not plain arguments.
 */
export function readSetOptions(call: RedisCall, sourceCode?: TSESLint.SourceCode): SetOptions | null {
  if (call.command !== "set" && call.command !== "setnx") return null;
  const args = flattenArgs(call.args);
  if (!args || args.length < 2) return null;
  const [key, value, ...rest] = args;
  const out: SetOptions = {
    command: call.command,
    key,
    value,
    nx: call.command === "setnx",
    xx: false,
    expiry: false,
    keepTtl: false,
    get: false,
    partial: false,
    shape: call.command === "setnx" ? "setnx" : "none",
    options: null,
    nxNode: null,
    keepTtlNode: null,
    optionArgs: rest,
  };
  if (call.command === "setnx") return out;
  // A trailing callback (ioredis) is not an option.
  const opts = rest.filter((a) => !isFunctionLike(a));
  if (opts.length === 0) return out;
  const first = unwrap(opts[0]);
  if (opts.length === 1 && first.type !== "Literal" && first.type !== "TemplateLiteral") {
    const obj = resolveObject(first, sourceCode);
    if (!obj) {
      out.shape = "unknown";
      out.partial = true;
      return out;
    }
    readObjectOptions(obj, out);
    return out;
  }
  out.shape = "tokens";
  for (let i = 0; i < opts.length; i++) {
    const a = unwrap(opts[i]);
    const s = staticString(a);
    if (s === null) {
      // A number after EX/PX is the TTL; anything else unreadable makes the reading partial.
      const prev = i > 0 ? staticString(unwrap(opts[i - 1]))?.toLowerCase() : undefined;
      if (!(prev && EXPIRY_TOKENS.has(prev))) out.partial = true;
      continue;
    }
    const t = s.toLowerCase();
    if (t === "nx") {
      out.nx = true;
      out.nxNode = opts[i];
    } else if (t === "xx") out.xx = true;
    else if (t === "get") out.get = true;
    else if (t === "keepttl") {
      out.keepTtl = true;
      out.keepTtlNode = opts[i];
    } else if (EXPIRY_TOKENS.has(t)) {
      out.expiry = true;
      i++;
    }
  }
  return out;
}

function isFunctionLike(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "ArrowFunctionExpression" || u.type === "FunctionExpression";
}

/** Arguments with array literals spread out (`set(k, v, ["EX", 10])`, Bun `send("SET", [k, v])`); null on a spread. */
function flattenArgs(args: readonly Node[]): Node[] | null {
  const out: Node[] = [];
  for (const a of args) {
    const u = unwrap(a);
    if (u.type === "SpreadElement") return out.length >= 2 ? [...out, u] : null;
    if (u.type === "ArrayExpression" && out.length >= 2) {
      for (const e of u.elements) if (e) out.push(e);
      continue;
    }
    out.push(a);
  }
  return out;
}

/** An options object written inline or held in a `const`. */
function resolveObject(n: Node, sourceCode: TSESLint.SourceCode | undefined): TSESTree.ObjectExpression | null {
  const u = unwrap(n);
  if (u.type === "ObjectExpression") return u;
  if (u.type === "Identifier" && sourceCode) {
    const init = constInit(u, sourceCode);
    if (init && unwrap(init).type === "ObjectExpression") return unwrap(init) as TSESTree.ObjectExpression;
  }
  return null;
}

export function propKey(p: TSESTree.Property): string | null {
  if (!p.computed && p.key.type === "Identifier") return p.key.name;
  return staticString(p.key);
}

/** `false`, `undefined`, `null`, `0`: written, but off. */
function isOff(n: Node): boolean {
  const u = unwrap(n);
  if (u.type === "Identifier" && u.name === "undefined") return true;
  return u.type === "Literal" && (u.value === false || u.value === null || u.value === 0);
}

function isLiteralTrue(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "Literal" && u.value === true;
}

function readObjectOptions(obj: TSESTree.ObjectExpression, out: SetOptions): void {
  out.options = obj;
  let shape: SetOptionsShape | null = null;
  const setShape = (s: SetOptionsShape) => {
    if (!shape) shape = s;
  };
  for (const p of obj.properties) {
    if (p.type !== "Property") {
      out.partial = true;
      continue;
    }
    const name = propKey(p);
    if (name === null) {
      out.partial = true;
      continue;
    }
    const v = p.value as Node;
    const shorthandOrDynamic = !isLiteralTrue(v) && !isOff(v) && staticString(unwrap(v)) === null;
    switch (name) {
      // node-redis v4 (and deprecated v5)
      case "NX":
      case "XX":
      case "nx":
      case "xx": {
        setShape(name === name.toUpperCase() ? "node-redis-v4" : "upstash");
        if (isLiteralTrue(v)) {
          if (name.toLowerCase() === "nx") {
            out.nx = true;
            out.nxNode = p;
          } else out.xx = true;
        } else if (shorthandOrDynamic) out.partial = true;
        break;
      }
      case "EX":
      case "PX":
      case "EXAT":
      case "PXAT":
      case "ex":
      case "px":
      case "exat":
      case "pxat":
        setShape(name === name.toUpperCase() ? "node-redis-v4" : "upstash");
        if (!isOff(v)) out.expiry = true;
        break;
      case "KEEPTTL":
      case "keepTtl":
        setShape(name === "KEEPTTL" ? "node-redis-v4" : "upstash");
        if (isLiteralTrue(v)) {
          out.keepTtl = true;
          out.keepTtlNode = p;
        } else if (shorthandOrDynamic) out.partial = true;
        break;
      case "GET":
      case "get":
        if (!isOff(v)) out.get = true;
        break;
      // node-redis v5+
      case "condition": {
        setShape("node-redis-v5");
        const s = staticString(unwrap(v));
        if (s?.toUpperCase() === "NX") {
          out.nx = true;
          out.nxNode = p;
        } else if (s?.toUpperCase() === "XX") out.xx = true;
        else if (s === null && !isOff(v)) out.partial = true;
        break;
      }
      case "expiration": {
        setShape("node-redis-v5");
        const u = unwrap(v);
        if (isOff(u)) break;
        const s = staticString(u);
        if (s !== null) {
          if (s.toUpperCase() === "KEEPTTL") {
            out.keepTtl = true;
            out.keepTtlNode = p;
          }
          break;
        }
        if (u.type === "ObjectExpression") {
          const type = u.properties.find((q): q is TSESTree.Property => q.type === "Property" && propKey(q) === "type");
          const t = type ? staticString(unwrap(type.value)) : null;
          if (t?.toUpperCase() === "KEEPTTL") {
            out.keepTtl = true;
            out.keepTtlNode = p;
          } else out.expiry = true;
          break;
        }
        out.expiry = true;
        break;
      }
      // valkey-glide
      case "conditionalSet": {
        setShape("glide");
        const s = staticString(unwrap(v));
        if (s === "onlyIfDoesNotExist") {
          out.nx = true;
          out.nxNode = p;
        } else if (s === "onlyIfExists") out.xx = true;
        else if (s === null) out.partial = true;
        break;
      }
      case "expiry": {
        setShape("glide");
        const u = unwrap(v);
        if (isOff(u)) break;
        if (staticString(u) === "keepExisting") {
          out.keepTtl = true;
          out.keepTtlNode = p;
        } else out.expiry = true;
        break;
      }
      case "returnOldValue":
        setShape("glide");
        if (!isOff(v)) out.get = true;
        break;
      default:
        break;
    }
  }
  out.shape = shape ?? "unknown";
}

// -------------------------------------------------------------------------------------------------
// Acquisitions and releases

/** The key arguments a DEL / UNLINK / DELEX / GETDEL call deletes (node-redis and GLIDE take an array). */
export function deletedKeys(call: RedisCall): Node[] {
  if (call.command !== "del" && call.command !== "unlink" && call.command !== "delex" && call.command !== "getdel")
    return [];
  const args = call.args.filter((a) => !isFunctionLike(a));
  if (call.command === "delex" || call.command === "getdel") return args.length ? [args[0]] : [];
  const out: Node[] = [];
  for (const a of args) {
    const u = unwrap(a);
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) if (e && e.type !== "SpreadElement") out.push(e);
    } else if (u.type !== "SpreadElement") out.push(a);
  }
  return out;
}

/** `DELEX key IFEQ value` / `IFDEQ digest`: a delete with an ownership check (Redis 8.4+). */
export function isConditionalDelex(call: RedisCall): boolean {
  if (call.command !== "delex") return false;
  const cond = staticString(call.args[1] ? unwrap(call.args[1]) : null)?.toUpperCase();
  if (cond === "IFEQ" || cond === "IFDEQ") return true;
  // An unreadable condition: give it the benefit of the doubt.
  return call.args.length > 1 && cond === undefined;
}

/** The calls in the file that acquire a key only if absent (SET NX, SETNX). */
export function nxAcquisitions(
  model: FileModel,
  sourceCode?: TSESLint.SourceCode,
): { call: RedisCall; set: SetOptions }[] {
  const out: { call: RedisCall; set: SetOptions }[] = [];
  for (const call of model.calls) {
    if (call.command !== "set" && call.command !== "setnx") continue;
    const set = readSetOptions(call, sourceCode);
    if (set?.nx) out.push({ call, set });
  }
  return out;
}

/**
 * Names given to Lua scripts with ioredis `defineCommand(name, ...)` in this file. Calls of
 * these names are scripts (model `command` null), never the Redis command their name resembles.
 */
export function definedCommandNames(model: FileModel): Set<string> {
  const out = new Set<string>();
  for (const call of model.calls) {
    if (call.method !== "defineCommand") continue;
    const name = staticString(call.node.arguments[0] ? unwrap(call.node.arguments[0]) : null);
    if (name) {
      out.add(name);
      out.add(`${name}Buffer`);
    }
  }
  return out;
}

/** A Lua body that compares a key's value and deletes it: `redis.call("get", ...) == ARGV[1] ... redis.call("del", ...)`. */
export const COMPARE_AND_DELETE_LUA =
  /redis\.p?call\(\s*['"]get['"][\s\S]*==[\s\S]*redis\.p?call\(\s*['"](?:del|unlink)['"]/i;

/** The canonical compare-and-delete script (written with single quotes inside so it fits in a double-quoted JS string). */
export const COMPARE_AND_DELETE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

// -------------------------------------------------------------------------------------------------
// GET, compare, then DEL

const EQUALITY = new Set(["===", "==", "!==", "!="]);

/** What `isUnsafeLockReleasePattern` found: the equality comparison, and the value the GET result is compared with. */
export interface UnsafeRelease {
  comparison: TSESTree.BinaryExpression;
  /** The other side of the comparison: the token we believe we own the lock with. */
  token: Node;
}

/**
 * GET a key, compare the value with `===`/`!==`, and DEL (or UNLINK) the same key under that
 * comparison, in two round trips: the unsafe lock release that `no-unsafe-lock-release`
 * reports. Any key counts (the defect is the two round trips, whatever the key is called).
 * Null when a WATCH on the key precedes the GET and the DEL is queued in a MULTI (the
 * optimistic-locking version), or when the comparison does not decide whether the DEL runs.
 *
 * `no-nonatomic-read-modify-write` calls this to leave such a pair to `no-unsafe-lock-release`.
 */
export function isUnsafeLockReleasePattern(
  getCall: RedisCall,
  delCall: RedisCall,
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
): UnsafeRelease | null {
  if (getCall.command !== "get" || getCall.fn !== delCall.fn) return null;
  if (
    delCall.command !== "del" &&
    delCall.command !== "unlink" &&
    !(delCall.command === "delex" && !isConditionalDelex(delCall))
  )
    return null;
  if (getCall.node.range[1] > delCall.node.range[0]) return null;
  // A GET queued in a MULTI or pipeline has no value to compare yet.
  if (getCall.receiver !== "client") return null;
  const getKey = getCall.args[0];
  if (!getKey || !deletedKeys(delCall).some((k) => sameKey(k, getKey))) return null;
  if (delCall.tx?.atomic && watchedBefore(getCall, getKey, model)) return null;
  const found = comparisonOf(getCall, sourceCode);
  if (!found || !guards(found.comparison, delCall.node)) return null;
  return found;
}

function watchedBefore(getCall: RedisCall, key: Node, model: FileModel): boolean {
  const calls = model.callsByFunction.get(getCall.fn) ?? [];
  // `sameKey` is equality of non-null shapes: only the WATCHes of the key's shape (an index by shape).
  const shape = shapeOf(key);
  if (shape === null) return false;
  return positionsBy(calls, "watch-flattened-keys", watchShapes, shape).some(
    (i) => calls[i].node.range[1] <= getCall.node.range[0],
  );
}

function watchShapes(w: RedisCall): (string | null)[] {
  return w.command === "watch" ? flattenWatchKeys(w).map((k) => shapeOf(k)) : [];
}

function flattenWatchKeys(call: RedisCall): Node[] {
  const out: Node[] = [];
  for (const a of call.args) {
    const u = unwrap(a);
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) if (e && e.type !== "SpreadElement") out.push(e);
    } else out.push(a);
  }
  return out;
}

function outerValue(node: Node): Node {
  let n: Node = node;
  while (
    n.parent &&
    (n.parent.type === "AwaitExpression" ||
      n.parent.type === "TSAsExpression" ||
      n.parent.type === "TSNonNullExpression" ||
      n.parent.type === "ChainExpression")
  ) {
    n = n.parent;
  }
  return n;
}

/** The equality comparison the GET result takes part in: directly, or through the `const` it is stored in. */
function comparisonOf(getCall: RedisCall, sourceCode: TSESLint.SourceCode): UnsafeRelease | null {
  const direct = equalityAround(getCall.node);
  if (direct) return direct;
  const n = outerValue(getCall.node);
  const decl = n.parent;
  if (decl?.type !== "VariableDeclarator" || decl.init !== n || decl.id.type !== "Identifier") return null;
  const [variable] = sourceCode.getDeclaredVariables(decl);
  if (!variable) return null;
  for (const ref of variable.references) {
    if (!ref.isRead()) continue;
    const cmp = equalityAround(ref.identifier);
    if (cmp) return cmp;
  }
  return null;
}

function equalityAround(node: Node): UnsafeRelease | null {
  const n = outerValue(node);
  const p = n.parent;
  if (p?.type !== "BinaryExpression" || !EQUALITY.has(p.operator)) return null;
  const token = unwrap(p.left === n ? p.right : p.left);
  // A check for a missing value (`v === null`) is no ownership check.
  if ((token.type === "Literal" && token.value === null) || (token.type === "Identifier" && token.name === "undefined"))
    return null;
  return { comparison: p, token };
}

/**
 * Does the comparison decide whether `target` runs? `target` lies in a branch of the `if`,
 * `?:` or `&&`/`||` whose test holds the comparison, or comes after an `if` on it whose
 * branch leaves the function (`if (v !== token) return;`).
 */
function guards(comparison: Node, target: Node): boolean {
  let n: Node = comparison;
  while (n.parent && !isFunction(n.parent)) {
    const p: Node = n.parent;
    if (p.type === "IfStatement" && p.test === n) {
      if (contains(p.consequent, target) || (p.alternate && contains(p.alternate, target))) return true;
      if (target.range[0] > p.range[1] && (exits(p.consequent) || (p.alternate && exits(p.alternate)))) return true;
      return false;
    }
    if (p.type === "ConditionalExpression" && p.test === n)
      return contains(p.consequent, target) || contains(p.alternate, target);
    if (p.type === "LogicalExpression" && p.left === n && contains(p.right, target)) return true;
    if (
      p.type === "WhileStatement" ||
      p.type === "ForStatement" ||
      p.type === "BlockStatement" ||
      p.type === "ExpressionStatement" ||
      p.type === "VariableDeclarator" ||
      p.type === "ReturnStatement"
    ) {
      return false;
    }
    n = p;
  }
  return false;
}

/** A statement that always leaves: `return`, `throw`, or a block ending in one. */
function exits(s: Node): boolean {
  if (s.type === "ReturnStatement" || s.type === "ThrowStatement") return true;
  if (s.type === "BlockStatement") {
    const last = s.body[s.body.length - 1];
    return !!last && exits(last);
  }
  if (s.type === "IfStatement") return !!s.alternate && exits(s.consequent) && exits(s.alternate);
  return false;
}

/** The option schema shared by the lock rules (require-lock-ttl, no-unsafe-lock-release). */
export const LOCK_RULE_SCHEMA: JSONSchema4[] = [
  {
    type: "object",
    properties: {
      lockKeyPattern: {
        type: "string",
        description:
          "Regular expression (source) that marks a key as a lock when it matches the key expression, the variable or parameter holding it, or the enclosing function's name.",
      },
    },
    additionalProperties: false,
  },
];
