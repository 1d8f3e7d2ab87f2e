/**
 * What the dialects share: the call formatter, the option-shape writers, and the defaults every
 * dialect starts from (those of a client the model could not identify: plain Redis commands, no
 * fixes). Each family's file overrides what its client does differently.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { RedisCall, SetOptions, SetOptionsShape } from "../model/index.js";
import { type Node, unwrap } from "../ast/nodes.js";
import type { ArgText, CallStyle, Dialect, ExecResultShape, ExpiryUnit } from "./types.js";

/** GLIDE's `TimeUnit` member for each expiry option. */
export const GLIDE_UNIT: Record<ExpiryUnit, string> = {
  EX: "Seconds",
  PX: "Milliseconds",
  EXAT: "UnixSeconds",
  PXAT: "UnixMilliseconds",
};

/** The package GLIDE's helpers (`TimeUnit`, `Script`, `Batch`) are imported from. */
export const GLIDE_PACKAGE = "@valkey/valkey-glide";

/** A call as messages name it; `label` is the client's (see `CallStyle`). */
export function describeCallAs(label: string, call: RedisCall, style: CallStyle = "labelled"): string {
  switch (style) {
    case "command":
      if (call.raw) return `${(call.command ?? call.method).toUpperCase()} (${call.method})`;
      return `${call.method}()`;
    case "call":
      return call.raw ? `${call.method}("${(call.command ?? "?").toUpperCase()}")` : `${call.method}()`;
    default: {
      if (call.raw) return `${label} raw ${call.method}(...)`;
      const where = call.receiver === "client" ? "" : ` queued on a ${call.receiver}`;
      return `${label} ${call.method}()${where}`;
    }
  }
}

/** An argument's text, and the same value as a string: `ttl` / `String(ttl)`, `10` / `"10"`. */
export function argText(n: Node, sourceCode: TSESLint.SourceCode): ArgText {
  const u = unwrap(n);
  let str: string;
  if (u.type === "Literal" && typeof u.value === "string") str = sourceCode.getText(u);
  else if (u.type === "Literal" && typeof u.value === "number") str = JSON.stringify(String(u.value));
  else str = `String(${sourceCode.getText(n)})`;
  return { text: sourceCode.getText(n), str };
}

/** The same text both ways (a value already of the right type, or one the fix takes as written). */
export function asWritten(text: string): ArgText {
  return { text, str: text };
}

/** A statement that throws the first per-command error in exec()'s results held in `name`, by their shape (docs/semantics.md §2). */
export function execErrorCheck(shape: ExecResultShape, name: string): string {
  switch (shape) {
    case "pairs":
      return `for (const [err] of ${name} ?? []) if (err) throw err;`;
    case "errors-in-place":
      return `for (const entry of ${name} ?? []) if (entry instanceof Error) throw entry;`;
    case "result-objects":
      return `for (const { error } of ${name}) if (error) throw new Error(error);`;
  }
}

/** SET NX with an expiry as a raw command, for a message: `SET key token NX PX 30000`. */
export function rawSetForm(value: string, unit: ExpiryUnit, ttl: ArgText): string {
  return `SET key ${value} NX ${unit} ${ttl.text}`;
}

/**
 * An expiry written as a property of a SET options object of `shape` (docs/semantics.md §4):
 * `PX: 30000` (node-redis v4), `expiration: { type: "PX", value: 30000 }` (v5), `px: 30000`
 * (Upstash), `expiry: { type: TimeUnit.Milliseconds, count: 30000 }` (GLIDE; null without the
 * local name of `TimeUnit`). Null for shapes that are not objects.
 */
export function expiryProperty(
  shape: SetOptionsShape,
  unit: ExpiryUnit,
  ttl: string,
  timeUnit?: string | null,
): string | null {
  switch (shape) {
    case "node-redis-v4":
      return `${unit}: ${ttl}`;
    case "node-redis-v5":
      return `expiration: { type: "${unit}", value: ${ttl} }`;
    case "upstash":
      return `${unit.toLowerCase()}: ${ttl}`;
    case "glide":
      return timeUnit ? `expiry: { type: ${timeUnit}.${GLIDE_UNIT[unit]}, count: ${ttl} }` : null;
    default:
      return null;
  }
}

