import type { TSESLint } from "@typescript-eslint/utils";
import { type BlockingCall, type RedisCall, blockingOnSharedClients, redirectClientCalls } from "../model/index.js";
import { dialectsFor } from "../dialects/index.js";
import { type Node, calleeMember, isFunction, unwrap } from "../ast/nodes.js";
import { unusedName } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "blocking" | "useDuplicate";
type Options = [{ treatParametersAsShared?: boolean }];

const LOOPS = new Set(["WhileStatement", "DoWhileStatement", "ForStatement", "ForOfStatement", "ForInStatement"]);
const WAITS = new Set(["WAIT", "WAITAOF"]);

/** A receiver a rewrite can repeat: `redis`, `this.redis`, `deps.redis`. */
function simple(n: Node): boolean {
  return (
    n.type === "Identifier" ||
    n.type === "ThisExpression" ||
    (n.type === "MemberExpression" && !n.computed && simple(unwrap(n.object)))
  );
}

export default createRule<Options, MessageIds>({
  name: "no-blocking-on-shared-client",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, WAIT, ...) on a shared Redis client, whose connection they hold while every other command waits",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          treatParametersAsShared: {
            type: "boolean",
            description:
              "Report clients received as plain function parameters (whose origin the file does not show) as shared. Set to false to report only module-level, injected (`this.redis`, constructor parameters) and imported clients.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ treatParametersAsShared: true }],
    messages: {
      blocking:
        "{{call}} on the shared {{family}} {{client}} holds that client's only connection {{howLong}}: every other command sent on it meanwhile (cache reads, writes, other requests) waits behind the {{command}}, and the whole process stalls on Redis. Give the blocking consumer {{fix}}.",
      useDuplicate: "Run the consumer on a dedicated connection from `{{client}}.duplicate()`, closed when it is done.",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const parametersShared = options?.treatParametersAsShared !== false;
    /** node-redis at `settings.redis.versions.redis`, else the installed `redis` or `@redis/client` package. */
    const dialects = dialectsFor(context, model, { clientPackage: true });

    /** Per anchor statement and client: whether every call on that client from there to the end of the block runs in the blocking call's function. */
    const ownFunctionOnly = new Map<string, boolean>();
    function callsStayInFunction(call: RedisCall, range: [number, number], key: string): boolean {
      const memo = `${range[0]}:${key}`;
      let ok = ownFunctionOnly.get(memo);
      if (ok === undefined) {
        ok = true;
        for (const c of model.callsByFunction.keys()) {
          if (c === call.fn || c.range[1] <= range[0] || c.range[0] >= range[1]) continue;
          const calls = model.callsByFunction.get(c) ?? [];
          if (calls.some((o) => o.client?.key === key && o.node.range[0] >= range[0] && o.node.range[1] <= range[1]))
            ok = false;
        }
        ownFunctionOnly.set(memo, ok);
      }
      return ok;
    }

    /**
     * Moves the consumer onto `client.duplicate()`: from the statement holding the call (or the
     * outermost loop around it, so the connection is opened once) to the end of its block, in
     * try/finally so the connection is closed.
     */
    function suggestions({ call }: BlockingCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const duplicate = dialects(call.client.family).duplicate;
      // `forTransactions`: the writer is right for this version (node-redis v4's has no close()).
      if (!duplicate?.forTransactions) return [];
      const member = calleeMember(call.node);
      const obj = member && unwrap(member.object);
      if (!obj || !simple(obj)) return [];
      let statement: Node | null = null;
      let loop: Node | null = null;
      for (let n: Node = call.node; n.parent && n !== call.fn; n = n.parent) {
        if (isFunction(n)) return [];
        if (!statement && n.parent.type === "BlockStatement") statement = n;
        if (LOOPS.has(n.type)) loop = n;
      }
      const anchor = loop ?? statement;
      const block = anchor?.parent;
      if (!anchor || block?.type !== "BlockStatement") return [];
      let inAsync = false;
      for (let n: Node | undefined = block; n; n = n.parent) {
        if (isFunction(n)) {
          inAsync = n.async && !n.generator;
          break;
        }
      }
      if (duplicate.awaited && !inAsync) return [];
      const stmts = block.body as Node[];
      const from = stmts.indexOf(anchor);
      // Declarations would change scope inside the try block.
      if (stmts.slice(from).some((s) => s.type === "FunctionDeclaration" || s.type === "ClassDeclaration")) return [];
      const last = stmts[stmts.length - 1];
      const range: [number, number] = [anchor.range[0], last.range[1]];
      // A callback in the moved code could use the connection after it is closed.
      if (!callsStayInFunction(call, range, call.client.key)) return [];
      const clientSrc = sourceCode.getText(obj);
      const name = unusedName(sourceCode, "conn");
      const indent = /^\s*/.exec(sourceCode.lines[anchor.loc.start.line - 1] ?? "")?.[0] ?? "";
      const body = redirectClientCalls(model, sourceCode, anchor, last, call.client.key, name);
      const text = `${duplicate.open(name, clientSrc, indent)}\n${indent}try {\n${indent}${body}\n${indent}} finally {\n${indent}  ${duplicate.close(name)}\n${indent}}`;
      return [
        {
          messageId: "useDuplicate",
          data: { client: clientSrc },
          fix: (fixer) => fixer.replaceTextRange(range, text),
        },
      ];
    }

    return {
      "Program:exit"() {
        const holdsConnection = (family: RedisCall["family"]) => dialects(family).blockingConnection !== null;
        for (const found of blockingOnSharedClients(model, sourceCode, { holdsConnection, parametersShared })) {
          const { call, command, forever } = found;
          const dialect = dialects(call.client.family);
          const member = calleeMember(call.node);
          const waitsFor = WAITS.has(command) ? "until the replicas acknowledge the writes" : "until data arrives";
          context.report({
            node: call.node,
            messageId: "blocking",
            data: {
              call: dialect.describeCall(call, "call"),
              command,
              family: dialect.clientNoun,
              client: member ? `\`${sourceCode.getText(unwrap(member.object))}\`` : "",
              howLong: forever ? `${waitsFor}, with no end (its timeout is 0)` : `${waitsFor} or its timeout passes`,
              fix: dialect.blockingConnection ?? "",
            },
            suggest: suggestions(found),
          });
        }
      },
    };
  },
});
