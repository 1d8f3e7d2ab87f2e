/**
 * Null guards, knowing nothing of Redis: whether a use of a variable only runs once the variable
 * is known not to be null (`if (res)`, `if (res === null) return;`, `res && res[0]`, `res ??= []`,
 * an assertion, a retry loop that breaks when it is set), given a test `isVar` for the
 * variable's references.
 */
import { alwaysExits, calleeName } from "./expressions.js";
import { type Node, unwrap } from "./nodes.js";

/** Calls that throw when their argument is falsy (node:assert, tiny-invariant, vitest/jest `expect`). */
export const ASSERTS: ReadonlySet<string> = new Set([
  "assert",
  "ok",
  "invariant",
  "assertNotNull",
  "assertDefined",
  "assertExists",
  "expect",
  "strictAssert",
]);

function isNullLiteral(node: Node): boolean {
  const n = unwrap(node);
  return (
    (n.type === "Literal" && n.value === null && !("regex" in n)) || (n.type === "Identifier" && n.name === "undefined")
  );
}

function isStrictNull(node: Node): boolean {
  const n = unwrap(node);
  return n.type === "Literal" && n.value === null && !("regex" in n);
}

/** Does `stmt` give the variable a value (`res = []`, `res ??= []`)? */
function assignsVariable(stmt: Node | null | undefined, isVar: (n: Node) => boolean): boolean {
  if (!stmt) return false;
  if (stmt.type === "BlockStatement") return stmt.body.some((s) => assignsVariable(s, isVar));
  if (stmt.type !== "ExpressionStatement") return false;
  const e = unwrap(stmt.expression);
  return e.type === "AssignmentExpression" && isVar(e.left);
}

function optionalOn(expr: Node, isVar: (n: Node) => boolean): boolean {
  let n = unwrap(expr);
  let optional = false;
  while (n.type === "MemberExpression" || n.type === "CallExpression") {
    if (n.optional) optional = true;
    n = unwrap(n.type === "MemberExpression" ? n.object : n.callee);
  }
  return optional && isVar(n);
}

/** True when `test` being truthy means the variable is not null. */
export function truthyTest(test: Node, isVar: (n: Node) => boolean): boolean {
  const t = unwrap(test);
  if (isVar(t)) return true;
  switch (t.type) {
    case "UnaryExpression":
      return t.operator === "!" && falsyTest(t.argument, isVar);
    case "LogicalExpression":
      return t.operator === "&&" && (truthyTest(t.left, isVar) || truthyTest(t.right, isVar));
    case "BinaryExpression": {
      const { left, right } = t as { left: Node; right: Node };
      if (t.operator === "!==" || t.operator === "!=") {
        if (isVar(left) && (t.operator === "!=" ? isNullLiteral(right) : isStrictNull(right))) return true;
        if (isVar(right) && (t.operator === "!=" ? isNullLiteral(left) : isStrictNull(left))) return true;
      }
      if (t.operator === "instanceof" && isVar(left)) return true;
      // `res?.length > 0`, `res?.[0]?.[1] === "OK"`
      if (/^(?:===|==|>|>=|<|<=)$/.test(t.operator)) {
        if (optionalOn(left, isVar) && !isNullLiteral(right)) return true;
        if (optionalOn(right, isVar) && !isNullLiteral(left)) return true;
      }
      return false;
    }
    case "CallExpression": {
      const name = calleeName(t);
      if ((name === "isArray" || name === "Boolean") && t.arguments[0] && isVar(t.arguments[0])) return true;
      return false;
    }
    case "MemberExpression":
      return optionalOn(t, isVar);
    default:
      return false;
  }
}

