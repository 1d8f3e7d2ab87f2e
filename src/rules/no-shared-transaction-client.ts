import type { TSESLint } from "@typescript-eslint/utils";
import {
  type ClientValue,
  type Family,
  type Node,
  type RedisCall,
  type Transaction,
  calleeMember,
  contains,
  enclosingFunction,
  findVariable,
  getModel,
  isFunction,
  opensRawMulti,
  unwrap,
} from "../model/index.js";
import { callSitesOf } from "../model/local-calls.js";
import { installedMajor, nodeRedisMajor } from "../model/versions.js";
import { createRule } from "../util/create-rule.js";

type MessageIds =
  | "rawMulti"
  | "watch"
  | "useDuringMulti"
  | "useClearsWatch"
  | "useDuplicate"
  | "useExecuteIsolated";
type Options = [{ treatParametersAsShared?: boolean }];

/** How each family gets a connection of its own, as the messages name it. */
const DEDICATED: Record<Family, string> = {
  ioredis: "a dedicated connection: `const conn = client.duplicate()`, then `conn.disconnect()` when done",
  "node-redis":
    "a dedicated connection: `client.executeIsolated(async (isolated) => ...)` on node-redis v4; `createClientPool()` with `pool.execute(async (c) => ...)`, or `client.duplicate()`, on v5 and later",
  glide: "a GLIDE client of its own (`await GlideClient.createClient(...)`), used only for this transaction",
  bun: "a dedicated connection: `const conn = await client.duplicate()`, then `conn.close()` when done",
  upstash: "",
  unknown: "a dedicated connection (ioredis `duplicate()`, node-redis `executeIsolated` / `createClientPool()`)",
};

/** For raw MULTI, the client's own transaction object keeps the connection free. */
const TRANSACTION_OBJECT: Record<Family, string> = {
  ioredis: "queue the commands on a pipelined `client.multi()` and send them with `exec()`, or use ",
  "node-redis": "queue the commands on `client.multi()` and send them with `exec()`, or use ",
  glide: "queue the commands on `new Batch(true)` and send them with `client.exec(batch, true)`, or use ",
  bun: "use ",
  upstash: "use ",
  unknown: "use the client's `multi()` object, or ",
};

/** "the shared <noun> `redis`". */
const CLIENT_NOUN: Record<Family, string> = {
  ioredis: "ioredis client",
  "node-redis": "node-redis client",
  upstash: "@upstash/redis client",
  glide: "valkey-glide client",
  bun: "Bun RedisClient",
  unknown: "Redis client",
};

/** Commands that end a WATCH on the connection they are sent on. */
const CLEARS_WATCH = new Set(["exec", "discard", "unwatch", "multi"]);

function commandName(call: RedisCall): string {
  if (call.command) return call.command.toUpperCase();
  return `${call.method}()`;
}

