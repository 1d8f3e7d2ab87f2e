/** Small AST helpers shared by the model and the rules. */
import type { TSESTree } from "@typescript-eslint/utils";

export type Node = TSESTree.Node;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === "FunctionDeclaration" ||
      node.type === "FunctionExpression" ||
      node.type === "ArrowFunctionExpression")
  );
}

/** Removes wrappers that do not change the value: `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`, `a?.b` chains. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case "TSNonNullExpression":
      case "TSAsExpression":
      case "TSTypeAssertion":
      case "TSSatisfiesExpression":
      case "ChainExpression":
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** The outermost node that carries the same value as `node` (climbs through the wrappers `unwrap` removes). */
export function outermost(node: Node): Node {
  let n = node;
  while (
    n.parent &&
    (n.parent.type === "TSNonNullExpression" ||
      n.parent.type === "TSAsExpression" ||
      n.parent.type === "TSTypeAssertion" ||
      n.parent.type === "TSSatisfiesExpression" ||
      n.parent.type === "ChainExpression")
  ) {
    n = n.parent;
  }
  return n;
}

/** The name of a non-computed member property, or of a computed one written as a string literal. */
export function propertyName(member: TSESTree.MemberExpression): string | null {
  const p = member.property;
  if (!member.computed) {
    return p.type === "Identifier" ? p.name : p.type === "PrivateIdentifier" ? `#${p.name}` : null;
  }
  if (p.type === "Literal" && typeof p.value === "string") return p.value;
  if (p.type === "TemplateLiteral" && p.expressions.length === 0) return p.quasis[0].value.cooked ?? null;
  return null;
}

/** A string written literally: `"x"`, `'x'` or a template with no expressions. */
export function staticString(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}

/** The nearest enclosing function, or the Program. */
export function enclosingFunction(node: Node): FunctionNode | TSESTree.Program {
  let n: Node | undefined = node.parent;
  while (n) {
    if (isFunction(n) || n.type === "Program") return n;
    n = n.parent;
  }
  // Unreachable for attached nodes; the Program is always an ancestor.
  throw new Error("node is not attached to a Program");
}

/** The callee of `call` as a member expression, through optional chaining. */
export function calleeMember(call: TSESTree.CallExpression): TSESTree.MemberExpression | null {
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" ? callee : null;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
