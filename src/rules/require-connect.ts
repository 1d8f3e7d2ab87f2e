import type { TSESLint } from "@typescript-eslint/utils";
import { enclosingFunction } from "../ast/nodes.js";
import { canAwaitAt, lineIndent } from "../ast/statements.js";
import { dialectOf, dialectsFor } from "../dialects/index.js";
import { unconnectedClients, writtenForNodeRedis4 } from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "neverConnected" | "connectAfterCreation";

export default createRule<[], MessageIds>({
  name: "require-connect",
  meta: {
    type: "problem",
    docs: {
      description: "Require `connect()` on a node-redis v4+ client, pool or duplicate before its commands",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      neverConnected:
        "`{{client}}` is never connected: no code in this file calls `{{client}}.connect()`, and the client does not leave the file. Its {{method}} goes to a closed client: {{failure}}. Call `await {{client}}.connect()` after creating it.",
      connectAfterCreation: "Connect `{{client}}` right after creating it: `await {{client}}.connect();`.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const dialects = dialectsFor(context, model, { clientPackage: true });
    // Top-level `await` needs an ES module: not CommonJS, not a .cjs / .cts file.
    const esm = context.languageOptions.sourceType !== "commonjs" && !/\.c[jt]s$/.test(context.filename);
    return {
      "Program:exit"() {
        let v4Evidence: boolean | undefined;
        for (const { client, variable, first, routed, statement } of unconnectedClients(model, sourceCode)) {
          const dialect = dialects(client.family);
          let failure = dialect.unconnectedFailure?.(first.command, routed);
          // The installed version is unknown: only code written for v4 or later (camelCase
          // commands, `connect()` on another client) says the client needs connecting.
          if (!failure && dialect.version === null) {
            v4Evidence ??= writtenForNodeRedis4(model);
            if (v4Evidence) failure = dialectOf(client.family, 4).unconnectedFailure?.(first.command, routed);
          }
          if (!failure) continue;
          const name = variable.name;
          // `await` right after the creating statement, where `await` may be written (an async
          // function, the top level of an ES module); elsewhere no suggestion (see the doc).
          const indent = statement && lineIndent(sourceCode, statement);
          const suggest =
            statement &&
            indent !== null &&
            canAwaitAt(sourceCode, statement) &&
            (esm || enclosingFunction(statement).type !== "Program")
              ? [
                  {
                    messageId: "connectAfterCreation" as const,
                    data: { client: name },
                    fix: (fixer: TSESLint.RuleFixer) =>
                      fixer.insertTextAfter(statement, `\n${indent}await ${name}.connect();`),
                  },
                ]
              : [];
          context.report({
            node: first.node,
            messageId: "neverConnected",
            data: { client: name, method: dialect.describeCall(first, "command"), failure },
            suggest,
          });
        }
      },
    };
  },
});
