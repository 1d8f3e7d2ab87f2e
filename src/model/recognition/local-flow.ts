/**
 * Values that cross functions of the same file, the way a reader follows them:
 * - returned: what a local function, method, getter or prototype method returns reaches its
 *   callers (`getRedis()`, `this.redis()`, `get client() { return this.redis }`,
 *   `this.multi()` of `Queue.prototype.multi = function () { return this.client.multi() }`);
 * - passed: a client passed as an argument to a local function reaches its parameter
 *   (`redisInsStore(new Redis(options))` → `function redisInsStore(redisCache, …)`).
 * Precision first: every returned expression (a `null` / `undefined` aside) must be the same
 * value, and every call of the function in this file must pass the same client.
 * search.ts mirrors both steps forwards (`returnReaches`, `argumentReaches`).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, keyName, outermost, unwrap } from "../../ast/nodes.js";
import { callSitesOf, localFunction, prototypeMethod, returnedExpressions } from "../../ast/local-calls.js";
import type { Transactions } from "../transactions.js";
import type { Value } from "../types.js";
import type { ClassFields } from "./class-fields.js";
import { CREATED } from "./values.js";

/** A `null`, `undefined` or `void …` return: no value, not another one. */
function isNothing(n: Node): boolean {
  const e = unwrap(n);
  return (
    (e.type === "Literal" && e.value === null) ||
    (e.type === "Identifier" && e.name === "undefined") ||
    (e.type === "UnaryExpression" && e.operator === "void")
  );
}

function sameValue(a: Value, b: Value): boolean {
  if (a.kind === "client" && b.kind === "client") return a.key === b.key && a.family === b.family;
  if ((a.kind === "transaction" || a.kind === "pipeline") && a.kind === b.kind) return a.tx === b.tx;
  return false;
}

/** The local function a callee runs: `f()`, `this.m()` in a class, `this.m()` of a prototype method. */
export function calledFunction(
  callee: Node,
  sourceCode: TSESLint.SourceCode,
  variableOf?: (id: TSESTree.Identifier) => TSESLint.Scope.Variable | null,
): FunctionNode | null {
  return localFunction(callee, sourceCode, variableOf) ?? prototypeMethod(callee, sourceCode);
}

/** The getter `get name() {…}` of the class `cls`, if it has one (not static). */
export function getterOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): FunctionNode | null {
  for (const m of cls.body.body) {
    if (m.type !== "MethodDefinition" || m.kind !== "get" || m.static || m.computed) continue;
    if (keyName(m.key) === name) return isFunction(m.value) ? m.value : null;
  }
  return null;
}

export class LocalFlow {
  private readonly returns = new Map<FunctionNode, Node[]>();
  private readonly sites = new Map<FunctionNode, TSESTree.CallExpression[] | null>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly evaluate: (node: Node) => Value | null,
    private readonly transactions: Transactions,
    private readonly fields: ClassFields,
  ) {}

  /**
   * What a call of `fn` at `call` gives: the one client or transaction every `return` of `fn`
   * gives. A client made inside `fn` is a new one at every call; a transaction returned is a new
   * one at every call too (opened at `call`, on the same client).
   */
  returnedBy(fn: FunctionNode, call: Node): Value | null {
    let list = this.returns.get(fn);
    if (!list) this.returns.set(fn, (list = returnedExpressions(fn, this.sourceCode.visitorKeys)));
    let result: Value | null = null;
    for (const e of list) {
      if (isNothing(e)) continue;
      const v = this.evaluate(e);
      if (!v || (result && !sameValue(result, v))) return null;
      result = v;
    }
    if (!result) return null;
    if (result.kind === "client") {
      if (result.lives === "shared") return result;
      // Made by the function (or handed to it): not the same object at two calls.
      return result.lives === "dedicated"
        ? { ...result, key: CREATED, origin: call }
        : { ...result, key: `returned:${call.range[0]}`, origin: call };
    }
    if (result.kind === "transaction" || result.kind === "pipeline") {
      const tx = this.transactions.transactionFor(call, result.family, result.tx.atomic, result.tx.client);
      return { ...result, tx };
    }
    return null;
  }

  /**
   * The calls of `fn` in this file: for a method, the `this.m()` calls among the class's
   * `this.m` uses (class-fields.ts finds them through the text, once per class and name).
   */
  private callSites(fn: FunctionNode): TSESTree.CallExpression[] | null {
    const p = fn.parent;
    if (
      (p?.type === "MethodDefinition" || p?.type === "PropertyDefinition") &&
      p.value === fn &&
      !p.computed &&
      !p.static &&
      p.parent.type === "ClassBody"
    ) {
      const cls = p.parent.parent;
      const name = keyName(p.key);
      const uses = name === null ? null : this.fields.thisMembers(cls, name)?.uses;
      if (!uses) return null;
      const sites: TSESTree.CallExpression[] = [];
      for (const use of uses) {
        const outer = outermost(use);
        const call = outer.parent;
        if (call?.type === "CallExpression" && call.callee === outer) sites.push(call);
      }
      return sites;
    }
    return callSitesOf(fn, this.sourceCode, { inFileOnly: true });
  }

  /**
   * The client every call of `fn` in this file passes as its parameter number `index` (at least
   * one call; a function also called from elsewhere counts by this file's calls), or null.
   */
  passedTo(fn: FunctionNode, index: number): Value | null {
    let sites = this.sites.get(fn);
    if (sites === undefined) this.sites.set(fn, (sites = this.callSites(fn)));
    if (!sites?.length) return null;
    let result: Value | null = null;
    for (const call of sites) {
      const arg = call.arguments[index] as Node | undefined;
      if (
        !arg ||
        arg.type === "SpreadElement" ||
        call.arguments.slice(0, index).some((a) => a.type === "SpreadElement")
      )
        return null;
      const v = this.evaluate(arg);
      if (v?.kind !== "client" || (result && !sameValue(result, v))) return null;
      result = v;
    }
    return result;
  }
}

/** The index of the parameter `name` declares in `fn` (a plain or defaulted identifier), or -1. */
export function parameterIndex(fn: Node, name: TSESTree.Identifier): number {
  if (!isFunction(fn)) return -1;
  return fn.params.findIndex((p) => p === name || (p.type === "AssignmentPattern" && p.left === name));
}
