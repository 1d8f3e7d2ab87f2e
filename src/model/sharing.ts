/**
 * Transactions on shared clients: which raw MULTI / WATCH openers run on a client other code of
 * the process also uses, and which other uses of that client may run inside the MULTI or clear
 * the WATCH. Asked by `no-shared-transaction-client`; computed once per model and option set.
 *
 * See docs/semantics.md.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, calleeMember, contains, enclosingFunction, isFunction, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";
import { callSitesOf } from "../ast/local-calls.js";
import type { Family } from "./clients.js";
import { opensRawMulti } from "./transactions.js";
import type { ClientValue, FileModel, RedisCall, Transaction } from "./types.js";

/** Commands that end a WATCH on the connection they are sent on. */
const CLEARS_WATCH = new Set(["exec", "discard", "unwatch", "multi"]);

export interface SharingOptions {
  /** Clients received as plain parameters (lives "unknown") count as shared. */
  parametersShared: boolean;
  /** The family's connection holds MULTI / WATCH state (the dialect's `connectionState`: a property of the family only). */
  connectionState: (family: Family) => boolean;
}

/** A raw MULTI or a WATCH sent on a shared client. */
export interface SharedOpener {
  call: RedisCall & { client: ClientValue };
  kind: "multi" | "watch";
  /** The first opener on the same client in the same function: where a rewrite onto a dedicated connection starts. */
  first: RedisCall;
}

/** Another use of a shared opener's client, outside the opener's flow. */
export interface SharedUse {
  call: RedisCall & { client: ClientValue };
  /** `duringMulti`: a command that may be queued into the open MULTI; `clearsWatch`: EXEC / DISCARD / UNWATCH / MULTI clearing the WATCH. */
  kind: "duringMulti" | "clearsWatch";
  /** The opener it interferes with (the first MULTI, else the first WATCH, whose flow it is outside). */
  opener: RedisCall;
}

export interface SharedTransactions {
  openers: SharedOpener[];
  uses: SharedUse[];
}

/**
 * A one-off script: the opener runs in top-level code, on a client this module creates and
 * uses only from top-level code, as the receiver of its calls (never exported, passed on or
 * used in a function). Top-level code runs once, so no other caller shares the connection.
 */
