import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { RedisCall } from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { type Node, calleeMember, unwrap } from "../ast/nodes.js";
import {
  canAwaitAt,
  inStatementList,
  isPure,
  mayLeave,
  sameMeaningAt,
  separatorBefore,
  statementRemovalRange,
} from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "watchInMulti" | "watchInRawMulti" | "moveWatch";

/** Climbs from `node` while it is the first thing its parent evaluates; returns the statement reached, or null. */
function statementEvaluatingFirst(node: Node): TSESTree.Statement | null {
  let n: Node = node;
  for (;;) {
    const p: Node | undefined = n.parent;
    if (!p) return null;
    switch (p.type) {
      case "MemberExpression":
        if (p.object !== n) return null;
        break;
      case "CallExpression":
        if (p.callee !== n) return null;
        break;
      case "ChainExpression":
      case "TSNonNullExpression":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSTypeAssertion":
        break;
      case "AwaitExpression":
        break;
      case "UnaryExpression":
        if (p.operator === "delete") return null;
        break;
      case "BinaryExpression":
      case "LogicalExpression":
        if (p.left !== n) return null;
        break;
      case "ConditionalExpression":
        if (p.test !== n) return null;
        break;
      case "AssignmentExpression":
        if (p.right !== n || p.operator !== "=" || p.left.type !== "Identifier") return null;
        break;
      case "VariableDeclarator":
        if (p.init !== n) return null;
        break;
      case "VariableDeclaration":
        if (p.declarations[0] !== n) return null;
        return inStatementList(p) ? p : null;
      case "ExpressionStatement":
      case "ReturnStatement":
        return inStatementList(p) ? p : null;
      default:
        return null;
    }
    n = p;
  }
}

/** The receiver chain of a queued call leads back to `target` through queued calls only. */
function chainReaches(start: Node, target: Node): boolean {
  let n = unwrap(start);
  for (;;) {
    if (n === target) return true;
    if (n.type !== "CallExpression") return false;
    const member = calleeMember(n);
    if (!member) return false;
    n = unwrap(member.object);
  }
}

