/**
 * What differs between the Redis clients, as one interface: each client family (ioredis /
 * iovalkey, node-redis per major version, Upstash / @vercel/kv, valkey-glide, Bun, and the
 * unknown client) is one `Dialect` object (src/dialects/<family>.ts), found with `dialectOf`.
 * Rules ask their dialect; none switches on the family. The facts are in docs/semantics.md.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { Family, RedisCall, SetOptions, SetOptionsShape, Transaction } from "../model/index.js";
import type { Node } from "../ast/nodes.js";

export type Fix = TSESLint.RuleFix;
export type Fixer = TSESLint.RuleFixer;

/** An expiry option: EXPIRE → EX, PEXPIRE → PX, EXPIREAT → EXAT, PEXPIREAT → PXAT. */
export type ExpiryUnit = "EX" | "PX" | "EXAT" | "PXAT";

/** An argument as a writer may need it: its source text, and the same value written as a string. */
export interface ArgText {
  /** The source text (`ttl`, `30000`). */
  text: string;
  /** The value as a string (`String(ttl)`, `"30000"`), for clients whose typings take only strings. */
  str: string;
}

/**
 * How `describeCall` writes a call:
 * - `labelled`: "ioredis set()", "node-redis set() queued on a transaction", "ioredis raw call(...)";
 * - `command`: "set()", raw: "SET (call)";
 * - `call`: "set()", raw: `call("SET")`.
 */
export type CallStyle = "labelled" | "command" | "call";

/** What one entry of exec()'s result is, when it can hold a per-command error (docs/semantics.md §2). */
export type ExecResultShape =
  /** ioredis / iovalkey: `[error, value]` pairs. */
  | "pairs"
  /** valkey-glide `client.exec(batch, false)`: a `RequestError` in place of the value. */
  | "errors-in-place"
  /** Upstash `exec({ keepErrors: true })`: `{ result, error }`. */
  | "result-objects";

/** What a SET NX fix needs besides the call: the file, to name and import helpers (GLIDE `TimeUnit`). */
export interface WriteContext {
  sourceCode: TSESLint.SourceCode;
  program: TSESTree.Program;
}

/** A dedicated connection made with `duplicate()` (docs/semantics.md §1, §3). */
export interface Duplicate {
  /** `duplicate()` must be awaited before use (node-redis: `connect()`; Bun: a promise). */
  awaited: boolean;
  /** Whether fixes offer it for a transaction (node-redis v4: `executeIsolated` instead). */
  forTransactions: boolean;
  /** The statements that open it: `const conn = client.duplicate();`. */
  open(name: string, client: string, indent: string): string;
  /** The statement that closes it: `conn.disconnect();`. */
  close(name: string): string;
}

/** How a client runs a Lua script with `EVAL`, for fixes. */
export type EvalPreference =
  /** The client's script object where it has one (GLIDE `invokeScript(new Script(...))`; null when `Script` is not imported). */
  | "script-object"
  /** `EVAL` itself (GLIDE: `customCommand(["EVAL", ...])`). */
  | "eval";

export interface Dialect {
  /** The family this dialect speaks for. */
  readonly family: Family;
  /** node-redis: the major version the dialect was made for (null: unknown); null for other families. */
  readonly version: number | null;
  /** A recognised client (false only for the unknown client). */
  readonly known: boolean;

  // -- Labels (docs/semantics.md §1) ----------------------------------------------------------
  /** The client's name in messages: "ioredis", "@upstash/redis", "Bun's RedisClient". */
  readonly label: string;
  /** "the shared <noun> `redis`": "ioredis client", "Bun RedisClient". */
  readonly clientNoun: string;
  /** What a command queued on its transaction builder evaluates to: "the ioredis Pipeline". */
  readonly builderName: string;
  /** A call as messages name it (see `CallStyle`). */
  describeCall(call: RedisCall, style?: CallStyle): string;

  // -- SET NX with an expiry (docs/semantics.md §4) -------------------------------------------
  /** SET NX with an expiry, as an options text: `"PX", 30000, "NX"`; null when the client has no such form to write. `shape` picks the node-redis shape (v4 / v5; else the version's). */
  setNxOptions(unit: ExpiryUnit, ttl: ArgText, shape?: SetOptionsShape, timeUnit?: string): string | null;
  /** The atomic SET for a message: `set(key, value, "EX", ttl, "NX")`, or `SET key value NX EX ttl`. */
  atomicSetForm(value: string, unit: ExpiryUnit, ttl: ArgText, shape?: SetOptionsShape): string;
  /** A SETNX call can be rewritten to that SET (GLIDE has no SETNX method). */
  readonly rewritesSetnx: boolean;
  /** Adds an expiry to a SET NX written without one, in the shape the call already uses; null when not faithful. */
  addExpiryToSetNx(
    call: RedisCall,
    set: SetOptions,
    unit: ExpiryUnit,
    ttl: Node,
    ctx: WriteContext,
  ): ((fixer: Fixer) => Fix[]) | null;
  /**
   * The options giving a SET an expiry and nothing else, as text appended after key and value:
   * `"EX", 30` (ioredis), `{ EX: 30 }` (node-redis v4 and later), `{ ex: 30 }` (Upstash),
   * `{ expiry: { type: TimeUnit.Seconds, count: 30 } }` (GLIDE), `"EX", "30"` (Bun). With `ctx`,
   * for a fix: `fixes` adds what the text needs (GLIDE's `TimeUnit` import); null when it cannot
   * be written faithfully. Without `ctx`, for a message. Absent or null: no such form to write.
   */
  setExpiryOptions?(
    unit: ExpiryUnit,
    ttl: ArgText,
    ctx?: WriteContext,
  ): { text: string; fixes: (fixer: Fixer) => Fix[] } | null;
  /** The typings want the expiry tokens before NX (`"PX", 30000, "NX"`) and a number TTL: ioredis. */
  readonly expiryBeforeNx: boolean;
  /** Turns SET's "OK"/null reply text into what SETNX answered (1/0, node-redis v4 true/false); null when unknown. */
  readonly setnxReplyFromSet: ((text: string) => string) | null;

