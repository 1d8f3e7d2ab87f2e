import type { TSESLint } from "@typescript-eslint/utils";
import { type RedisCall, execNullCandidates, execResultFinding } from "../model/index.js";
import { dialectOf, dialectsFor } from "../dialects/index.js";
import { type Node, isFunction } from "../ast/nodes.js";
import { useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "unchecked" | "ignored" | "throwOnAbort";
type Mode = "watched" | "always";
type Options = [{ requireNullCheck?: Mode }];

const ABORT_ERROR = `throw new Error("Transaction aborted: a WATCHed key changed")`;

function execLabel(call: RedisCall): string {
  return dialectOf(call.family).execLabel(call);
}

export default createRule<Options, MessageIds>({
  name: "no-unchecked-exec",
  meta: {
    type: "problem",
    docs: {
      description: "Require a null check on the result of exec() when a WATCH can abort the transaction",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          requireNullCheck: {
            type: "string",
            enum: ["watched", "always"],
            description:
              '"watched": only when a WATCH on the same client comes earlier in the function; "always": every exec() of a client that resolves to null on a WATCH abort.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireNullCheck: "watched" }],
    messages: {
      unchecked:
        "{{exec}} resolves to null when the transaction is aborted ({{why}}), but this result is {{how}} without a null check. Check it first (`if (result === null)`) and retry or report the conflict.",
      ignored:
        "{{exec}} resolves to null when the transaction is aborted ({{why}}), and then nothing was written; but this result is {{how}}, so the code goes on as if the transaction applied. Check it for null and retry or report the conflict.",
      throwOnAbort: "Throw when exec() resolves to null (the transaction was aborted).",
    },
  },
  create(context, [options], model) {
    const mode: Mode = options?.requireNullCheck === "always" ? "always" : "watched";
    const sourceCode = context.sourceCode;

    // -------------------------------------------------------------------------------------------
    // Suggestions

    function inStatementList(stmt: Node): boolean {
      const p = stmt.parent;
      return (
        !!p &&
        (p.type === "BlockStatement" || p.type === "Program" || p.type === "SwitchCase" || p.type === "StaticBlock")
      );
    }

    function indentOf(node: Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? "";
      // `^\s*` matches every string (at worst the empty one): the default is never used.
      return /^\s*/.exec(line)?.[0] ?? "";
    }

    function suggestionFor(exec: RedisCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const use = useOf(exec.node, sourceCode);
      if (!use.awaited) return [];
      const parent = use.parent;
      // `await tx.exec();` → `if ((await tx.exec()) === null) throw ...;`
      if (
        use.kind === "discarded" &&
        parent.type === "ExpressionStatement" &&
        inStatementList(parent) &&
        parent.expression === use.node
      ) {
        return [
          {
            messageId: "throwOnAbort",
            fix: (fixer) =>
              fixer.replaceText(parent, `if ((${sourceCode.getText(use.node)}) === null) ${ABORT_ERROR};`),
          },
        ];
      }
      // `const res = await tx.exec();` → add `if (res === null) throw ...;` after it.
      let stmt: Node | null = null;
      let name: string | null = null;
      if (use.kind === "variable" && parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
        const decl = parent.parent;
        if (decl?.type === "VariableDeclaration" && decl.declarations.length === 1) {
          stmt = decl;
          name = parent.id.name;
        }
      } else if (
        use.kind === "stored" &&
        parent.type === "AssignmentExpression" &&
        parent.left.type === "Identifier" &&
        parent.parent?.type === "ExpressionStatement"
      ) {
        stmt = parent.parent;
        name = parent.left.name;
      }
      if (!stmt || !name || !inStatementList(stmt)) return [];
      const guard = `\n${indentOf(stmt)}if (${name} === null) ${ABORT_ERROR};`;
      const target = stmt;
      return [{ messageId: "throwOnAbort", fix: (fixer) => fixer.insertTextAfter(target, guard) }];
    }

    return {
      "Program:exit"() {
        // node-redis at the installed (or configured) major: v2 / v3 call exec(callback) with null replies.
        const dialects = dialectsFor(context, model);
        const facts = {
          execNullOnAbort: (f: RedisCall["family"]) => dialectOf(f).execNullOnAbort,
          execOnClient: (f: RedisCall["family"]) => dialectOf(f).execOnClient,
          execCallbackNullOnAbort: (f: RedisCall["family"]) => dialects(f).execCallbackNullOnAbort,
        };
        for (const { exec, watch } of execNullCandidates(model, mode, facts)) {
          // ioredis `exec(callback)` with a callback we cannot see (`exec(done)`): the result goes there.
          if (
            dialectOf(exec.family).execTakesCallback &&
            !exec.raw &&
            exec.receiver !== "client" &&
            exec.node.arguments.length > 0 &&
            !exec.node.arguments.some((a) => isFunction(a))
          )
            continue;
          const finding = execResultFinding(exec, sourceCode);
          if (!finding) continue;
          const why = watch
            ? `a key WATCHed at line ${watch.node.loc.start.line} changed before EXEC`
            : "a WATCH on this connection, yours or another caller's on a shared client, saw a change";
          context.report({
            node: exec.node,
            messageId: finding.kind,
            data: { exec: execLabel(exec), why, how: finding.how },
            suggest: suggestionFor(exec),
          });
        }
      },
    };
  },
});
