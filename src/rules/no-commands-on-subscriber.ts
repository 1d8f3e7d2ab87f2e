import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type ClientValue,
  type FileModel,
  type RedisCall,
  SUBSCRIBER_COMMANDS,
  type ProtocolDecision,
  decideProtocol,
} from "../model/index.js";
import { contains, enclosingFunction, staticString, unwrap } from "../ast/nodes.js";
import { dialectOf } from "../dialects/index.js";
import { exclusive } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "onSubscriber" | "onBunSubscriber" | "useDedicated";

const SUBSCRIBE = new Set(["subscribe", "psubscribe", "ssubscribe"]);
const UNSUBSCRIBE = new Set(["unsubscribe", "punsubscribe", "sunsubscribe", "reset"]);
/** ioredis delivers messages as client events; a dedicated subscriber must take these listeners along. */
const MESSAGE_EVENTS = new Set([
  "message",
  "messageBuffer",
  "pmessage",
  "pmessageBuffer",
  "smessage",
  "smessageBuffer",
]);
const LISTENER_METHODS = new Set([
  "on",
  "once",
  "addListener",
  "prependListener",
  "prependOnceListener",
  "off",
  "removeListener",
  "removeAllListeners",
]);

/** The receiver expression of a method call (`redis` in `redis.get(k)`), if plainly written. */
function receiverOf(call: RedisCall): TSESTree.Expression | null {
  const callee = call.node.callee;
  if (callee.type !== "MemberExpression" || callee.optional || callee.computed) return null;
  return callee.object;
}

/**
 * Does `subscribe` run before `call` (both on the same client), as far as the source tells?
 * `unsubscribes` are the unsubscribe and RESET calls on that client.
 */
function runsAfter(subscribe: RedisCall, call: RedisCall, unsubscribes: readonly RedisCall[]): boolean {
  if (call === subscribe || (contains(subscribe.node, call.node) && call.fn === subscribe.fn)) return false;
  if (call.fn === subscribe.fn) {
    if (call.node.range[0] < subscribe.node.range[1]) return false;
    // A client made by this very function: one run either subscribes or reaches the command.
    // (A client kept across runs is subscribed by one run and used by the next: no exception.)
    const client = subscribe.client;
    if (
      client &&
      client.lives === "dedicated" &&
      call.fn.type !== "Program" &&
      contains(call.fn, client.origin) &&
      exclusive(subscribe.node, call.node)
    ) {
      return false;
    }
    // An unsubscribe (or RESET) between the two leaves subscriber mode (measured for all channels;
    // a partial one is given the benefit of the doubt).
    return !unsubscribes.some(
      (c) => c.fn === call.fn && c.node.range[0] >= subscribe.node.range[1] && c.node.range[1] <= call.node.range[0],
    );
  }
  // The command's function encloses the subscribing one and comes first: it ran before the
  // subscribing callback was even made.
  if (contains(call.fn, subscribe.node) && call.node.range[1] <= subscribe.fn.range[0]) return false;
  // Different functions (a message handler, another method of the same class): they can run at
  // any time after the subscription.
  return true;
}

