/**
 * Error listeners on the clients a file creates: which node-redis clients, pools and duplicates
 * made here never get an `error` listener anywhere in the file (docs/semantics.md §11). Asked by
 * `require-error-listener`; computed once per model.
 *
 * A listener counts when it is `on` / `once` / `addListener` / `prependListener` with the event
 * "error" (or an event the file does not spell out), on the client itself, chained at creation or
 * later, or on the parameter of a function of this file the client is passed to. Exporting the
 * client (or returning a module-level singleton) does not exempt it; handing it to code outside
 * the file, storing it elsewhere or returning a client made in a function (the caller owns it)
 * does: whether that code listens is not known.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { localFunction } from "../ast/local-calls.js";
import {
  type FunctionNode,
  type Node,
  isFunction,
  keyName,
  outermost,
  propertyName,
  staticString,
  unwrap,
} from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { tokenIndexIn } from "../ast/tokens.js";
import { isNameChar } from "../ast/word-search.js";
import { type VisitorKeys, nodeAtPosition, walk } from "../ast/walk.js";
import type { ClientValue, FileModel } from "./types.js";

/** How a client object was made (mirrors the dialects' `ConnectionMade`). */
export type MadeAs = "client" | "pool" | "duplicate" | "cluster" | "sentinel";

export interface CreatedClient {
  /** The call that makes it: `createClient(...)`, `client.duplicate()`, `createClientPool(...)`. */
  node: TSESTree.CallExpression;
  client: ClientValue;
  made: MadeAs;
  /** The variable it is stored in (`const redis = createClient()`), when the declaration is the whole binding. */
  declaration: TSESTree.VariableDeclarator | null;
  /** Calls made on the creation's value straight away (`createClient().on(...).connect()`). */
  chained: boolean;
}

/** What the file does with a client, as far as error listeners are concerned. */
type Verdict = "listened" | "unknown" | "none";

const LISTENER_METHODS = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);
/** Methods that return the client itself (EventEmitter chaining, node-redis `connect()` in v5). */
const SAME_CLIENT = new Set([
  "on",
  "once",
  "off",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "removeListener",
  "setMaxListeners",
  "connect",
  "withTypeMapping",
  "withCommandOptions",
  "withAbortSignal",
]);
/** Factories that make each kind, by their exported name. */
const MADE_BY = new Map<string, MadeAs>([
  ["createClient", "client"],
  ["createCluster", "cluster"],
  ["createSentinel", "sentinel"],
  ["createClientPool", "pool"],
  ["createPool", "pool"],
  ["duplicate", "duplicate"],
]);
/** Recognitions trusted for a client made here (not a generic name the settings call a client). */
const TRUSTED = new Set<ClientValue["via"]>(["import", "type-annotation", "type-information", "structure"]);
/** How deep a client is followed into the file's own functions. */
const MAX_DEPTH = 3;

const cache = new WeakMap<FileModel, CreatedClient[]>();

/**
 * The clients this file creates with no `error` listener anywhere in it and whose every use is
 * seen: `exits(client, made)` says which of them an unhandled `error` takes down (the dialect's
 * `errorEventExits`). In source order.
 */
export function clientsWithoutErrorListener(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  exits: (client: ClientValue, made: MadeAs) => boolean,
): CreatedClient[] {
  let found = cache.get(model);
  if (!found) cache.set(model, (found = compute(model, sourceCode)));
  return found.filter((c) => exits(c.client, c.made));
}

function compute(model: FileModel, sourceCode: TSESLint.SourceCode): CreatedClient[] {
  const created: CreatedClient[] = [];
  for (const n of creationCalls(sourceCode)) {
    const made = madeAs(n, sourceCode);
    if (!made) continue;
    const v = model.valueOf(n);
    if (v?.kind !== "client" || v.origin !== n || !TRUSTED.has(v.via)) continue;
    created.push({
      node: n,
      client: v,
      made: v.cluster ? "cluster" : v.pool ? "pool" : made,
      declaration: null,
      chained: false,
    });
  }
  if (!created.length) return [];
  const uses = new Uses(sourceCode);
  return created.filter((c) => uses.ofCreation(c) === "none");
}

