/**
 * How the value of an expression is used by the code around it. Rules ask this of command calls
 * ("is the result of this queued GET used as if it were the value?") and of `exec()` results.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, outermost } from "./ast.js";

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
  const parent = node.parent!;
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
    out.push(useOf(ref.identifier as TSESTree.Identifier, sourceCode));
  }
  return out;
}
