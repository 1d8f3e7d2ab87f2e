/**
 * Commands passed as data (evidence.ts, ledger L32): `x.multi(A)` / `x.pipeline(A)` whose result
 * is `exec()`ed, where A lists `[commandName, ...args]` entries (ioredis, node_redis v2/v3):
 * ratelimiter's `db.multi([["zremrangebyscore", key, 0, start], ["zcard", key], …]).exec(cb)`.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, enclosingFunction, outermost, propertyName, staticString, unwrap } from "../../ast/nodes.js";
import { constInit } from "../../ast/scope.js";
import { EXEC_METHODS } from "../clients.js";
import { isKnownCommand } from "../commands.js";
import type { Scopes } from "./scopes.js";
import { REDIS_ONLY } from "./vocabulary.js";

/**
 * `x.multi(A)` / `x.pipeline(A)` (`call`) given Redis commands as data, and `exec()`ed: the
 * entries name two distinct Redis commands, or one Redis-only command (REDIS_ONLY), and no entry
 * names anything else (`batch([["insert", row]])`, `[["get", id]]` alone, arrays of numbers are
 * not). The entries are read once, from the array literal A or the one literal its variable is given.
 */
export function queuesCommandList(
  call: TSESTree.CallExpression,
  sourceCode: TSESLint.SourceCode,
  scopes: Scopes,
): boolean {
  const first = call.arguments[0] as Node | undefined;
  const list = first && commandListLiteral(first, call, sourceCode);
  if (!list) return false;
  const commands = new Set<string>();
  let redisOnly = false;
  for (const entry of list.elements) {
    if (!entry || entry.type === "SpreadElement" || entry.type === "Identifier") continue;
    // Anything else that is not `[name, …]` says the list is not commands (`[1, 2]`, `"get"`, `{…}`).
    if (entry.type !== "ArrayExpression") {
      if (entry.type === "Literal" || entry.type === "ObjectExpression" || entry.type === "TemplateLiteral")
        return false;
      continue;
    }
    const head = entry.elements[0];
    if (!head) return false;
    const name = staticString(head);
    if (name === null) {
      // `[1, 2]`, `[null]`: not a command entry; `[cmd, key]`: says nothing.
      if (head.type === "Literal") return false;
      continue;
    }
    const command = name.toLowerCase();
    if (!isKnownCommand(command)) return false;
    commands.add(command);
    if (REDIS_ONLY.has(command)) redisOnly = true;
  }
  if (commands.size < 2 && !redisOnly) return false;
  return execsResult(call, scopes);
}

/** `A` of `x.multi(A)`: an array literal, or the array literal a variable of the same function is given once (`constInit`). */
function commandListLiteral(
  arg: Node,
  call: TSESTree.CallExpression,
  sourceCode: TSESLint.SourceCode,
): TSESTree.ArrayExpression | null {
  const a = unwrap(arg);
  if (a.type === "ArrayExpression") return a;
  const init = a.type === "Identifier" ? constInit(a, sourceCode) : null;
  const literal = init && unwrap(init);
  if (literal?.type !== "ArrayExpression") return null;
  return enclosingFunction(literal) === enclosingFunction(call) ? literal : null;
}

/** Whether the MULTI or pipeline that `call` makes is `exec()`ed: chained, or through the variable it is given. */
function execsResult(call: TSESTree.CallExpression, scopes: Scopes): boolean {
  const execed = (object: Node): boolean => {
    const top = outermost(object);
    const member = top.parent;
    if (member?.type !== "MemberExpression" || member.object !== top || member.computed) return false;
    const next = outermost(member).parent;
    return (
      next?.type === "CallExpression" &&
      next.callee === outermost(member) &&
      EXEC_METHODS.has(propertyName(member) ?? "")
    );
  };
  if (execed(call)) return true;
  const up = outermost(call);
  const decl = up.parent;
  if (decl?.type !== "VariableDeclarator" || decl.init !== up || decl.id.type !== "Identifier") return false;
  const v = scopes.variableOf(decl.id);
  return !!v && v.references.some((ref) => execed(ref.identifier));
}
