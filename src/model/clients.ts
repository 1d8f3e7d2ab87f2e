/**
 * Where clients come from, per client family: what each package exports, and the TypeScript
 * type names that denote a client. See docs/semantics.md §1.
 */

export type Family = "ioredis" | "node-redis" | "upstash" | "glide" | "bun" | "unknown";

/** What an imported name is. */
export type ExportKind =
  /** A class whose instances are clients (`new Redis()`); statics listed in `statics`. */
  | { type: "client-class"; cluster?: boolean }
  /** A function that returns a client (`createClient()`), pool or cluster. */
  | { type: "factory"; what: "client" | "pool" | "cluster"; async?: boolean }
  /** A ready-made shared client (`kv` from @vercel/kv, `redis` from bun). */
  | { type: "instance" }
  /** GLIDE `Batch` / `ClusterBatch` / `Transaction`. */
  | { type: "batch-class"; atomicByDefault: boolean }
  /** A class with a static async `createClient` (GLIDE). */
  | { type: "static-factory-class"; cluster?: boolean }
  /** The package object itself (namespace import, `require()`). */
  | { type: "module" };

export interface PackageInfo {
  family: Family;
  /** What `import x from` / `require()` gives. */
  defaultExport: ExportKind;
  named: Record<string, ExportKind>;
}

const IOREDIS: PackageInfo = {
  family: "ioredis",
  defaultExport: { type: "client-class" },
  named: {
    default: { type: "client-class" },
    Redis: { type: "client-class" },
    Valkey: { type: "client-class" },
    Cluster: { type: "client-class", cluster: true },
  },
};

const NODE_REDIS: PackageInfo = {
  family: "node-redis",
  defaultExport: { type: "module" },
  named: {
    createClient: { type: "factory", what: "client" },
    createCluster: { type: "factory", what: "cluster" },
    createClientPool: { type: "factory", what: "pool" },
    createSentinel: { type: "factory", what: "client" },
    RedisClient: { type: "client-class" },
    RedisClientPool: { type: "client-class" },
    RedisCluster: { type: "client-class", cluster: true },
  },
};

const UPSTASH: PackageInfo = {
  family: "upstash",
  defaultExport: { type: "module" },
  named: { Redis: { type: "client-class" } },
};

const PACKAGES: Record<string, PackageInfo> = {
  ioredis: IOREDIS,
  iovalkey: IOREDIS,
  redis: NODE_REDIS,
  "@redis/client": NODE_REDIS,
  "@upstash/redis": UPSTASH,
  "@upstash/redis/cloudflare": UPSTASH,
  "@upstash/redis/fastly": UPSTASH,
  "@upstash/redis/nodejs": UPSTASH,
  "@vercel/kv": {
    family: "upstash",
    defaultExport: { type: "instance" },
    named: {
      kv: { type: "instance" },
      createClient: { type: "factory", what: "client" },
      VercelKV: { type: "client-class" },
    },
  },
  "@valkey/valkey-glide": {
    family: "glide",
    defaultExport: { type: "module" },
    named: {
      GlideClient: { type: "static-factory-class" },
      GlideClusterClient: { type: "static-factory-class", cluster: true },
      Batch: { type: "batch-class", atomicByDefault: false },
      ClusterBatch: { type: "batch-class", atomicByDefault: false },
      Transaction: { type: "batch-class", atomicByDefault: true },
      ClusterTransaction: { type: "batch-class", atomicByDefault: true },
    },
  },
  bun: {
    family: "bun",
    defaultExport: { type: "module" },
    named: { redis: { type: "instance" }, RedisClient: { type: "client-class" } },
  },
};

const PACKAGE_MAP = new Map(Object.entries(PACKAGES));

/**
 * The family of a client whose package the file does not show: one recognised by name
 * (`clientNames`, `clientModules`), by structure (`x.multi()…exec()`) or by evidence. The
 * precedence a reader uses: a client made by an import or a constructor (`new Redis()`,
 * `createClient()` from "redis") or typed as one carries its package's family and never comes
 * here; then the file's own evidence (node-redis spellings and option objects, ioredis
 * `[err, value]` reply pairs: `Evidence.familyOf`); then `settings.redis.defaultFamily`, the
 * fallback when the file shows nothing ("unknown" when unset).
 */
