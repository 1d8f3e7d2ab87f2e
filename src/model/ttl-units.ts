/**
 * Expiry units: where a Redis call takes a time (EXPIRE and its P / AT forms, SETEX, PSETEX, and
 * SET's and GETEX's EX / PX / EXAT / PXAT options in every client's shape), which unit it takes
 * there, and what unit an expression is in: a clock reading (`Date.now()`, `date.getTime()`)
 * in milliseconds or seconds, or a name that says its unit (`ttlMs`, `LOCK_TTL_SEC`). Asked by
 * `no-ttl-unit-mismatch`.
 *
 * See docs/semantics.md §14.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { nameWords } from "../ast/expressions.js";
import { type Node, enclosingFunction, isFunction, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { constInit } from "../ast/scope.js";
import { isPure } from "../ast/statements.js";
import { isCertainlyDate } from "./dates.js";
import type { RedisCall } from "./types.js";

export type DurationUnit = "s" | "ms";

/** The four expiry options, and what each takes. */
export type ExpiryOption = "EX" | "PX" | "EXAT" | "PXAT";

const OPTION: Readonly<Record<ExpiryOption, { absolute: boolean; unit: DurationUnit }>> = {
  EX: { absolute: false, unit: "s" },
  PX: { absolute: false, unit: "ms" },
  EXAT: { absolute: true, unit: "s" },
  PXAT: { absolute: true, unit: "ms" },
};

/** Commands whose second argument is an expiry, by the option they stand for. */
const COMMAND_OPTION: Readonly<Record<string, ExpiryOption>> = {
  expire: "EX",
  setex: "EX",
  pexpire: "PX",
  psetex: "PX",
  expireat: "EXAT",
  pexpireat: "PXAT",
};

/** GLIDE's `TimeUnit` members. */
const GLIDE_TIME_UNIT: Readonly<Record<string, ExpiryOption>> = {
  Seconds: "EX",
  Milliseconds: "PX",
  UnixSeconds: "EXAT",
  UnixMilliseconds: "PXAT",
};

/** One place where a call takes a time. */
export interface ExpirySlot {
  /** A Unix time (EXPIREAT, EXAT, ...) or a duration (EXPIRE, EX, ...). */
  absolute: boolean;
  unit: DurationUnit;
  /** As Redis names it: the command (`EXPIREAT`, `SETEX`) or the option (`EXAT`, `EX`). */
  name: string;
  /** The command itself takes the time (EXPIRE, SETEX), not one of its options. */
  isCommand: boolean;
  /** The argument or option value that gives the time. */
  value: Node;
  /**
   * What names the unit, for a fix that switches to the other one: the option's token
   * (`"EX"`), key (`EX:`, `ex:`) or type (`"EX"`, GLIDE `TimeUnit.Seconds`' member name), or a
   * raw command's name (`"EXPIRE"`); null for a command method (`expire()`).
   */
  unitNode: Node | null;
  /**
   * From GETEX's own `{ type, value }` object (node-redis v5 and later, GLIDE), not v4's
   * `{ PXAT }` nor SET's `expiration: { type, value }`: where node-redis converts a `Date` given
   * to PXAT to seconds (`pxatDateInSeconds`).
   */
  getexTyped?: true;
}

function asOption(text: string | null): ExpiryOption | null {
  const t = text?.toUpperCase();
  return t === "EX" || t === "PX" || t === "EXAT" || t === "PXAT" ? t : null;
}

function slot(option: ExpiryOption, value: Node, unitNode: Node | null, command?: string): ExpirySlot {
  return { ...OPTION[option], name: command ?? option, isCommand: !!command, value, unitNode };
}

function propKey(p: TSESTree.Property): string | null {
  if (!p.computed && p.key.type === "Identifier") return p.key.name;
  return staticString(p.key);
}

