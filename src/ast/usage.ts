/**
 * How the value of an expression is used by the code around it. Rules ask this of command calls
 * ("is the result of this queued GET used as if it were the value?") and of `exec()` results.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type FunctionNode,
  type Node,
  enclosingFunction,
  isFunction,
  outermost,
  propertyName,
  unwrap,
} from "./nodes.js";
import { constInit, findVariable } from "./scope.js";

export type UseKind =
  /** `x;`, `void x` */
  | "discarded"
  /** `const v = x` (the variable is in `variable`) */
  | "variable"
  /** `const [a, b] = x`, `const { a } = x`, `[a] = x` */
  | "destructured"
  /** `target = x` with a non-identifier target, or a property value `{ k: x }`, or an array element */
  | "stored"
  /** `return x`, an arrow's expression body */
  | "returned"
  /** `f(x)`, `new F(x)` */
  | "argument"
  /** `if (x)`, `while (x)`, `x ? a : b`, `!x`, `x && y`, `x || y`, `Boolean(x)` */
  | "condition"
  /** `x === y`, `x > 1`, `x instanceof Y`, `x in y` */
  | "compared"
  /** `x + 1`, `-x`, `x * 2`, `x++` */
  | "arithmetic"
  /** `` `${x}` `` */
  | "template"
  /** `x.foo`, `x[0]`, `x.foo()` */
  | "member"
  /** `...x` */
  | "spread"
  /** `x ?? y` */
  | "nullish"
  /** `throw x`, `yield x`, sequences, anything else */
  | "other";

export interface Use {
  kind: UseKind;
  /** The outermost expression that carries the value (after `await` and type wrappers). */
  node: Node;
  parent: Node;
  /** The value went through `await` first. */
  awaited: boolean;
  /** For `variable`: the variable it was stored in. */
  variable?: TSESLint.Scope.Variable;
}

const CONVERTERS = new Set(["Number", "String", "Boolean", "BigInt", "parseInt", "parseFloat"]);

export function useOf(expr: Node, sourceCode: TSESLint.SourceCode): Use {
  let node = outermost(expr);
  let awaited = false;
  if (node.parent?.type === "AwaitExpression") {
    awaited = true;
    node = outermost(node.parent);
  }
  const parent = node.parent;
  // A node outside any tree (a synthetic or partly built AST): nothing is known of its use.
  if (!parent) return { kind: "other", node, parent: node, awaited };
  const use = (kind: UseKind, extra: Partial<Use> = {}): Use => ({ kind, node, parent, awaited, ...extra });
  switch (parent.type) {
    case "ExpressionStatement":
      return use("discarded");
    case "UnaryExpression":
      if (parent.operator === "void") return use("discarded");
      if (parent.operator === "!") return use("condition");
      if (parent.operator === "typeof") return use("compared");
      return use("arithmetic");
    case "UpdateExpression":
      return use("arithmetic");
    case "VariableDeclarator":
      if (parent.init !== node) return use("other");
      if (parent.id.type === "Identifier") {
        const [variable] = sourceCode.getDeclaredVariables(parent);
        return use("variable", { variable });
      }
      return use("destructured");
    case "AssignmentExpression":
      if (parent.right !== node) return use("other");
      if (parent.left.type === "ArrayPattern" || parent.left.type === "ObjectPattern") return use("destructured");
      return use("stored");
    case "Property":
    case "ArrayExpression":
      return use("stored");
    case "ReturnStatement":
      return use("returned");
    case "ArrowFunctionExpression":
      return parent.body === node ? use("returned") : use("other");
    case "CallExpression":
    case "NewExpression":
      if (parent.callee === node) return use("member");
      if (parent.callee.type === "Identifier" && CONVERTERS.has(parent.callee.name)) {
        return use(parent.callee.name === "Boolean" ? "condition" : "arithmetic");
      }
      return use("argument");
    case "IfStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForStatement":
      return use("condition");
    case "ConditionalExpression":
      return parent.test === node ? use("condition") : use("other");
    case "LogicalExpression":
      if (parent.operator === "??") return parent.left === node ? use("nullish") : use("other");
      return parent.left === node ? use("condition") : use("other");
    case "BinaryExpression":
      return /^(?:[=!]==?|[<>]=?|instanceof|in)$/.test(parent.operator) ? use("compared") : use("arithmetic");
    case "TemplateLiteral":
      return use("template");
    case "MemberExpression":
      return parent.object === node ? use("member") : use("other");
    case "SpreadElement":
      return use("spread");
    case "SwitchStatement":
      return use("compared");
    default:
      return use("other");
  }
}