/**
 * The calls of a factory or method of MADE_BY (by its name, or the local name an import or a
 * top-level destructuring gives it), found through the text rather than a walk of the whole file:
 * in source order, an enclosing call before the calls inside it.
 */
/** Names as one global alternation, the longest first (`createClientPool` before `createClient`). */
function namesPattern(names: Iterable<string>): RegExp {
  const alternatives = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[$]/g, "\\$&"));
  return new RegExp(alternatives.join("|"), "g");
}
const MADE_BY_NAMES = namesPattern(MADE_BY.keys());

function creationCalls(sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] {
  const names = new Set(MADE_BY.keys());
  for (const s of sourceCode.ast.body) {
    if (s.type === "ImportDeclaration") {
      for (const spec of s.specifiers) {
        if (spec.type !== "ImportSpecifier") continue;
        const imported = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
        if (MADE_BY.has(imported)) names.add(spec.local.name);
      }
    } else if (s.type === "VariableDeclaration") {
      for (const d of s.declarations) {
        if (d.id.type !== "ObjectPattern") continue;
        for (const p of d.id.properties) {
          if (p.type !== "Property" || p.computed || p.key.type !== "Identifier" || !MADE_BY.has(p.key.name)) continue;
          const value = unwrap(p.value);
          if (value.type === "Identifier") names.add(value.name);
        }
      }
    }
  }
  const text = sourceCode.text;
  const keys = sourceCode.visitorKeys as VisitorKeys;
  const tokens = (sourceCode.ast as { tokens?: TSESTree.Token[] }).tokens;
  const calls = new Set<TSESTree.CallExpression>();
  // One pass of one expression over the text, not a substring search per name.
  const pattern = names.size === MADE_BY.size ? MADE_BY_NAMES : namesPattern(names);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const name = m[0];
    const at = m.index;
    if (isNameChar(text.charCodeAt(at - 1)) || isNameChar(text.charCodeAt(at + name.length))) continue;
    // Not in a comment or a string (an error message's "duplicate"): the AST is not needed there.
    if (tokens) {
      const i = tokenIndexIn(tokens, at);
      if (i < 0 || tokens[i].type !== "Identifier" || tokens[i].range[0] !== at) continue;
    }
    const id = nodeAtPosition(sourceCode.ast, at, keys);
    if (id.type !== "Identifier" || id.range[0] !== at || id.name !== name) continue;
    const callee = id.parent?.type === "MemberExpression" && id.parent.property === id ? id.parent : id;
    const outer = outermost(callee);
    const call = outer.parent;
    if (call?.type === "CallExpression" && call.callee === outer) calls.add(call);
  }
  return [...calls].sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
}

/** What a call makes, by the name of the factory or method it calls; null for anything else. */
function madeAs(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): MadeAs | null {
  const callee = unwrap(call.callee);
  if (callee.type === "MemberExpression") return MADE_BY.get(propertyName(callee) ?? "") ?? null;
  if (callee.type !== "Identifier") return null;
  // The exported name of an import, renamed or not: `import { createClient as makeRedis }`.
  const def = findVariable(callee, sourceCode)?.defs[0];
  if (def?.type === "ImportBinding" && def.node.type === "ImportSpecifier") {
    const imported = def.node.imported;
    return MADE_BY.get(imported.type === "Identifier" ? imported.name : imported.value) ?? null;
  }
  if (def?.type === "Variable" && def.node.id.type === "ObjectPattern") {
    for (const p of def.node.id.properties) {
      if (p.type === "Property" && unwrap(p.value) === def.name && !p.computed && p.key.type === "Identifier")
        return MADE_BY.get(p.key.name) ?? null;
    }
  }
  return MADE_BY.get(callee.name) ?? null;
}

/** Whether `call` attaches an error listener: `on("error", f)`, or an event not spelled out. */
function isErrorListener(call: TSESTree.CallExpression): boolean {
  const event = call.arguments[0] as Node | undefined;
  if (!event || call.arguments.length < 2) return false;
  const name = staticString(unwrap(event));
  return name === null || name === "error";
}

