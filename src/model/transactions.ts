/**
 * Transactions and pipelines: one per node that makes one (`multi()`, `pipeline()`, `new Batch()`,
 * a typed declaration), the commands queued on each and the calls that send it; and raw MULTI,
 * where the connection itself is put into MULTI mode by a command.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { variableOf } from "../ast/statements.js";
import { useOf } from "../ast/usage.js";
import { EXEC_METHODS, type Family } from "./clients.js";
import type { ClientValue, FileModel, RedisCall, Transaction, Value } from "./types.js";

export class Transactions {
  /** Every transaction and pipeline made by a call or `new`, in the order they were met. */
  readonly list: Transaction[] = [];
  private readonly txByNode = new Map<Node, Transaction>();

  /** The transaction `node` makes (made on first request). */
  transactionFor(node: Node, family: Family, atomic: boolean, client: ClientValue | null): Transaction {
    let tx = this.txByNode.get(node);
    if (!tx) {
      tx = { node: node as Transaction["node"], family, atomic, client, queued: [], execs: [] };
      this.txByNode.set(node, tx);
      if (node.type === "CallExpression" || node.type === "NewExpression") this.list.push(tx);
    }
    return tx;
  }

  /**
   * Links a recorded call to its transaction: a command queued on it, or a call that sends it
   * (`exec()`, GLIDE `client.exec(batch)`, whose batch `evaluate` tells).
   */
  recordCall(rc: RedisCall, evaluate: (node: Node) => Value | null): void {
    const { tx, method, command, raw, node: call, client } = rc;
    if (tx) {
      if (EXEC_METHODS.has(method)) tx.execs.push(rc);
      else if (command && command !== "multi") tx.queued.push(rc);
    } else if (method === "exec" && call.arguments.length && !raw) {
      // GLIDE: `client.exec(batch, raiseOnError)`.
      const batch = evaluate(call.arguments[0]);
      if (batch && (batch.kind === "transaction" || batch.kind === "pipeline")) {
        batch.tx.execs.push(rc);
        if (!batch.tx.client) batch.tx.client = client;
      }
    }
  }
}

/** ioredis `multi({ pipeline: false })` sends MULTI at once and returns a promise, not a builder. */
export function isIoredisNonPipelineMulti(call: TSESTree.CallExpression): boolean {
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (opts?.type !== "ObjectExpression") return false;
  return opts.properties.some(
    (p) =>
      p.type === "Property" &&
      !p.computed &&
      ((p.key.type === "Identifier" && p.key.name === "pipeline") || staticString(p.key) === "pipeline") &&
      p.value.type === "Literal" &&
      p.value.value === false,
  );
}

/** Reads the command name and its arguments from a raw call. */
export function readRaw(
  method: string,
  args: TSESTree.Node[],
  family: Family,
): { command: string | null; args: TSESTree.Node[] } {
  // node-redis cluster: sendCommand(firstKey, isReadonly, args); GLIDE customCommand(args); Upstash exec(args).
  if (method === "sendCommand" || method === "customCommand" || method === "exec") {
    const arr = args.map((a) => unwrap(a)).find((a): a is TSESTree.ArrayExpression => a.type === "ArrayExpression");
    if (!arr) return { command: null, args: [] };
    const [first, ...rest] = arr.elements;
    const name = first && first.type !== "SpreadElement" ? staticString(first) : null;
    return { command: name ? name.toLowerCase() : null, args: rest.filter((e): e is TSESTree.Expression => !!e) };
  }
  // ioredis call(name, ...args) / send_command(name, ...args); Bun send(name, args[]).
  const name = staticString(args[0]);
  let rest = args.slice(1);
  if (method === "send" && family !== "ioredis") {
    const arr = rest[0] && unwrap(rest[0]);
    rest = arr?.type === "ArrayExpression" ? arr.elements.filter((e): e is TSESTree.Expression => !!e) : rest;
  } else if (rest.length === 1) {
    const arr = unwrap(rest[0]);
    if (arr.type === "ArrayExpression") rest = arr.elements.filter((e): e is TSESTree.Expression => !!e);
  }
  return { command: name ? name.toLowerCase() : null, args: rest };
}

/**
 * Raw MULTI mode: an earlier call in the same function put this client's connection into MULTI
 * (ioredis `multi({ pipeline: false })`, `call("MULTI")`, `sendCommand(["MULTI"])`, Bun
 * `send("MULTI", [])`), and no EXEC or DISCARD came between.
 */
