/**
 * Compensating decrements: a counter taken down (DECR, DECRBY, INCRBY / HINCRBY by a negative
 * amount), its result compared, and the same amount put back on the same key when the comparison
 * says "too low" (`left = DECRBY stock n; if (left < 0) INCRBY stock n`). Each command is atomic,
 * the pair is not. Asked by `no-compensating-decrement`; computed once per model.
 *
 * See docs/semantics.md §17.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../ast/nodes.js";
import { sameServer } from "./expiry.js";
import { type Condition, type ValueFlow, flowOf } from "./flow.js";
import { keyShapeOrCall } from "./key-calls.js";
import { keyShape } from "./keys.js";
import type { FileModel, RedisCall } from "./types.js";

/** A change of a counter by a signed amount. */
export interface CounterDelta {
  call: RedisCall;
  /** -1: takes away, +1: adds. */
  sign: -1 | 1;
  /** The amount's shape without its sign (`"1"` for DECR / INCR). */
  amount: string;
  /** The amount's node without its sign (`qty` of `-qty`); null for DECR / INCR and literal negatives. */
  amountNode: Node | null;
  /** The amount as a number when it is a literal (`1` for DECR). */
  amountValue: number | null;
  /** The key's shape, with the hash field's for HINCRBY. */
  target: string;
}

/** A decrement whose result is compared and then undone by the same amount on the same key. */
export interface CompensatingPair {
  decrement: CounterDelta;
  /** The first such undo in the function. */
  undo: CounterDelta;
  /** The comparison of the decrement's result that the undo runs under. */
  guard: Condition;
  /** The flow of the decrement's result (for a rule that needs to read the comparison). */
  flow: ValueFlow;
}

const COMMANDS: ReadonlySet<string> = new Set(["decr", "decrby", "incr", "incrby", "hincrby"]);

/** `String(x)`, `Number(x)`, `` `${x}` ``, `x.toString()` → `x`. */
function stripConversion(n: Node): Node {
  const u = unwrap(n);
  if (
    u.type === "CallExpression" &&
    u.callee.type === "Identifier" &&
    (u.callee.name === "String" || u.callee.name === "Number") &&
    u.arguments.length === 1 &&
    u.arguments[0].type !== "SpreadElement"
  )
    return stripConversion(u.arguments[0]);
  if (u.type === "TemplateLiteral" && u.expressions.length === 1 && u.quasis.every((q) => q.value.raw === ""))
    return stripConversion(u.expressions[0]);
  return u;
}

/** The sign and shape of an amount argument, or null when it cannot be read. */
function readAmount(arg: Node): { sign: -1 | 1; amount: string; node: Node | null; value: number | null } | null {
  const u = stripConversion(arg);
  if (u.type === "UnaryExpression" && u.operator === "-") {
    const inner = stripConversion(u.argument);
    const shape = keyShape(inner);
    if (shape === null) return null;
    const value = inner.type === "Literal" && typeof inner.value === "number" ? inner.value : null;
    return { sign: -1, amount: shape, node: inner, value };
  }
  if (u.type === "Literal" && (typeof u.value === "number" || typeof u.value === "string")) {
    const num = Number(u.value);
    if (!Number.isInteger(num) || num === 0) return null;
    const abs = Math.abs(num);
    return { sign: num < 0 ? -1 : 1, amount: JSON.stringify(String(abs)), node: num < 0 ? null : u, value: abs };
  }
  const shape = keyShape(u);
  return shape === null ? null : { sign: 1, amount: shape, node: u, value: null };
}