/** `x.method(...)` with `x` the expression: the call and the method name, else null. */
function methodCallOn(expr: Node): { call: TSESTree.CallExpression; method: string } | null {
  const member = expr.parent;
  if (member?.type !== "MemberExpression" || member.object !== expr) return null;
  const call = outermost(member).parent;
  if (call?.type !== "CallExpression" || unwrap(call.callee) !== member) return null;
  const method = propertyName(member);
  return method === null ? null : { call, method };
}

function worst(a: Verdict, b: Verdict): Verdict {
  if (a === "listened" || b === "listened") return "listened";
  if (a === "unknown" || b === "unknown") return "unknown";
  return "none";
}

const isModuleExports = (n: Node): boolean => {
  const u = unwrap(n);
  if (u.type === "Identifier") return u.name === "exports";
  return (
    u.type === "MemberExpression" &&
    ((unwrap(u.object).type === "Identifier" && (unwrap(u.object) as TSESTree.Identifier).name === "module") ||
      isModuleExports(u.object))
  );
};

/** The uses of clients in one file, remembered per variable, class field and parameter. */
class Uses {
  private readonly byVariable = new Map<TSESLint.Scope.Variable, Verdict>();
  private readonly byField = new Map<string, Verdict>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  /** The verdict for a client made at `c.node`: through the chain it is made in, then where it is stored. */
  ofCreation(c: CreatedClient): Verdict {
    let expr: Node = outermost(c.node);
    let verdict: Verdict = "none";
    // `createClient().on("error", f).connect()`, `await createClient().connect()`.
    for (;;) {
      const m = methodCallOn(expr);
      if (m) {
        c.chained = true;
        if (LISTENER_METHODS.has(m.method) && isErrorListener(m.call)) verdict = "listened";
        // `createClient().duplicate()`: the first client is never connected, nor kept.
        if (m.method === "duplicate" || m.method === "createPool") return "unknown";
        if (!SAME_CLIENT.has(m.method)) return verdict;
        expr = outermost(m.call);
        continue;
      }
      if (expr.parent?.type === "AwaitExpression") {
        expr = outermost(expr.parent);
        continue;
      }
      break;
    }
    if (verdict === "listened") return verdict;
    const p = expr.parent;
    if (!p) return "unknown";
    switch (p.type) {
      case "VariableDeclarator":
        if (p.init !== expr || p.id.type !== "Identifier") return "unknown";
        if (!c.chained) c.declaration = p;
        return this.ofVariable(findVariable(p.id, this.sourceCode), 0);
      case "AssignmentExpression": {
        if (p.right !== expr || p.operator !== "=") return "unknown";
        const left = unwrap(p.left);
        if (left.type === "Identifier") return this.ofVariable(findVariable(left, this.sourceCode), 0);
        if (isModuleExports(left)) return "none";
        if (left.type === "MemberExpression" && unwrap(left.object).type === "ThisExpression")
          return this.ofField(left, propertyName(left));
        return "unknown";
      }
      case "PropertyDefinition":
        if (p.value !== expr || p.computed || p.static) return "unknown";
        return this.ofField(p, keyName(p.key));
      case "ExportDefaultDeclaration":
      case "ExpressionStatement":
        return "none";
      default:
        return "unknown";
    }
  }

  private ofVariable(variable: TSESLint.Scope.Variable | null, depth: number): Verdict {
    if (!variable) return "unknown";
    const known = this.byVariable.get(variable);
    if (known) return known;
    this.byVariable.set(variable, "unknown"); // a cycle through helpers: not known
    const def = variable.defs[0];
    const moduleLevel = def?.type === "Variable" && def.parent.parent?.type === "Program";
    const exportedLevel =
      moduleLevel ||
      (def?.type === "Variable" &&
        def.parent.parent?.type === "ExportNamedDeclaration" &&
        def.parent.parent.parent?.type === "Program");
    let verdict: Verdict = "none";
    for (const ref of variable.references) {
      if (ref.init) continue;
      const id = ref.identifier as Node;
      if (ref.isWrite()) continue;
      verdict = worst(verdict, this.ofExpression(id, depth, exportedLevel));
      if (verdict === "listened") break;
    }
    this.byVariable.set(variable, verdict);
    return verdict;
  }

