/**
 * How the results of a transaction's or pipeline's `exec()` are used: which entries are read for
 * their values without their per-command errors (`no-ignored-exec-errors`). `Results` follows the
 * result from where it is held (a variable, a destructuring, a callback's parameter) through
 * indexing, iteration and destructuring, in the entry shape the client's dialect gives
 * (docs/semantics.md §2).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { ExecResultShape } from "../dialects/index.js";
import { type FunctionNode, type Node, isFunction, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { promiseLandings, thenCallsReturning, useOf } from "../ast/usage.js";
import type { RedisCall } from "./types.js";

type Shape = ExecResultShape;

/** Names of functions that look at errors when handed the results. */
const CHECKER = /check|assert|throw|ensure|verify|raise|validate|fail/i;

/** Array methods whose callback sees each entry. */
const ITERATORS = new Set([
  "map",
  "forEach",
  "flatMap",
  "filter",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "reduce",
  "reduceRight",
]);

function calleeName(call: TSESTree.CallExpression): string | null {
  const c = unwrap(call.callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return null;
}

function isCheckerCall(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  return !!name && CHECKER.test(name);
}

/** Climbs through wrappers that keep the value: `x!`, `x as T`, `x?.`, `x ?? []`, `x || []`. */
function carrier(node: Node): Node {
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (
      p.type === "TSNonNullExpression" ||
      p.type === "TSAsExpression" ||
      p.type === "TSTypeAssertion" ||
      p.type === "TSSatisfiesExpression" ||
      p.type === "ChainExpression" ||
      (p.type === "LogicalExpression" && (p.operator === "??" || p.operator === "||") && p.left === n)
    ) {
      n = p;
      continue;
    }
    return n;
  }
}

function numericIndex(member: TSESTree.MemberExpression): number | null {
  if (!member.computed) return null;
  const p = unwrap(member.property);
  return p.type === "Literal" && typeof p.value === "number" ? p.value : null;
}

/** What the code does with the results of one exec(). */
export class Results {
  checkedAll = false;
  readonly checked = new Set<number>();
  readonly reads: { node: Node; index: number | null }[] = [];
  private readonly visited = new Set<TSESLint.Scope.Variable>();
  private readonly promised = new Set<Node>();

  constructor(
    private readonly shape: Shape,
    private readonly sourceCode: TSESLint.SourceCode,
  ) {}

  private check(index: number | null): void {
    if (index === null) this.checkedAll = true;
    else this.checked.add(index);
  }

  private read(node: Node, index: number | null): void {
    this.reads.push({ node, index });
  }