  // -- Lua scripts (docs/semantics.md §4) -----------------------------------------------------
  /** How the compare-and-delete script is run, for a message. */
  readonly evalForm: string;
  /** `receiver.eval(script, ...)` with one key and string-able arguments; null when the client cannot be written for. */
  evalCall(
    receiver: string,
    script: string,
    key: string,
    args: readonly ArgText[],
    sourceCode: TSESLint.SourceCode,
    prefer: EvalPreference,
  ): string | null;

  /** How a script takes its keys and values as KEYS and ARGV, for a message (no-dynamic-lua-script). */
  readonly scriptParameters: string;

  // -- SCAN ---------------------------------------------------------------------------------
  /** How the client iterates with SCAN, for a message. */
  readonly scanName: string;
  /** The same on a cluster, where each master has its own keyspace. */
  readonly clusterScanName: string;
  /** An expression with the meaning of `client.keys(pattern)` built on SCAN, or null. */
  scanReplacement(client: string, pattern: string): string | null;
  /** Names `scanReplacement` declares (a pattern reading one of them would see ours). */
  readonly scanLocals: ReadonlySet<string>;
  /** How to read every page of SCAN / HSCAN / SSCAN / ZSCAN (`command`, lower-case), for a message (no-incomplete-scan). */
  cursorIteration(command: string, cluster: boolean): string;

  // -- MULTI / EXEC (docs/semantics.md §2) ----------------------------------------------------
  /** How a transaction or pipeline is sent: "exec()", "client.exec(batch)". */
  readonly execName: string;
  /** The client sends a batch (`client.exec(batch)`), not the builder itself: GLIDE. */
  readonly execOnClient: boolean;
  /** An exec() call for messages: "ioredis exec()", "valkey-glide exec(batch)", `Bun's RedisClient send("EXEC")`. */
  execLabel(call: RedisCall): string;
  /** Where a queued command's value is found: "exec()'s result at index 2 (...)". */
  resultSource(index: number | null): string;
  /** Queued commands take a per-command callback (`tx.get(k, (err, v) => ...)`). */
  readonly queuedCallbacks: boolean;
  /** A builder's `exec(callback)` hands the results to that callback (ioredis). */
  readonly execTakesCallback: boolean;
  /**
   * The shape of the results a builder's `exec(callback)` hands its callback, beside its `err`
   * (docs/semantics.md §2): ioredis pairs, node-redis v2 / v3 errors in place; null when exec()
   * takes no callback (node-redis v4 and later read a function argument as `execAsPipeline`).
   */
  readonly execCallbackShape: ExecResultShape | null;
  /**
   * A builder's `exec(callback)` calls the callback with the transaction's error first
   * (docs/semantics.md §2): ioredis, node-redis v2 / v3 (an unknown major too), and the client of
   * unknown family, because every client whose exec() calls a callback at all passes the error
   * first (node-redis v4 calls one only in `legacyMode`, also error first). False for node-redis
   * v4 and later (a function argument is `execAsPipeline`), Upstash, GLIDE and Bun (no callback).
   */
  readonly execCallbackErrorFirst: boolean;
  /** The shape of this exec()'s entries when they can hold a per-command error; null when exec() throws instead. */
  execResultShape(exec: RedisCall, tx: Transaction): ExecResultShape | null;

  // -- WATCH (docs/semantics.md §3) -----------------------------------------------------------
  /** The client has WATCH (Upstash, over HTTP, has none). */
  readonly hasWatch: boolean;
  /** What the aborted transaction does: "its exec() resolves to null". */
  readonly watchAbort: string;
  /**
   * EXEC resolves to null when a WATCHed key changed: ioredis / iovalkey (`multi().exec()`, and
   * `exec()` / `call("EXEC")` after a raw MULTI), GLIDE (`client.exec(batch)` of an atomic Batch)
   * and Bun (`send("EXEC", [])`). node-redis throws WatchError instead; Upstash has no WATCH.
   */
  readonly execNullOnAbort: boolean;
  /**
   * A WATCH abort calls the builder's `exec(callback)` with null replies, `callback(null, null)`
   * (docs/semantics.md §2): node-redis v2 / v3 (an unknown major too, whose exec(callback) is
   * read as v3's), whose exec() gives no promise. ioredis says so through `execNullOnAbort`.
   */
  readonly execCallbackNullOnAbort: boolean;
  /** What a watch() queued on the transaction builder does. */
  readonly watchInMulti: string;
  /** The UNWATCH call on `client`. */
  unwatchCall(client: string): string;
  /** The alternatives to a read-modify-write in two round trips (WATCH, Lua), for a message. */
  readonly atomicAlternatives: string;

