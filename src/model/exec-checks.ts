/**
 * exec() results that may be null: which EXECs can resolve to null because a WATCH before them
 * on the same connection may abort the transaction (`execNullCandidates`, once per model and
 * mode), and whether the code checks such a result for null before using it
 * (`execResultFinding`). Asked by `no-unchecked-exec`.
 *
 * See docs/semantics.md.
 */
import { ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { calleeName } from "../ast/expressions.js";
import { type FunctionNode, type Node, contains, isFunction, propertyName, unwrap } from "../ast/nodes.js";
import { ASSERTS, isGuarded, statementsHolding } from "../ast/null-guards.js";
import { promiseLandings, thenCallsReturning, useOf } from "../ast/usage.js";
import type { Family } from "./clients.js";
import { endingBetween, latestStartEndingBy, positionsBy } from "./indexes.js";
import type { FileModel, RedisCall } from "./types.js";
import { isPromisified } from "./recognition/aliases.js";

type Variable = TSESLint.Scope.Variable;

/** `watched`: only an exec after a WATCH on its connection; `always`: every exec that can resolve to null. */
export type ExecCheckMode = "watched" | "always";

/** What the dialect says of a family's exec() (properties of the family only). */
export interface ExecFacts {
  /** exec() resolves to null when a WATCH aborts the transaction. */
  execNullOnAbort: (family: Family) => boolean;
  /** `client.exec(batch)` runs a batch (GLIDE): with an unseen batch, it may be a plain pipeline. */
  execOnClient: (family: Family) => boolean;
  /**
   * A WATCH abort calls `exec(callback)` with null replies, exec() giving no promise (node-redis
   * v2 / v3, docs/semantics.md §2): only an exec whose callback is written in place counts.
   */
  execCallbackNullOnAbort?: (family: Family) => boolean;
}

export interface ExecCandidate {
  exec: RedisCall;
  /** The WATCH that makes this exec able to resolve to null (absent in `always` mode). */
  watch: RedisCall | null;
}

/** What is wrong with how an exec() result is used, or null when it is checked or handed on. */
export type ExecFinding = { kind: "unchecked"; how: string; node: Node } | { kind: "ignored"; how: string } | null;

/** The functions enclosing `node`, innermost first, then the Program. */
function enclosingFunctions(node: Node): Set<Node> {
  const out = new Set<Node>();
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (isFunction(n) || n.type === "Program") out.add(n);
  }
  return out;
}

/**
 * The WATCH on the exec's client that comes before it in its function or an enclosing one,
 * unless an EXEC, DISCARD or UNWATCH on that connection ends it on every path in between
 * (an earlier transaction's `exec()`, an `unwatch()` that is not inside a branch).
 */
export function watchBefore(model: FileModel, exec: RedisCall, clientKey: string | undefined): RedisCall | null {
  if (!clientKey) return null;
  // Of the calls of these functions that end before the exec starts: the WATCH on the client
  // that starts last (the first of them on a tie), then any EXEC, DISCARD or UNWATCH on it after
  // that WATCH that runs on every path to the exec. Both through indexes by client, not a scan.
  const at = exec.node.range[0];
  const fns = [...enclosingFunctions(exec.node)].map(
    (fn) => model.callsByFunction.get(fn as FunctionNode | TSESTree.Program) ?? [],
  );
  let watch: RedisCall | null = null;
  for (const calls of fns) {
    const c = latestStartEndingBy(calls, positionsBy(calls, "watch-on-client", watchClient, clientKey), at);
    if (c && (!watch || c.node.range[0] > watch.node.range[0])) watch = c;
  }
  if (!watch) return null;
  const w = watch;
  const cleared = fns.some((calls) =>
    endingBetween(calls, positionsBy(calls, "ends-watch-on", endsWatchOn, clientKey), w.node.range[1], at).some((i) => {
      const c = calls[i];
      return c.node.range[0] >= w.node.range[1] && endsWatch(c, clientKey) && dominates(c.node, exec.node);
    }),
  );
  return cleared ? null : watch;
}

/** The client a WATCH is sent on (the index of WATCHes by client). */
function watchClient(c: RedisCall): (string | null)[] {
  return c.command === "watch" && c.receiver === "client" && c.client?.key ? [c.client.key] : [];
}

/** The connection that `endsWatch(c, key)` can be true for (the index of EXEC, DISCARD, UNWATCH by connection). */
function endsWatchOn(c: RedisCall): (string | null)[] {
  if (c.receiver === "client") return c.client?.key ? [c.client.key] : [];
  return c.tx?.client?.key ? [c.tx.client.key] : [];
}