export function fallbackFamily(fileEvidence: Family | null, defaultFamily: Family): Family {
  return fileEvidence ?? defaultFamily;
}

export function packageInfo(source: string): PackageInfo | undefined {
  return PACKAGE_MAP.get(source);
}

export const CLIENT_PACKAGES = Object.keys(PACKAGES);

/** Type names that denote a client (or transaction) without type information. */
export interface TypeNameInfo {
  family: Family;
  what: "client" | "cluster" | "pool" | "transaction" | "pipeline";
}

/**
 * Type names that are unambiguous on their own, wherever they were imported from.
 * `Redis`, `Cluster`, `RedisClient` and `Pipeline` are only trusted when imported from a client
 * package (or, for `Redis`, next to an `@InjectRedis()` decorator).
 */
export const UNAMBIGUOUS_TYPE_NAMES: Record<string, TypeNameInfo> = {
  RedisClientType: { family: "node-redis", what: "client" },
  RedisClusterType: { family: "node-redis", what: "cluster" },
  RedisClientPoolType: { family: "node-redis", what: "pool" },
  RedisClientMultiCommandType: { family: "node-redis", what: "transaction" },
  RedisSentinelType: { family: "node-redis", what: "client" },
  GlideClient: { family: "glide", what: "client" },
  GlideClusterClient: { family: "glide", what: "cluster" },
  VercelKV: { family: "upstash", what: "client" },
};

/** Type names trusted when the name is imported from a client package. */
export const PACKAGE_TYPE_NAMES: Record<string, TypeNameInfo> = {
  Redis: { family: "ioredis", what: "client" },
  Valkey: { family: "ioredis", what: "client" },
  Cluster: { family: "ioredis", what: "cluster" },
  ChainableCommander: { family: "ioredis", what: "pipeline" },
  Pipeline: { family: "ioredis", what: "pipeline" },
  RedisClient: { family: "bun", what: "client" },
  RedisClientPool: { family: "node-redis", what: "pool" },
  RedisCluster: { family: "node-redis", what: "cluster" },
  Batch: { family: "glide", what: "pipeline" },
  ClusterBatch: { family: "glide", what: "pipeline" },
  Transaction: { family: "glide", what: "transaction" },
};

/** Decorators that inject a shared client (NestJS modules for ioredis / node-redis). */
export const INJECT_DECORATORS = /^Inject(?:Redis|Valkey|Connection)$/;

/** Packages whose declarations mark a type as a client, for type-aware recognition. */
export const TYPE_PACKAGE_PATH =
  /node_modules[\\/](?:(ioredis|iovalkey)|(redis|@redis[\\/]client)|(@upstash[\\/]redis|@vercel[\\/]kv)|(@valkey[\\/]valkey-glide)|(bun-types|@types[\\/]bun))[\\/]/;

// ---------------------------------------------------------------------------------------------
// Client API methods the model treats specially

/** Client methods that return the same client (EventEmitter chaining, node-redis proxies). */
export const CLIENT_PASSTHROUGH = new Set([
  "on",
  "once",
  "off",
  "addListener",
  "prependListener",
  "removeListener",
  "removeAllListeners",
  "setMaxListeners",
  "withTypeMapping",
  "withCommandOptions",
  "withAbortSignal",
]);

/** Methods that send a raw command: `call("SET", ...)`, `sendCommand([...])`. */
export const RAW_METHODS = new Set(["call", "callBuffer", "send_command", "sendCommand", "customCommand", "send"]);
/** Methods that send a transaction or pipeline. */
export const EXEC_METHODS = new Set(["exec", "execAsPipeline", "execTyped", "execBuffer"]);
/** Methods that hand a callback a dedicated client. */
export const ISOLATING_METHODS = new Set(["executeIsolated", "execute", "withIsolatedClient"]);
