import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { Transaction } from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { type Node, outermost, propertyName, unwrap } from "../ast/nodes.js";
import { canAwaitAt, variableOf } from "../ast/statements.js";
import { useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "neverExecuted" | "addExec";
type Variable = TSESLint.Scope.Variable;

/** Methods on a builder that send it or hand its promise on. */
const SENDING = new Set(["exec", "execAsPipeline", "execTyped", "execBuffer", "then", "catch", "finally"]);

/** Where a builder value ends up. */
type Fate = "dropped" | "escapes";

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
        // Every builder: those the model met as receivers, and `multi()` / `pipeline()` calls whose
        // result nothing calls a method on (`redis.multi([["set", "k", "v"]]);`).
        const candidates = new Set<Transaction>(model.transactions);
        for (const call of model.calls) {
          if (call.receiver !== "client" || call.raw || (call.method !== "multi" && call.method !== "pipeline"))
            continue;
          const v = model.valueOf(call.node);
          if (v && v.kind !== "client") candidates.add(v.tx);
        }
        if (candidates.size === 0) return;
        // Commands queued per transaction, `addCommand([...])` included.
        const counts = new Map<Transaction, number>();
        for (const call of model.calls) {
          if (!call.tx || SENDING.has(call.method)) continue;
          if (call.command || call.method === "addCommand") counts.set(call.tx, (counts.get(call.tx) ?? 0) + 1);
        }
        for (const tx of candidates) {
          if (tx.execs.length > 0) continue;
          let count = counts.get(tx) ?? 0;
          // ioredis `multi([["set", "k", "v"]])` / `pipeline([...])`: commands given up front.
          const first = tx.node.arguments[0];
          if (
            first &&
            unwrap(first).type === "ArrayExpression" &&
            (unwrap(first) as TSESTree.ArrayExpression).elements.length > 0
          ) {
            count += (unwrap(first) as TSESTree.ArrayExpression).elements.length;
          }
          if (count === 0) continue;
          check(tx, count);
        }
      },
    };

    /** Climbs the chain of commands queued on `tx` from `node`; returns its last link, or null when another method is called on it. */
    function chainEnd(node: Node, tx: Transaction): Node | null {
      let n = outermost(node);
      for (;;) {
        const member = n.parent;
        if (member?.type !== "MemberExpression" || member.object !== n) return n;
        const call = outermost(member).parent;
        if (call?.type !== "CallExpression" || unwrap(call.callee) !== member) return null;
        const rc = model.callAt(call);
        const name = propertyName(member);
        if (!rc || rc.tx !== tx || !name || SENDING.has(name)) return null;
        n = outermost(call);
      }
    }

    /** What happens to the builder value at `node`. */
    function fateOf(node: Node, tx: Transaction, seen: Set<Variable>): Fate {
      const end = chainEnd(node, tx);
      if (!end) return "escapes";
      const use = useOf(end, sourceCode);
      if (use.kind === "discarded") return "dropped";
      if (use.kind === "variable" && use.variable) return fateOfVariable(use.variable, tx, seen);
      // `tx = client.multi()` into a `let` declared earlier.
      if (
        use.kind === "stored" &&
        use.parent.type === "AssignmentExpression" &&
        use.parent.left.type === "Identifier"
      ) {
        const variable = variableOf(sourceCode, use.parent.left);
        if (variable && variable.scope.type !== "global" && variable.scope.type !== "module")
          return fateOfVariable(variable, tx, seen);
      }
      return "escapes";
    }

    function fateOfVariable(variable: Variable, tx: Transaction, seen: Set<Variable>): Fate {
      if (seen.has(variable)) return "dropped";
      seen.add(variable);
      // `export const tx = ...`: other modules may run it.
      const declarator = variable.defs[0]?.node as Node | undefined;
      if (declarator?.parent?.parent?.type === "ExportNamedDeclaration") return "escapes";
      for (const ref of variable.references) {
        if (!ref.isRead()) continue;
        if (fateOf(ref.identifier, tx, seen) === "escapes") return "escapes";
      }
      return "dropped";
    }

    function check(tx: Transaction, count: number): void {
      if (fateOf(tx.node, tx, new Set()) !== "dropped") return;
      const what = tx.atomic ? "transaction" : "pipeline";
      const dialect = dialectOf(tx.family);
      const data = {
        family: dialect.label,
        what,
        count: count === 1 ? "1 command" : `${count} commands`,
        exec: dialect.execName,
      };
      const end = chainEnd(tx.node, tx);
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
