/**
 * Copies of a client's methods (issue #14, item 4): code written for node_redis v2 / v3, whose
 * commands take callbacks, often calls them through a bound or promisified copy.
 *
 * - `client.setnx.bind(client)`: bound, still takes a callback;
 * - `promisify(client.setnx).bind(client)`, `promisify(client.setnx.bind(client))`,
 *   bluebird's `Promise.promisify(client.setnx, { context: client })`: promisified;
 * - bluebird's `promisifyAll(RedisClient.prototype)`, then `client.setnxAsync(k, v)` and
 *   `multi.execAsync()`: the `Async` twin of a method (`asyncTwin`).
 *
 * A copy counts only when its method is one of the client's (a command, exec, or a raw send) and
 * it is bound to the very client it was taken from: `promisify(client.get)` with no binding loses
 * `this` and is another bug, not a Redis call the model can vouch for.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "../../ast/nodes.js";
import { EXEC_METHODS, RAW_METHODS } from "../clients.js";
import { normaliseCommand } from "../commands.js";
import { calleeName } from "../../ast/expressions.js";
import type { AliasValue, RedisCall, RedisValue, Value } from "../types.js";
import { CREATED, isRedisValue } from "./values.js";

/** Function names that promisify a callback function: Node's `util.promisify`, bluebird's `Promise.promisify`, `pify`. */
const PROMISIFIERS = new Set(["promisify", "pify"]);

/** A method a client or transaction has: a command, exec, or a raw send. */
export function isClientMethod(method: string): boolean {
  return EXEC_METHODS.has(method) || RAW_METHODS.has(method) || normaliseCommand(method) !== null;
}

/**
 * The method bluebird's `promisifyAll` made `method` from (`setnxAsync` → `setnx`,
 * `execAsync` → `exec`), when the base is a client method; null otherwise.
 */
export function asyncTwin(method: string): string | null {
  if (method.length <= 5 || !method.endsWith("Async")) return null;
  const base = method.slice(0, -5);
  return isClientMethod(base) ? base : null;
}

/** `promisify(f)`, `util.promisify(f)`, `Promise.promisify(f)`, `pify(f)`: a call that promisifies its argument. */
export function isPromisifierCall(n: TSESTree.CallExpression): boolean {
  const name = calleeName(n);
  return name !== null && PROMISIFIERS.has(name);
}

/**
 * bluebird's `Promise.promisifyAll(client)` (or `promisifyAll(client)`): it adds the `xxxAsync`
 * twins to the object and returns that same object.
 */
export function isPromisifyAllCall(n: TSESTree.CallExpression): boolean {
  return calleeName(n) === "promisifyAll";
}

/** `promisify(f)`, `util.promisify(f)`, `Promise.promisify(f, opts)`, `pify(f)`: the function promisified. */
function promisified(n: TSESTree.CallExpression): Node | null {
  return isPromisifierCall(n) && n.arguments[0] ? unwrap(n.arguments[0]) : null;
}

/** `{ context: client }`, bluebird's binding option. */
function contextOption(opts: Node | undefined): Node | null {
  const o = opts && unwrap(opts);
  if (o?.type !== "ObjectExpression") return null;
  for (const p of o.properties) {
    if (p.type !== "Property" || p.computed) continue;
    if (p.key.type === "Identifier" && p.key.name === "context") return p.value;
  }
  return null;
}

/**
 * What `n` is when it is a copy of a client's method: the alias, or null. `evaluate` is the
 * evaluator's, so the receiver and the bound value are recognised as any other expression is.
 */
export function aliasOf(n: TSESTree.CallExpression, evaluate: (node: Node) => Value | null): AliasValue | null {
  const callee = unwrap(n.callee);
  // `X.bind(Y)`: X is `client.m` (bound) or `promisify(client.m)` (promisified).
  if (callee.type === "MemberExpression" && propertyName(callee) === "bind" && n.arguments.length >= 1) {
    const bound = unwrap(callee.object);
    const thisArg = n.arguments[0];
    if (bound.type === "MemberExpression") return methodCopy(bound, thisArg, false, evaluate);
    if (bound.type === "CallExpression") {
      const inner = promisified(bound);
      return inner?.type === "MemberExpression" ? methodCopy(inner, thisArg, true, evaluate) : null;
    }
    return null;
  }
  const f = promisified(n);
  if (!f) return null;
  // `promisify(client.m.bind(client))`
  if (f.type === "CallExpression") {
    const inner = aliasOf(f, evaluate);
    return inner && !inner.promisified ? { ...inner, promisified: true } : null;
  }
  // bluebird `Promise.promisify(client.m, { context: client })`
  const context = contextOption(n.arguments[1]);
  return f.type === "MemberExpression" && context ? methodCopy(f, context, true, evaluate) : null;
}

/** `receiver.method` bound to `thisArg`: an alias when both are the same client or transaction. */
function methodCopy(
  member: TSESTree.MemberExpression,
  thisArg: Node,
  promisifiedCopy: boolean,
  evaluate: (node: Node) => Value | null,
): AliasValue | null {
  const method = propertyName(member);
  if (!method || !isClientMethod(method)) return null;
  const target = evaluate(member.object);
  const bound = evaluate(thisArg);
  if (!isRedisValue(target) || !isRedisValue(bound) || !sameTarget(target, bound)) return null;
  return { kind: "alias", target, method, promisified: promisifiedCopy };
}

function sameTarget(a: RedisValue, b: RedisValue): boolean {
  if (a.kind === "client" || b.kind === "client")
    return a.kind === "client" && b.kind === "client" && a.key === b.key && a.key !== CREATED;
  return a.tx === b.tx;
}

/** A call that returns a promise where the client's method takes a callback (see `CallAlias`). */
export function isPromisified(call: RedisCall): boolean {
  return call.alias === "promisified" || call.alias === "async-method";
}
