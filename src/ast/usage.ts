/**
 * How the value of an expression is used by the code around it. Rules ask this of command calls
 * ("is the result of this queued GET used as if it were the value?") and of `exec()` results.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, outermost } from "./nodes.js";

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
