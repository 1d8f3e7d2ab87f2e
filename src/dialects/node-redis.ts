/**
 * node-redis (`redis`, `@redis/client`), per major version: v4 options `{ NX: true, EX: 10 }` and
 * `executeIsolated`; v5 `{ condition: "NX", expiration: { ... } }`, pools instead of
 * `executeIsolated`, and (with v6) RESP3 (docs/semantics.md §1, §3, §4, §5). A dialect made
 * without a version (null) writes what every version reads where it can, and offers both ways
 * to a dedicated connection.
 */
import { UNKNOWN_DIALECT, expiryProperty, inlineOptions, lastProperty } from "./base.js";
import type { ConnectionMade, Dialect } from "./types.js";
import { isPromisified } from "../model/index.js";

/** §12: the subscribe commands, which an unconnected client queues instead of rejecting. */
const PUBSUB = new Set(["subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe"]);

/** §6: node-redis names counters in camelCase. */
const COUNTER_METHOD: Record<string, string> = { incrby: "incrBy", decrby: "decrBy", hincrby: "hIncrBy" };

/** §14: node-redis v4 and later name the expiry commands in camelCase. */
const EXPIRY_METHOD: Record<string, string> = {
  expire: "expire",
  pexpire: "pExpire",
  setex: "setEx",
  psetex: "pSetEx",
  expireat: "expireAt",
  pexpireat: "pExpireAt",
};

