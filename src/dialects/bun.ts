/**
 * Bun's `RedisClient` (`import { redis, RedisClient } from "bun"`): string-only options
 * (`set(k, v, "NX", "PX", "30000")`), no multi object (MULTI / WATCH through `send`), a promise
 * from `duplicate()`, and a subscriber check of its own (docs/semantics.md §1, §2, §3, §5, §6).
 */
import { UNKNOWN_DIALECT, argText, quoteOf } from "./base.js";
import type { Dialect } from "./types.js";

export const BUN: Dialect = {
  ...UNKNOWN_DIALECT,
  family: "bun",
  known: true,

  label: "Bun's RedisClient",
  clientNoun: "Bun RedisClient",
  builderName: "the transaction",

  // §4: the typed `set(k, v, ...options: string[])` takes strings.
  setNxOptions: (unit, ttl) => `"NX", "${unit}", ${ttl.str}`,
  rewritesSetnx: true,
  // §4: string-only options, `set(k, v, "EX", "30")`.
  setExpiryOptions: (unit, ttl) => ({ text: `"${unit}", ${ttl.str}`, fixes: () => [] }),
  addExpiryToSetNx(call, set, unit, ttl, { sourceCode }) {
    if (set.shape !== "tokens" || !set.nxNode) return null;
    const quote = quoteOf(set.nxNode, sourceCode);
    const last = call.node.arguments[call.node.arguments.length - 1];
    return (fixer) => [fixer.insertTextAfter(last, `, ${quote}${unit}${quote}, ${argText(ttl, sourceCode).str}`)];
  },
  setnxReplyFromSet: (t) => `(${t} === "OK" ? 1 : 0)`,

  evalForm: 'client.send("EVAL", [script, "1", key, token])',
  scriptParameters: 'send("EVAL", [script, String(keys.length), ...keys, ...args])',
  evalCall: (receiver, script, key, args) =>
    `${receiver}.send("EVAL", [${script}, "1", ${key}, ${args.map((a) => a.str).join(", ")}])`,

  scanName: 'send("SCAN", [cursor, "MATCH", pattern])',
  clusterScanName: 'send("SCAN", [cursor, "MATCH", pattern])',

  queuedCallbacks: false,

  // §3: WATCH / UNWATCH through `send`; EXEC replies null when aborted.
  watchAbort: "its EXEC replies null",
  execNullOnAbort: true,
  // exec() takes no callback (docs/semantics.md §2).
  execCallbackErrorFirst: false,
  unwatchCall: (client) => `${client}.send("UNWATCH", [])`,
  atomicAlternatives:
    'or send("WATCH", [key]) on a dedicated connection (await redis.duplicate()), write inside MULTI/EXEC and retry a bounded number of times while EXEC returns null, or do both in one Lua script (send("EVAL", ...)).',

  dedicatedConnection: "a dedicated connection: `const conn = await client.duplicate()`, then `conn.close()` when done",
  transactionObject: "use ",
  // Not verified whether a blocking command holds the connection: no-blocking-on-shared-client stays silent.
  blockingConnection: null,
  duplicate: {
    awaited: true,
    forTransactions: true,
    open: (name, client) => `const ${name} = await ${client}.duplicate();`,
    close: (name) => `${name}.close();`,
  },

  // §5: Bun refuses its named methods on a subscribed connection whatever the protocol; `send()` goes through.
  subscriberMode: "always",
  rawBypassesSubscriberCheck: true,
  subscriberConnection: (client) => `await ${client}.duplicate()`,

  // §6: no INCRBY method to name.
  hasCounterMethods: false,
};
