/**
 * Redis Cluster hash slots of key expressions (docs/semantics.md §10), for no-cross-slot.
 *
 * A key's slot is CRC16 of the key modulo 16384 (`cluster-key-slot`, the function ioredis and
 * node-redis route with), or of its hash tag: the text between the first `{` and the first `}`
 * after it, when that text is not empty. A slot is known only when every character that takes part
 * in the hash is written in the source: a literal key, or a template whose hash tag is literal
 * (`` `{cart:42}:${item}` ``). A dynamic part before the first `{`, inside the tag, or anywhere in
 * a key without a tag makes the slot unknown.
 */
import calculateSlot from "cluster-key-slot";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, contains, isFunction, unwrap } from "../ast/nodes.js";
import { constInit } from "../ast/scope.js";
import { keyIndexes } from "./commands.js";
import type { ClientValue, RedisCall, Transaction } from "./types.js";

export interface KeySlot {
  node: Node;
  /** The key as a message shows it: its value when literal, else its source text. */
  text: string;
  /** What is hashed: the whole key, or its hash tag. */
  hashed: string;
  /** The key has a (non-empty) hash tag. */
  tagged: boolean;
  slot: number;
  /** The key is a plain string literal (a suggestion can rewrite it). */
  literal: boolean;
}

type Part = { s: string } | { e: true };

function leftmostIsString(n: Node): boolean {
  const u = unwrap(n);
  if (u.type === "BinaryExpression" && u.operator === "+") return leftmostIsString(u.left);
  return (u.type === "Literal" && typeof u.value === "string") || u.type === "TemplateLiteral";
}

function parts(node: Node, out: Part[], sourceCode: TSESLint.SourceCode | undefined, depth: number): void {
  const n = unwrap(node);
  if (n.type === "Literal" && (typeof n.value === "string" || typeof n.value === "number")) {
    out.push({ s: String(n.value) });
  } else if (n.type === "TemplateLiteral") {
    for (let i = 0; i < n.quasis.length; i++) {
      const q = n.quasis[i].value.cooked;
      if (q === null || q === undefined) return void out.push({ e: true });
      out.push({ s: q });
      if (i < n.expressions.length) parts(n.expressions[i], out, sourceCode, depth);
    }
  } else if (n.type === "BinaryExpression" && n.operator === "+" && leftmostIsString(n)) {
    parts(n.left, out, sourceCode, depth);
    parts(n.right, out, sourceCode, depth);
  } else if (n.type === "Identifier" && sourceCode && depth < 3) {
    // `const CART = "cart:42"`: one constant, followed a few levels.
    const init = constInit(n, sourceCode);
    const u = init && unwrap(init);
    if (u && (u.type === "Literal" || u.type === "TemplateLiteral" || u.type === "BinaryExpression")) {
      parts(u, out, sourceCode, depth + 1);
    } else out.push({ e: true });
  } else out.push({ e: true });
}

/** The slot of a key expression, or null when it cannot be told from the source. */
export function keySlot(node: Node, sourceCode?: TSESLint.SourceCode): KeySlot | null {
  const list: Part[] = [];
  parts(node, list, sourceCode, 0);
  // The text up to the first dynamic part, and whether there is one.
  let prefix = "";
  let dynamic = false;
  for (const p of list) {
    if ("e" in p) {
      dynamic = true;
      break;
    }
    prefix += p.s;
  }
  const open = prefix.indexOf("{");
  const close = open < 0 ? -1 : prefix.indexOf("}", open + 1);
  let hashed: string;
  let tagged = false;
  if (close > open + 1) {
    hashed = prefix.slice(open + 1, close);
    tagged = true;
  } else if (dynamic) {
    // No tag closed before the first dynamic part: that part may be hashed (or hold a `{`).
    return null;
  } else if (close === open + 1 && prefix.indexOf("}", close + 1) >= 0) {
    // An empty first tag with a `}` after it (`a{}{b}`): the server hashes the whole key, but
    // cluster-key-slot hashes `{b` (docs/semantics.md §10), and there is no other CRC16 to ask.
    return null;
  } else hashed = prefix;
  const u = unwrap(node);
  const literal = !dynamic && u.type === "Literal" && typeof u.value === "string";
  // A template shows as its source between the backticks: `{cart:42}:${item}`.
  const source = sourceCode?.getText(node) ?? prefix;
  const text = !dynamic ? prefix : u.type === "TemplateLiteral" ? source.slice(1, -1) : source;
  return { node, text, hashed, tagged, slot: calculateSlot(hashed), literal };
}

