/**
 * Expression and statement helpers that know nothing about Redis: what an operator compares,
 * which identifiers a pattern binds, whether a statement always leaves its block.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "./nodes.js";

/** `===`, `!=`, `<`, `>=`, `instanceof`, `in`: an operator whose result is a comparison. */
export function isComparison(op: string): boolean {
  return /^(?:[=!]==?|[<>]=?|instanceof|in)$/.test(op);
}

/** `null`, `undefined`, or the string `"undefined"` (as compared with `typeof x`). */
export function isNullish(n: Node): boolean {
  const u = unwrap(n);
  if (u.type === "Literal" && u.value === null && !("regex" in u)) return true;
  if (u.type === "Identifier" && u.name === "undefined") return true;
  return u.type === "Literal" && u.value === "undefined";
}

/** The name a call calls: `f` for `f()`, `m` for `o.m()`; null for computed callees. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const c = unwrap(call.callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return null;
}

/** Identifiers bound by a declaration or assignment pattern. */
export function patternIds(pattern: Node, out: TSESTree.Identifier[] = []): TSESTree.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) if (e) patternIds(e, out);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIds(p.type === "Property" ? p.value : p, out);
      break;
    case "AssignmentPattern":
      patternIds(pattern.left, out);
      break;
    case "RestElement":
      patternIds(pattern.argument, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * A statement that always leaves its block: `return`, `throw`, `break`, `continue` (and, with
 * `processExit`, a `process.exit(...)` statement), or a block or `if`/`else` whose every way out is one.
 */
export function alwaysExits(s: Node | null | undefined, processExit = false): boolean {
  if (!s) return false;
  switch (s.type) {
    case "ReturnStatement":
    case "ThrowStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return true;
    case "BlockStatement":
      return s.body.some((b) => alwaysExits(b, processExit));
    case "IfStatement":
      return alwaysExits(s.consequent, processExit) && alwaysExits(s.alternate, processExit);
    case "ExpressionStatement":
      return processExit && isProcessExit(s.expression);
    default:
      return false;
  }
}

/** `process.exit(...)`. */
function isProcessExit(expression: Node): boolean {
  const e = unwrap(expression);
  if (e.type !== "CallExpression") return false;
  const callee = unwrap(e.callee);
  if (callee.type !== "MemberExpression") return false;
  const object = unwrap(callee.object);
  return object.type === "Identifier" && object.name === "process" && propertyName(callee) === "exit";
}

/** Calls that throw when their argument is false: `assert(...)`, `assert.ok(...)`, `invariant(...)`. */
export function isAssertion(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return /^(?:assert\w*|invariant)$/.test(callee.name);
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "assert";
}

/** Splits `acquireLock`, `redlock.using`, `LOCK_KEY` into lower-case words. */
export function nameWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
