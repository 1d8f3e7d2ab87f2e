/**
 * Values and flow: where the value an expression produces goes, and what decides whether a node
 * runs. A rule asks a function's flow (`flowOf`) for the flow of one value (`valueFrom`): which
 * expressions see that value, and whether they see it as it was produced, computed from it, or
 * only as the result of a check of it (`within`, `asCondition`); and for the conditions a node
 * runs under (`conditionsOn`).
 *
 * The value is followed through the expressions that carry it (`await`, conversions, `??`,
 * arithmetic, member access, comparisons, ...) and through the variables it is stored in, with a
 * flow-sensitive approximation of which assignment reaches each use (block structure stands for
 * dominance). Nothing here knows about Redis: the source is any expression (a command call, for
 * the rules).
 *
 * Computed once: `flowOf` is cached per function node, and each function's flow caches the value
 * flows it was asked for, so that rules asking about the same value share the work.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { alwaysExits, calleeName, isAssertion, isComparison, isNullish, patternIds } from "../ast/expressions.js";
import { type FunctionNode, type Node, contains, isFunction, propertyName, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { promiseLandings } from "../ast/usage.js";

type Variable = TSESLint.Scope.Variable;

/** How a value from the source is known at some point. */
export interface Taint {
  /**
   * value: the value (or something computed from it); guard: the result of a comparison of it;
   * miss: the result of a null / truthiness check of it (is it there at all).
   */
  kind: "value" | "guard" | "miss";
  /** Changed by arithmetic, member access, calls (not by `await`, `Number()`, `?? default`). */
  derived: boolean;
}

/** A condition that decides whether a node runs. */
export interface Condition {
  /** The expression tested. */
  test: Node;
  /** A `switch` discriminant: compared with every case, so any use of a value in it compares it. */
  switch: boolean;
}

/** The flow of the values produced in one function (and the closures in it). */
export interface FunctionFlow {
  readonly fn: FunctionNode | TSESTree.Program;
  /** The flow of the value `source` produces: computed on the first ask, then shared. */
  valueFrom(source: Node): ValueFlow;
  /**
   * `valueFrom`, where the value of a call that hands its result to a node-style callback
   * (`get(k, (err, v) => ...)`, `resultCallback`) is also that callback's second parameter.
   */
  resultFrom(source: Node): ValueFlow;
  /** The conditions that decide whether `node` runs, innermost first, up to the function. */
  conditionsOn(node: Node): Condition[];
}

/** Calls that only convert a value (its meaning is unchanged for our purposes). */
const CONVERTERS = new Set(["Number", "parseInt", "parseFloat", "String", "BigInt"]);

const RAW: Taint = { kind: "value", derived: false };

const flows = new WeakMap<Node, FunctionFlow>();

/** The flow of `fn` (a function, or the Program for top-level code), computed once per function. */
export function flowOf(sourceCode: TSESLint.SourceCode, fn: FunctionNode | TSESTree.Program): FunctionFlow {
  let flow = flows.get(fn);
  if (!flow) {
    const values = new Map<Node, ValueFlow>();
    const results = new Map<Node, ValueFlow>();
    flow = {
      fn,
      valueFrom(source) {
        let v = values.get(source);
        if (!v) values.set(source, (v = new ValueFlow(source, sourceCode)));
        return v;
      },
      resultFrom(source) {
        if (!resultCallback(source)) return this.valueFrom(source);
        let v = results.get(source);
        if (!v) results.set(source, (v = new ValueFlow(source, sourceCode, true)));
        return v;
      },
      conditionsOn: (node) => conditionsOn(node, fn),
    };
    flows.set(fn, flow);
  }
  return flow;
}

/**
 * The node-style callback a call hands its result to: its last argument, a function taking
 * `(err, value)` (node_redis v2 / v3 and ioredis commands). Null when there is none.
 */
export function resultCallback(call: Node): FunctionNode | null {
  if (call.type !== "CallExpression" || call.arguments.length < 2) return null;
  const last = unwrap(call.arguments[call.arguments.length - 1]);
  return isFunction(last) && last.params.length >= 2 && last.params[0].type === "Identifier" ? last : null;
}

/**
 * `node` runs once the result of the call `source` is there: in its result callback (or a
 * function nested in it) when it has one (code after such a call runs before the reply), else
 * after it in `fn`.
 */
export function runsOnResult(source: Node, node: Node, fn: Node): boolean {
  const callback = resultCallback(source);
  if (callback) return contains(callback, node);
  return node.range[1] > source.range[1] && contains(fn, node);
}

function merge(a: Taint | undefined, b: Taint): Taint {
  if (!a) return b;
  const rank = { miss: 0, value: 1, guard: 2 } as const;
  return { kind: rank[a.kind] >= rank[b.kind] ? a.kind : b.kind, derived: a.derived || b.derived };
}