export default createRule<Options, MessageIds>({
  name: "no-shared-transaction-client",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow raw MULTI and WATCH on a shared Redis client, whose connection state leaks into every other caller",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          treatParametersAsShared: {
            type: "boolean",
            description: "Also report clients received as plain function parameters, whose origin is unknown.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ treatParametersAsShared: false }],
    messages: {
      rawMulti:
        "{{call}} puts the shared {{family}} {{client}} into MULTI: until EXEC, every other caller of this client gets \"QUEUED\" instead of a reply, and its commands run inside this transaction. Instead, {{fix}}.",
      watch:
        "WATCH on the shared {{family}} {{client}} is connection state that other callers clear: any transaction elsewhere on this client sends EXEC and silently drops this WATCH, so a concurrent write goes undetected and is overwritten (lost update). Run the WATCH transaction on {{fix}}.",
      useDuringMulti:
        "This {{command}} on the shared {{family}} {{client}} may run while line {{line}} holds that client in MULTI: {{effect}}. Give the transaction at line {{line}} its own connection.",
      useClearsWatch:
        "This {{command}} on the shared {{family}} {{client}} clears the WATCH that line {{line}} sets on the same connection (EXEC, DISCARD and UNWATCH all do): if it runs between that WATCH and its EXEC, a concurrent change to the watched keys goes undetected and is overwritten. Give the WATCH transaction at line {{line}} its own connection.",
      useDuplicate: "Run this transaction on a dedicated connection from `{{client}}.duplicate()`.",
      useExecuteIsolated: "Run this transaction in `{{client}}.executeIsolated(...)` (node-redis v4).",
    },
  },
  defaultOptions: [{ treatParametersAsShared: false }],
  create(context, [options]) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    const parametersShared = options?.treatParametersAsShared === true;
    let redisMajorMemo: number | null | undefined;
    /** The node-redis major: `settings.redis.versions.redis`, else the installed `redis` or `@redis/client` package. */
    const nodeRedisVersion = (): number | null => {
      if (redisMajorMemo === undefined) {
        redisMajorMemo =
          model.settings.versions.redis ??
          nodeRedisMajor("redis", installedMajor(context, "redis")) ??
          nodeRedisMajor("@redis/client", installedMajor(context, "@redis/client"));
      }
      return redisMajorMemo;
    };

    function isShared(client: ClientValue | null): client is ClientValue {
      if (!client || client.family === "upstash") return false;
      return client.lives === "shared" || (parametersShared && client.lives === "unknown");
    }

    /**
     * A one-off script: the opener runs in top-level code, on a client this module creates and
     * uses only from top-level code, as the receiver of its calls (never exported, passed on or
     * used in a function). Top-level code runs once, so no other caller shares the connection.
     */
    function scriptOnly(call: RedisCall): boolean {
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
        return p?.type === "MemberExpression" && p.object === id && p.parent?.type === "CallExpression" && p.parent.callee === p;
      });
    }

    function kindOf(call: RedisCall): "multi" | "watch" | null {
      if (call.receiver !== "client") return null;
      if (opensRawMulti(call)) return "multi";
      if (call.command === "watch") return "watch";
      return null;
    }

    function clientText(call: RedisCall): string | null {
      const member = calleeMember(call.node);
      return member ? sourceCode.getText(unwrap(member.object)) : null;
    }

    function callText(call: RedisCall): string {
      if (!call.raw) return "multi({ pipeline: false })";
      switch (call.method) {
        case "send":
          return 'send("MULTI", [])';
        case "sendCommand":
        case "customCommand":
          return `${call.method}(["MULTI"])`;
        default:
          return `${call.method}("MULTI")`;
      }
    }

    // -------------------------------------------------------------------------------------------
    // Suggestions: move the rest of the block onto a dedicated connection.

    function freeName(base: string): string {
      const text = sourceCode.text;
      for (let i = 1; ; i++) {
        const name = i === 1 ? base : `${base}${i}`;
        if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
      }
    }

    function statementOf(node: Node): Node | null {
      let n: Node = node;
      while (n.parent) {
        const p: Node = n.parent;
        if (p.type === "ExpressionStatement" || p.type === "VariableDeclaration") return p;
        if (
          p.type === "AwaitExpression" ||
          p.type === "TSNonNullExpression" ||
          p.type === "TSAsExpression" ||
          p.type === "ChainExpression" ||
          (p.type === "VariableDeclarator" && p.init === n)
        ) {
          n = p;
          continue;
        }
        return null;
      }
      return null;
    }

    /** The replacement text of `stmts` with every call on the client sent to `name` instead. */
    function rewritten(first: Node, last: Node, key: string, name: string): string {
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

    /**
     * Suggestions for the opener `call`. The rewrite starts at `start`, the first opener on the same
     * client in the same function (a WATCH before a raw MULTI), and runs to the end of its block.
     */
    function suggestions(call: RedisCall, start: RedisCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const client = call.client!;
      const family = client.family;
      if (family !== "ioredis" && family !== "node-redis" && family !== "bun") return [];
      const member = calleeMember(start.node);
      if (!member) return [];
      const obj = unwrap(member.object);
      const simple = (n: Node): boolean =>
        n.type === "Identifier" || n.type === "ThisExpression" || (n.type === "MemberExpression" && !n.computed && simple(unwrap(n.object)));
      if (!simple(obj)) return [];
      const stmt = statementOf(start.node);
      const block = stmt?.parent;
      if (!stmt || block?.type !== "BlockStatement") return [];
      if (start !== call && !contains(block, call.node)) return [];
      const fn = block.parent;
      const stmts = block.body as Node[];
      const first = stmts.indexOf(stmt);
      const rest = stmts.slice(first);
      if (rest.some((s) => s.type === "FunctionDeclaration" || s.type === "ClassDeclaration")) return [];
      const last = rest[rest.length - 1];
      const indent = /^\s*/.exec(sourceCode.lines[stmt.loc.start.line - 1] ?? "")![0];
      const inAsync = (() => {
        for (let n: Node | undefined = block; n; n = n.parent) if (isFunction(n)) return n.async && !n.generator;
        return false;
      })();
      const clientSrc = sourceCode.getText(obj);
      const out: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const range: [number, number] = [stmt.range[0], last.range[1]];

      const redisMajor = family === "node-redis" ? nodeRedisVersion() : null;
      const offerDuplicate = family !== "node-redis" || redisMajor === null || redisMajor >= 5;
      const offerIsolated = family === "node-redis" && (redisMajor === null || redisMajor < 5);

      // ioredis `duplicate()` is usable at once; node-redis needs `connect()`; Bun's is a promise.
      if (offerDuplicate && (family === "ioredis" || inAsync)) {
        const name = freeName("conn");
        const body = rewritten(stmt, last, client.key, name);
        let head: string;
        let close: string;
        if (family === "ioredis") {
          head = `const ${name} = ${clientSrc}.duplicate();`;
          close = `${name}.disconnect();`;
        } else if (family === "bun") {
          head = `const ${name} = await ${clientSrc}.duplicate();`;
          close = `${name}.close();`;
        } else {
          head = `const ${name} = ${clientSrc}.duplicate();\n${indent}await ${name}.connect();`;
          // `close()` came with node-redis v5; with the version unknown, `disconnect()`, which v4
          // has and v5 keeps (deprecated in favour of `destroy()`).
          close = redisMajor === null ? `await ${name}.disconnect();` : `await ${name}.close();`;
        }
        const text = `${head}\n${indent}try {\n${indent}${body}\n${indent}} finally {\n${indent}  ${close}\n${indent}}`;
        out.push({ messageId: "useDuplicate", data: { client: clientSrc }, fix: (fixer) => fixer.replaceTextRange(range, text) });
      }
      // executeIsolated only when the block is the whole async function body, so `return` keeps its meaning.
      if (offerIsolated && isFunction(fn) && fn.async && !fn.generator && fn.body === block && !/\bvar\b/.test(sourceCode.text.slice(range[0], range[1]))) {
        const name = freeName("isolated");
        const body = rewritten(stmt, last, client.key, name);
        const text = `return await ${clientSrc}.executeIsolated(async (${name}) => {\n${indent}${body}\n${indent}});`;
        out.push({ messageId: "useExecuteIsolated", data: { client: clientSrc }, fix: (fixer) => fixer.replaceTextRange(range, text) });
      }
      return out;
    }

    return {
      "Program:exit"() {
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
        /** The first opener per function and client: where a rewrite onto a dedicated connection starts. */
        const firstOpener = new Map<string, RedisCall>();
        for (const call of model.calls) {
          const kind = kindOf(call);
          if (!kind || !isShared(call.client) || scriptOnly(call)) continue;
          const fnKey = `${call.fn.range[0]}:${call.client.key}`;
          if (!firstOpener.has(fnKey)) firstOpener.set(fnKey, call);
          const family = call.client.family;
          const client = clientText(call) ?? "client";
          openerCalls.add(call);
          const list = openersByKey.get(call.client.key) ?? [];
          list.push({ call, kind, fn: call.fn });
          openersByKey.set(call.client.key, list);
          context.report({
            node: call.node,
            messageId: kind === "multi" ? "rawMulti" : "watch",
            data: {
              call: callText(call),
              family: CLIENT_NOUN[family],
              client: `\`${client}\``,
              fix: kind === "multi" ? `${TRANSACTION_OBJECT[family]}${DEDICATED[family]}` : DEDICATED[family],
            },
            suggest: suggestions(call, firstOpener.get(fnKey)!),
          });
        }
        if (!openersByKey.size) return;

        /**
         * The functions an opener's transaction runs in: its own, and, when it is in a helper that
         * only opens (`watchIfPossible(key) { return this.redis.watch(key); }`), the functions
         * that call that helper, where the MULTI/EXEC or UNWATCH that goes with it is.
         */
        const flowMemo = new Map<Opener, Node[]>();
        function flowOf(o: Opener): Node[] {
          let flow = flowMemo.get(o);
          if (flow) return flow;
          flow = [o.fn];
          const onlyOpens = model.calls.every((c) => c.fn !== o.fn || c.client?.key !== o.call.client?.key || openerCalls.has(c));
          const sites = onlyOpens && isFunction(o.fn) ? callSitesOf(o.fn, sourceCode) : null;
          for (const site of sites ?? []) flow.push(enclosingFunction(site));
          flowMemo.set(o, flow);
          return flow;
        }
        /**
         * The call runs in the opener's transaction: inside one of its functions, or in a local
         * helper (`this.unwatchIfPossible()`, `commit()`) called only from them.
         */
        function inFlow(o: Opener, call: RedisCall): boolean {
          const flow = flowOf(o);
          if (flow.some((f) => contains(f, call.node))) return true;
          const sites = isFunction(call.fn) ? callSitesOf(call.fn, sourceCode) : null;
          return !!sites?.length && sites.every((site) => flow.some((f) => contains(f, site)));
        }

        // The other uses of those clients, outside the functions that made them transactional.
        for (const call of model.calls) {
          if (openerCalls.has(call) || call.receiver !== "client" || !call.client) continue;
          const openers = openersByKey.get(call.client.key);
          if (!openers) continue;
          const outside = openers.filter((o) => !inFlow(o, call));
          if (!outside.length) continue;
          const isCommand = call.command !== null || call.method === "pipeline";
          const multi = isCommand ? outside.find((o) => o.kind === "multi") : undefined;
          const tx = execTx.get(call);
          const clearsWatch = !!call.command && CLEARS_WATCH.has(call.command) && (!tx || tx.atomic);
          const watch = clearsWatch ? outside.find((o) => o.kind === "watch") : undefined;
          const opener = multi ?? watch;
          if (!opener) continue;
          context.report({
            node: call.node,
            messageId: multi ? "useDuringMulti" : "useClearsWatch",
            data: {
              command: call.command === "multi" && !call.raw ? "multi()" : commandName(call),
              family: CLIENT_NOUN[call.client.family],
              client: `\`${clientText(call) ?? "client"}\``,
              line: String(opener.call.node.loc.start.line),
              effect:
                call.command === "multi" || call.method === "pipeline"
                  ? "its commands are then queued into that transaction, and its own MULTI or EXEC ends or breaks it"
                  : 'it is then queued into that transaction and resolves to "QUEUED" instead of its reply',
            },
          });
        }
      },
    };
  },
});