export default createRule<[], MessageIds>({
  name: "no-commands-on-subscriber",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow ordinary commands on a client that has subscribed, where its protocol (RESP2, or Bun) refuses them",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      onSubscriber:
        "`{{name}}` ({{family}}) subscribes with {{subscribe}}() on line {{line}} and is then used for {{command}}: {{why}}, and a RESP2 connection in subscriber mode accepts only (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET, so this call {{failure}}. Subscribe on a dedicated connection (`{{dedicated}}`) and keep `{{name}}` for commands.",
      onBunSubscriber:
        "`{{name}}` (Bun's RedisClient) subscribes with {{subscribe}}() on line {{line}} and is then used for {{command}}: once subscribed, Bun's client throws ERR_REDIS_INVALID_STATE for every other command method. Subscribe on a dedicated connection (`{{dedicated}}`) and keep `{{name}}` for commands.",
      useDedicated: "Subscribe on a dedicated connection: `const {{variable}} = {{dedicated}}`.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    return {
      "Program:exit"() {
        const subscribes = new Map<string, RedisCall[]>();
        const unsubscribes = new Map<string, RedisCall[]>();
        for (const call of model.calls) {
          const client = call.client;
          if (call.receiver !== "client" || !client || !call.command) continue;
          if (UNSUBSCRIBE.has(call.command)) {
            const list = unsubscribes.get(client.key);
            if (list) list.push(call);
            else unsubscribes.set(client.key, [call]);
            continue;
          }
          if (!SUBSCRIBE.has(call.command)) continue;
          // A client that is not bound to a name is a fresh object each time.
          const dialect = dialectOf(client.family);
          if (client.key === "<created>" || dialect.subscriberMode === "none") continue;
          if (dialect.rawBypassesSubscriberCheck && call.raw) continue;
          const list = subscribes.get(client.key);
          if (list) list.push(call);
          else subscribes.set(client.key, [call]);
        }
        if (!subscribes.size) return;

        /** Per client: the protocol decision, or "always" for a client that refuses commands on any subscribed connection (Bun). */
        const decisions = new Map<string, ProtocolDecision | "always">();
        const suggestions = new Map<string, TSESLint.SuggestionReportDescriptor<MessageIds>[]>();
        for (const call of model.calls) {
          const client = call.client;
          if (!client || !call.command) continue;
          const subs = subscribes.get(client.key);
          if (!subs) continue;
          if (SUBSCRIBER_COMMANDS.has(call.command) && call.receiver === "client") continue;
          if (call.receiver !== "client") {
            // `multi()` itself is reported; a pipeline is reported at its first command.
            if (!call.tx || call.tx.atomic || call.tx.queued[0] !== call || call.tx.client?.key !== client.key)
              continue;
            if (SUBSCRIBER_COMMANDS.has(call.command)) continue;
          }
          // Bun only checks its named methods; `send("GET", ...)` goes through.
          const dialect = dialectOf(client.family);
          if (dialect.rawBypassesSubscriberCheck && call.raw) continue;
          const subscribe = subs.find((s) => runsAfter(s, call, unsubscribes.get(client.key) ?? []));
          // subscribes holds only calls with a client.
          const subscriber = subscribe?.client;
          if (!subscribe || !subscriber) continue;

          let decision = decisions.get(client.key);
          if (!decision) {
            decision = dialect.subscriberMode === "always" ? "always" : decideProtocol(subscriber, model, context);
            decisions.set(client.key, decision);
          }
          if (decision !== "always" && decision.resp !== 2) continue;

          const callee = unwrap(call.node.callee);
          const name = sourceCode.getText(
            receiverOf(subscribe) ?? (callee.type === "MemberExpression" ? callee.object : callee),
          );
          let suggest = suggestions.get(client.key);
          if (!suggest) {
            suggest = dedicatedSuggestion(model, sourceCode, subs, client) ?? [];
            suggestions.set(client.key, suggest);
          }
          const data = {
            name,
            family: dialect.label,
            subscribe: subscribe.method,
            line: String(subscribe.node.loc.start.line),
            command: call.raw ? `a raw ${call.command.toUpperCase()}` : `${call.method}()`,
            why: decision === "always" ? "" : decision.why,
            failure: dialect.subscriberFailure(call.command),
            dedicated: dialect.subscriberConnection(name),
          };
          context.report({
            node: call.node,
            messageId: decision === "always" ? "onBunSubscriber" : "onSubscriber",
            data,
            suggest,
          });
        }
      },
    };
  },
});

/**
 * The suggestion: declare `const subscriber = <dedicated connection>` before the first statement
 * that subscribes or registers a message listener, and move every subscribe, unsubscribe and
 * (ioredis) message listener of this client onto it. Offered only when all of them sit in one
 * statement list where the new variable is visible, the client expression is valid there, and
 * `await` is allowed where the client needs it.
 */
