/**
 * The model's types: what an expression is as far as Redis is concerned (a client, a transaction
 * or pipeline, a client package or one of its exports), the calls the model records, and the
 * model of a file as rules see it.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { FunctionNode, Node } from "../ast/nodes.js";
import type { ExportKind, Family } from "./clients.js";
import type { RedisSettings } from "./settings.js";

/** Where a client lives. */
export type Lives = "shared" | "dedicated" | "unknown";
/** How a client was recognised (reported in the closing note and used to tune confidence). */
/** `evidence`: a generic name (`client`, `db`, `this.client`) that the file calls Redis-only commands on (recognition/evidence.ts). */
export type Via = "import" | "type-annotation" | "structure" | "name" | "type-information" | "evidence";

export interface ClientValue {
  kind: "client";
  family: Family;
  lives: Lives;
  /** Identity: two expressions with the same key are the same client object. */
  key: string;
  via: Via;
  cluster?: boolean;
  pool?: boolean;
  /** The options object given where the client was made (`new Redis({ ... })`), if seen. */
  options?: TSESTree.Node;
  /** Where the client was made or declared. */
  origin: Node;
}

export interface Transaction {
  /** `multi()`, `pipeline()` or `new Batch(...)`. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  family: Family;
  /** MULTI/EXEC (true) or a plain pipeline (false). */
  atomic: boolean;
  client: ClientValue | null;
  /** Commands queued on it, in execution order. */
  queued: RedisCall[];
  /** The calls that send it: `exec()`, `execAsPipeline()`, GLIDE `client.exec(batch)`. */
  execs: RedisCall[];
}

export interface TxValue {
  kind: "transaction" | "pipeline";
  family: Family;
  tx: Transaction;
}

export interface ModuleValue {
  kind: "module";
  source: string;
}
export interface ExportValue {
  kind: "export";
  source: string;
  export: ExportKind;
}

/** A value of the user's own module holding clients (an object, a factory, a class): recognition/export-map.ts. */
export interface LocalValue {
  kind: "local";
  shape: import("./recognition/export-map.js").Shape;
}

/**
 * A copy of a client's (or transaction's) method bound to it: `client.setnx.bind(client)`, or
 * promisified, `promisify(client.setnx).bind(client)` (recognition/aliases.ts). Calling it sends
 * the command as `target.method(...)` would.
 */
export interface AliasValue {
  kind: "alias";
  target: ClientValue | TxValue;
  /** The method copied, as the client names it (`setnx`, `exec`). */
  method: string;
  /** The copy returns a promise where the method takes a callback. */
  promisified: boolean;
}

export type Value = ClientValue | TxValue | ModuleValue | ExportValue | LocalValue | AliasValue;
export type RedisValue = ClientValue | TxValue;

export type Receiver = "client" | "transaction" | "pipeline";

/**
 * How a call reaches a client's method when it is not written `receiver.method(...)`:
 * - `bound`: a copy bound to the client, `const setnx = client.setnx.bind(client); setnx(k, v, cb)`;
 * - `promisified`: `const setnxAsync = promisify(client.setnx).bind(client); await setnxAsync(k, v)`;
 * - `async-method`: bluebird's `promisifyAll`, `await client.setnxAsync(k, v)`, `multi.execAsync()`.
 */
export type CallAlias = "bound" | "promisified" | "async-method";

export interface RedisCall {
  node: TSESTree.CallExpression;
  /** The method name as written (`setNX`, `sendCommand`); for an alias, the client's method it calls (`setnx` of `setnxAsync`). */
  method: string;
  /** Not `receiver.method(...)` (see `CallAlias`): the call's callee is not the method, so rules offer no fix for it. */
  alias: CallAlias | null;
  /** The Redis command, lower-case (`setnx`), or null for non-commands and unreadable raw calls. */
  command: string | null;
  /** Sent through `call` / `sendCommand` / `customCommand` / `send` / Upstash `exec([...])`. */
  raw: boolean;
  /** The command's arguments (for raw calls, those after the command name). */
  args: TSESTree.Node[];
  receiver: Receiver;
  family: Family;
  /** The client this command goes to (for a queued command, the transaction's client). */
  client: ClientValue | null;
  tx: Transaction | null;
  fn: FunctionNode | TSESTree.Program;
  readonly: boolean;
  write: boolean;
}

export interface FileModel {
  readonly hasRedis: boolean;
  readonly settings: RedisSettings;
  /** Every recognised call, in execution order within the file. */
  readonly calls: readonly RedisCall[];
  readonly callsByFunction: ReadonlyMap<FunctionNode | TSESTree.Program, readonly RedisCall[]>;
  readonly transactions: readonly Transaction[];
  callAt(node: TSESTree.CallExpression): RedisCall | undefined;
  /** What an expression is, as far as Redis is concerned. */
  valueOf(node: Node): RedisValue | null;
  /** A copy of a client's method that the expression holds (recognition/aliases.ts). */
  aliasOf(node: Node): AliasValue | null;
  /** A client package, or one of its exports, that the expression holds (`require("redis")`, `Redis` of ioredis). */
  packageOf(node: Node): ModuleValue | ExportValue | null;
  /** Whether the command ran on a connection in raw MULTI mode (MULTI opened by a raw command). */
  isRawMulti(call: RedisCall): boolean;
  /** How the model was built; null when the early exit answered without building one. */
  readonly build: ModelBuild | null;
}

export interface ModelBuild {
  /** The whole AST was walked (type-aware mode, `fullWalk`, or a file the forward search cannot handle). */
  readonly fullWalk: boolean;
  /** Why the forward search gave up, when it did. */
  readonly fallback: string | null;
}
