import type { TSESLint } from "@typescript-eslint/utils";
import { type CompensatingPair, compensatingPairs } from "../model/index.js";
import { type Node, unwrap } from "../ast/nodes.js";
import { removeStatement } from "../ast/statements.js";
import { wholeStatement } from "../ast/usage.js";
import { dialectsFor } from "../dialects/index.js";
import { checkedDecrementReplacement } from "../dialects/compensation.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "compensatingDecrement" | "useCheckedDecrement";

const FLIP: Readonly<Record<string, string>> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "===": "===", "==": "==" };

function numberValue(n: Node): number | null {
  const u = unwrap(n);
  if (u.type === "Literal" && typeof u.value === "number") return u.value;
  if (u.type === "UnaryExpression" && u.operator === "-") {
    const inner = numberValue(u.argument);
    return inner === null ? null : -inner;
  }
  return null;
}

/** The result as produced (`left`, `Number(left)`, the awaited call itself). */
function isResult(n: Node, pair: CompensatingPair): boolean {
  let u = unwrap(n);
  if (u.type === "AwaitExpression") u = unwrap(u.argument);
  if (
    u.type === "CallExpression" &&
    u.callee.type === "Identifier" &&
    u.callee.name === "Number" &&
    u.arguments.length === 1
  )
    u = unwrap(u.arguments[0]);
  if (u === pair.decrement.call.node) return true;
  const taint = pair.flow.uses.get(u);
  return !!taint && taint.kind === "value" && !taint.derived;
}

/**
 * The guard says "below zero" of the result itself (`left < 0`, `left >= 0`, `0 > left`,
 * `left <= -1`; `=== -1` after DECR): the script's answer, the value the decrement would have
 * left, keeps that test's meaning. Other thresholds (`left < min`) get no suggestion.
 */
function testsBelowZero(pair: CompensatingPair): boolean {
  const test = unwrap(pair.guard.test);
  if (test.type !== "BinaryExpression") return false;
  let op: string | undefined = test.operator;
  let constant: number | null;
  if (isResult(test.left, pair)) constant = numberValue(test.right);
  else if (isResult(test.right, pair)) {
    constant = numberValue(test.left);
    op = FLIP[op];
  } else return false;
  if (constant === null || op === undefined) return false;
  if ((op === "<" || op === ">=") && constant === 0) return true;
  if ((op === "<=" || op === ">") && constant === -1) return true;
  return (op === "===" || op === "==") && constant === -1 && pair.decrement.amountValue === 1;
}

export default createRule<[], MessageIds>({
  name: "no-compensating-decrement",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow taking a counter down, checking the result and putting it back with a second command, which refuses other callers in between and loses the units on a crash",
      recommended: "warn",
      strict: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      compensatingDecrement:
        '{{decrement}} takes the units and the {{undo}} on line {{line}} puts them back when the result is too low: two commands, not one atomic check. Between them every other caller sees the count too low and is refused although enough was left for it ("in stock on the page, insufficient at checkout"), and if the process dies in between the units are lost for good. Check and decrement in one Lua script ({{family}}: {{evalForm}}).',
      useCheckedDecrement:
        "Check and decrement in one Lua script (it answers the value the decrement would leave and takes nothing when that is below 0), and drop the {{undo}}.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const typescript = /\.[cm]?tsx?$/i.test(context.filename);
    const dialects = dialectsFor(context, model);

    const report = (pair: CompensatingPair) => {
      const { decrement, undo } = pair;
      const dialect = dialects(decrement.call.family);
      const data = {
        decrement: dialect.describeCall(decrement.call, "command"),
        undo: dialect.describeCall(undo.call, "command"),
        line: String(undo.call.node.loc.start.line),
        family: dialect.label,
        evalForm: dialect.evalForm,
      };
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const stmt = wholeStatement(undo.call.node, sourceCode);
      if (stmt && testsBelowZero(pair)) {
        const text = checkedDecrementReplacement(decrement, sourceCode, typescript, dialect);
        if (text !== null) {
          suggest.push({
            messageId: "useCheckedDecrement",
            data,
            fix: (fixer) => [fixer.replaceText(decrement.call.node, text), removeStatement(fixer, stmt, sourceCode)],
          });
        }
      }
      context.report({ node: decrement.call.node, messageId: "compensatingDecrement", data, suggest });
    };

    return {
      "Program:exit"() {
        for (const pair of compensatingPairs(model, sourceCode)) report(pair);
      },
    };
  },
});
