/**
 * Helpers for fixes and suggestions that insert or move whole statements: where a statement
 * may receive a sibling, the indentation to give it, whether `await` is allowed there, and
 * whether an expression can be evaluated earlier without changing what it means.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, contains, enclosingFunction, unwrap } from "../model/ast.js";

type Variable = TSESLint.Scope.Variable;

/** The statement is an element of a statement list (block, program, switch case, static block). */
export function inStatementList(stmt: Node): boolean {
  const p = stmt.parent;
  return (
    !!p &&
    (p.type === "BlockStatement" || p.type === "Program" || p.type === "SwitchCase" || p.type === "StaticBlock") &&
    (p.type === "SwitchCase" ? p.consequent.includes(stmt as TSESTree.Statement) : true)
  );
}

/** The whitespace before `node` on its line, when only whitespace precedes it there; otherwise null. */
export function lineIndent(sourceCode: TSESLint.SourceCode, node: Node): string | null {
  const text = sourceCode.text;
  const start = node.range[0];
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  return /^[ \t]*$/.test(before) ? before : null;
}

/** Text to put after an inserted statement so that `node` keeps its place: a newline and its indent, or a space. */
export function separatorBefore(sourceCode: TSESLint.SourceCode, node: Node): string {
  const indent = lineIndent(sourceCode, node);
  return indent === null ? " " : `\n${indent}`;
}

/** `await` may be written at `node`: inside an async function, or at the top level of a module. */
export function canAwaitAt(sourceCode: TSESLint.SourceCode, node: Node): boolean {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression") {
      return n.async;
    }
    // Class field initialisers and static blocks are function-like: no `await` there.
    if (n.type === "PropertyDefinition" || n.type === "StaticBlock" || n.type === "AccessorProperty") return false;
    if (n.type === "Program") return sourceCode.ast.sourceType === "module";
    n = n.parent;
  }
  return false;
}

/**
 * The expression can be evaluated at another place of the same function without side effects:
 * identifiers, `this`, literals, member paths without calls, templates and `+` of those, arrays
 * and spreads of those.
 */
export function isPure(node: Node | null | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  switch (n.type) {
    case "Identifier":
    case "ThisExpression":
    case "Literal":
      return true;
    case "TemplateLiteral":
      return n.expressions.every((e) => isPure(e));
    case "BinaryExpression":
      return n.operator === "+" && isPure(n.left as Node) && isPure(n.right);
    case "MemberExpression":
      return isPure(n.object) && (!n.computed || isPure(n.property));
    case "ArrayExpression":
      return n.elements.every((e) => e !== null && isPure(e));
    case "SpreadElement":
      return isPure(n.argument);
    case "UnaryExpression":
      return (n.operator === "-" || n.operator === "+") && isPure(n.argument);
    default:
      return false;
  }
}

/** Identifiers read by a pure expression (not property names). */
export function identifiersOf(node: Node, out: TSESTree.Identifier[] = []): TSESTree.Identifier[] {
  const n = unwrap(node);
  switch (n.type) {
    case "Identifier":
      out.push(n);
      break;
    case "TemplateLiteral":
      for (const e of n.expressions) identifiersOf(e, out);
      break;
    case "BinaryExpression":
      identifiersOf(n.left as Node, out);
      identifiersOf(n.right, out);
      break;
    case "MemberExpression":
      identifiersOf(n.object, out);
      if (n.computed) identifiersOf(n.property, out);
      break;
    case "ArrayExpression":
      for (const e of n.elements) if (e) identifiersOf(e, out);
      break;
    case "SpreadElement":
    case "UnaryExpression":
      identifiersOf(n.argument, out);
      break;
    default:
      break;
  }
  return out;
}

/** The variable `id` refers to, looked up from the scope of `id`. */
export function variableOf(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): Variable | null {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id);
  while (scope) {
    const ref = scope.references.find((r) => r.identifier === id);
    if (ref) return ref.resolved;
    const v = scope.set.get(id.name);
    if (v && v.defs.some((d) => d.name === id)) return v;
    scope = scope.upper;
  }
  return null;
}

/** The variable the name `name` denotes at `node`. */
export function lookup(sourceCode: TSESLint.SourceCode, node: Node, name: string): Variable | null {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  while (scope) {
    const v = scope.set.get(name);
    if (v) return v;
    scope = scope.upper;
  }
  return null;
}

