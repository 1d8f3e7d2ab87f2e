import type { TSESLint } from "@typescript-eslint/utils";
import { type RedisCall, redirectClientCalls, sharedTransactions } from "../model/index.js";
import { dialectOf, dialectsFor } from "../dialects/index.js";
import { type Node, calleeMember, contains, isFunction, unwrap } from "../ast/nodes.js";
import { statementOfExpression, unusedName } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "rawMulti" | "watch" | "useDuringMulti" | "useClearsWatch" | "useDuplicate" | "useExecuteIsolated";
type Options = [{ treatParametersAsShared?: boolean }];

function commandName(call: RedisCall): string {
  if (call.command) return call.command.toUpperCase();
  return `${call.method}()`;
}

export default createRule<Options, MessageIds>({
  name: "no-shared-transaction-client",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow raw MULTI and WATCH on a shared Redis client, whose connection state leaks into every other caller",
      recommended: "error",
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
        '{{call}} puts the shared {{family}} {{client}} into MULTI: until EXEC, every other caller of this client gets "QUEUED" instead of a reply, and its commands run inside this transaction. Instead, {{fix}}.',
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
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const parametersShared = options?.treatParametersAsShared === true;
    /** node-redis at `settings.redis.versions.redis`, else the installed `redis` or `@redis/client` package. */
    const dialects = dialectsFor(context, model, { clientPackage: true });

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

    // Memos: every opener of a function starts its rewrite at the same first opener, so the same
    // block index and rewritten text serve them all.
    /** Per block: each statement's index, and the index of its last function or class declaration (-1: none). */
    const blockIndexes = new Map<Node, { index: Map<Node, number>; lastDeclaration: number }>();
    function blockIndex(stmts: readonly Node[], block: Node): { index: Map<Node, number>; lastDeclaration: number } {
      let found = blockIndexes.get(block);
      if (!found) {
        found = { index: new Map(), lastDeclaration: -1 };
        for (let i = 0; i < stmts.length; i++) {
          if (!found.index.has(stmts[i])) found.index.set(stmts[i], i);
          if (stmts[i].type === "FunctionDeclaration" || stmts[i].type === "ClassDeclaration")
            found.lastDeclaration = i;
        }
        blockIndexes.set(block, found);
      }
      return found;
    }

    const varMemo = new Map<string, boolean>();
    /** `var` somewhere in the text of `range`. */
    function declaresVar(range: [number, number]): boolean {
      const key = `${range[0]}:${range[1]}`;
      let found = varMemo.get(key);
      if (found === undefined) varMemo.set(key, (found = /\bvar\b/.test(sourceCode.text.slice(range[0], range[1]))));
      return found;
    }

    /** The text of `first`..`last` with every call on the client sent to `name` instead (memoized). */
    const rewrites = new Map<string, string>();
    function rewritten(first: Node, last: Node, key: string, name: string): string {
      const memoKey = `${first.range[0]}:${last.range[1]}:${name}:${key}`;
      let text = rewrites.get(memoKey);
      if (text === undefined) {
        text = redirectClientCalls(model, sourceCode, first, last, key, name);
        rewrites.set(memoKey, text);
      }
      return text;
    }

    /**
     * Suggestions for the opener `call`. The rewrite starts at `start`, the first opener on the same
     * client in the same function (a WATCH before a raw MULTI), and runs to the end of its block.
     */
    function suggestions(call: RedisCall, start: RedisCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      // Openers are calls on a client (sharedTransactions).
      const client = call.client;
      if (!client) return [];
      // Only clients with `duplicate()` (ioredis, node-redis, Bun).
      if (!dialectOf(client.family).duplicate) return [];
      const member = calleeMember(start.node);
      if (!member) return [];
      const obj = unwrap(member.object);
      const simple = (n: Node): boolean =>
        n.type === "Identifier" ||
        n.type === "ThisExpression" ||
        (n.type === "MemberExpression" && !n.computed && simple(unwrap(n.object)));
      if (!simple(obj)) return [];
      const stmt = statementOfExpression(start.node);
      const block = stmt?.parent;
      if (!stmt || block?.type !== "BlockStatement") return [];
      if (start !== call && !contains(block, call.node)) return [];
      const fn = block.parent;
      const stmts = block.body as Node[];
      const { index, lastDeclaration } = blockIndex(stmts, block);
      const first = index.get(stmt) ?? -1;
      // The statements from `stmt` to the end of the block hold no function or class declaration.
      if (lastDeclaration >= first && first >= 0) return [];
      const last = stmts[stmts.length - 1];
      // `^\s*` matches every string (at worst the empty one): the default is never used.
      const indent = /^\s*/.exec(sourceCode.lines[stmt.loc.start.line - 1] ?? "")?.[0] ?? "";
      const inAsync = (() => {
        for (let n: Node | undefined = block; n; n = n.parent) if (isFunction(n)) return n.async && !n.generator;
        return false;
      })();
      const clientSrc = sourceCode.getText(obj);
      const out: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const range: [number, number] = [stmt.range[0], last.range[1]];

      // node-redis at the version linted against: v4 offers executeIsolated, v5 and later duplicate().
      const dialect = dialects(client.family);
      // Every version of a family has the `duplicate()` checked above.
      const duplicate = dialect.duplicate;

      // ioredis `duplicate()` is usable at once; node-redis needs `connect()`; Bun's is a promise.
      if (duplicate?.forTransactions && (!duplicate.awaited || inAsync)) {
        const name = unusedName(sourceCode, "conn");
        const body = rewritten(stmt, last, client.key, name);
        const head = duplicate.open(name, clientSrc, indent);
        const close = duplicate.close(name);
        const text = `${head}\n${indent}try {\n${indent}${body}\n${indent}} finally {\n${indent}  ${close}\n${indent}}`;
        out.push({
          messageId: "useDuplicate",
          data: { client: clientSrc },
          fix: (fixer) => fixer.replaceTextRange(range, text),
        });
      }
      // executeIsolated only when the block is the whole async function body, so `return` keeps its meaning.
      if (
        dialect.executeIsolated &&
        isFunction(fn) &&
        fn.async &&
        !fn.generator &&
        fn.body === block &&
        !declaresVar(range)
      ) {
        const name = unusedName(sourceCode, "isolated");
        const body = rewritten(stmt, last, client.key, name);
        const text = `return await ${clientSrc}.executeIsolated(async (${name}) => {\n${indent}${body}\n${indent}});`;
        out.push({
          messageId: "useExecuteIsolated",
          data: { client: clientSrc },
          fix: (fixer) => fixer.replaceTextRange(range, text),
        });
      }
      return out;
    }

    return {
      "Program:exit"() {
        const connectionState = (family: RedisCall["family"]) => dialectOf(family).connectionState;
        const { openers, uses } = sharedTransactions(model, sourceCode, { parametersShared, connectionState });
        for (const { call, kind, first } of openers) {
          const dialect = dialectOf(call.client.family);
          const client = clientText(call) ?? "client";
          context.report({
            node: call.node,
            messageId: kind === "multi" ? "rawMulti" : "watch",
            data: {
              call: callText(call),
              family: dialect.clientNoun,
              client: `\`${client}\``,
              fix:
                kind === "multi"
                  ? `${dialect.transactionObject}${dialect.dedicatedConnection}`
                  : dialect.dedicatedConnection,
            },
            suggest: suggestions(call, first),
          });
        }
        for (const { call, kind, opener } of uses) {
          context.report({
            node: call.node,
            messageId: kind === "duringMulti" ? "useDuringMulti" : "useClearsWatch",
            data: {
              command: call.command === "multi" && !call.raw ? "multi()" : commandName(call),
              family: dialectOf(call.client.family).clientNoun,
              client: `\`${clientText(call) ?? "client"}\``,
              line: String(opener.node.loc.start.line),
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