/** An object written inline or held in a `const`. */
function objectOf(n: Node, sourceCode: TSESLint.SourceCode): TSESTree.ObjectExpression | null {
  const u = unwrap(n);
  if (u.type === "ObjectExpression") return u;
  if (u.type === "Identifier") {
    const init = constInit(u, sourceCode);
    const i = init ? unwrap(init) : null;
    if (i?.type === "ObjectExpression") return i;
  }
  return null;
}

function property(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  for (const p of obj.properties) if (p.type === "Property" && propKey(p) === name) return p;
  return null;
}

/** `"EXAT"`, `TimeUnit.UnixSeconds` (GLIDE, whatever `TimeUnit` is called locally). */
function typeOption(n: Node): ExpiryOption | null {
  const u = unwrap(n);
  if (u.type === "MemberExpression") {
    const name = propertyName(u);
    return (name && GLIDE_TIME_UNIT[name]) || null;
  }
  return asOption(staticString(u));
}

/** `{ type, value }` (node-redis v5), `{ type, count }` (GLIDE SET), `{ type, duration }` (GLIDE GETEX). */
function typedExpiry(obj: TSESTree.ObjectExpression, out: ExpirySlot[], getex = false): void {
  const type = property(obj, "type");
  const option = type ? typeOption(type.value) : null;
  if (!option) return;
  const value = property(obj, "value") ?? property(obj, "count") ?? property(obj, "duration");
  if (value && type) {
    // GLIDE `TimeUnit.Seconds`: the member name says the unit.
    const t = unwrap(type.value);
    const s = slot(option, value.value, t.type === "MemberExpression" && !t.computed ? t.property : t);
    if (getex) s.getexTyped = true;
    out.push(s);
  }
}

/** The expiry options of a SET / GETEX options object, in every client's shape. */
function objectSlots(obj: TSESTree.ObjectExpression, getex: boolean, out: ExpirySlot[]): void {
  // node-redis v5 GETEX, GLIDE GETEX: the options object is the expiry itself.
  if (getex && property(obj, "type")) {
    typedExpiry(obj, out, true);
    return;
  }
  for (const p of obj.properties) {
    if (p.type !== "Property") continue;
    const key = propKey(p);
    // node-redis v4 `{ EX: 10 }`, Upstash `{ ex: 10 }`: upper- or lower-case, never mixed.
    const option = key === key?.toUpperCase() || key === key?.toLowerCase() ? asOption(key) : null;
    if (option) out.push(slot(option, p.value, p.shorthand ? null : p.key));
    else if (key === "expiration" || key === "expiry") {
      // node-redis v5 `expiration: { type, value }`, GLIDE `expiry: { type, count }`.
      const inner = unwrap(p.value);
      if (inner.type === "ObjectExpression") typedExpiry(inner, out);
    }
  }
}

/** Arguments with array literals spread out (`set(k, v, ["EX", 10])`); spreads end the list. */
function flatten(args: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const a of args) {
    const u = unwrap(a);
    if (u.type === "SpreadElement") break;
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) {
        if (!e || e.type === "SpreadElement") return out;
        out.push(e);
      }
    } else out.push(a);
  }
  return out;
}

/** The string that names a raw command: `call("EXPIRE", …)`, `sendCommand(["EXPIRE", …])`. */
function rawCommandNode(call: RedisCall): Node | null {
  for (const a of call.node.arguments) {
    const u = unwrap(a);
    if (staticString(u) !== null) return u;
    if (u.type === "ArrayExpression") {
      const first = u.elements[0];
      return first && first.type !== "SpreadElement" && staticString(first) !== null ? first : null;
    }
  }
  return null;
}

/**
 * Where `call` takes a time: the second argument of EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, SETEX
 * and PSETEX; SET's and GETEX's EX / PX / EXAT / PXAT as tokens (`"EX", 10`) or in an options
 * object (node-redis `{ EX: 10 }` and `expiration: { type: "EX", value: 10 }`, Upstash
 * `{ ex: 10 }`, GLIDE `expiry: { type: TimeUnit.Seconds, count: 10 }`).
 */