/** True when `test` being falsy means the variable is not null. */
export function falsyTest(test: Node, isVar: (n: Node) => boolean): boolean {
  const t = unwrap(test);
  switch (t.type) {
    case "UnaryExpression":
      return t.operator === "!" && truthyTest(t.argument, isVar);
    case "LogicalExpression":
      return t.operator === "||" && (falsyTest(t.left, isVar) || falsyTest(t.right, isVar));
    case "BinaryExpression": {
      const { left, right } = t as { left: Node; right: Node };
      if (t.operator === "===" || t.operator === "==") {
        if (isVar(left) && (t.operator === "==" ? isNullLiteral(right) : isStrictNull(right))) return true;
        if (isVar(right) && (t.operator === "==" ? isNullLiteral(left) : isStrictNull(left))) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

/** Does `stmt`, run before a later statement of the same list, guarantee a non-null variable? */
function guardsAfter(stmt: Node, isVar: (n: Node) => boolean): boolean {
  switch (stmt.type) {
    case "IfStatement":
      if (
        falsyTest(stmt.test, isVar) &&
        (alwaysExits(stmt.consequent, true) || assignsVariable(stmt.consequent, isVar))
      )
        return true;
      if (truthyTest(stmt.test, isVar) && stmt.alternate && alwaysExits(stmt.alternate, true)) return true;
      return false;
    case "ExpressionStatement": {
      const e = unwrap(stmt.expression);
      if (e.type === "CallExpression") {
        const name = calleeName(e);
        return !!name && ASSERTS.has(name) && !!e.arguments[0] && truthyTest(e.arguments[0], isVar);
      }
      // `res ??= []`, `res = res ?? []`
      if (e.type === "AssignmentExpression" && isVar(e.left)) {
        return (
          e.operator === "??=" ||
          e.operator === "||=" ||
          (e.operator === "=" && unwrap(e.right).type === "LogicalExpression")
        );
      }
      return false;
    }
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForStatement":
      if (stmt.test && falsyTest(stmt.test, isVar)) return true;
      return breaksWhenSet(stmt.body, isVar);
    default:
      return false;
  }
}

/** A retry loop that leaves with `if (res) break;` (or returns). */
function breaksWhenSet(body: Node, isVar: (n: Node) => boolean): boolean {
  const stmts = body.type === "BlockStatement" ? body.body : [body];
  return stmts.some(
    (s) =>
      s.type === "IfStatement" &&
      truthyTest(s.test, isVar) &&
      (s.consequent.type === "BreakStatement" ||
        (s.consequent.type === "BlockStatement" && s.consequent.body.some((b) => b.type === "BreakStatement"))),
  );
}

/**
 * Per statement list (block, Program, static block, or a `case`'s statements): its statements
 * that hold one of `ids`. Only those can be a guard (`guardsAfter` is true only through `isVar`
 * of a node inside the statement), so `isGuarded` looks at them, not at every statement before.
 */
export function statementsHolding(ids: ReadonlySet<Node>): Map<Node, Set<Node>> {
  const out = new Map<Node, Set<Node>>();
  for (const id of ids) {
    for (let n: Node = id; n.parent; n = n.parent) {
      const p: Node = n.parent;
      const inList =
        p.type === "BlockStatement" ||
        p.type === "Program" ||
        p.type === "StaticBlock" ||
        (p.type === "SwitchCase" && p.test !== n);
      if (!inList) continue;
      let set = out.get(p);
      if (!set) out.set(p, (set = new Set()));
      if (set.has(n)) break; // this id's statements further out are already in
      set.add(n);
    }
  }
  return out;
}

export function isGuarded(use: Node, isVar: (n: Node) => boolean, holders?: Map<Node, Set<Node>>): boolean {
  let child: Node = use;
  for (let a: Node | undefined = use.parent; a; child = a, a = a.parent) {
    switch (a.type) {
      case "IfStatement":
      case "ConditionalExpression":
        if (child === a.consequent && truthyTest(a.test, isVar)) return true;
        if (child === a.alternate && falsyTest(a.test, isVar)) return true;
        break;
      case "LogicalExpression":
        if (child === a.right && a.operator === "&&" && truthyTest(a.left, isVar)) return true;
        if (child === a.right && a.operator === "||" && falsyTest(a.left, isVar)) return true;
        break;
      case "WhileStatement":
      case "ForStatement":
        if (child === a.body && a.test && truthyTest(a.test, isVar)) return true;
        break;
      case "BlockStatement":
      case "Program":
      case "StaticBlock":
        if (holders) {
          // The statements before `child` (siblings do not overlap) that hold the variable.
          for (const s of holders.get(a) ?? []) if (s.range[1] <= child.range[0] && guardsAfter(s, isVar)) return true;
          break;
        }
        for (const s of a.body as Node[]) {
          if (s === child) break;
          if (guardsAfter(s, isVar)) return true;
        }
        break;
      case "SwitchCase":
        if (holders) {
          // From the test, every statement of the case; from a statement, those before it.
          for (const s of holders.get(a) ?? [])
            if ((child === a.test || s.range[1] <= child.range[0]) && guardsAfter(s, isVar)) return true;
          break;
        }
        for (const s of a.consequent) {
          if (s === child) break;
          if (guardsAfter(s, isVar)) return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}