export function scriptOnly(call: RedisCall, sourceCode: TSESLint.SourceCode): boolean {
  if (call.fn.type !== "Program" || call.client?.via !== "import") return false;
  const member = calleeMember(call.node);
  const obj = member && unwrap(member.object);
  if (obj?.type !== "Identifier") return false;
  const variable = findVariable(obj, sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Variable") return false;
  if (def.parent?.parent?.type !== "Program") return false;
  return variable.references.every((ref) => {
    const id = ref.identifier as Node;
    if (enclosingFunction(id).type !== "Program") return false;
    if (ref.init) return true;
    const p = id.parent;
    return (
      p?.type === "MemberExpression" && p.object === id && p.parent?.type === "CallExpression" && p.parent.callee === p
    );
  });
}

/** A call on a client that opens connection state: a raw MULTI or a WATCH. */
export function opensTransactionState(call: RedisCall): "multi" | "watch" | null {
  if (call.receiver !== "client") return null;
  if (opensRawMulti(call)) return "multi";
  if (call.command === "watch") return "watch";
  return null;
}

const sharingIndex = new WeakMap<FileModel, Map<boolean, SharedTransactions>>();

/**
 * The file's raw MULTI / WATCH openers on shared clients (not one-off top-level scripts), in call
 * order, and the other uses of those clients that may run inside the MULTI or clear the WATCH:
 * outside the functions the opener's transaction runs in (its own, and the callers of a helper
 * that only opens) and outside local helpers called only from them. Cached per model and
 * `parametersShared`.
 */
export function sharedTransactions(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  options: SharingOptions,
): SharedTransactions {
  let byOption = sharingIndex.get(model);
  if (!byOption) sharingIndex.set(model, (byOption = new Map<boolean, SharedTransactions>()));
  let found = byOption.get(options.parametersShared);
  if (found) return found;
  found = compute(model, sourceCode, options);
  byOption.set(options.parametersShared, found);
  return found;
}

function compute(model: FileModel, sourceCode: TSESLint.SourceCode, options: SharingOptions): SharedTransactions {
  const isShared = (client: ClientValue | null): client is ClientValue => {
    if (!client || !options.connectionState(client.family)) return false;
    return client.lives === "shared" || (options.parametersShared && client.lives === "unknown");
  };
  const result: SharedTransactions = { openers: [], uses: [] };

  // GLIDE `client.exec(batch)`: only an atomic batch sends MULTI/EXEC.
  const execTx = new Map<RedisCall, Transaction>();
  for (const tx of model.transactions) for (const e of tx.execs) execTx.set(e, tx);

  interface Opener {
    call: RedisCall;
    kind: "multi" | "watch";
    fn: Node;
  }
  const openersByKey = new Map<string, Opener[]>();
  const openerCalls = new Set<RedisCall>();
  /** The first opener per function and client. */
  const firstOpener = new Map<string, RedisCall>();
  for (const call of model.calls) {
    const kind = opensTransactionState(call);
    if (!kind || !isShared(call.client) || scriptOnly(call, sourceCode)) continue;
    const fnKey = `${call.fn.range[0]}:${call.client.key}`;
    let first = firstOpener.get(fnKey);
    if (!first) firstOpener.set(fnKey, (first = call));
    openerCalls.add(call);
    const list = openersByKey.get(call.client.key) ?? [];
    list.push({ call, kind, fn: call.fn });
    openersByKey.set(call.client.key, list);
    result.openers.push({ call: call as SharedOpener["call"], kind, first });
  }
  if (!openersByKey.size) return result;

  /**
   * The functions an opener's transaction runs in: its own, and, when it is in a helper that
   * only opens (`watchIfPossible(key) { return this.redis.watch(key); }`), the functions
   * that call that helper, where the MULTI/EXEC or UNWATCH that goes with it is.
   */
  // It depends on the opener only through its function and client: one per function and client.
  const flowMemo = new Map<Node, Map<string | undefined, Node[]>>();
  function flowOf(o: Opener): Node[] {
    let byKey = flowMemo.get(o.fn);
    if (!byKey) flowMemo.set(o.fn, (byKey = new Map<string | undefined, Node[]>()));
    let flow = byKey.get(o.call.client?.key);
    if (flow) return flow;
    flow = [o.fn];
    const sameFunction = model.callsByFunction.get(o.fn as RedisCall["fn"]) ?? [];
    const onlyOpens = sameFunction.every((c) => c.client?.key !== o.call.client?.key || openerCalls.has(c));
    const sites = onlyOpens && isFunction(o.fn) ? callSitesOf(o.fn, sourceCode) : null;
    for (const site of sites ?? []) flow.push(enclosingFunction(site));
    byKey.set(o.call.client?.key, flow);
    return flow;
  }
  const sitesMemo = new Map<Node, ReturnType<typeof callSitesOf> | null>();
  function sitesOf(fn: Node): ReturnType<typeof callSitesOf> | null {
    let sites = sitesMemo.get(fn);
    if (sites === undefined) sitesMemo.set(fn, (sites = isFunction(fn) ? callSitesOf(fn, sourceCode) : null));
    return sites;
  }
  /**
   * The call runs in the opener's transaction: inside one of its functions, or in a local
   * helper (`this.unwatchIfPossible()`, `commit()`) called only from them.
   */
  function inFlow(o: Opener, call: RedisCall): boolean {
    const flow = flowOf(o);
    if (flow.some((f) => contains(f, call.node))) return true;
    const sites = sitesOf(call.fn);
    return !!sites?.length && sites.every((site) => flow.some((f) => contains(f, site)));
  }

  /**
   * The openers of one client grouped by function (`inFlow` gives the same answer for every
   * opener of a group), each group with the list positions of its first MULTI and first WATCH
   * opener: a call asks each group once, not each opener.
   */
  interface Group {
    opener: Opener;
    firstMulti: number;
    firstWatch: number;
  }
  const groupsByKey = new Map<string, Group[]>();
  for (const [key, openers] of openersByKey) {
    const byFn = new Map<Node, Group>();
    openers.forEach((o, i) => {
      let g = byFn.get(o.fn);
      if (!g) byFn.set(o.fn, (g = { opener: o, firstMulti: -1, firstWatch: -1 }));
      if (o.kind === "multi" && g.firstMulti < 0) g.firstMulti = i;
      if (o.kind === "watch" && g.firstWatch < 0) g.firstWatch = i;
    });
    groupsByKey.set(key, [...byFn.values()]);
  }

  // The other uses of those clients, outside the functions that made them transactional.
  for (const call of model.calls) {
    if (openerCalls.has(call) || call.receiver !== "client" || !call.client) continue;
    const openers = openersByKey.get(call.client.key);
    const groups = groupsByKey.get(call.client.key);
    if (!openers || !groups) continue;
    // The first MULTI and the first WATCH opener (in list order) whose flow the call is outside.
    let outside = false;
    let firstMulti = Infinity;
    let firstWatch = Infinity;
    for (const g of groups) {
      if (inFlow(g.opener, call)) continue;
      outside = true;
      if (g.firstMulti >= 0 && g.firstMulti < firstMulti) firstMulti = g.firstMulti;
      if (g.firstWatch >= 0 && g.firstWatch < firstWatch) firstWatch = g.firstWatch;
    }
    if (!outside) continue;
    const isCommand = call.command !== null || call.method === "pipeline";
    const multi = isCommand && firstMulti !== Infinity ? openers[firstMulti] : undefined;
    const tx = execTx.get(call);
    const clearsWatch = !!call.command && CLEARS_WATCH.has(call.command) && (!tx || tx.atomic);
    const watch = clearsWatch && firstWatch !== Infinity ? openers[firstWatch] : undefined;
    const opener = multi ?? watch;
    if (!opener) continue;
    result.uses.push({
      call: call as SharedUse["call"],
      kind: multi ? "duringMulti" : "clearsWatch",
      opener: opener.call,
    });
  }
  return result;
}

/**
 * The text from `first` to `last` with the receiver of every call on the client `key` in it
 * replaced by `name` (`redis.get(k)` → `conn.get(k)`): moving the block onto another connection.
 */
export function redirectClientCalls(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  first: Node,
  last: Node,
  key: string,
  name: string,
): string {
  const start = first.range[0];
  const end = last.range[1];
  const edits: [number, number][] = [];
  for (const c of model.calls) {
    if (c.receiver !== "client" || c.client?.key !== key) continue;
    if (c.node.range[0] < start || c.node.range[1] > end) continue;
    const member = calleeMember(c.node);
    if (!member) continue;
    const obj = unwrap(member.object);
    edits.push([obj.range[0], obj.range[1]]);
  }
  edits.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = start;
  for (const [s, e] of edits) {
    if (s < at) continue;
    out += sourceCode.text.slice(at, s) + name;
    at = e;
  }
  return out + sourceCode.text.slice(at, end);
}
