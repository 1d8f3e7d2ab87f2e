/**
 * Clients made in this file that are never connected in it (`require-connect`): node-redis v4 and
 * later send nothing before `connect()` (docs/semantics.md §12). A client counts only when it is
 * held by one plain variable, written once, that never lets it out of the file (returned,
 * exported, stored in an object or array, passed as an argument, aliased): then no code elsewhere
 * can be the one that connects it. Computed once per model.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { inStatementList } from "../ast/statements.js";
import { useOf } from "../ast/usage.js";
import { CLIENT_PASSTHROUGH, EXEC_METHODS, packageInfo } from "./clients.js";
import { variableKey } from "./recognition/values.js";
import type { ClientValue, FileModel, RedisCall } from "./types.js";

type Variable = TSESLint.Scope.Variable;

export interface UnconnectedClient {
  client: ClientValue;
  /** The variable that holds it. */
  variable: Variable;
  /** The first command sent on it (in execution order within the file). */
  first: RedisCall;
  /** A cluster or a sentinel: it routes commands by a topology it only learns in `connect()`. */
  routed: boolean;
  /** The statement that creates it (`const sub = client.duplicate();`), when it is one of a statement list. */
  statement: TSESTree.VariableDeclaration | TSESTree.ExpressionStatement | null;
}

/** Calls that manage the connection rather than send a command on it. */
const LIFECYCLE = new Set(["quit", "multi", "disconnect", "close", "destroy", "duplicate", "connect"]);

/** A call that sends a command (or a transaction) on its client. */
function sendsCommand(call: RedisCall): boolean {
  if (call.receiver !== "client") return EXEC_METHODS.has(call.method) && call.tx?.client != null;
  return (call.command !== null || call.raw) && !LIFECYCLE.has(call.command ?? call.method);
}

/** What a use of the client comes to: its `connect` (read or called, also after `on(...)`), a use that keeps it in the file, or an escape. */
type Reach = "connect" | "stays" | "escapes";

/** What happens to the client at `expr` (a read of its variable, or a call returning it). */
function followUse(expr: Node, sourceCode: TSESLint.SourceCode, depth = 0): Reach {
  const use = useOf(expr, sourceCode);
  switch (use.kind) {
    case "member": {
      const m = use.parent;
      if (m.type !== "MemberExpression") return "escapes"; // `client()`: not a client after all
      const name = propertyName(m);
      if (name === "connect") return "connect";
      const call = m.parent;
      if (name && CLIENT_PASSTHROUGH.has(name) && call?.type === "CallExpression" && call.callee === m) {
        // `client.on("error", f)` is the client again: follow that.
        return depth < 8 ? followUse(call, sourceCode, depth + 1) : "escapes";
      }
      return "stays";
    }
    case "discarded":
    case "compared":
    case "template":
    case "arithmetic":
      return "stays";
    case "condition":
      // `client || other` gives the client on: only a test is a test.
      return use.parent.type === "LogicalExpression" ? "escapes" : "stays";
    default:
      return "escapes";
  }
}

interface Binding {
  variable: Variable;
  statement: UnconnectedClient["statement"];
  /** `connect()` chained where the client is made: `await createClient().on(...).connect()`. */
  chainedConnect: boolean;
}

/** The plain variable a creating call is stored in, through `await`, type wrappers and chained `on(...)` / `connect()`. */
function bindingOf(origin: Node, sourceCode: TSESLint.SourceCode): Binding | null {
  let n = outermost(origin);
  let chainedConnect = false;
  for (let guard = 0; guard < 16; guard++) {
    const p = n.parent;
    if (!p) return null;
    if (p.type === "AwaitExpression") {
      n = outermost(p);
      continue;
    }
    if (
      p.type === "MemberExpression" &&
      p.object === n &&
      p.parent?.type === "CallExpression" &&
      p.parent.callee === p
    ) {
      const name = propertyName(p);
      if (name !== "connect" && !(name && CLIENT_PASSTHROUGH.has(name))) return null;
      if (name === "connect") chainedConnect = true;
      n = outermost(p.parent);
      continue;
    }
    if (p.type === "VariableDeclarator" && p.init === n && p.id.type === "Identifier") {
      const [variable] = sourceCode.getDeclaredVariables(p);
      const decl = p.parent;
      const statement = decl.declarations.length === 1 && inStatementList(decl) ? decl : null;
      return variable ? { variable, statement, chainedConnect } : null;
    }
    if (p.type === "AssignmentExpression" && p.operator === "=" && p.right === n && p.left.type === "Identifier") {
      const variable = findVariable(p.left, sourceCode);
      const s = p.parent;
      const statement = s.type === "ExpressionStatement" && inStatementList(s) ? s : null;
      return variable ? { variable, statement, chainedConnect } : null;
    }
    return null;
  }
  return null;
}