  /** `this.name` in the class that holds the client: every `this.name` of that class. */
  private ofField(at: Node, name: string | null): Verdict {
    const body = classBodyOf(at);
    if (!body || name === null) return "unknown";
    const key = `${body.range[0]}:${name}`;
    const known = this.byField.get(key);
    if (known) return known;
    this.byField.set(key, "unknown");
    let verdict: Verdict = "none";
    walk(
      body,
      this.sourceCode.visitorKeys,
      (n) => {
        if (verdict === "listened") return "stop";
        if (
          n.type === "MemberExpression" &&
          unwrap(n.object).type === "ThisExpression" &&
          propertyName(n) === name &&
          classBodyOf(n) === body
        ) {
          const top = outermost(n);
          const p = top.parent;
          if (p?.type === "AssignmentExpression" && p.left === top) return "skip";
          verdict = worst(verdict, this.ofExpression(n, 0, true));
        }
      },
      { keysInOrder: true, arraysInOrder: true },
    );
    this.byField.set(key, verdict);
    return verdict;
  }

  /** One read of the client. `shared`: a module-level or instance client (returning it hands out the same object). */
  private ofExpression(expr: Node, depth: number, shared: boolean): Verdict {
    let e: Node = outermost(expr);
    for (;;) {
      const m = methodCallOn(e);
      if (m) {
        if (LISTENER_METHODS.has(m.method) && isErrorListener(m.call)) return "listened";
        // `export const ready = redis.connect()`: a promise, while the variable keeps the client.
        if (!SAME_CLIENT.has(m.method) || m.method === "connect") return "none";
        e = outermost(m.call);
        continue;
      }
      if (e.parent?.type === "AwaitExpression") {
        e = outermost(e.parent);
        continue;
      }
      break;
    }
    const p = e.parent;
    if (!p) return "unknown";
    switch (p.type) {
      case "MemberExpression":
        return p.object === e ? "none" : "unknown";
      case "CallExpression":
        if (p.callee === e) return "unknown";
        return this.ofArgument(p, p.arguments.indexOf(e as TSESTree.CallExpressionArgument), depth);
      case "ExportSpecifier":
      case "ExportDefaultDeclaration":
      case "ExpressionStatement":
      case "IfStatement":
      case "BinaryExpression":
        return "none";
      case "UnaryExpression":
        return p.operator === "!" || p.operator === "typeof" ? "none" : "unknown";
      case "LogicalExpression":
      case "ConditionalExpression":
        return p.type === "ConditionalExpression" && p.test === e ? "none" : "unknown";
      case "ReturnStatement":
        return shared ? "none" : "unknown";
      case "AssignmentExpression":
        return p.right === e && isModuleExports(p.left) ? "none" : "unknown";
      case "Property":
        // `module.exports = { redis }`
        return p.value === e &&
          p.parent.type === "ObjectExpression" &&
          p.parent.parent?.type === "AssignmentExpression" &&
          isModuleExports(p.parent.parent.left)
          ? "none"
          : "unknown";
      default:
        return "unknown";
    }
  }

  /** The client passed as argument `index` of `call`: followed into a function of this file. */
  private ofArgument(call: TSESTree.CallExpression, index: number, depth: number): Verdict {
    if (index < 0 || depth >= MAX_DEPTH) return "unknown";
    const fn: FunctionNode | null = localFunction(call.callee, this.sourceCode);
    if (!fn || call.arguments.slice(0, index).some((a) => a.type === "SpreadElement")) return "unknown";
    let param = fn.params[index] as Node | undefined;
    if (param?.type === "TSParameterProperty") param = param.parameter;
    if (param?.type === "AssignmentPattern") param = param.left;
    if (param?.type !== "Identifier") return "unknown";
    const variable = this.sourceCode.scopeManager
      ?.getDeclaredVariables(fn)
      .find((v) => v.defs.some((d) => d.type === "Parameter" && d.name === param));
    if (!variable) return "unknown";
    return this.ofVariable(variable, depth + 1);
  }
}

/** The class body whose `this` a node sees (arrow functions keep it, other functions rebind it). */
function classBodyOf(node: Node): TSESTree.ClassBody | null {
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === "ClassBody") return n;
    if (isFunction(n) && n.type !== "ArrowFunctionExpression" && n.parent?.type !== "MethodDefinition") return null;
  }
  return null;
}
