import type { TSESLint } from "@typescript-eslint/utils";
import { type RedisCall, type WatchExit, danglingWatchListeners } from "../model/index.js";
import { dialectOf, dialectsFor } from "../dialects/index.js";
import { calleeMember, unwrap } from "../ast/nodes.js";
import { canAwaitAt, inStatementList, isPure, sameMeaningAt, separatorBefore } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "danglingAtExit" | "danglingAtEnd" | "unwatch";

/*
 * The analysis (code-path data flow over WATCH, clears and exits) is the model's:
 * src/model/watch-exits.ts. This rule words the reports and offers the UNWATCH.
 */

export default createRule<[], MessageIds>({
  name: "no-dangling-watch",
  meta: {
    type: "problem",
    docs: {
      description: "Require every path out of a function to clear its WATCH with EXEC, UNWATCH or DISCARD",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      danglingAtExit:
        "This {{exit}} leaves the function while the WATCH of line {{line}} is still active on {{client}} ({{family}}): no EXEC, UNWATCH or DISCARD on this path. The connection keeps watching, and the next, unrelated transaction on it aborts ({{abort}}) when the key changes. Call `{{fix}}` before the {{exit}}.",
      danglingAtEnd:
        "This WATCH on {{client}} ({{family}}) can still be active when the function ends: a path reaches the end without EXEC, UNWATCH or DISCARD. The connection keeps watching, and the next, unrelated transaction on it aborts ({{abort}}) when the key changes. Call `{{fix}}` on that path.",
      unwatch: "Call `{{fix}}` before the {{exit}}.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;

    const listeners = danglingWatchListeners(model, sourceCode, (family) => dialectOf(family).hasWatch, report);
    if (!listeners) return {};
    const dialects = dialectsFor(context, model);

    function report(exit: WatchExit, watch: RedisCall): void {
      const member = calleeMember(watch.node);
      const clientExpr = member ? unwrap(member.object) : null;
      const client = clientExpr ? sourceCode.getText(clientExpr) : "the client";
      // At the installed (or configured) major: node_redis v3 reports an abort to exec's callback.
      const dialect = dialects(watch.family);
      const fix = dialect.unwatchCall(client);
      const data = {
        client,
        family: dialect.label,
        abort: dialect.watchAbort,
        fix: `await ${fix}`,
        line: String(watch.node.loc.start.line),
      };
      if (exit.type !== "ReturnStatement" && exit.type !== "ThrowStatement") {
        context.report({ node: watch.node, messageId: "danglingAtEnd", data });
        return;
      }
      const kind = exit.type === "ReturnStatement" ? "return" : "throw";
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (
        clientExpr &&
        isPure(clientExpr) &&
        inStatementList(exit) &&
        canAwaitAt(sourceCode, exit) &&
        sameMeaningAt(sourceCode, clientExpr, exit)
      ) {
        const text = `await ${fix};${separatorBefore(sourceCode, exit)}`;
        suggest.push({
          messageId: "unwatch",
          data: { fix: `await ${fix}`, exit: kind },
          fix: (fixer) => fixer.insertTextBefore(exit, text),
        });
      }
      // eslint-disable-next-line eslint-plugin/no-missing-placeholders -- `data` carries line, client, family, abort and fix
      context.report({ node: exit, messageId: "danglingAtExit", data: { ...data, exit: kind }, suggest });
    }

    return listeners;
  },
});
