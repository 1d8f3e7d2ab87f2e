import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type CreatedClient, type MadeAs, clientsWithoutErrorListener } from "../model/index.js";
import { dialectsFor } from "../dialects/index.js";
import { type Node, unwrap } from "../ast/nodes.js";
import { inStatementList, lineIndent } from "../ast/statements.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "noErrorListener" | "addErrorListener";

/** What the report calls each kind of connection. */
const NOUN: Record<MadeAs, string> = {
  client: "client",
  pool: "client pool",
  duplicate: "duplicate() connection",
  cluster: "cluster client",
  sentinel: "sentinel client",
};

/** The listener the suggestion attaches. */
const LISTENER = `on("error", (err) => console.error("Redis client error", err))`;

/** The statement a declaration is part of, when statements can follow it: `const c = ...;`, `export const c = ...;`. */
function declarationStatement(declarator: TSESTree.VariableDeclarator): Node | null {
  const decl = declarator.parent;
  const stmt: Node | undefined = decl.parent?.type === "ExportNamedDeclaration" ? decl.parent : decl;
  return stmt && inStatementList(stmt) ? stmt : null;
}

/** The call's text as the message names it: `createClient()`, `client.duplicate()`. */
function madeBy(c: CreatedClient, sourceCode: TSESLint.SourceCode): string {
  const text = sourceCode.getText(c.node.callee);
  return text.length <= 40 && !text.includes("\n") ? `${text}()` : "this call";
}

/**
 * Where the listener goes: a statement after `const c = createClient(...)`, or `.on(...)`
 * chained onto the creation itself (`await createClient().on(...).connect()`), before anything
 * else runs on it. Null when neither can be written.
 */
function addListener(
  c: CreatedClient,
  sourceCode: TSESLint.SourceCode,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | null {
  const declarator = c.declaration;
  if (declarator?.id.type === "Identifier") {
    const stmt = declarationStatement(declarator);
    const indent = stmt ? lineIndent(sourceCode, stmt) : null;
    if (stmt && indent !== null) {
      const text = `\n${indent}${declarator.id.name}.${LISTENER};`;
      return (fixer) => fixer.insertTextAfter(stmt, text);
    }
  }
  // `a?.duplicate()`: the listener would be skipped with the call.
  if (c.node.optional || unwrap(c.node.callee) !== c.node.callee || c.node.parent.type === "ChainExpression")
    return null;
  if (c.node.callee.type === "MemberExpression" && c.node.callee.optional) return null;
  return (fixer) => fixer.insertTextAfter(c.node, `.${LISTENER}`);
}

export default createRule<[], MessageIds>({
  name: "require-error-listener",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require an `error` listener on every node-redis client the file creates, whose unhandled `error` event exits the process",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noErrorListener:
        'The {{label}} {{noun}} made by {{call}} has no `error` listener anywhere in this file. When its connection drops, {{label}} emits `error`, and with no listener Node.js throws it and the process exits: one Redis blip takes down the service. Attach one right after creating it: `.on("error", (err) => ...)`.',
      addErrorListener:
        'Attach an `error` listener after creating it: `.on("error", (err) => console.error("Redis client error", err))`.',
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const dialectFor = dialectsFor(context, model);
    return {
      "Program:exit"() {
        const found = clientsWithoutErrorListener(
          model,
          sourceCode,
          (client, made) => dialectFor(client.family).errorEventExits?.has(made) === true,
        );
        for (const c of found) {
          const fix = addListener(c, sourceCode);
          context.report({
            node: c.node,
            messageId: "noErrorListener",
            data: { label: dialectFor(c.client.family).label, noun: NOUN[c.made], call: madeBy(c, sourceCode) },
            suggest: fix ? [{ messageId: "addErrorListener", fix }] : [],
          });
        }
      },
    };
  },
});
