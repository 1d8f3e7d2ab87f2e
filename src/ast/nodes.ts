/** Small AST helpers that know nothing of Redis, shared by the model and the rules. */
import type { TSESTree } from "@typescript-eslint/utils";

export type Node = TSESTree.Node;
export type FunctionNode =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

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

/** The name a key or member property is written with when not computed (`#x` for a private name), or null. */
export function keyName(key: Node): string | null {
  return key.type === "Identifier" ? key.name : key.type === "PrivateIdentifier" ? `#${key.name}` : null;
}

/** The name of a non-computed member property, or of a computed one written as a string literal. */
export function propertyName(member: TSESTree.MemberExpression): string | null {
  const p = member.property;
  if (!member.computed) return keyName(p);
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

/** The class whose instance `this` is at `node`; null in a plain function (not a method or arrow) or outside classes. */
export function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.type === "ClassDeclaration" || n.type === "ClassExpression") return n;
    // `this` inside a plain function (not a method or arrow) is not the instance.
    if (
      (n.type === "FunctionDeclaration" || n.type === "FunctionExpression") &&
      n.parent?.type !== "MethodDefinition" &&
      n.parent?.type !== "Property"
    ) {
      return null;
    }
    n = n.parent;
  }
  return null;
}

/** The name of the function (or method) around `node`, if it has one. */
export function enclosingFunctionName(node: Node): string | null {
  let n: Node | undefined = node.parent;
  while (n && !isFunction(n)) n = n.parent;
  if (!n) return null;
  if (n.type !== "ArrowFunctionExpression" && n.id) return n.id.name;
  const p = n.parent;
  if (!p) return null;
  if ((p.type === "MethodDefinition" || p.type === "Property" || p.type === "PropertyDefinition") && !p.computed) {
    return p.key.type === "Identifier"
      ? p.key.name
      : p.key.type === "PrivateIdentifier"
        ? p.key.name
        : staticString(p.key);
  }
  if (p.type === "VariableDeclarator" && p.id.type === "Identifier") return p.id.name;
  return null;
}

/** A name that is no variable: a property or member key, a label, an export alias. */
export function isKeyOrLabel(id: TSESTree.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  switch (p.type) {
    case "Property":
      return p.key === id && !p.computed && !p.shorthand;
    case "MethodDefinition":
    case "PropertyDefinition":
    case "AccessorProperty":
    case "TSAbstractMethodDefinition":
    case "TSAbstractPropertyDefinition":
    case "TSAbstractAccessorProperty":
    case "TSPropertySignature":
    case "TSMethodSignature":
      return p.key === id && !p.computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return true;
    case "ExportSpecifier":
      return p.exported === id && p.local !== id && p.local.range[0] !== id.range[0];
    case "TSQualifiedName":
      return p.right === id;
    case "MetaProperty":
    case "ImportAttribute":
      return true;
    default:
      return false;
  }
}

/**
 * How this file can name a value export of a package (`TimeUnit`, `Script` from valkey-glide):
 * the local name of a value import, `ns.Name` through a namespace import, or null.
 */
export function importedValueName(program: TSESTree.Program, source: string, name: string): string | null {
  for (const stmt of program.body) {
    if (stmt.type !== "ImportDeclaration" || stmt.source.value !== source || stmt.importKind === "type") continue;
    for (const spec of stmt.specifiers) {
      if (spec.type === "ImportNamespaceSpecifier") return `${spec.local.name}.${name}`;
      if (spec.type !== "ImportSpecifier" || spec.importKind === "type") continue;
      const imported = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
      if (imported === name) return spec.local.name;
    }
  }
  return null;
}
