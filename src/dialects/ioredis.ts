/**
 * ioredis and iovalkey (the same code base; docs/semantics.md §1: `import Redis from "ioredis"`,
 * `new Cluster(...)`, `client.duplicate()`).
 */
import { UNKNOWN_DIALECT, quoteOf } from "./base.js";
import type { Dialect } from "./types.js";

export const IOREDIS: Dialect = {
  ...UNKNOWN_DIALECT,
  family: "ioredis",
  known: true,

  label: "ioredis",
  clientNoun: "ioredis client",
  // §2: `multi()` and `pipeline()` both return a Pipeline (typed `ChainableCommander`).
  builderName: "the ioredis Pipeline",

  // §4: string tokens, the expiry before NX as the typings want it (`"PX", 30000, "NX"`).
  setNxOptions: (unit, ttl) => `"${unit}", ${ttl.text}, "NX"`,
  rewritesSetnx: true,
  addExpiryToSetNx(_call, set, unit, ttl, { sourceCode }) {
    if (set.shape !== "tokens" || !set.nxNode) return null;
    const nx = set.nxNode;
    const quote = quoteOf(nx, sourceCode);
    const ttlText = sourceCode.getText(ttl);
    return (fixer) => [fixer.insertTextBefore(nx, `${quote}${unit}${quote}, ${ttlText}, `)];
  },
  expiryBeforeNx: true,
  // §4: `set(k, v, "EX", 30)`.
  setExpiryOptions: (unit, ttl) => ({ text: `"${unit}", ${ttl.text}`, fixes: () => [] }),
  // §4: SETNX answers 1/0, SET answers "OK"/null.
  setnxReplyFromSet: (t) => `(${t} === "OK" ? 1 : 0)`,

  evalForm: "redis.eval(script, 1, key, token) or a defineCommand",
  scriptParameters: "eval(script, numKeys, ...keys, ...args), or defineCommand(name, { numberOfKeys, lua })",
  evalCall: (receiver, script, key, args) =>
    `${receiver}.eval(${script}, 1, ${[key, ...args.map((a) => a.text)].join(", ")})`,

  scanName: "scanStream({ match })",
  clusterScanName: 'scanStream({ match }) on each node of cluster.nodes("master") (a Cluster has no scanStream)',
  scanReplacement: (client, pattern) =>
    `(async () => { const keys = []; for await (const batch of ${client}.scanStream({ match: ${pattern} })) keys.push(...batch); return keys; })()`,
  scanLocals: new Set(["keys", "batch"]),
  // docs/semantics.md §13: scanStream, hscanStream, sscanStream, zscanStream follow the cursor.
  cursorIteration(command, cluster) {
    if (command === "scan") return cluster ? this.clusterScanName : this.scanName;
    return `${command}Stream(key, { match })`;
  },

  // §2: exec() of multi() and pipeline() resolves to [error, value] pairs; null when a WATCH aborted it.
  resultSource: (index) =>
    index === null
      ? "exec()'s result (an array of [error, value] pairs)"
      : `exec()'s result at index ${index} (ioredis gives [error, value] pairs: results[${index}][1])`,
  queuedCallbacks: true,
  execTakesCallback: true,
  execCallbackShape: "pairs",
  execResultShape(exec) {
    // `exec((err, results) => ...)`: the callback form is another API.
    if (exec.receiver !== "client") return exec.node.arguments.length === 0 ? "pairs" : null;
    return null;
  },

  // §3
  watchAbort: "its exec() resolves to null",
  execNullOnAbort: true,
  watchInMulti:
    'ioredis drops the server\'s "WATCH inside MULTI is not allowed" error and commits the transaction anyway',
  atomicAlternatives:
    "or WATCH the key on a dedicated connection (redis.duplicate()), write in multi()…exec() and retry a bounded number of times while exec() resolves to null, or do the read and the write in one Lua script (defineCommand or eval).",

  // §3: a dedicated connection is `client.duplicate()`, usable at once.
  dedicatedConnection: "a dedicated connection: `const conn = client.duplicate()`, then `conn.disconnect()` when done",
  transactionObject: "queue the commands on a pipelined `client.multi()` and send them with `exec()`, or use ",
  duplicate: {
    awaited: false,
    forTransactions: true,
    open: (name, client) => `const ${name} = ${client}.duplicate();`,
    close: (name) => `${name}.disconnect();`,
  },
  // A blocking command holds the one connection of the client it is sent on [proof: no-blocking-on-shared-client].
  blockingConnection:
    "a connection of its own: `const worker = client.duplicate()` for the consumer (then `worker.disconnect()` when it stops)",

  // §5: ioredis itself refuses commands on a RESP2 subscriber, and delivers messages as client events.
  messageEvents: true,
  subscriberFailure: () =>
    'is rejected by ioredis with "Connection in subscriber mode, only subscriber commands may be used"',

  hasCounterMethods: true,

  // §14: lower-case command names.
  expiryMethod: (command) => command,
};
