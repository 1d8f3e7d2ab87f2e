/**
 * Expiry after the fact: which EXPIRE follows which SET NX / SETNX or counter (INCR, ...) on the
 * same key shape, and whether an EXPIRE statement runs exactly when a SET NX took the key.
 * Asked by `no-setnx-expire`; the pairing is computed once per model.
 *
 * See docs/semantics.md §4.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, staticString, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { exclusive, mayLeave, removeStatement } from "../ast/statements.js";
import { useOf, wholeStatement } from "../ast/usage.js";
import { indexInList } from "./indexes.js";
import { keyShape, sameKey } from "./keys.js";
import { type SetOptions, readSetOptions } from "./locks.js";
import type { FileModel, RedisCall } from "./types.js";

export const EXPIRE_COMMANDS: ReadonlySet<string> = new Set(["expire", "pexpire", "expireat", "pexpireat"]);
export const COUNTER_COMMANDS: ReadonlySet<string> = new Set([
  "incr",
  "incrby",
  "incrbyfloat",
  "decr",
  "decrby",
  "hincrby",
  "hincrbyfloat",
]);
/** Arguments each counter command takes, key included. */
export const COUNTER_ARITY: Readonly<Record<string, number>> = {
  incr: 1,
  decr: 1,
  incrby: 2,
  decrby: 2,
  incrbyfloat: 2,
  hincrby: 3,
  hincrbyfloat: 3,
};
/** Counters whose reply is a float (a string). */
export const FLOAT_COUNTERS: ReadonlySet<string> = new Set(["incrbyfloat", "hincrbyfloat"]);

/** A command that made a key, and the separate EXPIRE later given to the same key. */
export type ExpiryPair =
  /** SET NX / SETNX without an expiry, then EXPIRE of the same key. */
  | { kind: "set"; maker: RedisCall; set: SetOptions; expire: RedisCall }
  /** A counter (INCR, INCRBY, ...), then EXPIRE of the same key, not queued in the same MULTI / pipeline. */
  | { kind: "counter"; maker: RedisCall; expire: RedisCall }
  /**
   * A SET without NX, expiry or KEEPTTL (options all read), then an EXPIRE of the same key that
   * always applies to a key without TTL (no flag, NX or LT), not queued in the same MULTI / pipeline.
   */
  | { kind: "plain"; maker: RedisCall; set: SetOptions; expire: RedisCall };

/**
 * The two commands may reach the same key: queued in one transaction, or sent by clients of the
 * same family (two client objects usually point at the same server: `duplicate()`, a second
 * `new Redis(url)`), or one of them by a client of unknown family.
 */
export function sameServer(a: RedisCall, b: RedisCall): boolean {
  if (a.tx && a.tx === b.tx) return true;
  return a.family === b.family || a.family === "unknown" || b.family === "unknown";
}

/** Both commands go to the same client value. */
export function sameClient(a: RedisCall, b: RedisCall): boolean {
  return !!a.client && !!b.client && a.client.key === b.client.key;
}

const pairsIndex = new WeakMap<FileModel, readonly ExpiryPair[]>();

/**
 * Per function, each EXPIRE paired with the nearest earlier command that made its key (same key
 * shape, same server, not in an exclusive branch): SET NX / SETNX without an expiry, KEEPTTL or
 * unreadable options (and the same key expression), or a counter. Each maker is paired with its
 * first such EXPIRE only. Cached per model (the model belongs to one SourceCode).
 */
