import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { dialectOf } from "../dialects/index.js";
import { unwrap } from "../ast/nodes.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "noKeys" | "useScan";

/** Whether `node` reads one of the names a replacement declares (property names do not count). */
function readsLocal(node: TSESTree.Node, LOCALS: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: TSESTree.Node | null | undefined): void => {
    if (!n || found) return;
    switch (n.type) {
      case "Identifier":
        if (LOCALS.has(n.name)) found = true;
        return;
      case "MemberExpression":
        visit(n.object);
        if (n.computed) visit(n.property);
        return;
      case "Literal":
      case "ThisExpression":
      case "PrivateIdentifier":
        return;
      default:
        // Anything else (templates, calls, operators): look at every child.
        for (const [key, value] of Object.entries(n)) {
          if (key === "parent" || key === "range" || key === "loc") continue;
          if (Array.isArray(value)) {
            for (const v of value as unknown[]) {
              if (v && typeof v === "object" && "type" in v) visit(v as TSESTree.Node);
            }
          } else if (value && typeof value === "object" && "type" in value) visit(value as TSESTree.Node);
        }
    }
  };
  visit(node);
  return found;
}

export default createRule<[], MessageIds>({
  name: "no-keys",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow the KEYS command, which blocks the Redis server while it scans every key",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noKeys:
        "KEYS ({{how}}) walks the whole keyspace in one O(N) call and blocks the Redis server for every other client while it runs. Iterate with SCAN instead: {{scan}}.",
      useScan: "Collect the keys with {{scan}} instead.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    return {
      "Program:exit"() {
        for (const call of model.calls) {
          if (call.command !== "keys") continue;
          // Redis KEYS always takes a pattern; a `keys()` with no argument is some other API.
          if (!call.raw && call.args.length === 0) continue;
          const dialect = dialectOf(call.family);
          const scan = call.client?.cluster ? dialect.clusterScanName : dialect.scanName;
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const callee = unwrap(call.node.callee) as TSESTree.MemberExpression;
          // No drop-in SCAN for clusters (each node has its own keyspace), nor when the pattern or the
          // client reads a name the replacement declares (`keys(batch + "*")` would read ours).
          const replacement =
            !call.raw &&
            call.receiver === "client" &&
            !call.client?.cluster &&
            call.args.length === 1 &&
            call.args[0].type !== "SpreadElement" &&
            !readsLocal(call.args[0], dialect.scanLocals) &&
            !readsLocal(callee.object, dialect.scanLocals)
              ? dialect.scanReplacement(sourceCode.getText(callee.object), sourceCode.getText(call.args[0]))
              : null;
          if (replacement && call.node.callee.type === "MemberExpression" && !callee.optional) {
            suggest.push({
              messageId: "useScan",
              data: { scan },
              fix: (fixer) => fixer.replaceText(call.node, replacement),
            });
          }
          context.report({
            node: call.node,
            messageId: "noKeys",
            data: { how: dialect.describeCall(call), scan },
            suggest,
          });
        }
      },
    };
  },
});