/** Every read of `variable` after its declaration, with how each read is used. */
export function usesOfVariable(variable: TSESLint.Scope.Variable, sourceCode: TSESLint.SourceCode): Use[] {
  const out: Use[] = [];
  for (const ref of variable.references) {
    if (!ref.isRead()) continue;
    out.push(useOf(ref.identifier, sourceCode));
  }
  return out;
}

/** The statement an expression is the whole of (`await x.expire(k, 10);`), or null. */
export function wholeStatement(expr: Node, sourceCode: TSESLint.SourceCode): TSESTree.ExpressionStatement | null {
  const use = useOf(expr, sourceCode);
  if (use.kind !== "discarded" || use.parent.type !== "ExpressionStatement") return null;
  return use.parent;
}

/**
 * The value is only tested for truthiness: `if (x)`, `!x`, `x ? a : b`, `while (!x)`, or kept in
 * a variable used only so (followed through at most 6 variables or `&&`/`||`).
 */
export function truthinessOnly(expr: Node, sourceCode: TSESLint.SourceCode, depth = 0): boolean {
  const use = useOf(expr, sourceCode);
  switch (use.kind) {
    case "discarded":
      return true;
    case "condition": {
      const p = use.parent;
      // `a && b` / `a || b` pass `a` itself on: follow the whole expression.
      if (p.type === "LogicalExpression") return depth < 6 && truthinessOnly(p, sourceCode, depth + 1);
      return true;
    }
    case "variable": {
      const variable = use.variable;
      if (!variable || depth >= 6) return false;
      if (variable.references.some((r) => r.isWrite() && r.writeExpr !== use.node)) return false;
      return variable.references.every(
        (r) => !r.isRead() || truthinessOnly(r.identifier as Node, sourceCode, depth + 1),
      );
    }
    default:
      return false;
  }
}

// -------------------------------------------------------------------------------------------
// Promise chains: where a promise's resolved value lands (issue #14 item 5).

/** `n.<name>(...)`: the call made on `n` as the object of a member callee, and the method's name. */
function methodCallOn(n: Node): { call: TSESTree.CallExpression; name: string } | null {
  const member = n.parent;
  if (member?.type !== "MemberExpression" || member.object !== n) return null;
  const call = member.parent;
  if (call?.type !== "CallExpression" || call.callee !== member) return null;
  const name = propertyName(member);
  return name ? { call, name } : null;
}

/** The `.then(n, ...)` call that `n` is the onFulfilled callback of, or null. */
function thenCallTaking(n: Node): TSESTree.CallExpression | null {
  const arg = outermost(n);
  const call = arg.parent;
  if (call?.type !== "CallExpression" || call.arguments[0] !== arg) return null;
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" && propertyName(callee) === "then" ? call : null;
}

/**
 * The function an onFulfilled argument stands for: written in place, or a name bound once to a
 * function (`function f(res) {}`, `const f = (res) => ...`) and never reassigned; else null.
 */
