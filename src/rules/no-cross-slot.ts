import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { dialectOf } from "../dialects/index.js";
import { contains, isFunction } from "../ast/nodes.js";
import {
  type ClientValue,
  type Family,
  type KeySlot,
  MULTI_KEY_COMMANDS,
  type RedisCall,
  type Transaction,
  crossSlotPair,
  keySlot,
  mayPrefixKeys,
  slotKeyArguments,
} from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "crossSlot" | "crossSlotTransaction" | "useHashTag";

/** `user:1` is in slot 10778, `{cart:42}:items` is in slot 7 (hash tag `cart:42`). */
function where(k: KeySlot): string {
  return `\`${k.text}\` is in slot ${k.slot}${k.tagged ? ` (hash tag \`${k.hashed}\`)` : ""}`;
}

/**
 * The obvious shared hash tag for plain literal keys: their longest common leading `:`-segments
 * (`cart:42` and `cart:42:items` → `cart:42`); null when they share none or already use braces.
 */
function sharedTag(keys: readonly KeySlot[]): string | null {
  if (keys.length < 2 || keys.some((k) => !k.literal || /[{}"'`\\]/.test(k.text) || k.text === "")) return null;
  const split = keys.map((k) => k.text.split(":"));
  let n = 0;
  while (split.every((s) => n < s.length && s[n] === split[0][n])) n++;
  if (n === 0) return null;
  return split[0].slice(0, n).join(":");
}

/** Whether `call` runs whenever the transaction it is queued on is built (no branch or loop between them). */
function queuedUnconditionally(call: RedisCall, tx: Transaction): boolean {
  let child: TSESTree.Node = call.node;
  for (let n: TSESTree.Node | undefined = call.node.parent; n; child = n, n = n.parent) {
    if (contains(n, tx.node)) return true;
    if (isFunction(n)) return false;
    switch (n.type) {
      case "IfStatement":
      case "ConditionalExpression":
        if (n.test !== child) return false;
        break;
      case "LogicalExpression":
        if (n.right === child) return false;
        break;
      case "SwitchCase":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
      case "CatchClause":
        return false;
      case "TryStatement":
        if (n.block !== child) return false;
        break;
      default:
    }
  }
  return false;
}

export default createRule<[], MessageIds>({
  name: "no-cross-slot",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow multi-key commands and transactions on a Redis Cluster client whose keys hash to different slots",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      crossSlot:
        "{{how}} ({{client}}, on a Redis Cluster) names keys in different hash slots: {{first}}, {{second}}. Redis Cluster refuses a multi-key command across slots with `CROSSSLOT Keys in request don't hash to the same slot`, on every call. Give the keys one hash tag (`{…}`) so that they hash to one slot.",
      crossSlotTransaction:
        "This {{client}} transaction on a Redis Cluster queues keys in different hash slots: {{first}} ({{firstCall}}), {{second}} ({{secondCall}}). A MULTI on a cluster must keep every key in one slot: it fails with CROSSSLOT (one node), MOVED or a client error (two nodes), and none of its commands run. Give the keys one hash tag (`{…}`).",
      useHashTag:
        "Rename the keys under the hash tag `{{{tag}}}` ({{renamed}}); data already stored under the old names must be migrated.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const settingsCluster = model.settings.cluster === true;
    // A `keyPrefix` changes what is hashed: such a client's slots cannot be told.
    const onCluster = (family: Family, client: ClientValue | null): boolean =>
      (client?.cluster === true || (settingsCluster && !dialectOf(family).noClusterNodes)) && !mayPrefixKeys(client);
    const slotsOf = (call: RedisCall): KeySlot[] => {
      const keys = slotKeyArguments(call) ?? [];
      return keys.map((k) => keySlot(k, sourceCode)).filter((s): s is KeySlot => s !== null);
    };

    return {
      "Program:exit"() {
        const reported = new Set<RedisCall>();
        for (const call of model.calls) {
          if (!call.command || !MULTI_KEY_COMMANDS.has(call.command)) continue;
          // One command across slots fails wherever it is sent: on the client, in a pipeline, in a MULTI.
          if (!onCluster(call.family, call.client)) continue;
          const dialect = dialectOf(call.family);
          // GLIDE splits these per slot, except in an atomic batch.
          if (!call.raw && call.receiver !== "transaction" && dialect.clusterSplits?.has(call.command)) continue;
          const slots = slotsOf(call);
          const pair = crossSlotPair(slots);
          if (!pair) continue;
          reported.add(call);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const tag = sharedTag(slots.length === slotKeyArguments(call)?.length ? slots : []);
          if (tag) {
            const rename = (k: KeySlot) => `{${tag}}${k.text.slice(tag.length)}`;
            suggest.push({
              messageId: "useHashTag",
              data: { tag, renamed: slots.map((k) => `\`${rename(k)}\``).join(", ") },
              fix: (fixer) =>
                slots.map((k) => {
                  const quote = sourceCode.getText(k.node)[0];
                  return fixer.replaceText(k.node, `${quote}${rename(k)}${quote}`);
                }),
            });
          }
          context.report({
            node: call.node,
            messageId: "crossSlot",
            data: {
              how: dialect.describeCall(call, "call"),
              client: dialect.label,
              first: where(pair[0]),
              second: where(pair[1]),
            },
            suggest,
          });
        }

        for (const tx of model.transactions) {
          if (!tx.atomic || !onCluster(tx.family, tx.client)) continue;
          // node-redis `multi().execAsPipeline()` sends no MULTI: a pipeline.
          if (tx.execs.length > 0 && tx.execs.every((e) => e.method === "execAsPipeline")) continue;
          if (tx.queued.some((c) => reported.has(c))) continue;
          const dialect = dialectOf(tx.family);
          const keys: Array<{ key: KeySlot; call: RedisCall }> = [];
          for (const call of tx.queued) {
            if (!call.command || !queuedUnconditionally(call, tx)) continue;
            for (const key of slotsOf(call)) keys.push({ key, call });
          }
          const first = keys[0];
          const other = keys.find((k) => k.key.slot !== first?.key.slot);
          if (!first || !other) continue;
          context.report({
            node: tx.node,
            messageId: "crossSlotTransaction",
            data: {
              client: dialect.label,
              first: where(first.key),
              firstCall: dialect.describeCall(first.call, "call"),
              second: where(other.key),
              secondCall: dialect.describeCall(other.call, "call"),
            },
          });
        }
      },
    };
  },
});