/** The SET's options object when written in the call itself (the third argument) and not empty. */
export function inlineOptions(call: RedisCall, set: SetOptions): TSESTree.ObjectExpression | null {
  const obj = set.options;
  if (!obj || obj.properties.length === 0) return null;
  const arg = call.node.arguments[2];
  return arg && unwrap(arg) === obj ? obj : null;
}

export function lastProperty(obj: TSESTree.ObjectExpression): Node {
  return obj.properties[obj.properties.length - 1];
}

/** The quote a string token is written with (`'NX'` → `'`), for a token written next to it. */
export function quoteOf(node: Node, sourceCode: TSESLint.SourceCode): string {
  return sourceCode.getText(node)[0] === "'" ? "'" : '"';
}

/**
 * The unknown client (docs/semantics.md: what holds for every client): Redis commands by name,
 * messages in Redis terms, no fixes. Every dialect starts from this.
 */
export const UNKNOWN_DIALECT: Dialect = {
  family: "unknown",
  version: null,
  known: false,

  label: "Redis client",
  clientNoun: "Redis client",
  builderName: "the transaction builder",
  describeCall(call, style) {
    return describeCallAs(this.label, call, style);
  },

  setNxOptions: () => null,
  atomicSetForm(value, unit, ttl, shape) {
    const options = this.setNxOptions(unit, ttl, shape);
    return options === null ? rawSetForm(value, unit, ttl) : `set(key, ${value}, ${options})`;
  },
  rewritesSetnx: false,
  addExpiryToSetNx: () => null,
  expiryBeforeNx: false,
  setnxReplyFromSet: null,

  evalForm: "EVAL script 1 key token",
  evalCall: () => null,
  scriptParameters: "EVAL script numkeys key ... arg ...",

  scanName: "SCAN",
  clusterScanName: "SCAN on each master node",
  scanReplacement: () => null,
  scanLocals: new Set(),
  cursorIteration(command, cluster) {
    if (command === "scan" && cluster) return this.clusterScanName;
    const form = command === "scan" ? this.scanName : command.toUpperCase();
    return `${form} in a loop that passes each reply's cursor back until it is "0"`;
  },

  execName: "exec()",
  execOnClient: false,
  execLabel(call) {
    if (call.raw) return `${this.label} ${call.method}("EXEC")`;
    return `${this.label} ${call.method}()`;
  },
  resultSource(index) {
    return `exec()'s result${index === null ? "" : ` at index ${index}`}`;
  },
  // A client of unknown origin may be ioredis, whose queued commands take callbacks.
  queuedCallbacks: true,
  execTakesCallback: false,
  execResultShape: () => null,
  execCallbackShape: null,
  // Every client whose exec() calls a callback passes the error first (docs/semantics.md §2).
  execCallbackErrorFirst: true,

  hasWatch: true,
  watchAbort: "it aborts",
  execNullOnAbort: false,
  execCallbackNullOnAbort: false,
  watchInMulti: "the transaction runs unprotected",
  unwatchCall: (client) => `${client}.unwatch()`,
  atomicAlternatives:
    "or WATCH the key on a dedicated connection, write in MULTI/EXEC and retry a bounded number of times when EXEC is aborted, or do the read and the write in one Lua script.",

  connectionState: true,
  dedicatedConnection:
    "a dedicated connection (ioredis `duplicate()`, node-redis `executeIsolated` / `createClientPool()`)",
  transactionObject: "use the client's `multi()` object, or ",
  duplicate: null,
  executeIsolated: false,
  // A client the model could not identify (`import { redis } from "./lib/redis"`): blocking holds the
  // connection of every TCP client measured (ioredis, node-redis); HTTP, GLIDE and Bun say null.
  blockingConnection:
    "a connection of its own (ioredis `client.duplicate()`; node-redis `client.duplicate()` then `connect()`)",

  subscriberMode: "protocol",
  rawBypassesSubscriberCheck: false,
  messageEvents: false,
  subscriberFailure: () => "fails",
  subscriberConnection: (client) => `${client}.duplicate()`,

  hasCounterMethods: false,
  counterMethod: (command) => command,
  parsesNumbers: false,
};