// ---------------------------------------------------------------------------------------------
// Key arguments, by the shapes every client writes them in.

/** Commands whose every argument (arrays flattened) is a key. */
const ALL_KEYS = new Set([
  "mget",
  "del",
  "unlink",
  "exists",
  "touch",
  "watch",
  "sinter",
  "sunion",
  "sdiff",
  "sinterstore",
  "sunionstore",
  "sdiffstore",
  "rename",
  "renamenx",
  "rpoplpush",
  "pfmerge",
]);
/** Commands whose first two arguments are keys. */
const TWO_KEYS = new Set(["smove", "lmove"]);
/** Key/value pairs. */
const PAIRS = new Set(["mset", "msetnx"]);
/** `dest, numkeys, key...` or `dest, [keys]`. */
const DEST_NUMKEYS = new Set(["zunionstore", "zinterstore", "zdiffstore"]);
/** `script, numkeys, key...`, `script, { keys }`, GLIDE `fcall(name, [keys], [args])`. */
const SCRIPTS = new Set(["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro"]);

/** The multi-key commands no-cross-slot looks at (issue 15). */
export const MULTI_KEY_COMMANDS: ReadonlySet<string> = new Set([
  ...ALL_KEYS,
  ...TWO_KEYS,
  ...PAIRS,
  ...DEST_NUMKEYS,
  ...SCRIPTS,
  "bitop",
]);

type Arg = Node;

/** Arguments with array literals spread in place; null on a spread or a non-literal array we cannot see into. */
function flatten(args: readonly Arg[]): Arg[] | null {
  const out: Arg[] = [];
  for (const a of args) {
    const u = unwrap(a);
    if (u.type === "SpreadElement") return null;
    if (isFunction(u)) continue;
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) {
        if (!e || e.type === "SpreadElement") return null;
        out.push(e);
      }
    } else out.push(u);
  }
  return out;
}

const plain = (n: Node): boolean => {
  const u = unwrap(n);
  return u.type !== "ObjectExpression" && u.type !== "ArrayExpression" && u.type !== "SpreadElement";
};

function numberValue(n: Node): number | null {
  const u = unwrap(n);
  if (u.type === "Literal" && typeof u.value === "number" && Number.isInteger(u.value)) return u.value;
  if (u.type === "Literal" && typeof u.value === "string" && /^\d+$/.test(u.value)) return Number(u.value);
  return null;
}

function property(obj: TSESTree.ObjectExpression, name: string): Node | null {
  for (const p of obj.properties) {
    if (p.type !== "Property" || p.computed) continue;
    const k = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : null;
    if (k === name) return p.value;
  }
  return null;
}

/** Keys of an `[a, b]` or `[{ key: a, weight }]` list, or null. */
function keyList(n: Node): Node[] | null {
  const u = unwrap(n);
  if (u.type !== "ArrayExpression") return null;
  const out: Node[] = [];
  for (const e of u.elements) {
    if (!e || e.type === "SpreadElement") return null;
    const v = unwrap(e);
    if (v.type === "ObjectExpression") {
      const k = property(v, "key");
      if (!k) return null;
      out.push(k);
    } else if (plain(v)) out.push(v);
    else return null;
  }
  return out;
}