/**
 * Follows a value upwards through the expressions that carry it (`await`, conversions, `??`,
 * arithmetic, member access, comparisons, ...), stopping at `stop` or at the first node that
 * does not carry it. Returns the outermost carrying node and what the value has become.
 */
function climb(start: Node, init: Taint, stop: Node | null): { top: Node; taint: Taint } {
  let n = start;
  let { kind, derived } = init;
  const truthiness = () => {
    if (kind === "value") kind = derived ? "guard" : "miss";
  };
  for (;;) {
    if (n === stop) break;
    const p = n.parent;
    if (!p) break;
    let next: Node | null = null;
    switch (p.type) {
      case "AwaitExpression":
      case "TSAsExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSSatisfiesExpression":
      case "ChainExpression":
        next = p;
        break;
      case "TemplateLiteral":
        derived = true;
        next = p;
        break;
      case "UnaryExpression":
        if (p.operator === "!") {
          truthiness();
          next = p;
        } else if (p.operator === "typeof") {
          next = p;
        } else if (p.operator !== "void" && p.operator !== "delete") {
          if (p.operator !== "+") derived = true;
          next = p;
        }
        break;
      case "BinaryExpression":
        if (isComparison(p.operator)) {
          const other = p.left === n ? p.right : (p.left as Node);
          // `field in hash` (after HGETALL) asks whether a field exists, like a miss check.
          const nullCheck = (isNullish(other) || (p.operator === "in" && p.right === n)) && !derived;
          if (kind === "value") kind = nullCheck ? "miss" : "guard";
          else if (kind === "miss" && !isNullish(other)) kind = "guard";
          derived = true;
        } else derived = true;
        next = p;
        break;
      case "LogicalExpression":
        // `v ?? 0`, `v || "0"`: a default, not a change. `a && b` keeps the kind of the test.
        if (p.operator === "&&" && p.left === n) truthiness();
        next = p;
        break;
      case "ConditionalExpression":
        // `v ? a : b` depends on the value only through the test: a miss check stays a miss check.
        if (p.test === n) truthiness();
        next = p;
        break;
      case "CallExpression":
      case "NewExpression": {
        if (p.callee === n) break;
        const name = calleeName(p);
        const callee = unwrap(p.callee);
        const jsonParse =
          callee.type === "MemberExpression" &&
          name === "parse" &&
          callee.object.type === "Identifier" &&
          callee.object.name === "JSON";
        if ((name && CONVERTERS.has(name) && callee.type === "Identifier") || jsonParse) next = p;
        else if (name === "Boolean" && unwrap(p.callee).type === "Identifier") {
          truthiness();
          next = p;
        } else {
          derived = true;
          next = p;
        }
        break;
      }
      case "MemberExpression":
        derived = true;
        if (p.object === n && p.parent?.type === "CallExpression" && p.parent.callee === p) next = p.parent;
        else next = p;
        break;
      case "ArrayExpression":
      case "SpreadElement":
        derived = true;
        next = p;
        break;
      case "Property":
        if (p.value === n && p.parent?.type === "ObjectExpression") {
          derived = true;
          next = p.parent;
        }
        break;
      case "SequenceExpression":
        if (p.expressions[p.expressions.length - 1] === n) next = p;
        break;
      default:
        break;
    }
    if (!next) break;
    n = next;
  }
  return { top: n, taint: { kind, derived } };
}

/** The node a definition is conditional on, or the block it is unconditional in. */
function regionOf(def: Node): Node {
  let n: Node = def;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (isFunction(p)) return p;
    switch (p.type) {
      case "BlockStatement":
      case "Program":
      case "StaticBlock":
      case "SwitchCase":
        return p;
      case "IfStatement":
        if (p.consequent === n || p.alternate === n) return n;
        break;
      case "ConditionalExpression":
        if (p.consequent === n || p.alternate === n) return n;
        break;
      case "LogicalExpression":
        if (p.right === n) return n;
        break;
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
        if (p.body === n) return n;
        break;
      default:
        break;
    }
    n = p;
  }
}

/** Where the value one expression produces goes: the expressions that see it, and as what. */
export class ValueFlow {
  /** Definitions (identifiers written) that hold a value from the source. */
  private readonly defs = new Map<Node, Taint>();
  private readonly refs = new Map<Node, Taint>();
  private readonly vars = new Set<Variable>();
  /** Bumped on every change of `defs`. */
  private version = 0;

  constructor(
    readonly source: Node,
    private readonly sourceCode: TSESLint.SourceCode,
    /** The second parameter of the source's result callback holds the value too (`resultCallback`). */
    private readonly callbackResult = false,
  ) {
    this.refs.set(source, RAW);
    this.seed();
    this.propagate();
  }