export function expiryPairs(model: FileModel, sourceCode: TSESLint.SourceCode): readonly ExpiryPair[] {
  let pairs = pairsIndex.get(model);
  if (pairs) return pairs;
  const out: ExpiryPair[] = [];
  for (const calls of model.callsByFunction.values()) {
    const paired = new Set<RedisCall>();
    // Key shape → the commands that made the key (SET, SETNX, INCR, ...), in order.
    const makers = new Map<string, RedisCall[]>();
    for (const call of calls) {
      const command = call.command;
      if (!command) continue;
      if (command === "set" || command === "setnx" || COUNTER_COMMANDS.has(command)) {
        const shape = keyShape(call.args[0]);
        if (!shape) continue;
        const list = makers.get(shape);
        if (list) list.push(call);
        else makers.set(shape, [call]);
        continue;
      }
      if (!EXPIRE_COMMANDS.has(command)) continue;
      const shape = keyShape(call.args[0]);
      const list = shape ? makers.get(shape) : undefined;
      if (!list) continue;
      // The nearest earlier command that made this key on this connection.
      let maker: RedisCall | undefined;
      // (Not one in another branch: `if (create) setnx(k, v); else expire(k, 60);` never runs both.)
      for (let j = list.length - 1; j >= 0 && !maker; j--)
        if (sameServer(list[j], call) && !exclusive(list[j].node, call.node)) maker = list[j];
      if (!maker || paired.has(maker)) continue;
      if (maker.command === "set" || maker.command === "setnx") {
        const set = readSetOptions(maker, sourceCode);
        if (!set || !sameKey(set.key, call.args[0])) continue;
        if (set.nx && !set.expiry && !set.keepTtl && !set.partial) {
          paired.add(maker);
          out.push({ kind: "set", maker, set, expire: call });
        } else if (
          set.command === "set" &&
          !set.nx &&
          !set.expiry &&
          !set.keepTtl &&
          !set.partial &&
          set.shape !== "unknown" &&
          !(maker.tx && maker.tx === call.tx) &&
          appliesToKeyWithoutTtl(call, sourceCode)
        ) {
          // A plain SET drops the key's TTL; SET and EXPIRE queued in one MULTI / pipeline go together.
          paired.add(maker);
          out.push({ kind: "plain", maker, set, expire: call });
        }
      } else if (!(maker.tx && maker.tx === call.tx)) {
        // INCR and EXPIRE queued in one MULTI / pipeline go together.
        paired.add(maker);
        out.push({ kind: "counter", maker, expire: call });
      }
    }
  }
  pairs = out;
  pairsIndex.set(model, pairs);
  return pairs;
}

/**
 * The EXPIRE sets a TTL on a key that has none: no flag, NX, or LT (a key without TTL counts as an
 * infinite TTL). XX and GT never apply to it, and an unreadable flag may not (docs/semantics.md §4).
 */
function appliesToKeyWithoutTtl(expire: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const rest = expire.args.slice(2);
  // A trailing callback (ioredis, node_redis v3): written inline, or a function by name or value.
  const last = rest.length > 0 ? unwrap(rest[rest.length - 1]) : null;
  if (last && (isFunction(last) || (last.type === "Identifier" && isCallbackName(last, sourceCode)))) rest.pop();
  if (rest.length === 0) return true;
  if (rest.length > 1) return false;
  const flag = staticString(unwrap(rest[0]))?.toUpperCase();
  return flag === "NX" || flag === "LT";
}

/** `cb`, `callback`, `done`, `next`, `onDone`-like names, or a variable holding a function. */
function isCallbackName(id: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  if (/^(?:cb|callback|done|next|fn)$|(?:Callback|Cb|Done)$/.test(id.name)) return true;
  const def = findVariable(id, sourceCode)?.defs[0];
  if (def?.type === "FunctionName") return true;
  return def?.type === "Variable" && !!def.node.init && isFunction(unwrap(def.node.init));
}

/** The expression is the SET's result: the awaited call itself, or the variable that holds it. */
function isSetResult(
  expr: Node,
  setCall: Node,
  resultVar: TSESLint.Scope.Variable | null,
  sourceCode: TSESLint.SourceCode,
): boolean {
  let e = unwrap(expr);
  if (e.type === "AwaitExpression") e = unwrap(e.argument);
  if (e === setCall) return true;
  return !!resultVar && e.type === "Identifier" && findVariable(e, sourceCode) === resultVar;
}

/**
 * `test` is true exactly when the SET set the key (`success`), or exactly when it did not: `ok`,
 * `!ok`, `ok === "OK"`, `ok !== null`, `!(await redis.setnx(k, v))`, ...
 */