export function computeRawMulti(call: RedisCall, sameFunction: readonly RedisCall[]): boolean {
  if (call.receiver !== "client" || !call.client) return false;
  const key = call.client.key;
  let open = false;
  for (const c of sameFunction) {
    if (c === call) return open;
    if (c.receiver !== "client" || c.client?.key !== key) continue;
    if (opensRawMulti(c)) open = true;
    else if (c.command === "exec" || c.command === "discard") open = false;
  }
  return false;
}

export function opensRawMulti(call: RedisCall): boolean {
  if (call.receiver !== "client" || call.command !== "multi") return false;
  return call.raw || (call.family !== "node-redis" && isIoredisNonPipelineMulti(call.node));
}

// ---------------------------------------------------------------------------------------------
// Builders never sent (require-exec).

/** Methods on a builder that send it or hand its promise on. */
const SENDING = new Set([...EXEC_METHODS, "then", "catch", "finally"]);

/** A transaction or pipeline that queues commands and that no call sends. */
export interface UnsentBuilder {
  tx: Transaction;
  /** The commands queued on it, `addCommand([...])` and ioredis `multi([[...]])` included. */
  count: number;
}

/**
 * The file's builders with queued commands and no `exec()`: those the model met as receivers, and
 * `multi()` / `pipeline()` calls whose result nothing calls a method on (`redis.multi([["set", "k", "v"]]);`).
 */
export function unsentBuilders(model: FileModel): UnsentBuilder[] {
  const candidates = new Set<Transaction>(model.transactions);
  for (const call of model.calls) {
    if (call.receiver !== "client" || call.raw || (call.method !== "multi" && call.method !== "pipeline")) continue;
    const v = model.valueOf(call.node);
    if (v && v.kind !== "client") candidates.add(v.tx);
  }
  if (candidates.size === 0) return [];
  // Commands queued per transaction, `addCommand([...])` included.
  const counts = new Map<Transaction, number>();
  for (const call of model.calls) {
    if (!call.tx || SENDING.has(call.method)) continue;
    if (call.command || call.method === "addCommand") counts.set(call.tx, (counts.get(call.tx) ?? 0) + 1);
  }
  const found: UnsentBuilder[] = [];
  for (const tx of candidates) {
    if (tx.execs.length > 0) continue;
    let count = counts.get(tx) ?? 0;
    // ioredis `multi([["set", "k", "v"]])` / `pipeline([...])`: commands given up front.
    const first = tx.node.arguments[0] && unwrap(tx.node.arguments[0]);
    if (first?.type === "ArrayExpression" && first.elements.length > 0) count += first.elements.length;
    if (count > 0) found.push({ tx, count });
  }
  return found;
}

/** Climbs the chain of commands queued on `tx` from `node`; returns its last link, or null when another method is called on it. */
export function queuedChainEnd(model: FileModel, node: Node, tx: Transaction): Node | null {
  let n = outermost(node);
  for (;;) {
    const member = n.parent;
    if (member?.type !== "MemberExpression" || member.object !== n) return n;
    const call = outermost(member).parent;
    if (call?.type !== "CallExpression" || unwrap(call.callee) !== member) return null;
    const rc = model.callAt(call);
    const name = propertyName(member);
    if (!rc || rc.tx !== tx || !name || SENDING.has(name)) return null;
    n = outermost(call);
  }
}

/**
 * Whether the builder `tx` makes is thrown away: its value (through the commands chained on it
 * and the local variables it is stored in) is never sent, returned, passed or exported.
 */
export function builderDropped(model: FileModel, sourceCode: TSESLint.SourceCode, tx: Transaction): boolean {
  type Variable = TSESLint.Scope.Variable;
  const seen = new Set<Variable>();
  const dropped = (node: Node): boolean => {
    const end = queuedChainEnd(model, node, tx);
    if (!end) return false;
    const use = useOf(end, sourceCode);
    if (use.kind === "discarded") return true;
    if (use.kind === "variable" && use.variable) return droppedVariable(use.variable);
    // `tx = client.multi()` into a `let` declared earlier.
    if (use.kind === "stored" && use.parent.type === "AssignmentExpression" && use.parent.left.type === "Identifier") {
      const variable = variableOf(sourceCode, use.parent.left);
      if (variable && variable.scope.type !== "global" && variable.scope.type !== "module")
        return droppedVariable(variable);
    }
    return false;
  };
  const droppedVariable = (variable: Variable): boolean => {
    if (seen.has(variable)) return true;
    seen.add(variable);
    // `export const tx = ...`: other modules may run it.
    const declarator = variable.defs[0]?.node as Node | undefined;
    if (declarator?.parent?.parent?.type === "ExportNamedDeclaration") return false;
    return variable.references.every((ref) => !ref.isRead() || dropped(ref.identifier));
  };
  return dropped(tx.node);
}