  /**
   * The nodes that see the value, with what it is there: the source itself, and every read of
   * a variable a value from it reaches.
   */
  get uses(): ReadonlyMap<Node, Taint> {
    return this.refs;
  }

  /** The nodes inside `root` that see the value (the source among them when `root` holds it). */
  usesIn(root: Node): Node[] {
    return [...this.refs.keys()].filter((r) => contains(root, r));
  }

  /** What the values from the source inside `root` have become, each followed up to `root`. */
  within(root: Node): Taint[] {
    return this.collect(root, false);
  }

  /**
   * `within` for a condition: a value tested for truthiness there is a miss check when it is the
   * value as produced, and a guard when it was computed from it (`if (left)` after `left = stock - qty`).
   */
  asCondition(test: Node): Taint[] {
    return this.collect(test, true);
  }

  private collect(root: Node, asTest: boolean): Taint[] {
    const out: Taint[] = [];
    for (const [ref, taint] of this.refs) {
      if (!contains(root, ref)) continue;
      const { top, taint: t } = climb(ref, taint, root);
      if (asTest && top === root && t.kind === "value")
        out.push({ kind: t.derived ? "guard" : "miss", derived: t.derived });
      else out.push(t);
    }
    return out;
  }

  private seed(): void {
    const call = this.source;
    // `redis.get(k, (err, v) => ...)`: the reply arrives as `v` (ioredis also returns a promise of it).
    const callback = this.callbackResult ? resultCallback(call) : null;
    if (callback) for (const id of patternIds(callback.params[1])) this.addDef(id, RAW);
    // `redis.get(k).then((v) => ...)`, also through `.catch()` / `.finally()` (`promiseLandings`).
    const member = call.parent;
    if (
      member?.type === "MemberExpression" &&
      member.object === call &&
      /^(?:then|catch|finally)$/.test(propertyName(member) ?? "")
    ) {
      this.alongChain(call, RAW);
      return;
    }
    // `const [a, b] = await Promise.all([redis.get(x), redis.get(y)])`: only the matching element.
    const arr = call.parent;
    if (arr?.type === "ArrayExpression") {
      const all = arr.parent;
      if (
        all?.type === "CallExpression" &&
        all.arguments[0] === arr &&
        /^(?:all|allSettled)$/.test(calleeName(all) ?? "")
      ) {
        const index = arr.elements.indexOf(call as TSESTree.Expression);
        const { top } = climb(all, RAW, null);
        const decl = top.parent;
        const pattern =
          decl?.type === "VariableDeclarator" && decl.init === top
            ? decl.id
            : decl?.type === "AssignmentExpression" && decl.right === top
              ? decl.left
              : null;
        if (pattern?.type === "ArrayPattern") {
          const el = pattern.elements[index];
          if (el) for (const id of patternIds(el)) this.addDef(id, RAW);
        }
        return;
      }
    }
    this.flowFrom(call, RAW);
  }

  /** Follows a tainted expression to where it is stored. */
  private flowFrom(node: Node, taint: Taint): void {
    // `v += x`, `v++`: a new value of the same variable, computed from the old one.
    const parent = node.parent;
    if (node.type === "Identifier" && parent) {
      if (
        (parent.type === "AssignmentExpression" && parent.left === node && parent.operator !== "=") ||
        parent.type === "UpdateExpression"
      ) {
        this.addDef(node, { kind: "value", derived: true });
        return;
      }
    }
    const { top, taint: t } = climb(node, taint, null);
    const p = top.parent;
    if (!p) return;
    // Returned from a `.then` callback: on into the next `.then` (issue #14 item 5).
    if (p.type === "ReturnStatement" || (p.type === "ArrowFunctionExpression" && p.body === top)) {
      this.alongChain(top, t);
      return;
    }
    if (p.type === "VariableDeclarator" && p.init === top) {
      if (p.id.type === "Identifier") this.addDef(p.id, t);
      else for (const id of patternIds(p.id)) this.addDef(id, { kind: "value", derived: t.derived });
    } else if (p.type === "AssignmentExpression" && p.right === top) {
      if (p.left.type === "Identifier") this.addDef(p.left, p.operator === "=" ? t : { kind: "value", derived: true });
      else if (p.left.type === "ArrayPattern" || p.left.type === "ObjectPattern") {
        for (const id of patternIds(p.left)) this.addDef(id, { kind: "value", derived: t.derived });
      }
    }
  }

  /**
   * A promise of the value, or the value returned from a `.then` callback, followed along the
   * promise chain (`promiseLandings`): into the next `.then` callback's parameter, or on from
   * where the chain goes (`await chain`).
   */
  private alongChain(node: Node, taint: Taint): void {
    for (const landing of promiseLandings(node, this.sourceCode)) {
      if (landing.kind === "callback") {
        const param = landing.fn.params[0];
        if (param?.type === "Identifier") this.addDef(param, taint);
        else if (param) for (const id of patternIds(param)) this.addDef(id, { kind: "value", derived: taint.derived });
      } else if (landing.node !== node) this.flowFrom(landing.node, taint);
    }
  }