function callbackFunction(arg: Node, sourceCode: TSESLint.SourceCode): FunctionNode | null {
  const a = unwrap(arg);
  if (isFunction(a)) return a;
  if (a.type !== "Identifier") return null;
  const init = constInit(a, sourceCode);
  if (init && isFunction(unwrap(init))) return unwrap(init) as FunctionNode;
  const variable = findVariable(a, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (def?.type !== "FunctionName" || def.node.type !== "FunctionDeclaration") return null;
  if (variable?.references.some((r) => r.isWrite())) return null;
  return def.node;
}

/**
 * The `.then(...)` calls whose promise resolves to the value of `expr` because `expr` is what
 * their onFulfilled callback returns: `.then(() => x)`, `.then(async () => { return await x; })`,
 * or `.then(f)` for `function f() { return x; }` / `const f = () => x` (each `.then(f)` of the
 * file). Empty when `expr` is not returned, or not from such a callback.
 */
export function thenCallsReturning(expr: Node, sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] {
  const use = useOf(expr, sourceCode);
  if (use.kind !== "returned") return [];
  const fn = use.parent.type === "ArrowFunctionExpression" ? use.parent : enclosingFunction(use.parent);
  if (!isFunction(fn)) return [];
  const direct = thenCallTaking(fn);
  if (direct) return [direct];
  // A named callback: `function f() {}` or `const f = () => ...`, passed as `.then(f)`.
  const holder =
    fn.type === "FunctionDeclaration"
      ? fn
      : fn.parent?.type === "VariableDeclarator" && fn.parent.init === fn
        ? fn.parent
        : null;
  if (!holder) return [];
  const [variable] = sourceCode.getDeclaredVariables(holder);
  if (!variable || variable.references.some((r) => r.isWrite() && r.writeExpr !== fn)) return [];
  const out: TSESTree.CallExpression[] = [];
  for (const ref of variable.references) {
    const call = ref.isRead() ? thenCallTaking(ref.identifier) : null;
    if (call) out.push(call);
  }
  return out;
}

/** Where a promise's resolved value lands (`promiseLandings`). */
export type Landing =
  /** In the first parameter of `fn`, the onFulfilled callback of `call` (`.then((v) => ...)`, `.then(f)`). */
  | { kind: "callback"; fn: FunctionNode; call: TSESTree.CallExpression }
  /** The promise carrying the value (or, after `await`, the value) goes on as `node`: ask `useOf(node)`. */
  | { kind: "expression"; node: Node };

/**
 * Where the resolved value of the promise `expr` lands, following the chain: through `.catch()`
 * (the value passes on the success path) and `.finally()`, into the next `.then` callback's first
 * parameter, and on from a `.then` callback that returns it (a promise or an awaited value) to the
 * promise of that `.then`. Stops at an `await`, or where the promise goes on otherwise (a variable,
 * a return, an argument, a statement): an `expression` landing. A `.then` whose callback cannot be
 * seen (`.then(done)` of a parameter) gives no landing. Several landings when a named callback
 * returning the value is passed to several `.then`s. Each node is visited once: linear in the
 * chain's length.
 */
export function promiseLandings(expr: Node, sourceCode: TSESLint.SourceCode): Landing[] {
  const out: Landing[] = [];
  const seen = new Set<Node>();
  const todo: Node[] = [expr];
  for (let n = todo.pop(); n; n = todo.pop()) {
    if (seen.has(n)) continue;
    seen.add(n);
    const use = useOf(n, sourceCode);
    if (!use.awaited) {
      const m = methodCallOn(use.node);
      if (m?.name === "then") {
        const arg = m.call.arguments[0];
        const fn = arg ? callbackFunction(arg, sourceCode) : null;
        if (fn) out.push({ kind: "callback", fn, call: m.call });
        continue;
      }
      if (m?.name === "catch" || m?.name === "finally") {
        todo.push(m.call);
        continue;
      }
    }
    const thens = thenCallsReturning(n, sourceCode);
    if (thens.length === 0) out.push({ kind: "expression", node: n });
    else todo.push(...thens);
  }
  return out;
}
