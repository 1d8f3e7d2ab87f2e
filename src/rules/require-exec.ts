import type { TSESLint } from "@typescript-eslint/utils";
import { type Transaction, builderDropped, queuedChainEnd, unsentBuilders } from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { unwrap } from "../ast/nodes.js";
import { canAwaitAt } from "../ast/statements.js";
import { useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "neverExecuted" | "addExec";

export default createRule<[], MessageIds>({
  name: "require-exec",
  meta: {
    type: "problem",
    docs: {
      description: "Require transactions and pipelines with queued commands to be executed",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      neverExecuted:
        "This {{family}} {{what}} queues {{count}} but is never executed: without {{exec}} nothing is sent to Redis, and nothing fails to tell you. Call {{exec}} and await it, or return the {{what}} to the code that runs it.",
      addExec: "Execute it: `await ….exec()`.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;

    return {
      "Program:exit"() {
        for (const { tx, count } of unsentBuilders(model)) check(tx, count);
      },
    };

    function check(tx: Transaction, count: number): void {
      if (!builderDropped(model, sourceCode, tx)) return;
      const what = tx.atomic ? "transaction" : "pipeline";
      const dialect = dialectOf(tx.family);
      const data = {
        family: dialect.label,
        what,
        count: count === 1 ? "1 command" : `${count} commands`,
        exec: dialect.execName,
      };
      const end = queuedChainEnd(model, tx.node, tx);
      const use = end ? useOf(end, sourceCode) : null;
      if (!end || !use || use.kind !== "discarded") {
        context.report({ node: tx.node, messageId: "neverExecuted", data });
        return;
      }
      // A chain thrown away in a statement: `client.multi().set(k, v);`.
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const stmt = use.parent;
      if (
        !dialect.execOnClient &&
        stmt.type === "ExpressionStatement" &&
        unwrap(end) === end &&
        !sourceCode.getText(end).includes("?.") &&
        canAwaitAt(sourceCode, end)
      ) {
        suggest.push({
          messageId: "addExec",
          fix: (fixer) =>
            use.awaited
              ? fixer.insertTextAfter(end, ".exec()")
              : [fixer.insertTextBefore(end, "await "), fixer.insertTextAfter(end, ".exec()")],
        });
      }
      context.report({ node: end, messageId: "neverExecuted", data, suggest });
    }
  },
});