function testsSetResult(
  test: Node,
  success: boolean,
  setCall: Node,
  resultVar: TSESLint.Scope.Variable | null,
  sourceCode: TSESLint.SourceCode,
): boolean {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!")
    return testsSetResult(t.argument, !success, setCall, resultVar, sourceCode);
  if (t.type === "BinaryExpression" && /^[=!]==?$/.test(t.operator)) {
    const [side, lit] =
      t.right.type === "Literal" ? [t.left, t.right] : t.left.type === "Literal" ? [t.right, t.left] : [null, null];
    if (!side || !lit || side.type === "PrivateIdentifier" || !isSetResult(side, setCall, resultVar, sourceCode))
      return false;
    const truthy = lit.value === "OK" || lit.value === 1 || lit.value === true;
    const falsy = lit.value === null || lit.value === 0 || lit.value === false;
    if (!truthy && !falsy) return false;
    const equal = t.operator.startsWith("=");
    return (equal === truthy) === success;
  }
  return success && isSetResult(t, setCall, resultVar, sourceCode);
}

/**
 * The statement `stmt` runs exactly when the SET NX `setCall` took the key, so that moving an
 * expiry into the SET changes nothing: it follows the SET, with only guards on the SET's result
 * between them (`if (!ok) return false;`, `if (ok) await redis.expire(...)`). Any other condition
 * or early exit (`if (persistent) return;`, `if (ok && ttl > 0)`) gives false.
 */
export function runsExactlyOnSuccess(
  stmt: TSESTree.Statement,
  setCall: TSESTree.CallExpression,
  sourceCode: TSESLint.SourceCode,
): boolean {
  const use = useOf(setCall, sourceCode);
  const resultVar = use.kind === "variable" ? (use.variable ?? null) : null;
  let child: Node = stmt;
  for (let a: Node | undefined = stmt.parent; a; child = a, a = a.parent) {
    const holdsSet = a.range[0] <= setCall.range[0] && setCall.range[1] <= a.range[1];
    if (a.type === "IfStatement") {
      if (a.consequent !== child || !testsSetResult(a.test, true, setCall, resultVar, sourceCode)) return false;
      if (holdsSet) return true;
      continue;
    }
    if (!holdsSet) {
      if (a.type === "BlockStatement") continue;
      return false;
    }
    if (a.type !== "BlockStatement" && a.type !== "Program" && a.type !== "StaticBlock") return false;
    // The statement list holding both: what runs between them may only leave when the SET failed.
    const list = a.body as Node[];
    const to = indexInList(list, child);
    // The statement of the list that holds the SET (statements of a list do not overlap).
    let holder: Node = setCall;
    while (holder.parent && holder.parent !== a) holder = holder.parent;
    const from = holder.parent === a ? indexInList(list, holder) : -1;
    if (from < 0 || to <= from) return false;
    return list.slice(from, to).every((s, i) => {
      // The SET's own statement may leave too: `if (!(await redis.setnx(k, v))) return false;`.
      if (i === 0 && (s.type === "ExpressionStatement" || s.type === "VariableDeclaration")) return true;
      if (!mayLeave(sourceCode, s)) return true;
      return s.type === "IfStatement" && !s.alternate && testsSetResult(s.test, false, setCall, resultVar, sourceCode);
    });
  }
  return false;
}

/**
 * A fix removing a queued command from its chain (`.expire(k, 10)`) or its statement
 * (`tx.expire(k, 10);`), or null when neither shape applies.
 */
export function queuedRemoval(
  call: RedisCall,
  sourceCode: TSESLint.SourceCode,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression") return null;
  const parent = call.node.parent;
  if (parent?.type === "MemberExpression" && parent.object === call.node) {
    const object = callee.object;
    // `x.setnx(...).expire(k, 10).exec()`: the builder comes from the call before.
    if (unwrap(object).type !== "CallExpression") return null;
    return (fixer) => fixer.removeRange([object.range[1], call.node.range[1]]);
  }
  const stmt = wholeStatement(call.node, sourceCode);
  if (stmt && !useOf(call.node, sourceCode).awaited) return (fixer) => removeStatement(fixer, stmt, sourceCode);
  return null;
}
