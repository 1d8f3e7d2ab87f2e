import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Family, type RedisCall, FAMILY_LABEL, getModel, unwrap } from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "noKeys" | "useScan";

/** How each client iterates with SCAN, as the message names it. */
const SCAN_NAME: Record<Family, string> = {
  ioredis: "scanStream({ match })",
  "node-redis": "scanIterator({ MATCH })",
  upstash: "scan(cursor, { match })",
  glide: "scan(cursor, { match })",
  bun: 'send("SCAN", [cursor, "MATCH", pattern])',
  unknown: "SCAN",
};

/** On a cluster each master has its own keyspace: SCAN must run on every one of them. */
const CLUSTER_SCAN_NAME: Record<Family, string> = {
  ioredis: 'scanStream({ match }) on each node of cluster.nodes("master") (a Cluster has no scanStream)',
  "node-redis": "scanIterator({ MATCH }) on the client of each master node",
  upstash: SCAN_NAME.upstash,
  glide: "scan(new ClusterScanCursor(), { match }) until cursor.isFinished()",
  bun: SCAN_NAME.bun,
  unknown: "SCAN on each master node",
};

/**
 * A replacement with the same meaning as `client.keys(pattern)`: a promise of every matching
 * key, collected with the client's SCAN iterator.
 */
function scanReplacement(family: Family, client: string, pattern: string): string | null {
  switch (family) {
    case "ioredis":
      return `(async () => { const keys = []; for await (const batch of ${client}.scanStream({ match: ${pattern} })) keys.push(...batch); return keys; })()`;
    case "node-redis":
      // v4 yields keys one by one, v5 and later yield arrays of keys: `[k].flat()` takes both.
      return `(async () => { const keys = []; for await (const k of ${client}.scanIterator({ MATCH: ${pattern} })) keys.push(...[k].flat()); return keys; })()`;
    case "upstash":
    case "glide":
      return `(async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await ${client}.scan(cursor, { match: ${pattern} }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })()`;
    default:
      return null;
  }
}

/** Names each replacement declares: a pattern or client that reads one of them would see ours instead. */
const LOCALS: Record<Family, ReadonlySet<string>> = {
  ioredis: new Set(["keys", "batch"]),
  "node-redis": new Set(["keys", "k"]),
  upstash: new Set(["keys", "cursor", "next", "batch"]),
  glide: new Set(["keys", "cursor", "next", "batch"]),
  bun: new Set(),
  unknown: new Set(),
};

/** Whether `node` reads one of `LOCALS` (property names do not count). */
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
          if (Array.isArray(value)) value.forEach((v) => v && typeof v === "object" && "type" in v && visit(v as TSESTree.Node));
          else if (value && typeof value === "object" && "type" in value) visit(value as TSESTree.Node);
        }
    }
  };
  visit(node);
  return found;
}

function describe(call: RedisCall): string {
  if (call.raw) return `${FAMILY_LABEL[call.family]} raw ${call.method}(...)`;
  const where = call.receiver === "client" ? "" : ` queued on a ${call.receiver}`;
  return `${FAMILY_LABEL[call.family]} ${call.method}()${where}`;
}

export default createRule<[], MessageIds>({
  name: "no-keys",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow the KEYS command, which blocks the Redis server while it scans every key",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noKeys:
        "KEYS ({{how}}) walks the whole keyspace in one O(N) call and blocks the Redis server for every other client while it runs. Iterate with SCAN instead: {{scan}}.",
      useScan: "Collect the keys with {{scan}} instead.",
    },
  },
  defaultOptions: [],
  create(context) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    return {
      "Program:exit"() {
    for (const call of model.calls) {
      if (call.command !== "keys") continue;
      // Redis KEYS always takes a pattern; a `keys()` with no argument is some other API.
      if (!call.raw && call.args.length === 0) continue;
      const scan = (call.client?.cluster ? CLUSTER_SCAN_NAME : SCAN_NAME)[call.family];
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
        !readsLocal(call.args[0], LOCALS[call.family]) &&
        !readsLocal(callee.object, LOCALS[call.family])
          ? scanReplacement(call.family, sourceCode.getText(callee.object), sourceCode.getText(call.args[0]))
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
        data: { how: describe(call), scan },
        suggest,
      });
    }
      },
    };
  },
});
