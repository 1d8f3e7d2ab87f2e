import type { TSESLint } from "@typescript-eslint/utils";
import {
  type BlockingCall,
  type RedisCall,
  blockingOnSharedClients,
  consumerSpan,
  redirectClientCalls,
} from "../model/index.js";
import { dialectsFor } from "../dialects/index.js";
import { calleeMember, unwrap } from "../ast/nodes.js";
import { unusedName } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "blocking" | "useDuplicate";
type Options = [{ treatParametersAsShared?: boolean }];

const WAITS = new Set(["WAIT", "WAITAOF"]);

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

    /**
     * Moves the consumer onto `client.duplicate()`: from the statement holding the call (or the
     * outermost loop around it, so the connection is opened once) to the end of its block, in
     * try/finally so the connection is closed.
     */
    function suggestions({ call }: BlockingCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const duplicate = dialects(call.client.family).duplicate;
      // `forTransactions`: the writer is right for this version (node-redis v4's has no close()).
      if (!duplicate?.forTransactions) return [];
      const span = consumerSpan(model, call, duplicate.awaited);
      if (!span) return [];
      const { receiver, anchor, last, range } = span;
      const clientSrc = sourceCode.getText(receiver);
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