/** The node-redis dialect for a major version (null: unknown; 3 and 4 read and write alike here). */
export function nodeRedisDialect(version: number | null): Dialect {
  const v5 = (version ?? 0) >= 5;
  return {
    ...UNKNOWN_DIALECT,
    family: "node-redis",
    version,
    known: true,

    label: "node-redis",
    clientNoun: "node-redis client",
    builderName: "the node-redis multi builder (RedisClientMultiCommand)",

    // §4: v4 reads `{ NX: true, EX: 10 }` (v5 still does, deprecated); v5 writes `condition` / `expiration`.
    setNxOptions(unit, ttl, shape) {
      if (shape === "node-redis-v5" || (shape !== "node-redis-v4" && v5)) {
        return `{ condition: "NX", ${expiryProperty("node-redis-v5", unit, ttl.text)} }`;
      }
      return `{ NX: true, ${expiryProperty("node-redis-v4", unit, ttl.text)} }`;
    },
    rewritesSetnx: true,
    // §4: `{ EX: 30 }`, which v4 and later read; v3 and older take tokens (`"EX", 30`), written
    // for a message only.
    setExpiryOptions: (unit, ttl, ctx) =>
      version !== null && version <= 3
        ? ctx
          ? null
          : { text: `"${unit}", ${ttl.text}`, fixes: () => [] }
        : { text: `{ ${expiryProperty("node-redis-v4", unit, ttl.text)} }`, fixes: () => [] },
    addExpiryToSetNx(call, set, unit, ttl, { sourceCode }) {
      const obj = inlineOptions(call, set);
      if (!obj || !set.nxNode) return null;
      const ttlText = sourceCode.getText(ttl);
      if (set.shape === "node-redis-v5") {
        // `condition: "NX"` is ignored by v4; write the shape every version reads.
        const nx = set.nxNode;
        return (fixer) => [fixer.replaceText(nx, `NX: true, ${expiryProperty("node-redis-v4", unit, ttlText)}`)];
      }
      if (set.shape !== "node-redis-v4") return null;
      return (fixer) => [
        fixer.insertTextAfter(lastProperty(obj), `, ${expiryProperty("node-redis-v4", unit, ttlText)}`),
      ];
    },
    // §4: SETNX answers true/false in v4, 1/0 from v5 on.
    setnxReplyFromSet:
      version === null ? null : version <= 4 ? (t) => `(${t} === "OK")` : (t) => `(${t} === "OK" ? 1 : 0)`,

    evalForm: "client.eval(script, { keys: [key], arguments: [token] }) or defineScript",
    scriptParameters: "eval(script, { keys, arguments }), or defineScript",
    evalCall: (receiver, script, key, args) =>
      `${receiver}.eval(${script}, { keys: [${key}], arguments: [${args.map((a) => a.str).join(", ")}] })`,

    scanName: "scanIterator({ MATCH })",
    clusterScanName: "scanIterator({ MATCH }) on the client of each master node",
    // v4 yields keys one by one, v5 and later yield arrays of keys: `[k].flat()` takes both.
    scanReplacement: (client, pattern) =>
      `(async () => { const keys = []; for await (const k of ${client}.scanIterator({ MATCH: ${pattern} })) keys.push(...[k].flat()); return keys; })()`,
    scanLocals: new Set(["keys", "k"]),
    // docs/semantics.md §13: scanIterator, hScanIterator, sScanIterator, zScanIterator follow the cursor.
    cursorIteration(command, cluster) {
      if (command === "scan") return cluster ? this.clusterScanName : this.scanName;
      return `${command[0]}ScanIterator(key, { MATCH })`;
    },

    // §2
    execName: "exec() (or execAsPipeline())",
    queuedCallbacks: false,

    // §3: an aborted transaction rejects with WatchError (v4 and later); §2: node_redis v2 / v3 call
    // exec(callback) with null replies.
    watchAbort:
      version !== null && version <= 3 ? "its exec() callback gets null replies" : "its exec() rejects with WatchError",
    watchInMulti:
      "node-redis v4 rejects exec() only after the other commands were committed, and v5 and later have no watch() on the builder at all",
    atomicAlternatives:
      "or WATCH the key on an isolated connection (v4: executeIsolated; v5: a pool's execute() or duplicate()), write in multi()…exec() and retry a bounded number of times on WatchError, or do the read and the write in one Lua script (eval or defineScript).",

    // §3: v4 `executeIsolated`; v5 and later a pool or `duplicate()` (which needs `connect()`).
    dedicatedConnection:
      "a dedicated connection: `client.executeIsolated(async (isolated) => ...)` on node-redis v4; `createClientPool()` with `pool.execute(async (c) => ...)`, or `client.duplicate()`, on v5 and later",
    transactionObject: "queue the commands on `client.multi()` and send them with `exec()`, or use ",
    duplicate: {
      awaited: true,
      forTransactions: version === null || version >= 5,
      open: (name, client, indent) => `const ${name} = ${client}.duplicate();\n${indent}await ${name}.connect();`,
      // `close()` came with node-redis v5; with the version unknown, `disconnect()`, which v4
      // has and v5 keeps (deprecated in favour of `destroy()`).
      close: (name) => (version === null ? `await ${name}.disconnect();` : `await ${name}.close();`),
    },
    executeIsolated: version === null || version < 5,
    // v2 / v3 call back with a ReplyError in place of a failed command's reply [proof: no-ignored-exec-errors].
    execCallbackShape: version === null || version <= 3 ? "errors-in-place" : null,
    // A promisified exec of v2 / v3 (`multi.execAsync()` of bluebird's promisifyAll, or
    // `promisify(multi.exec).bind(multi)`) resolves to what the callback gets [proof: promisified-copies].
    execResultShape: (exec) => ((version === null || version <= 3) && isPromisified(exec) ? "errors-in-place" : null),
    execCallbackErrorFirst: version === null || version <= 3,
    // §2: v2 / v3 call back `(null, null)` when a WATCHed key changed [proof: no-ignored-exec-errors].
    execCallbackNullOnAbort: version === null || version <= 3,
    // A blocking command holds the client's connection [proof: no-blocking-on-shared-client]; v4
    // sends a command with `commandOptions({ isolated: true })` on a connection of its isolation pool.
    blockingConnection:
      version === 4
        ? "a connection of its own: pass `commandOptions({ isolated: true })` as the first argument, or use `client.duplicate()` with `connect()` for the consumer"
        : version !== null && version < 4
          ? "a connection of its own: `const worker = client.duplicate()` for the consumer"
          : version !== null
            ? "a connection of its own: `const worker = client.duplicate(); await worker.connect()` for the consumer (or a `createClientPool()`)"
            : "a connection of its own: `const worker = client.duplicate(); await worker.connect()` for the consumer (node-redis v4: `commandOptions({ isolated: true })` as the first argument)",

    // §5: the server refuses the command on a RESP2 subscribed connection.
    subscriberFailure: (command) =>
      `fails with the server error "ERR Can't execute '${command}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"`,
    subscriberConnection: (client) => `await ${client}.duplicate().connect()`,

    hasCounterMethods: true,
    counterMethod: (command) => COUNTER_METHOD[command] ?? command,

    // §14: UPPER-CASE, or camelCase (v4 and later) / lower-case (v3); `expire` is both spellings.
    expiryMethod(command, written) {
      if (written === written.toUpperCase()) return command.toUpperCase();
      const camel = EXPIRY_METHOD[command] as string | undefined;
      if (!camel) return null;
      if (version !== null) return version <= 3 ? command : camel;
      if (/[A-Z]/.test(written)) return camel;
      return Object.values(EXPIRY_METHOD).includes(written) ? null : command;
    },

    // §11: a client, pool or duplicate with no `error` listener takes the process down when its
    // connection drops [proof: require-error-listener]; a cluster (its nodes' errors are
    // `node-error` events) survived [measured], a sentinel is not verified.
    errorEventExits: ERROR_EVENT_EXITS,

    // §12: v4 and later send nothing before `connect()`: commands reject, pub/sub commands wait
    // in the queue for good [proof: require-connect], a cluster or sentinel fails with a TypeError
    // [measured]; v3 connects on its own [proof: require-connect].
    ...(version !== null &&
      version >= 4 && {
        unconnectedFailure: (command: string | null, routed: boolean) =>
          routed
            ? 'node-redis v4 and later fail it with a TypeError ("Cannot read properties of undefined"): the topology is only read in connect()'
            : command !== null && PUBSUB.has(command)
              ? "node-redis v4 and later queue it for a connection that never comes (it never settles, and no message ever arrives)"
              : 'node-redis v4 and later reject it with ClientClosedError ("The client is closed")',
      }),
  };
}

const ERROR_EVENT_EXITS: ReadonlySet<ConnectionMade> = new Set<ConnectionMade>(["client", "pool", "duplicate"]);