/** EXEC, DISCARD or UNWATCH sent on the connection `clientKey`. */
function endsWatch(c: RedisCall, clientKey: string): boolean {
  if (c.receiver === "client") {
    return c.client?.key === clientKey && (c.command === "exec" || c.command === "discard" || c.command === "unwatch");
  }
  // `conn.multi()...exec()`: the transaction's EXEC goes to its client's connection.
  return !!c.tx && c.tx.atomic && c.tx.client?.key === clientKey && c.tx.execs.includes(c);
}

/** `earlier` runs on every path to `later`: its statement sits, outside any branch, in a block around `later`. */
function dominates(earlier: Node, later: Node): boolean {
  let n: Node = earlier;
  for (;;) {
    const p = n.parent;
    if (!p) return false;
    if ((p.type === "BlockStatement" || p.type === "Program" || p.type === "StaticBlock") && contains(p, later))
      return true;
    switch (p.type) {
      case "ExpressionStatement":
      case "VariableDeclaration":
      case "VariableDeclarator":
      case "AwaitExpression":
      case "ChainExpression":
      case "TSNonNullExpression":
      case "TSAsExpression":
        n = p;
        continue;
      case "MemberExpression":
      case "CallExpression":
        // The exec of a chain: `conn.multi().set(k, v).exec()` (not a callback argument).
        if ((p.type === "MemberExpression" && p.object === n) || (p.type === "CallExpression" && p.callee === n)) {
          n = p;
          continue;
        }
        return false;
      default:
        return false;
    }
  }
}

const candidatesIndex = new WeakMap<FileModel, Map<ExecCheckMode, ExecCandidate[]>>();

/**
 * The EXECs that can resolve to null, with the WATCH that makes them so: atomic transactions of
 * a family whose exec() resolves to null on an abort (not `execAsPipeline`), or whose
 * `exec(callback)` is called with null replies (node-redis v2 / v3: that form only), then client
 * `exec()` calls not linked to a transaction; in `always` mode also those with no WATCH seen.
 * Cached per model and mode (`facts` are the dialect's, a property of the family only).
 */
export function execNullCandidates(model: FileModel, mode: ExecCheckMode, facts: ExecFacts): ExecCandidate[] {
  let byMode = candidatesIndex.get(model);
  if (!byMode) candidatesIndex.set(model, (byMode = new Map<ExecCheckMode, ExecCandidate[]>()));
  let found = byMode.get(mode);
  if (!found) byMode.set(mode, (found = candidates(model, mode, facts)));
  return found;
}

function candidates(model: FileModel, mode: ExecCheckMode, facts: ExecFacts): ExecCandidate[] {
  const out: ExecCandidate[] = [];
  const linked = new Set<RedisCall>();
  for (const tx of model.transactions) {
    for (const exec of tx.execs) linked.add(exec);
    if (!tx.atomic) continue;
    const callbackOnly = !facts.execNullOnAbort(tx.family);
    if (callbackOnly && facts.execCallbackNullOnAbort?.(tx.family) !== true) continue;
    for (const exec of tx.execs) {
      if (exec.method === "execAsPipeline") continue;
      // node-redis v3: the null comes only as the replies of `exec((err, replies) => …)`, or as
      // what a promisified exec resolves to (`multi.execAsync()`).
      if (
        callbackOnly &&
        (exec.method !== "exec" || (!isPromisified(exec) && !exec.node.arguments.some((a) => isFunction(a))))
      )
        continue;
      const watch = watchBefore(model, exec, (tx.client ?? exec.client)?.key);
      if (watch || mode === "always") out.push({ exec, watch });
    }
  }
  for (const call of model.calls) {
    if (call.receiver !== "client" || call.command !== "exec" || linked.has(call)) continue;
    if (!facts.execNullOnAbort(call.family)) continue;
    const watch = watchBefore(model, call, call.client?.key);
    // A GLIDE `client.exec(batch)` whose batch we cannot see may be a plain pipeline.
    if (watch || (mode === "always" && !facts.execOnClient(call.family))) out.push({ exec: call, watch });
  }
  return out;
}

interface ResultAnalysis {
  analyze(expr: Node, promise: boolean): ExecFinding;
  analyzeCallback(arg: Node | undefined, index: number): ExecFinding;
}

const analyses = new WeakMap<TSESLint.SourceCode, ResultAnalysis>();