export function expirySlots(call: RedisCall, sourceCode: TSESLint.SourceCode): ExpirySlot[] {
  const command = call.command;
  if (!command) return [];
  const out: ExpirySlot[] = [];
  const commandOption = COMMAND_OPTION[command] as ExpiryOption | undefined;
  if (commandOption) {
    const value = call.args[1] as Node | undefined;
    if (value && value.type !== "SpreadElement")
      out.push(slot(commandOption, value, call.raw ? rawCommandNode(call) : null, command.toUpperCase()));
    return out;
  }
  if (command !== "set" && command !== "getex") return out;
  const getex = command === "getex";
  const args = flatten(call.args).slice(getex ? 1 : 2);
  const first = args[0] as Node | undefined;
  if (first && args.length === 1 && staticString(unwrap(first)) === null) {
    const obj = objectOf(first, sourceCode);
    if (obj) objectSlots(obj, getex, out);
    return out;
  }
  for (let i = 0; i + 1 < args.length; i++) {
    const option = asOption(staticString(unwrap(args[i])));
    if (option) out.push(slot(option, args[i + 1], args[i++]));
  }
  return out;
}

// -------------------------------------------------------------------------------------------------
// Clock readings

/** What unit a clock reading is in. */
export interface ClockReading {
  unit: DurationUnit;
  /**
   * The node a fix rewrites, when the rewrite is unambiguous: for milliseconds, the reading
   * itself (`Date.now()`, `d.getTime()`, a `const` holding one); for seconds, the milliseconds
   * reading divided in `Math.floor(… / 1000)`. Null for readings with an offset or a rounding of
   * their own (`Date.now() + 60000`), whose intent a fix cannot know.
   */
  exact: Node | null;
  /** The expression that is in that unit (below `String(…)`, `.toString()`, a template). */
  node: Node;
}

const ROUNDING = new Set(["floor", "round", "ceil", "trunc"]);

function isThousand(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "Literal" && u.value === 1000;
}

function isGlobalCall(n: Node, object: string, method: string): boolean {
  if (n.type !== "CallExpression") return false;
  const callee = unwrap(n.callee);
  return (
    callee.type === "MemberExpression" &&
    unwrap(callee.object).type === "Identifier" &&
    (unwrap(callee.object) as TSESTree.Identifier).name === object &&
    propertyName(callee) === method
  );
}

/** `Math.floor(x)` and friends: the rounded argument. */
function rounded(n: Node): Node | null {
  if (n.type !== "CallExpression" || n.arguments.length !== 1) return null;
  const callee = unwrap(n.callee);
  if (callee.type !== "MemberExpression" || unwrap(callee.object).type !== "Identifier") return null;
  if ((unwrap(callee.object) as TSESTree.Identifier).name !== "Math") return null;
  const name = propertyName(callee);
  return name && ROUNDING.has(name) && n.arguments[0].type !== "SpreadElement" ? n.arguments[0] : null;
}

function isNewDate(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "NewExpression" && u.callee.type === "Identifier" && u.callee.name === "Date";
}

/** A value that is a Date: `new Date(…)`, or a `const` holding one. */
function isDateValue(n: Node, sourceCode: TSESLint.SourceCode): boolean {
  const u = unwrap(n);
  if (isNewDate(u)) return true;
  if (u.type !== "Identifier") return false;
  const init = constInit(u, sourceCode);
  return !!init && isNewDate(init);
}

/** Below conversions that keep the value: `String(x)`, `Number(x)`, `x.toString()`, `` `${x}` ``. */
function belowConversions(n: Node): Node {
  let u = unwrap(n);
  for (;;) {
    if (u.type === "CallExpression" && u.arguments.length === 1 && u.arguments[0].type !== "SpreadElement") {
      const callee = unwrap(u.callee);
      if (callee.type === "Identifier" && (callee.name === "String" || callee.name === "Number")) {
        u = unwrap(u.arguments[0]);
        continue;
      }
    }
    if (u.type === "CallExpression" && u.arguments.length === 0) {
      const callee = unwrap(u.callee);
      if (callee.type === "MemberExpression" && propertyName(callee) === "toString") {
        u = unwrap(callee.object);
        continue;
      }
    }
    if (u.type === "TemplateLiteral" && u.expressions.length === 1 && u.quasis.every((q) => q.value.raw === "")) {
      u = unwrap(u.expressions[0]);
      continue;
    }
    return u;
  }
}

