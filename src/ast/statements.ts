/**
 * Helpers for fixes and suggestions that insert or move whole statements: where a statement
 * may receive a sibling, the indentation to give it, whether `await` is allowed there, and
 * whether an expression can be evaluated earlier without changing what it means.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, contains, enclosingFunction, isFunction, unwrap } from "./nodes.js";
import { findVariable, referenceOf } from "./scope.js";
import { walk } from "./walk.js";

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
      return n.operator === "+" && isPure(n.left) && isPure(n.right);
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
      identifiersOf(n.left, out);
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
    const ref = referenceOf(scope, id);
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
    if (
      def &&
      def.type !== "Parameter" &&
      def.type !== "ImportBinding" &&
      def.type !== "FunctionName" &&
      def.type !== "ClassName"
    ) {
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
  return walk(stmt, sourceCode.visitorKeys, (n) => {
    if (
      n.type === "ReturnStatement" ||
      n.type === "ThrowStatement" ||
      n.type === "BreakStatement" ||
      n.type === "ContinueStatement"
    ) {
      return "stop";
    }
    if (
      n !== stmt &&
      (n.type === "FunctionDeclaration" ||
        n.type === "FunctionExpression" ||
        n.type === "ArrowFunctionExpression" ||
        n.type === "ClassBody")
    ) {
      return "skip";
    }
  });
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
        return (
          !!a.alternate &&
          ((a.consequent === child && contains(a.alternate, later)) ||
            (a.alternate === child && contains(a.consequent, later)))
        );
      }
      if (a.type === "SwitchStatement" && child.type === "SwitchCase") {
        const last = child.consequent[child.consequent.length - 1];
        return !!last && !contains(child, later) && LEAVING_STATEMENTS.has(last.type);
      }
      return false;
    }
    if (a.type === "FunctionDeclaration" || a.type === "FunctionExpression" || a.type === "ArrowFunctionExpression")
      return false;
    const list = a.type === "BlockStatement" ? a.body : a.type === "SwitchCase" ? a.consequent : null;
    if (list) {
      const i = list.indexOf(child as TSESTree.Statement);
      if (i >= 0 && list.slice(i + 1).some((s) => s.type === "ReturnStatement" || s.type === "ThrowStatement"))
        return true;
    }
  }
  return false;
}

const LEAVING_STATEMENTS = new Set(["ReturnStatement", "ThrowStatement", "BreakStatement", "ContinueStatement"]);

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);

/** Nothing between `node` and the innermost ancestor that also holds `other` runs it more than once or elsewhere (a loop, a function). */
export function noLoopOrFunctionBetween(node: Node, other: Node): boolean {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.range[0] <= other.range[0] && other.range[1] <= n.range[1]) return true;
    if (LOOPS.has(n.type) || isFunction(n)) return false;
    n = n.parent;
  }
  return false;
}

/**
 * Can `expr` be written at `at` and mean what it means where it stands? Every variable it reads
 * must be the one visible at `at`, and must not be assigned after `at`. `simple` accepts only a
 * literal or an identifier; otherwise member paths, arithmetic and templates without calls are
 * accepted too.
 */
export function portableTo(expr: Node, at: Node, sourceCode: TSESLint.SourceCode, simple: boolean): boolean {
  const e = unwrap(expr);
  if (simple) {
    if (e.type === "Literal") return typeof e.value === "number" || typeof e.value === "string";
    if (e.type !== "Identifier") return false;
  }
  const ids: TSESTree.Identifier[] = [];
  const collect = (n: Node): boolean => {
    const u = unwrap(n);
    switch (u.type) {
      case "Literal":
        return typeof u.value === "number" || typeof u.value === "string";
      case "Identifier":
        ids.push(u);
        return true;
      case "ThisExpression":
        return true;
      case "MemberExpression":
        if (u.computed) return collect(u.object) && collect(u.property);
        return collect(u.object);
      case "BinaryExpression":
        return u.left.type !== "PrivateIdentifier" && collect(u.left) && collect(u.right);
      case "UnaryExpression":
        return (u.operator === "-" || u.operator === "+") && collect(u.argument);
      case "TemplateLiteral":
        return u.expressions.every(collect);
      default:
        return false;
    }
  };
  if (!collect(e)) return false;
  let scopeAt: TSESLint.Scope.Scope | null;
  try {
    scopeAt = sourceCode.getScope(at);
  } catch {
    return false;
  }
  for (const id of ids) {
    if (id.name === "undefined") continue;
    const variable = findVariable(id, sourceCode);
    // Resolution at `at`: the first scope outwards that declares the name.
    let s: TSESLint.Scope.Scope | null = scopeAt;
    let visible: TSESLint.Scope.Variable | null = null;
    while (s) {
      const v = s.set.get(id.name);
      if (v) {
        visible = v;
        break;
      }
      s = s.upper;
    }
    if (!variable) {
      if (visible && visible.defs.length) return false;
      continue;
    }
    if (visible !== variable) return false;
    for (const def of variable.defs) if (def.name.range[0] > at.range[0]) return false;
    for (const ref of variable.references) {
      if (ref.isWrite() && ref.identifier.range[0] > at.range[0]) return false;
    }
  }
  return true;
}

/**
 * A fix removing a whole statement: with its line(s) when it stands alone on them, else with the
 * spaces before it. A statement that is the body of `if`/`else`/a loop becomes `{}`.
 */
export function removeStatement(
  fixer: TSESLint.RuleFixer,
  stmt: TSESTree.Statement,
  sourceCode: TSESLint.SourceCode,
): TSESLint.RuleFix {
  const parent = stmt.parent;
  if (
    !parent ||
    (parent.type !== "BlockStatement" &&
      parent.type !== "Program" &&
      parent.type !== "SwitchCase" &&
      parent.type !== "StaticBlock")
  ) {
    return fixer.replaceText(stmt, "{}");
  }
  const text = sourceCode.text;
  let start = stmt.range[0];
  let end = stmt.range[1];
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd < 0) lineEnd = text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(end, lineEnd))) {
    // Alone on its line(s): take the line with it.
    start = lineStart;
    end = Math.min(lineEnd + 1, text.length);
  } else {
    // Shares a line: take the spaces before it.
    while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  }
  return fixer.removeRange([start, end]);
}

/**
 * The expression statement or variable declaration `node` is the whole value of (through
 * `await`, `!`, `as`, `?.` and a declarator's initialiser), or null.
 */
export function statementOfExpression(node: Node): Node | null {
  let n: Node = node;
  while (n.parent) {
    const p: Node = n.parent;
    if (p.type === "ExpressionStatement" || p.type === "VariableDeclaration") return p;
    if (
      p.type === "AwaitExpression" ||
      p.type === "TSNonNullExpression" ||
      p.type === "TSAsExpression" ||
      p.type === "ChainExpression" ||
      (p.type === "VariableDeclarator" && p.init === n)
    ) {
      n = p;
      continue;
    }
    return null;
  }
  return null;
}

const freeNames = new WeakMap<TSESLint.SourceCode, Map<string, string>>();

/** `base`, else `base2`, `base3`, ...: the first that appears nowhere in the file's text as a word. Remembered per file. */
export function unusedName(sourceCode: TSESLint.SourceCode, base: string): string {
  let names = freeNames.get(sourceCode);
  if (!names) freeNames.set(sourceCode, (names = new Map<string, string>()));
  const known = names.get(base);
  if (known !== undefined) return known;
  const text = sourceCode.text;
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}${i}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) {
      names.set(base, name);
      return name;
    }
  }
}