  // -- Connections (docs/semantics.md §1, §3, §5) ---------------------------------------------
  /** Commands hold state on a connection other callers share (not Upstash's HTTP requests). */
  readonly connectionState: boolean;
  /** How to get a connection of one's own, for a message. */
  readonly dedicatedConnection: string;
  /** For raw MULTI: the client's transaction object, for a message ("... or use "). */
  readonly transactionObject: string;
  /** `duplicate()`, as fixes write it; null when the client has none to offer. */
  readonly duplicate: Duplicate | null;
  /** `client.executeIsolated(...)` is the way to a dedicated connection (node-redis v4, or an unknown version). */
  readonly executeIsolated: boolean;
  /**
   * How a blocking command (BLPOP, XREAD BLOCK, WAIT, ...) gets a connection of its own, for a
   * message; null when a blocking command is not known to hold a connection others share (HTTP
   * clients; GLIDE and Bun, not verified): `no-blocking-on-shared-client` stays silent for them.
   */
  readonly blockingConnection: string | null;

  // -- Subscriber mode (docs/semantics.md §5) -------------------------------------------------
  /** Whether a subscribed connection refuses commands: by protocol (RESP2), always (Bun), or not at all (HTTP, GLIDE). */
  readonly subscriberMode: "protocol" | "always" | "none";
  /** Raw commands bypass the client's subscriber check (Bun checks only its named methods). */
  readonly rawBypassesSubscriberCheck: boolean;
  /** Pub/sub messages arrive as events on the client (ioredis): a dedicated subscriber takes the listeners along. */
  readonly messageEvents: boolean;
  /** What a command on a RESP2 subscribed connection does. */
  subscriberFailure(command: string): string;
  /** The expression for a dedicated subscriber connection: `await client.duplicate().connect()`. */
  subscriberConnection(client: string): string;

  // -- Commands (docs/semantics.md §6) --------------------------------------------------------
  /** The client has counter methods a fix can name (INCRBY, DECRBY, HINCRBY; Bun has none). */
  readonly hasCounterMethods: boolean;
  /** The method for a counter command: `incrBy` (node-redis, GLIDE), `incrby`. */
  counterMethod(command: string): string;
  /** Replies are parsed (Upstash returns numbers as numbers). */
  readonly parsesNumbers: boolean;

  // -- Redis Cluster (docs/semantics.md §10) --------------------------------------------------
  /** Multi-key commands the client's cluster mode splits per slot instead of sending as one (GLIDE: MGET, MSET, DEL, EXISTS, UNLINK, TOUCH, WATCH); absent: none. */
  readonly clusterSplits?: ReadonlySet<string>;
  /** The client talks to one HTTP endpoint, never to cluster nodes, so `settings.redis.cluster` does not apply (Upstash). */
  readonly noClusterNodes?: boolean;

  // -- Error events (docs/semantics.md §11) ---------------------------------------------------
  /**
   * The connections, by how they were made, whose `error` event Node.js throws when no listener
   * is attached, so that the process exits (node-redis clients, pools and duplicates); absent:
   * none (ioredis logs it; the others are not verified).
   */
  readonly errorEventExits?: ReadonlySet<ConnectionMade>;

  // -- Connecting (docs/semantics.md §12) -----------------------------------------------------
  /**
   * What `command` (lower-case; null for a raw command not read) does on a client, pool or
   * duplicate (`routed`: a cluster or sentinel) that was never connected, when the client only
   * connects on an explicit `connect()` (node-redis v4 and later); absent when it connects on its
   * own (ioredis, also with `lazyConnect`; node-redis v3) or the version cannot tell.
   */
  readonly unconnectedFailure?: (command: string | null, routed: boolean) => string;

  // -- Expiry units (docs/semantics.md §14) ---------------------------------------------------
  /**
   * The method that sends an expiry command (`expire`, `pexpire`, `setex`, `psetex`, `expireat`,
   * `pexpireat`) in the client's spelling, written like `written` (the method the code calls:
   * node-redis `EXPIRE` → `PEXPIRE`, `expire` → `pExpire`); null when the client has no such
   * method or the spelling cannot be told; absent: no method to name (Bun, the unknown client).
   */
  readonly expiryMethod?: (command: string, written: string) => string | null;
}

/** How a client object was made, for `errorEventExits`. */
export type ConnectionMade = "client" | "pool" | "duplicate" | "cluster" | "sentinel";