/**
 * A reading of the clock in milliseconds, written so that nothing else is plausible:
 * `Date.now()`, `Date.parse(…)`, `x.getTime()`, `date.valueOf()` (of a `new Date`), `+new Date()`.
 */
function isMillisecondReading(n: Node, sourceCode: TSESLint.SourceCode): boolean {
  const u = unwrap(n);
  if (isGlobalCall(u, "Date", "now") && u.type === "CallExpression" && u.arguments.length === 0) return true;
  if (isGlobalCall(u, "Date", "parse")) return true;
  if (u.type === "UnaryExpression" && u.operator === "+") return isNewDate(u.argument);
  if (u.type === "CallExpression" && u.arguments.length === 0) {
    const callee = unwrap(u.callee);
    if (callee.type !== "MemberExpression") return false;
    const name = propertyName(callee);
    if (name === "getTime") return true;
    if (name === "valueOf") return isDateValue(callee.object, sourceCode);
  }
  return false;
}

/**
 * The unit of a clock reading (`Date.now()`, `Math.floor(Date.now() / 1000)`, either plus or
 * minus an offset, or a `const` of the same function holding one), or null for anything else.
 */
export function clockReading(expr: Node, sourceCode: TSESLint.SourceCode, depth = 0): ClockReading | null {
  const node = belowConversions(expr);
  if (isMillisecondReading(node, sourceCode)) return { unit: "ms", exact: node, node };
  if (node.type === "Identifier" && depth === 0) {
    const init = constInit(node, sourceCode);
    if (!init || enclosingFunction(init) !== enclosingFunction(node)) return null;
    const inner = clockReading(init, sourceCode, 1);
    if (!inner) return null;
    // A `const now = Date.now()`: the name stands for the reading.
    return { unit: inner.unit, exact: inner.unit === "ms" && inner.exact ? node : null, node };
  }
  if (node.type === "BinaryExpression") {
    // Milliseconds to seconds: `ms / 1000`, `(ms / 1000) | 0`.
    if (node.operator === "/" && isThousand(node.right)) {
      const ms = clockReading(node.left, sourceCode, depth);
      return ms?.unit === "ms" ? { unit: "s", exact: unwrap(node.left), node } : null;
    }
    if (
      node.operator === "|" &&
      unwrap(node.right).type === "Literal" &&
      (unwrap(node.right) as TSESTree.Literal).value === 0
    ) {
      const left = clockReading(node.left, sourceCode, depth);
      return left?.unit === "s" ? { unit: "s", exact: left.exact, node } : null;
    }
    // An offset: `Date.now() + 60000`, `Math.floor(Date.now() / 1000) + 60` (a sum or difference of two readings is none).
    if (node.operator === "+" || node.operator === "-") {
      const left = clockReading(node.left, sourceCode, depth);
      const right = clockReading(node.right, sourceCode, depth);
      if (left && !right) return { unit: left.unit, exact: null, node };
      if (right && !left && node.operator === "+") return { unit: right.unit, exact: null, node };
    }
    return null;
  }
  const arg = rounded(node);
  if (arg) {
    const inner = belowConversions(arg);
    // `Math.floor(Date.now() / 1000)`: exact seconds; `Math.floor(Date.now())`: still milliseconds.
    if (inner.type === "BinaryExpression" && inner.operator === "/") {
      const r = clockReading(inner, sourceCode, depth);
      return r?.unit === "s" ? { unit: "s", exact: r.exact, node } : null;
    }
    const r = clockReading(inner, sourceCode, depth);
    return r ? { unit: r.unit, exact: null, node } : null;
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// A Date given to node-redis GETEX's PXAT

/**
 * node-redis v5 and later convert a `Date` given to GETEX's `{ type: "PXAT", value }` with
 * `transformEXAT`, to a Unix time in seconds, which PXAT reads as milliseconds: a moment in
 * January 1970, so the key is deleted at once (docs/semantics.md §14). v4's `{ PXAT: date }`
 * (also in v5) and `{ type: "EXAT", value: date }` convert it right. The value, when this slot
 * is that one and the value is certainly a Date (`isCertainlyDate`, dates.ts); null otherwise, and for a major below 5 or unknown (v4 has no
 * `{ type }` shape: it sends `GETEX key PERSIST` for one).
 */
export function pxatDateInSeconds(
  call: RedisCall,
  s: ExpirySlot,
  major: number | null,
  sourceCode: TSESLint.SourceCode,
  typeAware: boolean,
): Node | null {
  if (call.family !== "node-redis" || call.raw || call.command !== "getex" || major === null || major < 5) return null;
  if (!s.getexTyped || !s.unitNode || staticString(s.unitNode) !== "PXAT") return null;
  const prop = s.value.parent;
  if (prop?.type !== "Property" || prop.value !== s.value || propKey(prop) !== "value") return null;
  const value = unwrap(s.value);
  return isCertainlyDate(value, sourceCode, typeAware) ? value : null;
}

// -------------------------------------------------------------------------------------------------
// Names that say their unit

const MS_WORDS = new Set(["ms", "msec", "msecs", "milli", "millis", "millisecond", "milliseconds"]);
const SECOND_WORDS = new Set(["sec", "secs", "second", "seconds"]);

/**
 * The unit a name says, by its words (camelCase, snake_case, SCREAMING_CASE): `ttlMs`,
 * `timeoutMillis`, `CACHE_TTL_MS` → ms; `ttlSeconds`, `LOCK_TTL_SEC`, `expirySecs` → s. Null
 * for names without a unit word, with both (`msPerSecond`), with a bare `s`, or where `second`
 * is the ordinal (`secondTtl`); `items`, `msg`, `smsTtl`, `timestamp` have no unit word.
 */
export function nameUnit(name: string): DurationUnit | null {
  const words = nameWords(name);
  const ms = words.some((w) => MS_WORDS.has(w));
  const s = words.some((w, i) => SECOND_WORDS.has(w) && !(w === "second" && i === 0));
  if (ms === s) return null;
  return ms ? "ms" : "s";
}

/** A value read from a name (`ttlMs`, `this.ttlMs`, `opts.lockTtlMs`), possibly converted or rounded. */
export interface NamedValue {
  name: string;
  /** The identifier or member expression. */
  node: Node;
}

/**
 * The name an argument is read from, below `String(…)`, `Number(…)`, `parseInt(…)`,
 * `.toString()`, a template, and `Math.floor/ceil/round/trunc(…)`, which keep the unit; null
 * for anything computed (`ttlMs / 1000` is a conversion).
 */
export function namedValue(expr: Node): NamedValue | null {
  let u = belowConversions(expr);
  for (;;) {
    const arg = rounded(u);
    if (arg) {
      u = belowConversions(arg);
      continue;
    }
    if (u.type === "CallExpression" && u.arguments.length >= 1 && u.arguments[0].type !== "SpreadElement") {
      const callee = unwrap(u.callee);
      if (callee.type === "Identifier" && (callee.name === "parseInt" || callee.name === "parseFloat")) {
        u = belowConversions(u.arguments[0]);
        continue;
      }
    }
    break;
  }
  if (u.type === "Identifier") return { name: u.name, node: u };
  if (u.type === "MemberExpression") {
    const name = propertyName(u);
    return name && !name.startsWith("#") ? { name, node: u } : name ? { name: name.slice(1), node: u } : null;
  }
  return null;
}

// -------------------------------------------------------------------------------------------------
// SETEX / PSETEX with the value and the TTL swapped

/** A value that cannot be a number of seconds: a non-numeric string or template, `JSON.stringify(…)`, an object. */
function isValueLike(n: Node): boolean {
  const u = unwrap(n);
  const s = staticString(u);
  if (s !== null) return !/^\s*-?\d+(?:\.\d+)?\s*$/.test(s);
  if (u.type === "TemplateLiteral") return u.quasis.some((q) => /[^\d\s.-]/.test(q.value.cooked ?? q.value.raw));
  if (u.type === "ObjectExpression") return true;
  if (u.type !== "CallExpression") return false;
  const callee = unwrap(u.callee);
  return (
    callee.type === "MemberExpression" &&
    callee.object.type === "Identifier" &&
    callee.object.name === "JSON" &&
    callee.property.type === "Identifier" &&
    callee.property.name === "stringify"
  );
}

const TIME_WORDS = new Set(["ttl", "expiry", "expires", "expire", "expiration", "timeout", "duration", "lifetime"]);

/** A number of seconds as written: a number, arithmetic on numbers, or a name that says it is a time. */
function isNumeric(n: Node, sourceCode: TSESLint.SourceCode): boolean {
  const u = unwrap(n);
  if (u.type === "Literal") return typeof u.value === "number" || /^\s*\d+\s*$/.test(String(u.value));
  if (u.type === "UnaryExpression") return u.operator === "-" && isNumeric(u.argument, sourceCode);
  if (u.type === "BinaryExpression") {
    // `*`, `/`, `-`, `%`, `**` always give numbers; `+` does for numbers.
    if (/^(?:[-*/%]|\*\*)$/.test(u.operator)) return true;
    return u.operator === "+" && isNumeric(u.left, sourceCode) && isNumeric(u.right, sourceCode);
  }
  if (u.type === "CallExpression") {
    const callee = unwrap(u.callee);
    if (callee.type === "Identifier") return ["Number", "parseInt", "parseFloat"].includes(callee.name);
    return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "Math";
  }
  const named = namedValue(u);
  if (named && named.node === u) {
    if (nameUnit(named.name) || nameWords(named.name).some((w) => TIME_WORDS.has(w))) return true;
    if (u.type === "Identifier") {
      const init = constInit(u, sourceCode);
      return !!init && unwrap(init).type === "Literal" && typeof (unwrap(init) as TSESTree.Literal).value === "number";
    }
  }
  return false;
}

/** Swapping the two arguments keeps the order of every side effect. */
function swappable(a: Node, b: Node): boolean {
  const constant = (n: Node): boolean => {
    const u = unwrap(n);
    if (u.type === "Literal") return true;
    if (u.type === "UnaryExpression") return constant(u.argument);
    return (
      u.type === "BinaryExpression" && u.left.type !== "PrivateIdentifier" && constant(u.left) && constant(u.right)
    );
  };
  return (isPure(a) && isPure(b)) || constant(a) || constant(b);
}

/**
 * SETEX / PSETEX (`key, seconds, value` in every client) called with a value where the TTL goes
 * and a number where the value goes: the two arguments, and whether swapping them back moves no
 * side effect. Null for any other call.
 */
export function swappedSetex(
  call: RedisCall,
  sourceCode: TSESLint.SourceCode,
): { ttl: Node; value: Node; swappable: boolean } | null {
  if (call.command !== "setex" && call.command !== "psetex") return null;
  // A trailing callback (ioredis, node-redis v3) is not an argument of the command.
  const args = call.args.filter((a) => !isFunction(unwrap(a)));
  const [, ttl, value] = args as (Node | undefined)[];
  if (args.length !== 3 || !ttl || !value || ttl.type === "SpreadElement" || value.type === "SpreadElement")
    return null;
  if (!isValueLike(ttl) || !isNumeric(value, sourceCode)) return null;
  return { ttl, value, swappable: swappable(ttl, value) };
}