  private addDef(id: Node, taint: Taint): void {
    const before = this.defs.get(id);
    const merged = merge(before, taint);
    if (before && before.kind === merged.kind && before.derived === merged.derived) return;
    this.defs.set(id, merged);
    this.version++;
    if (id.type !== "Identifier") return;
    const v = findVariable(id, this.sourceCode);
    if (v) this.vars.add(v);
  }

  private propagate(): void {
    // The lattice is finite (kind x derived) and merges only go up, so this ends; the budget
    // bounds pathological files anyway.
    let budget = 2000;
    let seen = -1;
    while (seen !== this.version && budget > 0) {
      seen = this.version;
      for (const v of [...this.vars]) {
        for (const ref of v.references) {
          if (!ref.isRead() || --budget <= 0) continue;
          const id = ref.identifier as Node;
          const t = this.reaching(v, id);
          if (!t) continue;
          const prev = this.refs.get(id);
          const merged = merge(prev, t);
          if (prev && prev.kind === merged.kind && prev.derived === merged.derived) continue;
          this.refs.set(id, merged);
          this.flowFrom(id, merged);
        }
      }
    }
  }

  /**
   * The taint of the value `v` holds at `use`: from the last definition before it that
   * dominates it (approximated by block structure), and from the conditional definitions
   * between that one and the use.
   */
  private reaching(v: Variable, use: Node): Taint | null {
    const defs: Node[] = [];
    for (const ref of v.references) {
      if (ref.isWrite() && (ref.identifier as Node).range[0] < use.range[0] && !assignedFrom(ref.identifier, use))
        defs.push(ref.identifier);
    }
    for (const d of v.defs) {
      if (d.type === "Parameter" && (d.name as Node).range[0] < use.range[0]) defs.push(d.name);
    }
    if (defs.length === 0) return null;
    defs.sort((a, b) => a.range[0] - b.range[0]);
    let start = 0;
    for (let i = defs.length - 1; i >= 0; i--) {
      const region = regionOf(defs[i]);
      if (contains(region, use) || isFunction(region)) {
        start = i;
        break;
      }
    }
    let out: Taint | null = null;
    for (let i = start; i < defs.length; i++) {
      const t = this.defs.get(defs[i]);
      if (t) out = merge(out ?? undefined, t);
    }
    return out;
  }
}

/** `v = f(v)`: the use is in the value assigned to `id`, so it reads `id` before this write. */
function assignedFrom(id: Node, use: Node): boolean {
  const p = id.parent;
  return p?.type === "AssignmentExpression" && p.left === id && contains(p.right, use);
}

/**
 * The conditions that decide whether `target` runs, innermost first, up to `stop` (the function
 * it is in): tests of the `if`, `?:`, `&&` / `||`, loop and `switch` it is in, and of earlier
 * statements in its blocks that leave when a test holds (`if (stock < qty) throw ...;`,
 * `assert(...)`).
 */
export function conditionsOn(target: Node, stop: Node): Condition[] {
  const out: Condition[] = [];
  const push = (test: Node) => out.push({ test, switch: false });
  let n: Node = target;
  while (n !== stop && n.parent) {
    const p: Node = n.parent;
    switch (p.type) {
      case "IfStatement":
        if (p.consequent === n || p.alternate === n) push(p.test);
        break;
      case "ConditionalExpression":
        if (p.consequent === n || p.alternate === n) push(p.test);
        break;
      case "LogicalExpression":
        if (p.right === n) push(p.left);
        break;
      case "WhileStatement":
      case "DoWhileStatement":
        if (p.body === n) push(p.test);
        break;
      case "ForStatement":
        if (p.body === n && p.test) push(p.test);
        break;
      case "SwitchCase": {
        const sw = p.parent;
        if (sw?.type === "SwitchStatement") out.push({ test: sw.discriminant, switch: true });
        if (p.test) push(p.test);
        break;
      }
      case "BlockStatement":
      case "Program":
      case "StaticBlock": {
        for (const s of p.body as Node[]) {
          if (s === n) break;
          if (s.type === "IfStatement" && (alwaysExits(s.consequent) || (s.alternate && alwaysExits(s.alternate))))
            push(s.test);
          if (s.type === "ExpressionStatement") {
            const e = unwrap(s.expression.type === "AwaitExpression" ? s.expression.argument : s.expression);
            if (e.type === "CallExpression" && isAssertion(e)) for (const a of e.arguments) push(a);
          }
        }
        break;
      }
      default:
        break;
    }
    n = p;
  }
  return out;
}