  unchecked(): { node: Node; index: number | null }[] {
    if (this.checkedAll) return [];
    return this.reads
      .filter((r) => r.index === null || !this.checked.has(r.index))
      .sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  private readRefs(id: TSESTree.Identifier): Node[] {
    const v = findVariable(id, this.sourceCode);
    if (!v || this.visited.has(v)) return [];
    this.visited.add(v);
    return v.references.filter((r) => r.isRead()).map((r) => r.identifier as Node);
  }

  private isUsed(id: TSESTree.Identifier): boolean {
    const v = findVariable(id, this.sourceCode);
    return !!v && v.references.some((r) => r.isRead());
  }

  /**
   * `x` is a promise of the results array: followed where its value lands (`promiseLandings`:
   * a `.then` callback's parameter, through `.catch()` / `.finally()` and `.then` callbacks that
   * return it, an `await`). Says whether it is only dropped: a statement, or awaited and dropped.
   */
  promise(x: Node): { dropped: boolean } {
    let dropped = false;
    if (this.promised.has(x)) return { dropped };
    this.promised.add(x);
    for (const landing of promiseLandings(x, this.sourceCode)) {
      if (landing.kind === "callback") {
        const param = landing.fn.params[0];
        if (param) this.arrayPattern(param);
        continue;
      }
      const use = useOf(landing.node, this.sourceCode);
      if (use.kind === "discarded") dropped = true;
      else if (use.awaited) {
        if (use.kind === "variable" && use.variable && !use.variable.references.some((r) => r.isRead())) dropped = true;
        this.array(use.node);
      }
    }
    return { dropped };
  }

  /** `x` is the results array. */
  array(x: Node): void {
    const n = carrier(x);
    const p = n.parent;
    if (!p) return;
    // Returned from a `.then` callback: the array goes on into that `.then`'s promise.
    if (p.type === "ReturnStatement" || (p.type === "ArrowFunctionExpression" && p.body === n)) {
      for (const call of thenCallsReturning(n, this.sourceCode)) this.promise(call);
      return;
    }
    switch (p.type) {
      case "MemberExpression": {
        if (p.object !== n) return;
        if (p.computed) {
          this.entry(p, numericIndex(p));
          return;
        }
        const name = propertyName(p);
        const call = p.parent;
        if (!name || !ITERATORS.has(name) || call?.type !== "CallExpression" || call.callee !== p) return;
        const cb = call.arguments[0] ? unwrap(call.arguments[0]) : null;
        if (cb && isFunction(cb)) {
          const param = cb.params[name === "reduce" || name === "reduceRight" ? 1 : 0];
          if (param) this.entryPattern(param, null);
        } else if (cb && cb.type === "Identifier" && CHECKER.test(cb.name)) {
          this.checkedAll = true;
        }
        return;
      }
      case "ForOfStatement":
        if (p.right === n) {
          const left = p.left.type === "VariableDeclaration" ? p.left.declarations[0]?.id : p.left;
          if (left) this.entryPattern(left, null);
        }
        return;
      case "VariableDeclarator":
        if (p.init === n) this.arrayPattern(p.id);
        return;
      case "AssignmentExpression":
        if (p.right === n && p.operator === "=") this.arrayPattern(p.left);
        return;
      case "CallExpression":
      case "NewExpression":
        if (p.callee !== n && p.type === "CallExpression" && isCheckerCall(p)) this.checkedAll = true;
        return;
      default:
        return;
    }
  }

  /** `pattern` binds the results array. */
  arrayPattern(pattern: Node): void {
    if (pattern.type === "Identifier") {
      for (const ref of this.readRefs(pattern)) this.array(ref);
    } else if (pattern.type === "ArrayPattern") {
      pattern.elements.forEach((el, i) => {
        if (el && el.type !== "RestElement") this.entryPattern(el, i);
      });
    } else if (pattern.type === "AssignmentPattern") {
      this.arrayPattern(pattern.left);
    }
  }

  /** `p` is one entry of the results (index `index`, or any when null). */
  entry(p: Node, index: number | null): void {
    const n = carrier(p);
    const q = n.parent;
    if (!q) return;
    if (q.type === "VariableDeclarator" && q.init === n) {
      this.entryPattern(q.id, index);
      return;
    }
    if (q.type === "AssignmentExpression" && q.right === n && q.operator === "=") {
      this.entryPattern(q.left, index);
      return;
    }
    if (q.type === "CallExpression" && q.callee !== n && isCheckerCall(q)) {
      this.check(index);
      return;
    }
    switch (this.shape) {
      case "pairs":
        if (q.type === "MemberExpression" && q.object === n) {
          const i = numericIndex(q);
          if (i === 0) this.check(index);
          else if (i === 1) this.read(q, index);
        }
        return;
      case "result-objects":
        if (q.type === "MemberExpression" && q.object === n) {
          const name = propertyName(q);
          if (name === "error") this.check(index);
          else if (name === "result") this.read(q, index);
        }
        return;
      case "errors-in-place":
        if (q.type === "BinaryExpression" && q.operator === "instanceof" && q.left === n) {
          this.check(index);
          return;
        }
        // Any other use takes the entry for the value it may not be.
        this.read(n, index);
        return;
      default:
        return;
    }
  }

  /** `pattern` binds one entry. */
  entryPattern(pattern: Node, index: number | null): void {
    if (pattern.type === "AssignmentPattern") {
      this.entryPattern(pattern.left, index);
      return;
    }
    if (pattern.type === "Identifier") {
      for (const ref of this.readRefs(pattern)) this.entry(ref, index);
      return;
    }
    if (this.shape === "pairs" && pattern.type === "ArrayPattern") {
      const [err, value] = pattern.elements;
      if (err && this.bindsUsed(err)) this.check(index);
      if (value && this.bindsUsed(value)) this.read(value, index);
      return;
    }
    if (this.shape === "result-objects" && pattern.type === "ObjectPattern") {
      for (const prop of pattern.properties) {
        if (prop.type !== "Property") continue;
        const key = !prop.computed && prop.key.type === "Identifier" ? prop.key.name : staticString(prop.key);
        if (key === "error" && this.bindsUsed(prop.value)) this.check(index);
        else if (key === "result" && this.bindsUsed(prop.value)) this.read(prop.value, index);
      }
      return;
    }
    if (this.shape === "errors-in-place" && (pattern.type === "ArrayPattern" || pattern.type === "ObjectPattern")) {
      this.read(pattern, index);
    }
  }

  /** A binding that is read somewhere (a nested pattern counts as read). */
  private bindsUsed(b: Node): boolean {
    const t = b.type === "AssignmentPattern" ? b.left : b;
    if (t.type === "Identifier") return this.isUsed(t);
    return t.type === "ArrayPattern" || t.type === "ObjectPattern";
  }
}

/** What the client's dialect says of a builder's `exec(callback)` (docs/semantics.md §2). */
export interface ExecCallbackFacts {
  /** exec(callback) calls the callback with the transaction's error first. */
  readonly execCallbackErrorFirst: boolean;
  /** The shape of the replies beside the error; null when the client does not say (its family is unknown). */
  readonly execCallbackShape: Shape | null;
}

/**
 * The callback of a builder's `exec(callback)`, a function written in place, and the shape of the
 * replies it receives (null: only its error can be judged). Only when the client's exec() calls a
 * callback with the error first: ioredis / iovalkey, node-redis v2 / v3 or an unknown major, and
 * a client of unknown family, since every client that calls one passes the error first (a
 * non-Redis `.exec(cb)`, mongoose's `Query#exec`, `child_process.exec`, is no transaction of the
 * model and never gets here). Not a raw `client.exec()`, nor `exec(true)` or `execAsPipeline`.
 */
export function execCallbackOf(
  exec: RedisCall,
  facts: ExecCallbackFacts,
): { fn: FunctionNode; shape: Shape | null } | null {
  if (!facts.execCallbackErrorFirst || exec.raw || exec.receiver === "client" || exec.method !== "exec") return null;
  const args = exec.node.arguments;
  if (args.length !== 1) return null;
  const fn = unwrap(args[0]);
  return isFunction(fn) ? { fn, shape: facts.execCallbackShape } : null;
}
