import type { TSESLint } from "@typescript-eslint/utils";
import { dialectOf } from "../dialects/index.js";
import {
  type ClientValue,
  type Family,
  type KeySlot,
  MULTI_KEY_COMMANDS,
  type RedisCall,
  callKeySlots,
  crossSlotPair,
  crossSlotQueued,
  mayPrefixKeys,
  sharedHashTag,
  slotKeyArguments,
} from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "crossSlot" | "crossSlotTransaction" | "useHashTag";

/** `user:1` is in slot 10778, `{cart:42}:items` is in slot 7 (hash tag `cart:42`). */
function where(k: KeySlot): string {
  return `\`${k.text}\` is in slot ${k.slot}${k.tagged ? ` (hash tag \`${k.hashed}\`)` : ""}`;
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
          const slots = callKeySlots(call, sourceCode);
          const pair = crossSlotPair(slots);
          if (!pair) continue;
          reported.add(call);
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const tag = sharedHashTag(slots.length === slotKeyArguments(call)?.length ? slots : []);
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
          const pair = crossSlotQueued(tx, sourceCode);
          if (!pair) continue;
          const [first, other] = pair;
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