/** MSET's keys: `{ a: 1 }`, `[["a", 1]]`, `[{ key, value }]`, `["a", 1, ...]` or `"a", 1, ...`. */
function pairKeys(args: readonly Arg[]): Node[] | null {
  if (args.length === 1) {
    const u = unwrap(args[0]);
    if (u.type === "ObjectExpression") {
      const out: Node[] = [];
      for (const p of u.properties) {
        if (p.type !== "Property" || p.computed) {
          if (p.type === "Property" && p.computed && plain(p.key)) out.push(p.key);
          else return null;
        } else out.push(p.key);
      }
      return out;
    }
    if (u.type === "ArrayExpression" && u.elements.some((e) => e && unwrap(e).type !== "SpreadElement" && !plain(e))) {
      const out: Node[] = [];
      for (const e of u.elements) {
        const v = e && unwrap(e);
        if (v?.type === "ArrayExpression" && v.elements[0] && v.elements[0].type !== "SpreadElement") {
          out.push(v.elements[0]);
        } else if (v?.type === "ObjectExpression" && property(v, "key")) out.push(property(v, "key") as Node);
        else return null;
      }
      return out;
    }
  }
  const flat = flatten(args);
  if (!flat || flat.some((a) => !plain(a))) return null;
  return flat.filter((_, i) => i % 2 === 0);
}

/**
 * The key arguments of a call, in any client's shape; null when they cannot all be told (spreads,
 * arrays held in variables, unknown `numkeys`). Only keys written at the call are returned.
 */
export function slotKeyArguments(call: RedisCall): Node[] | null {
  const cmd = call.command;
  if (!cmd) return null;
  const args = call.args.filter((a) => !isFunction(unwrap(a)));
  if (args.some((a) => a.type === "SpreadElement")) return null;
  if (call.raw) {
    if (!args.every(plain)) return null;
    const idx = keyIndexes(cmd, args.map(argValue));
    return idx.filter((i) => i < args.length).map((i) => args[i]);
  }
  if (ALL_KEYS.has(cmd)) {
    const flat = flatten(args);
    return flat && flat.every(plain) ? flat : null;
  }
  if (TWO_KEYS.has(cmd)) return args.length >= 2 && plain(args[0]) && plain(args[1]) ? [args[0], args[1]] : null;
  if (PAIRS.has(cmd)) return pairKeys(args);
  if (cmd === "bitop") {
    const flat = flatten(args.slice(1));
    return flat && flat.every(plain) ? flat : null;
  }
  if (DEST_NUMKEYS.has(cmd)) {
    if (args.length < 2 || !plain(args[0])) return null;
    const list = keyList(args[1]);
    if (list) return [args[0], ...list];
    const n = numberValue(args[1]);
    if (n === null || args.length < 2 + n || !args.slice(2, 2 + n).every(plain)) return null;
    return [args[0], ...args.slice(2, 2 + n)];
  }
  if (SCRIPTS.has(cmd)) {
    if (args.length < 2) return [];
    const second = unwrap(args[1]);
    if (second.type === "ObjectExpression") {
      const keys = property(second, "keys");
      return keys ? keyList(keys) : [];
    }
    const list = keyList(second);
    if (list) return list;
    const n = numberValue(second);
    if (n === null || args.length < 2 + n || !args.slice(2, 2 + n).every(plain)) return null;
    return args.slice(2, 2 + n);
  }
  // Any other command (queued in a transaction): the key positions that precede every non-plain argument.
  const stop = args.findIndex((a) => !plain(a));
  const visible = stop < 0 ? args : args.slice(0, stop);
  const idx = keyIndexes(cmd, visible.map(argValue));
  return idx.filter((i) => i < visible.length).map((i) => visible[i]);
}

function argValue(a: Node): unknown {
  const u = unwrap(a);
  if (u.type === "Literal" && (typeof u.value === "string" || typeof u.value === "number")) return u.value;
  if (u.type === "TemplateLiteral" && u.expressions.length === 0) return u.quasis[0].value.cooked;
  return "?";
}

/**
 * The client may prefix every key (ioredis `keyPrefix`, at the top of a Cluster's options or in
 * its `redisOptions`), which changes what is hashed: true when its options set one or cannot be read.
 */