export default createRule<[], MessageIds>({
  name: "no-watch-in-multi",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow WATCH queued inside a transaction, where it is sent after MULTI and protects nothing",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      watchInMulti:
        "{{family}}: watch() on a transaction builder is sent after MULTI, so it protects nothing: {{consequence}}. A concurrent write to the key is silently overwritten. Call {{client}}.watch(...) before multi().",
      watchInRawMulti:
        '{{family}}: WATCH is sent on a connection that is already in MULTI: the server refuses it ("WATCH inside MULTI is not allowed") and the transaction runs unprotected. Send WATCH before MULTI.',
      moveWatch: "Watch the key on the client before multi(): `await {{client}}.watch(...)`.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;

    /** The suggestion: WATCH on the client, in a statement of its own before the one that makes the transaction. */
    function suggestion(call: RedisCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const tx = call.tx;
      if (!tx || tx.node.type !== "CallExpression") return [];
      const multiMember = calleeMember(tx.node);
      const watchMember = calleeMember(call.node);
      if (
        !multiMember ||
        !watchMember ||
        call.node.callee !== watchMember ||
        watchMember.optional ||
        call.node.optional
      )
        return [];
      const clientExpr = unwrap(multiMember.object);
      if (!isPure(clientExpr) || call.node.arguments.length === 0) return [];
      const receiver = unwrap(watchMember.object);

      let anchor: TSESTree.Statement | null;
      let removal: [number, number] | null;
      if (chainReaches(receiver, tx.node)) {
        // `await client.multi().watch(k).set(k, v).exec()`
        anchor = statementEvaluatingFirst(tx.node);
        removal = [watchMember.object.range[1], call.node.range[1]];
      } else {
        // `const tx = client.multi(); tx.watch(k); ...`
        let root: Node = receiver;
        while (root.type === "CallExpression") {
          const m = calleeMember(root);
          if (!m) return [];
          root = unwrap(m.object);
        }
        const decl = tx.node.parent;
        if (root.type !== "Identifier" || decl?.type !== "VariableDeclarator" || decl.init !== tx.node) return [];
        const rootValue = model.valueOf(root);
        if (decl.id.type !== "Identifier" || !rootValue || rootValue.kind === "client" || rootValue.tx !== tx)
          return [];
        const declaration = decl.parent;
        if (
          declaration?.type !== "VariableDeclaration" ||
          declaration.declarations.length !== 1 ||
          !inStatementList(declaration)
        )
          return [];
        anchor = declaration;
        // The watch statement must run whenever the declaration does: a sibling in the same list.
        let stmt: Node = call.node;
        while (stmt.parent && stmt.parent.type !== "ExpressionStatement") {
          const p: Node = stmt.parent;
          if (
            p.type === "AwaitExpression" ||
            p.type === "ChainExpression" ||
            (p.type === "MemberExpression" && p.object === stmt) ||
            (p.type === "CallExpression" && p.callee === stmt)
          ) {
            stmt = p;
            continue;
          }
          return [];
        }
        const statement = stmt.parent;
        if (!statement || statement.parent !== declaration.parent) return [];
        // Nothing between them may leave early: the moved WATCH would then be sent on a path that
        // never ran it before (and never clears it).
        const list =
          (declaration.parent as { body?: Node[]; consequent?: Node[] }).body ??
          (declaration.parent as { consequent?: Node[] }).consequent ??
          [];
        const from = list.indexOf(declaration);
        const to = list.indexOf(statement);
        if (from < 0 || to < from || list.slice(from + 1, to).some((s) => mayLeave(sourceCode, s))) return [];
        removal =
          unwrap(stmt.type === "AwaitExpression" ? stmt.argument : stmt) === call.node
            ? statementRemovalRange(sourceCode, statement)
            : [watchMember.object.range[1], call.node.range[1]];
      }
      if (!anchor || !removal) return [];
      if (!canAwaitAt(sourceCode, anchor)) return [];
      if (!sameMeaningAt(sourceCode, clientExpr, anchor)) return [];
      for (const arg of call.node.arguments) if (!sameMeaningAt(sourceCode, arg, anchor)) return [];
      const clientText = sourceCode.getText(clientExpr);
      const argsText = call.node.arguments.map((a) => sourceCode.getText(a)).join(", ");
      const insert = `await ${clientText}.watch(${argsText});${separatorBefore(sourceCode, anchor)}`;
      const [from, to] = removal;
      const anchorStart = anchor.range[0];
      return [
        {
          messageId: "moveWatch",
          data: { client: clientText },
          fix: (fixer) => [
            fixer.insertTextBeforeRange([anchorStart, anchorStart], insert),
            fixer.removeRange([from, to]),
          ],
        },
      ];
    }

    return {
      "Program:exit"() {
        for (const call of model.calls) {
          if (call.command !== "watch") continue;
          if (call.receiver === "transaction" && call.tx?.atomic) {
            const multiMember = call.tx.node.type === "CallExpression" ? calleeMember(call.tx.node) : null;
            const client = multiMember ? sourceCode.getText(unwrap(multiMember.object)) : "the client";
            const member = calleeMember(call.node);
            context.report({
              node: call.node,
              // A chain over several lines: point at `.watch(...)`, not at its first line.
              loc: member ? { start: member.property.loc.start, end: call.node.loc.end } : call.node.loc,
              messageId: "watchInMulti",
              data: { family: dialectOf(call.family).label, consequence: dialectOf(call.family).watchInMulti, client },
              suggest: suggestion(call),
            });
          } else if (call.receiver === "client" && model.isRawMulti(call)) {
            context.report({
              node: call.node,
              messageId: "watchInRawMulti",
              data: { family: dialectOf(call.family).label },
            });
          }
        }
      },
    };
  },
});