/** The change a counter command makes, or null when it is not one this analysis reads. */
export function counterDelta(call: RedisCall): CounterDelta | null {
  const command = call.command;
  if (command === null || !COMMANDS.has(command)) return null;
  const hash = command === "hincrby";
  const arity = command === "decr" || command === "incr" ? 1 : hash ? 3 : 2;
  if (call.args.length !== arity || call.args.some((a) => a.type === "SpreadElement")) return null;
  const key = keyShapeOrCall(call.args[0]);
  if (key === null) return null;
  let target = key;
  if (hash) {
    const field = keyShapeOrCall(call.args[1]);
    if (field === null) return null;
    target = `${key} field ${field}`;
  }
  if (arity === 1) {
    return {
      call,
      sign: command === "decr" ? -1 : 1,
      amount: JSON.stringify("1"),
      amountNode: null,
      amountValue: 1,
      target,
    };
  }
  const read = readAmount(call.args[arity - 1]);
  if (!read) return null;
  const sign = command === "decrby" ? (read.sign === 1 ? -1 : 1) : read.sign;
  return { call, sign, amount: read.amount, amountNode: read.node, amountValue: read.value, target };
}

/** A command sent on its own (not queued in MULTI / a pipeline, not inside a raw MULTI). */
function standalone(model: FileModel, call: RedisCall): boolean {
  return call.receiver === "client" && !call.tx && !model.isRawMulti(call);
}

const index = new WeakMap<FileModel, readonly CompensatingPair[]>();

/**
 * Per function, each decrement paired with the first later increment of the same amount on the
 * same key (same key shape, same server) that runs under a comparison of the decrement's result.
 * An undo that runs for other reasons (a `catch` after a failed payment) has no such condition
 * and is not paired. Cached per model.
 */
export function compensatingPairs(model: FileModel, sourceCode: TSESLint.SourceCode): readonly CompensatingPair[] {
  let pairs = index.get(model);
  if (pairs) return pairs;
  const out: CompensatingPair[] = [];
  for (const [fn, calls] of model.callsByFunction) {
    const decrements: CounterDelta[] = [];
    // target|amount → the increments of it, in order.
    const increments = new Map<string, CounterDelta[]>();
    for (const call of calls) {
      if (!standalone(model, call)) continue;
      const delta = counterDelta(call);
      if (!delta) continue;
      if (delta.sign === -1) decrements.push(delta);
      else {
        const k = `${delta.target}|${delta.amount}`;
        const list = increments.get(k);
        if (list) list.push(delta);
        else increments.set(k, [delta]);
      }
    }
    if (decrements.length === 0 || increments.size === 0) continue;
    const flow = flowOf(sourceCode, fn);
    // Each increment is weighed against the last decrement of its counter before it, so that a
    // function with many of both stays linear (decrements come in source order).
    const nextOfSame = new Map<CounterDelta, number>();
    const lastOf = new Map<string, CounterDelta>();
    for (const d of decrements) {
      const k = `${d.target}|${d.amount}`;
      const previous = lastOf.get(k);
      if (previous) nextOfSame.set(previous, d.call.node.range[0]);
      lastOf.set(k, d);
    }
    // Per counter, where the next decrement's window starts in its increments (windows do not overlap).
    const cursor = new Map<string, number>();
    for (const decrement of decrements) {
      const k = `${decrement.target}|${decrement.amount}`;
      const candidates = increments.get(k);
      if (!candidates) continue;
      const until = nextOfSame.get(decrement) ?? Infinity;
      let i = cursor.get(k) ?? 0;
      while (i < candidates.length && candidates[i].call.node.range[0] < decrement.call.node.range[1]) i++;
      const after: CounterDelta[] = [];
      for (; i < candidates.length && candidates[i].call.node.range[0] < until; i++)
        if (sameServer(decrement.call, candidates[i].call)) after.push(candidates[i]);
      cursor.set(k, i);
      if (after.length === 0) continue;
      const value = flow.valueFrom(decrement.call.node);
      for (const undo of after) {
        const guard = flow
          .conditionsOn(undo.call.node)
          .find((c) => !c.switch && value.asCondition(c.test).some((t) => t.kind === "guard"));
        if (guard) {
          out.push({ decrement, undo, guard, flow: value });
          break;
        }
      }
    }
  }
  pairs = out;
  index.set(model, pairs);
  return pairs;
}