/**
 * Every identifier read by the pure expression `expr` means the same at `at` (another place in
 * the same function, before or after it) as where `expr` is written: it names the same variable
 * there, that variable is declared before both, and nothing assigns it between the two.
 */
export function sameMeaningAt(sourceCode: TSESLint.SourceCode, expr: Node, at: Node): boolean {
  if (!isPure(expr)) return false;
  if (enclosingFunction(expr) !== enclosingFunction(at)) return false;
  const lo = Math.min(at.range[0], expr.range[0]);
  const hi = Math.max(at.range[0], expr.range[0]);
  for (const id of identifiersOf(expr)) {
    const variable = variableOf(sourceCode, id);
    if (!variable) {
      // A global: fine as long as nothing nearer shadows it at `at`.
      if (lookup(sourceCode, at, id.name)) return false;
      continue;
    }
    if (lookup(sourceCode, at, id.name) !== variable) return false;
    const def = variable.defs[0];
    if (def && def.type !== "Parameter" && def.type !== "ImportBinding" && def.type !== "FunctionName" && def.type !== "ClassName") {
      if (def.name.range[0] >= lo) return false;
    }
    for (const ref of variable.references) {
      if (!ref.isWrite()) continue;
      const r = ref.identifier.range[0];
      if (r >= lo && r < hi) return false;
    }
  }
  return true;
}

/** The range to delete to remove a whole statement: its lines when it stands alone on them. */
export function statementRemovalRange(sourceCode: TSESLint.SourceCode, stmt: Node): [number, number] {
  const text = sourceCode.text;
  const [start, end] = stmt.range;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const after = text.slice(end).match(/^[ \t]*(?:\r?\n|$)/);
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && after) {
    return [lineStart, end + after[0].length];
  }
  // Not alone on its line: drop the statement and the spaces after it.
  const spaces = text.slice(end).match(/^[ \t]*/)?.[0].length ?? 0;
  return [start, end + spaces];
}

/**
 * The statement contains a `return`, `throw`, `break` or `continue` (outside nested functions):
 * control may leave it other than by running to its end.
 */
export function mayLeave(sourceCode: TSESLint.SourceCode, stmt: Node): boolean {
  const keys = sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: Node[] = [stmt];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "ReturnStatement" || n.type === "ThrowStatement" || n.type === "BreakStatement" || n.type === "ContinueStatement") {
      return true;
    }
    if (n !== stmt && (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression" || n.type === "ClassBody")) {
      continue;
    }
    for (const key of keys[n.type] ?? []) {
      const child = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as Node).type === "string") stack.push(c as Node);
      } else if (child && typeof (child as Node).type === "string") {
        stack.push(child as Node);
      }
    }
  }
  return false;
}

/**
 * No run of the function reaches `later` after `first`: they sit in different branches of an
 * `if`, a `?:` or a `switch` (whose case ends by leaving), or `first`'s block returns or throws
 * before control gets back to where `later` is.
 */
export function exclusive(first: Node, later: Node): boolean {
  let child: Node = first;
  for (let a = first.parent; a; child = a, a = a.parent) {
    if (contains(a, later)) {
      if (a.type === "IfStatement" || a.type === "ConditionalExpression") {
        return !!a.alternate && ((a.consequent === child && contains(a.alternate, later)) || (a.alternate === child && contains(a.consequent, later)));
      }
      if (a.type === "SwitchStatement" && child.type === "SwitchCase") {
        const last = child.consequent[child.consequent.length - 1];
        return !!last && !contains(child, later) && LEAVING_STATEMENTS.has(last.type);
      }
      return false;
    }
    if (a.type === "FunctionDeclaration" || a.type === "FunctionExpression" || a.type === "ArrowFunctionExpression") return false;
    const list = a.type === "BlockStatement" ? a.body : a.type === "SwitchCase" ? a.consequent : null;
    if (list) {
      const i = list.indexOf(child as TSESTree.Statement);
      if (i >= 0 && list.slice(i + 1).some((s) => s.type === "ReturnStatement" || s.type === "ThrowStatement")) return true;
    }
  }
  return false;
}

const LEAVING_STATEMENTS = new Set(["ReturnStatement", "ThrowStatement", "BreakStatement", "ContinueStatement"]);