/**
 * How the result of `exec` is used: unchecked (read, destructured, iterated, asserted with `!`
 * before a null check), ignored (discarded, never awaited, stored and never checked), or null
 * when it is checked for null or handed on. A callback argument (`.then(cb)`, ioredis
 * `exec((err, res) => ...)`) is followed into its parameter.
 */
export function execResultFinding(exec: RedisCall, sourceCode: TSESLint.SourceCode): ExecFinding {
  let a = analyses.get(sourceCode);
  if (!a) analyses.set(sourceCode, (a = resultAnalysis(sourceCode)));
  return exec.node.arguments.some((arg) => isFunction(arg))
    ? a.analyzeCallback(
        exec.node.arguments.find((arg) => isFunction(arg)),
        1,
      )
    : a.analyze(exec.node, true);
}

function resultAnalysis(sourceCode: TSESLint.SourceCode): ResultAnalysis {
  function variableOf(id: TSESTree.Identifier): Variable | null {
    try {
      return ASTUtils.findVariable(sourceCode.getScope(id), id) ?? null;
    } catch {
      return null;
    }
  }

  /** `(x)!`: a non-null assertion on the value, after any `await`. */
  function nonNullAsserted(expr: Node): boolean {
    let n: Node = expr;
    for (;;) {
      const p = n.parent;
      if (!p) return false;
      if (p.type === "TSNonNullExpression") return true;
      if (
        p.type === "TSAsExpression" ||
        p.type === "TSSatisfiesExpression" ||
        p.type === "TSTypeAssertion" ||
        p.type === "AwaitExpression"
      ) {
        n = p;
        continue;
      }
      return false;
    }
  }

  function memberHow(member: TSESTree.MemberExpression): string {
    const name = propertyName(member);
    if (member.computed) return name ? `read as [${JSON.stringify(name)}]` : "indexed";
    return name ? `used as .${name}` : "used as an object";
  }

  /** Classifies one use of the (awaited) result. */
  function valueUse(
    expr: Node,
  ):
    | { type: "unsafe"; how: string; node: Node }
    | { type: "check" | "neutral" | "escape" }
    | { type: "variable"; variable: Variable }
    | { type: "forward"; calls: TSESTree.CallExpression[] } {
    const use = useOf(expr, sourceCode);
    if (nonNullAsserted(expr)) return { type: "unsafe", how: "asserted non-null with `!`", node: use.node };
    switch (use.kind) {
      case "destructured":
        return { type: "unsafe", how: "destructured", node: use.parent };
      case "spread":
        return { type: "unsafe", how: "spread", node: use.parent };
      case "member": {
        const p = use.parent;
        if (p.type === "MemberExpression") {
          if (p.optional) return { type: "check" };
          return { type: "unsafe", how: memberHow(p), node: p };
        }
        return { type: "escape" };
      }
      case "condition":
      case "compared":
      case "nullish":
        return { type: "check" };
      case "argument": {
        const p = use.parent;
        if (p.type === "CallExpression") {
          const name = calleeName(p);
          const callee = unwrap(p.callee);
          if (name && ASSERTS.has(name) && p.arguments[0] === use.node) return { type: "check" };
          if (
            callee.type === "MemberExpression" &&
            unwrap(callee.object).type === "Identifier" &&
            (unwrap(callee.object) as TSESTree.Identifier).name === "console"
          ) {
            return { type: "neutral" };
          }
        }
        return { type: "escape" };
      }
      case "variable":
        return use.variable ? { type: "variable", variable: use.variable } : { type: "escape" };
      case "stored": {
        const p = use.parent;
        if (p.type === "AssignmentExpression" && p.operator === "=" && p.left.type === "Identifier") {
          const v = variableOf(p.left);
          if (v) return { type: "variable", variable: v };
        }
        return { type: "escape" };
      }
      case "discarded":
        return { type: "neutral" };
      case "returned": {
        // Returned from a `.then` callback: the value goes on into that `.then`'s promise.
        const calls = thenCallsReturning(expr, sourceCode);
        return calls.length ? { type: "forward", calls } : { type: "escape" };
      }
      case "other":
        if (use.parent.type === "ForOfStatement" && use.parent.right === use.node) {
          return { type: "unsafe", how: "iterated with for...of", node: use.parent.right };
        }
        return { type: "escape" };
      default:
        return { type: "escape" };
    }
  }

  /** The variables whose value is being followed into a next `.then` (a guard against cycles). */
  const forwarding = new Set<Variable>();

  function analyzeVariable(variable: Variable): ExecFinding {
    const reads = variable.references.filter((r) => r.isRead());
    const refIds = new Set<Node>(variable.references.map((r) => r.identifier as Node));
    const isVar = (n: Node): boolean => {
      const u = unwrap(n);
      return u.type === "Identifier" && refIds.has(u);
    };
    if (reads.length === 0) return { kind: "ignored", how: `stored in \`${variable.name}\` and never read` };
    let checked = false;
    let escapes = false;
    const unsafe: { how: string; node: Node; id: Node }[] = [];
    const forwarded: TSESTree.CallExpression[] = [];
    for (const ref of reads) {
      const id = ref.identifier as Node;
      const u = valueUse(id);
      if (u.type === "unsafe") unsafe.push({ how: u.how, node: u.node, id });
      else if (u.type === "check") checked = true;
      else if (u.type === "forward") forwarded.push(...u.calls);
      else if (u.type !== "neutral") escapes = true;
    }
    const holders = unsafe.length ? statementsHolding(refIds) : undefined;
    for (const u of unsafe) {
      if (!isGuarded(u.id, isVar, holders))
        return { kind: "unchecked", how: `${u.how} (as \`${variable.name}\`)`, node: u.node };
    }
    // Returned from a `.then` callback unchecked: judged where the next `.then` takes it. Returned
    // from one after a check of any kind (`if (!res) return null; return res;`): handed on checked.
    if (forwarded.length) {
      // A named callback that returns its parameter, passed twice (`.then(f).then(f)`): once.
      if (checked || forwarding.has(variable)) return null;
      forwarding.add(variable);
      try {
        for (const call of forwarded) {
          const f = analyze(call, true);
          if (f?.kind === "unchecked") return f;
        }
      } finally {
        forwarding.delete(variable);
      }
      return null;
    }
    if (!unsafe.length && !checked && !escapes)
      return { kind: "ignored", how: `stored in \`${variable.name}\` and never checked` };
    return null;
  }

  /**
   * Analyses the value of `expr`, a promise of the result when `promise` is true: followed where
   * its resolved value lands (`promiseLandings`: `.then` callbacks, `.catch()` / `.finally()`,
   * returned from a `.then` callback into the next one), the first unchecked use found, else the
   * first finding.
   */
  function analyze(expr: Node, promise: boolean): ExecFinding {
    if (!promise) return settled(expr, false);
    let first: ExecFinding = null;
    for (const landing of promiseLandings(expr, sourceCode)) {
      const f = landing.kind === "callback" ? analyzeCallback(landing.fn, 0) : settled(landing.node, true);
      if (f?.kind === "unchecked") return f;
      first ??= f;
    }
    return first;
  }

  /** The value of `expr` (a promise when `promise`, the `.then` chain already followed). */
  function settled(expr: Node, promise: boolean): ExecFinding {
    const use = useOf(expr, sourceCode);
    if (promise && !use.awaited) {
      switch (use.kind) {
        case "member":
          return null;
        case "discarded":
          return { kind: "ignored", how: "never awaited or checked" };
        case "variable":
          return use.variable ? analyzePromiseVariable(use.variable) : null;
        default:
          return null;
      }
    }
    const u = valueUse(expr);
    if (u.type === "unsafe") return { kind: "unchecked", how: u.how, node: u.node };
    if (u.type === "variable") return analyzeVariable(u.variable);
    if (u.type === "neutral" && use.kind === "discarded") return { kind: "ignored", how: "discarded" };
    return null;
  }

  function analyzePromiseVariable(variable: Variable): ExecFinding {
    for (const ref of variable.references) {
      if (!ref.isRead()) continue;
      const f = analyze(ref.identifier, true);
      if (f?.kind === "unchecked") return f;
    }
    return null;
  }

  /** `.then((res) => ...)` (index 0) or ioredis `exec((err, res) => ...)` (index 1). */
  function analyzeCallback(arg: Node | undefined, index: number): ExecFinding {
    if (!arg || !isFunction(arg)) return null;
    const param = arg.params[index];
    if (!param) return null;
    if (param.type === "ArrayPattern" || param.type === "ObjectPattern")
      return { kind: "unchecked", how: "destructured in the callback", node: param };
    if (param.type !== "Identifier") return null;
    const [variable] = sourceCode.getDeclaredVariables(arg).filter((v) => v.defs.some((d) => d.name === param));
    return variable ? analyzeVariable(variable) : null;
  }

  return { analyze, analyzeCallback };
}