function dedicatedSuggestion(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  subs: readonly RedisCall[],
  client: ClientValue,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] | null {
  // A client known only by name may not have `duplicate()`, or may need `connect()` after it.
  const dialect = dialectOf(client.family);
  if (!dialect.duplicate) return null;
  const key = client.key;
  const moved: RedisCall[] = [];
  for (const c of model.calls) {
    if (c.receiver !== "client" || c.client?.key !== key) continue;
    if (c.command && (SUBSCRIBE.has(c.command) || (UNSUBSCRIBE.has(c.command) && c.command !== "reset"))) {
      if (c.raw) return null;
      moved.push(c);
    } else if (dialect.messageEvents && LISTENER_METHODS.has(c.method)) {
      const event = staticString(c.node.arguments[0]);
      if (event === null && c.node.arguments.length) return null;
      if (event === null || MESSAGE_EVENTS.has(event)) moved.push(c);
    }
  }
  if (!moved.length || !subs.every((s) => moved.includes(s))) return null;
  const receivers: TSESTree.Expression[] = [];
  for (const c of moved) {
    const r = receiverOf(c);
    if (!r) return null;
    receivers.push(r);
  }
  const text = sourceCode.getText(receivers[0]);
  if (receivers.some((r) => sourceCode.getText(r) !== text)) return null;

  // The statement list that holds them all, and the statement in it where the first one is.
  const first = moved.reduce((a, b) => (a.node.range[0] <= b.node.range[0] ? a : b));
  let anchor: TSESTree.Node | undefined = first.node;
  let list: TSESTree.BlockStatement | TSESTree.Program | null = null;
  while (anchor?.parent) {
    const parent: TSESTree.Node = anchor.parent;
    if (
      (parent.type === "BlockStatement" || parent.type === "Program") &&
      moved.every((m) => contains(parent, m.node))
    ) {
      list = parent;
      break;
    }
    anchor = parent;
  }
  if (!list || !anchor) return null;
  const owner = list.type === "Program" ? list : enclosingFunction(anchor);
  // `this.redis`: every moved call must see the same `this` as the declaration.
  if (/\bthis\b/.test(text) && moved.some((m) => thisOwner(m.node) !== thisOwner(anchor))) return null;
  // An identifier client must already be declared where the new declaration goes.
  const root = unwrap(receivers[0]);
  if (root.type === "Identifier") {
    const variable = findVariable(sourceCode, root);
    const def = variable?.defs[0];
    if (!def) return null;
    if (def.type !== "ImportBinding" && def.type !== "Parameter" && def.name.range[1] > anchor.range[0]) return null;
  }
  if (dialect.duplicate.awaited) {
    if (owner.type === "Program" ? sourceCode.ast.sourceType !== "module" : !owner.async) return null;
  }
  const variable = ["subscriber", "subscriberConnection"].find((n) => !new RegExp(`\\b${n}\\b`).test(sourceCode.text));
  if (!variable) return null;

  const line = sourceCode.lines[anchor.loc.start.line - 1] ?? "";
  const before = line.slice(0, anchor.loc.start.column);
  // On its own line: a new line with the same indentation; after other code: a space.
  const separator = /^\s*$/.test(before) ? `\n${before}` : " ";
  const dup = dialect.subscriberConnection(text);
  const edits = [
    { range: [anchor.range[0], anchor.range[0]] as const, text: `const ${variable} = ${dup};${separator}` },
    ...receivers.map((r) => ({ range: r.range, text: variable })),
  ].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = edits[0].range[0];
  const end = Math.max(...edits.map((e) => e.range[1]));
  let out = "";
  let at = start;
  for (const e of edits) {
    out += sourceCode.text.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  out += sourceCode.text.slice(at, end);
  return [
    {
      messageId: "useDedicated",
      data: { variable, dedicated: dup },
      fix: (fixer) => fixer.replaceTextRange([start, end], out),
    },
  ];
}

/** The function whose `this` a node sees (arrows pass through). */
function thisOwner(node: TSESTree.Node): TSESTree.Node | null {
  let n: TSESTree.Node | undefined = node.parent;
  while (n) {
    if (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "Program") return n;
    n = n.parent;
  }
  return null;
}

function findVariable(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  try {
    let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id);
    while (scope) {
      const v = scope.set.get(id.name);
      if (v) return v;
      scope = scope.upper;
    }
  } catch {
    // Synthetic nodes have no scope.
  }
  return null;
}