export function mayPrefixKeys(client: ClientValue | null): boolean {
  if (!client) return false;
  // `new Cluster(nodes, options)` with options the model could not read (a variable, a call).
  const origin = unwrap(client.origin);
  if (origin.type === "NewExpression" || origin.type === "CallExpression") {
    const later = origin.arguments.slice(1).map((a) => unwrap(a).type);
    if (later.some((t) => t !== "ObjectExpression" && t !== "Literal" && t !== "TemplateLiteral")) return true;
  }
  const options = client.options && unwrap(client.options);
  if (!options) return false;
  const visit = (o: Node, depth: number): boolean => {
    if (o.type !== "ObjectExpression") return true;
    for (const p of o.properties) {
      if (p.type !== "Property" || p.computed) return true;
      const name = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : "";
      if (name === "keyPrefix") return true;
      if (name === "redisOptions" && depth === 0 && visit(unwrap(p.value), 1)) return true;
    }
    return false;
  };
  return visit(options, 0);
}

/** Two keys of a list with provably different slots (the first such pair), or null. */
export function crossSlotPair(slots: readonly KeySlot[]): [KeySlot, KeySlot] | null {
  const first = slots[0];
  if (!first) return null;
  for (const s of slots) if (s.slot !== first.slot) return [first, s];
  return null;
}

/** The slots of a call's keys that can be told from the source (see `keySlot`), in argument order. */
export function callKeySlots(call: RedisCall, sourceCode: TSESLint.SourceCode): KeySlot[] {
  const keys = slotKeyArguments(call) ?? [];
  return keys.map((k) => keySlot(k, sourceCode)).filter((s): s is KeySlot => s !== null);
}

/**
 * The obvious shared hash tag for plain literal keys: their longest common leading `:`-segments
 * (`cart:42` and `cart:42:items` → `cart:42`); null when they share none or already use braces.
 */
export function sharedHashTag(keys: readonly KeySlot[]): string | null {
  if (keys.length < 2 || keys.some((k) => !k.literal || /[{}"'`\\]/.test(k.text) || k.text === "")) return null;
  const split = keys.map((k) => k.text.split(":"));
  let n = 0;
  while (split.every((s) => n < s.length && s[n] === split[0][n])) n++;
  if (n === 0) return null;
  return split[0].slice(0, n).join(":");
}

/** Whether `call` runs whenever the transaction it is queued on is built (no branch or loop between them). */
function queuedUnconditionally(call: RedisCall, tx: Transaction): boolean {
  let child: TSESTree.Node = call.node;
  for (let n: TSESTree.Node | undefined = call.node.parent; n; child = n, n = n.parent) {
    if (contains(n, tx.node)) return true;
    if (isFunction(n)) return false;
    switch (n.type) {
      case "IfStatement":
      case "ConditionalExpression":
        if (n.test !== child) return false;
        break;
      case "LogicalExpression":
        if (n.right === child) return false;
        break;
      case "SwitchCase":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
      case "CatchClause":
        return false;
      case "TryStatement":
        if (n.block !== child) return false;
        break;
      default:
    }
  }
  return false;
}

/** A key of a command queued on a transaction, with that command. */
export interface QueuedKey {
  key: KeySlot;
  call: RedisCall;
}

/**
 * Two keys queued on `tx` in provably different slots: the first key of the commands queued on it
 * unconditionally, and the first such key in another slot; null when there is no such pair.
 */
export function crossSlotQueued(tx: Transaction, sourceCode: TSESLint.SourceCode): [QueuedKey, QueuedKey] | null {
  const keys: QueuedKey[] = [];
  for (const call of tx.queued) {
    if (!call.command || !queuedUnconditionally(call, tx)) continue;
    for (const key of callKeySlots(call, sourceCode)) keys.push({ key, call });
  }
  const first = keys[0];
  const other = keys.find((k) => k.key.slot !== first?.key.slot);
  return first && other ? [first, other] : null;
}
