/**
 * How the reply of a cursor command (SCAN, HSCAN, SSCAN, ZSCAN) is used: whether the code reads
 * the page and never the cursor (no-incomplete-scan). Decided from the code's shape, the same for
 * every client: an array reply `[cursor, items]` (ioredis, Upstash, GLIDE, Bun, raw calls,
 * node-redis v3) or node-redis's object `{ cursor, keys | members | tuples | entries }`
 * (docs/semantics.md §13). Whatever else happens to the reply (returned, passed on, stored,
 * spread) counts as keeping the cursor: a paging API hands it to its caller.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { useOf } from "../ast/usage.js";
import type { RedisCall } from "./types.js";

/** The commands whose reply is one page and a cursor. */
export const CURSOR_COMMANDS: ReadonlySet<string> = new Set(["scan", "hscan", "sscan", "zscan"]);

/** node-redis's names for the page in the reply object (v4 and v5). */
const PAGE_FIELDS = new Set(["keys", "members", "tuples", "entries"]);

/** How deep the reply is followed through variables and `.then` callbacks. */
const MAX_DEPTH = 4;

/**
 * The call's reply is read for its page while its cursor is never read: `const [, keys] = await
 * redis.scan(0)`, `(await redis.scan(0))[1]`, `const { keys } = await client.scan(0)`, a reply
 * variable only indexed at 1 / `.keys`, a callback or `.then` doing the same.
 */
export function cursorDropped(call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  const args = call.node.arguments;
  const last = args.length > 0 ? args[args.length - 1] : null;
  // A callback (node-redis v3, ioredis): `(err, reply) => ...`.
  if (last && isFunction(last)) {
    const reply = last.params[1] as Node | undefined;
    return !!reply && bindingDropsCursor(reply, sourceCode, 0);
  }
  return valueDropsCursor(call.node, sourceCode, 0);
}

/** The reply's value, at `expr`, is used for its page only. */
function valueDropsCursor(expr: Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const use = useOf(expr, sourceCode);
  switch (use.kind) {
    case "destructured": {
      const p = use.parent;
      if (p.type === "VariableDeclarator") return bindingDropsCursor(p.id, sourceCode, depth);
      if (p.type === "AssignmentExpression") return assignedDropsCursor(p.left);
      return false;
    }
    case "variable": {
      const variable = use.variable;
      if (!variable) return false;
      return variableDropsCursor(variable, use.node, sourceCode, depth);
    }
    case "member": {
      const member = use.parent;
      if (member.type !== "MemberExpression") return false;
      if (isPageMember(member)) return true;
      // `.then(([, keys]) => ...)`
      const call = member.parent;
      if (
        propertyName(member) === "then" &&
        call?.type === "CallExpression" &&
        call.callee === member &&
        isFunction(call.arguments[0])
      ) {
        const param = call.arguments[0].params[0] as Node | undefined;
        return !!param && bindingDropsCursor(param, sourceCode, depth + 1);
      }
      return false;
    }
    default:
      return false;
  }
}

/** `reply[1]`, `reply.keys`, `reply.members`: the page, not the cursor. */
function isPageMember(member: TSESTree.MemberExpression): boolean {
  const p = member.property;
  if (member.computed) return p.type === "Literal" && (p.value === 1 || p.value === "1");
  const name = propertyName(member);
  return name !== null && PAGE_FIELDS.has(name);
}

/** A declared binding (a `const` / `let` pattern or a parameter) of the reply keeps the page and drops the cursor. */
function bindingDropsCursor(target: Node, sourceCode: TSESLint.SourceCode, depth: number): boolean {
  const pattern = target.type === "AssignmentPattern" ? target.left : target;
  switch (pattern.type) {
    case "ArrayPattern": {
      const [cursor, page] = pattern.elements;
      if (pattern.elements.length < 2 || !page) return false;
      if (!cursor) return true;
      return cursor.type === "Identifier" && neverRead(cursor, sourceCode);
    }
    case "ObjectPattern": {
      let hasPage = false;
      let cursor: Node | null = null;
      for (const prop of pattern.properties) {
        if (prop.type === "RestElement" || prop.computed) return false;
        const key = prop.key.type === "Identifier" ? prop.key.name : String((prop.key as TSESTree.Literal).value);
        if (key === "cursor") cursor = prop.value;
        else if (PAGE_FIELDS.has(key)) hasPage = true;
        else return false;
      }
      if (!hasPage) return false;
      return !cursor || (cursor.type === "Identifier" && neverRead(cursor, sourceCode));
    }
    case "Identifier": {
      const variable = findVariable(pattern, sourceCode);
      return !!variable && variableDropsCursor(variable, pattern, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

/** `[, keys] = await redis.scan(...)`: an assignment that drops the cursor (a hole where it would go). */
function assignedDropsCursor(left: Node): boolean {
  if (left.type !== "ArrayPattern") return false;
  const [cursor, page] = left.elements;
  return left.elements.length >= 2 && !!page && !cursor;
}

/** Every read of the variable holding the reply takes the page (`reply[1]`, `reply.keys`, or a destructuring that does). */
function variableDropsCursor(
  variable: TSESLint.Scope.Variable,
  init: Node,
  sourceCode: TSESLint.SourceCode,
  depth: number,
): boolean {
  if (depth > MAX_DEPTH) return false;
  let reads = 0;
  for (const ref of variable.references) {
    // Assigned again: another reply, perhaps inside a loop.
    if (ref.isWrite() && ref.writeExpr && ref.writeExpr !== init) return false;
    if (!ref.isRead()) continue;
    reads++;
    const use = useOf(ref.identifier, sourceCode);
    if (use.kind === "member" && use.parent.type === "MemberExpression" && isPageMember(use.parent)) continue;
    if (use.kind === "destructured" && use.parent.type === "VariableDeclarator") {
      if (bindingDropsCursor(use.parent.id, sourceCode, depth + 1)) continue;
    }
    return false;
  }
  return reads > 0;
}

/** A declared name that nothing reads. */
function neverRead(id: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = findVariable(id, sourceCode);
  return !!variable && !variable.references.some((r) => r.isRead());
}