/** Whether the variable keeps its client in the file and never connects it. */
function neverConnectedHere(variable: Variable, sourceCode: TSESLint.SourceCode): boolean {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== "Variable") return false;
  // `export const client = createClient()`.
  if (def.parent?.parent?.type === "ExportNamedDeclaration") return false;
  let writes = 0;
  for (const ref of variable.references) {
    if (ref.isWrite()) {
      if (++writes > 1) return false;
      if (!ref.isRead()) continue;
    }
    if (followUse(ref.identifier, sourceCode) !== "stays") return false;
  }
  return true;
}

/**
 * The call that made the client: its origin, or for a client declared with a type
 * (`const client: RedisClientType = createClient()`) the call that initialises it.
 */
function creationOf(
  client: ClientValue,
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let made = client;
  const decl = made.origin.parent;
  if (
    made.origin.type === "Identifier" &&
    decl?.type === "VariableDeclarator" &&
    decl.id === made.origin &&
    decl.init
  ) {
    const v = model.valueOf(decl.init);
    if (v?.kind !== "client") return null;
    made = v;
  }
  const origin = made.origin;
  if (origin.type !== "CallExpression" && origin.type !== "NewExpression") return null;
  // Made by a client package (a factory, `new`), or derived from a client: `duplicate()`, `createPool()`.
  const callee = origin.callee;
  const derived =
    callee.type === "MemberExpression" &&
    (propertyName(callee) === "duplicate" || propertyName(callee) === "createPool");
  return derived || (made.via === "import" && fromClientPackage(callee, sourceCode)) ? origin : null;
}

/** The callee is read from an import or `require()` of a client package (`createClient`, `redis.createCluster`), not from the user's own modules. */
function fromClientPackage(callee: Node, sourceCode: TSESLint.SourceCode): boolean {
  let n = unwrap(callee);
  for (let guard = 0; guard < 8 && n.type === "MemberExpression"; guard++) n = unwrap(n.object);
  if (n.type === "CallExpression") return isClientRequire(n);
  if (n.type !== "Identifier") return false;
  const def = findVariable(n, sourceCode)?.defs[0];
  if (def?.type === "ImportBinding") return !!packageInfo((def.parent as TSESTree.ImportDeclaration).source.value);
  if (def?.type !== "Variable" || !def.node.init) return false;
  let init = unwrap(def.node.init);
  for (let guard = 0; guard < 8 && init.type === "MemberExpression"; guard++) init = unwrap(init.object);
  return init.type === "CallExpression" && isClientRequire(init);
}

function isClientRequire(call: TSESTree.CallExpression): boolean {
  const source =
    call.callee.type === "Identifier" && call.callee.name === "require" ? staticString(call.arguments[0]) : null;
  return !!source && !!packageInfo(source);
}

const cache = new WeakMap<FileModel, UnconnectedClient[]>();

/**
 * The clients this file makes (a factory, `new`, `duplicate()`, `createPool()`), holds in one
 * variable that it neither connects nor lets out of the file, and sends commands on: the first
 * command of each, in execution order. Which of them really need `connect()` is the dialect's
 * question (`unconnectedFailure`).
 */
export function unconnectedClients(model: FileModel, sourceCode: TSESLint.SourceCode): readonly UnconnectedClient[] {
  let found = cache.get(model);
  if (found) return found;
  found = [];
  const seen = new Set<string>();
  for (const call of model.calls) {
    const client = call.client;
    if (!client || seen.has(client.key) || !sendsCommand(call)) continue;
    seen.add(client.key);
    const origin = creationOf(client, model, sourceCode);
    if (!origin) continue;
    const binding = bindingOf(origin, sourceCode);
    if (!binding || binding.chainedConnect || variableKey(binding.variable) !== client.key) continue;
    if (!neverConnectedHere(binding.variable, sourceCode)) continue;
    const callee = unwrap(origin.callee);
    const routed =
      !!client.cluster ||
      (callee.type === "Identifier" && callee.name === "createSentinel") ||
      (callee.type === "MemberExpression" && propertyName(callee) === "createSentinel");
    found.push({ client, variable: binding.variable, first: call, routed, statement: binding.statement });
  }
  cache.set(model, found);
  return found;
}

/**
 * node-redis v4 or later by the way the file is written, for when the installed version is not
 * known: a camelCase command method (`hSet`, `setNX`, `sIsMember`; node-redis 3 has only lower-
 * and upper-case command names) or a `connect()` call (node-redis 3 has none) on a node-redis client.
 */
export function writtenForNodeRedis4(model: FileModel): boolean {
  return model.calls.some(
    (c) =>
      c.family === "node-redis" &&
      (c.method === "connect" || (!c.raw && c.command !== null && /^[a-z]+[A-Z]/.test(c.method))),
  );
}
