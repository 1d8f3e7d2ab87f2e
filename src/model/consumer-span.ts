/**
 * The code a rewrite of a blocking consumer onto a dedicated connection would move
 * (no-blocking-on-shared-client's fix): from the statement holding the blocking call, or the
 * outermost loop around it, to the end of its block.
 */
import { type Node, calleeMember, isFunction, unwrap } from "../ast/nodes.js";
import type { BlockingCall } from "./blocking.js";
import type { FileModel, RedisCall } from "./types.js";

const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForOfStatement", "ForInStatement"]);

/** A receiver a rewrite can repeat: `redis`, `this.redis`, `deps.redis`. */
function simple(n: Node): boolean {
  return (
    n.type === "Identifier" ||
    n.type === "ThisExpression" ||
    (n.type === "MemberExpression" && !n.computed && simple(unwrap(n.object)))
  );
}

/**
 * Per model, anchor statement and client: whether every call on that client from there to the end
 * of the block runs in the blocking call's function.
 */
const ownFunctionOnly = new WeakMap<FileModel, Map<string, boolean>>();

function callsStayInFunction(model: FileModel, call: RedisCall, range: [number, number], key: string): boolean {
  let memo = ownFunctionOnly.get(model);
  if (!memo) ownFunctionOnly.set(model, (memo = new Map<string, boolean>()));
  const at = `${range[0]}:${key}`;
  let ok = memo.get(at);
  if (ok === undefined) {
    ok = true;
    for (const c of model.callsByFunction.keys()) {
      if (c === call.fn || c.range[1] <= range[0] || c.range[0] >= range[1]) continue;
      const calls = model.callsByFunction.get(c) ?? [];
      if (calls.some((o) => o.client?.key === key && o.node.range[0] >= range[0] && o.node.range[1] <= range[1]))
        ok = false;
    }
    memo.set(at, ok);
  }
  return ok;
}

/** The code a rewrite of a blocking consumer onto a dedicated connection would move (see `consumerSpan`). */
export interface ConsumerSpan {
  /** The client expression the call is made on (`redis`, `this.redis`). */
  receiver: Node;
  /** The statement holding the call, or the outermost loop around it, so the connection is opened once. */
  anchor: Node;
  /** The last statement of the anchor's block. */
  last: Node;
  /** From the anchor to the end of its block. */
  range: [number, number];
}

/**
 * The statements from the one holding the blocking call (or the outermost loop around it) to the
 * end of its block, which a rewrite can move into try/finally on a dedicated connection; null when
 * it cannot: a receiver it cannot repeat, the call in a nested function, no `await` where the
 * connection must be awaited (`awaited`), declarations whose scope would change, or calls on the
 * client in callbacks of the moved code (which could use the connection after it is closed).
 */
export function consumerSpan(model: FileModel, call: BlockingCall["call"], awaited: boolean): ConsumerSpan | null {
  const member = calleeMember(call.node);
  const receiver = member && unwrap(member.object);
  if (!receiver || !simple(receiver)) return null;
  let statement: Node | null = null;
  let loop: Node | null = null;
  for (let n: Node = call.node; n.parent && n !== call.fn; n = n.parent) {
    if (isFunction(n)) return null;
    if (!statement && n.parent.type === "BlockStatement") statement = n;
    if (LOOPS.has(n.type)) loop = n;
  }
  const anchor = loop ?? statement;
  const block = anchor?.parent;
  if (!anchor || block?.type !== "BlockStatement") return null;
  let inAsync = false;
  for (let n: Node | undefined = block; n; n = n.parent) {
    if (isFunction(n)) {
      inAsync = n.async && !n.generator;
      break;
    }
  }
  if (awaited && !inAsync) return null;
  const stmts = block.body as Node[];
  const from = stmts.indexOf(anchor);
  // Declarations would change scope inside the try block.
  if (stmts.slice(from).some((s) => s.type === "FunctionDeclaration" || s.type === "ClassDeclaration")) return null;
  const last = stmts[stmts.length - 1];
  const range: [number, number] = [anchor.range[0], last.range[1]];
  if (!callsStayInFunction(model, call, range, call.client.key)) return null;
  return { receiver, anchor, last, range };
}
