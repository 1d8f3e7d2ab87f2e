/**
 * The fix writer that turns a read-modify-write of a counter into one INCRBY / DECRBY / HINCRBY,
 * in the client's spelling (`dialect.counterMethod`), when nothing else would change.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, contains, unwrap } from "../ast/nodes.js";
import type { RedisCall, ValueFlow } from "../model/index.js";
import type { Dialect } from "./types.js";

/** What to remove (the read's declaration), what to replace (the write) and with what. */
export interface IncrementRewrite {
  remove: Node;
  replace: Node;
  text: string;
  command: string;
}

/**
 * `const v = await c.get(k); ... await c.set(k, Number(v) + n);` with `v` used nowhere else:
 * the pair becomes `await c.incrby(k, n);` (or `decrby` for `-`). HGET / HSET with three
 * arguments becomes HINCRBY. Null when the rewrite would change anything else.
 */
export function incrementRewrite(
  read: RedisCall,
  write: RedisCall,
  dialect: Dialect,
  flow: ValueFlow,
  sourceCode: TSESLint.SourceCode,
): IncrementRewrite | null {
  if (read.raw || write.raw || read.receiver !== "client" || write.receiver !== "client") return null;
  // Bun's client has no INCRBY method to name.
  if (!dialect.hasCounterMethods) return null;
  const hash = read.command === "hget" && write.command === "hset" && read.args.length === 2 && write.args.length === 3;
  if (
    !hash &&
    !(read.command === "get" && write.command === "set" && read.args.length === 1 && write.args.length === 2)
  )
    return null;
  if (hash && sourceCode.getText(read.args[1]) !== sourceCode.getText(write.args[1])) return null;
  // The read: `const v = await c.get(k);`, alone in its declaration.
  const awaited = read.node.parent;
  if (awaited?.type !== "AwaitExpression") return null;
  const decl = awaited.parent;
  if (decl?.type !== "VariableDeclarator" || decl.init !== awaited || decl.id.type !== "Identifier") return null;
  const declaration = decl.parent;
  if (declaration?.type !== "VariableDeclaration" || declaration.declarations.length !== 1) return null;
  const [variable] = sourceCode.getDeclaredVariables(decl);
  if (!variable) return null;
  const reads = variable.references.filter((r) => r.isRead());
  const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== decl.id);
  if (reads.length !== 1 || writes.length) return null;
  const use = reads[0].identifier as Node;
  // The write: `await c.set(k, <conv(v)> + n)` as a statement of its own (its reply unused).
  const value = unwrap(write.args[hash ? 2 : 1]);
  if (!contains(value, use)) return null;
  const stmtExpr = write.node.parent?.type === "AwaitExpression" ? write.node.parent : write.node;
  if (stmtExpr.parent?.type !== "ExpressionStatement") return null;
  if (value.type !== "BinaryExpression" || (value.operator !== "+" && value.operator !== "-")) return null;
  const left = unwrap(value.left);
  const right = unwrap(value.right);
  let side: Node;
  let other: Node;
  if (contains(left, use)) {
    side = left;
    other = right;
  } else if (value.operator === "+" && contains(right, use)) {
    side = right;
    other = left;
  } else return null;
  if (!isNumericConversion(side, use, dialect.parsesNumbers)) return null;
  if (flow.usesIn(other).some((r) => r !== read.node)) return null;
  const command = hash ? "hincrby" : value.operator === "+" ? "incrby" : "decrby";
  const callee = unwrap(write.node.callee);
  if (callee.type !== "MemberExpression" || write.node.optional) return null;
  const client = sourceCode.getText(callee.object);
  const args = hash
    ? `${sourceCode.getText(write.args[0])}, ${sourceCode.getText(write.args[1])}, ${value.operator === "-" ? `-(${sourceCode.getText(other)})` : sourceCode.getText(other)}`
    : `${sourceCode.getText(write.args[0])}, ${sourceCode.getText(other)}`;
  return {
    remove: declaration,
    replace: write.node,
    text: `${client}.${dialect.counterMethod(command)}(${args})`,
    command: command.toUpperCase(),
  };
}

/**
 * `Number(v)`, `+v`, `Number(v ?? 0)`, `parseInt(v ?? "0", 10)`, `Number(v) || 0`: a number
 * that is 0 when the key is missing, as INCRBY counts. For Upstash, which parses numbers, also
 * `v` and `v ?? 0` (`parsesNumbers`).
 */
function isNumericConversion(n: Node, use: Node, parsesNumbers: boolean): boolean {
  const u = unwrap(n);
  if (parsesNumbers && isValueOf(u, use, true)) return true;
  if (u.type === "UnaryExpression" && u.operator === "+") return isValueOf(u.argument, use, true);
  if (u.type === "CallExpression" && u.callee.type === "Identifier" && u.arguments[0]) {
    if (u.callee.name === "Number" && u.arguments.length === 1) return isValueOf(u.arguments[0], use, true);
    if (u.callee.name === "parseInt") {
      const radix = u.arguments[1] ? unwrap(u.arguments[1]) : null;
      if (u.arguments.length > 2 || (radix && !(radix.type === "Literal" && radix.value === 10))) return false;
      return isValueOf(u.arguments[0], use, false);
    }
  }
  if (u.type === "LogicalExpression" && (u.operator === "||" || u.operator === "??") && isZero(u.right)) {
    const inner = unwrap(u.left);
    if (inner.type === "CallExpression" && inner.callee.type === "Identifier" && inner.callee.name === "parseInt") {
      const radix = inner.arguments[1] ? unwrap(inner.arguments[1]) : null;
      return (
        inner.arguments.length <= 2 &&
        (!radix || (radix.type === "Literal" && radix.value === 10)) &&
        !!inner.arguments[0] &&
        isValueOf(inner.arguments[0], use, true)
      );
    }
    return isNumericConversion(inner, use, parsesNumbers);
  }
  return false;
}

function isZero(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "Literal" && (u.value === 0 || u.value === "0");
}

/** `v` itself (when `bare`), or `v ?? 0` / `v || "0"`. */
function isValueOf(n: Node, use: Node, bare: boolean): boolean {
  const u = unwrap(n);
  if (u === use) return bare;
  return (
    u.type === "LogicalExpression" &&
    (u.operator === "||" || u.operator === "??") &&
    unwrap(u.left) === use &&
    isZero(u.right)
  );
}
