/**
 * The client dialects: one `Dialect` object per client family (ioredis / iovalkey, node-redis per
 * major version, Upstash / @vercel/kv, valkey-glide, Bun, and the unknown client). Everything
 * that differs between the clients is here: labels, SET NX option shapes and their writers,
 * SCAN, exec() results and WATCH aborts, dedicated connections, subscriber mode, method names.
 * See docs/semantics.md.
 */
import { type Family, type FileModel, installedMajor, nodeRedisMajor } from "../model/index.js";
import { UNKNOWN_DIALECT } from "./base.js";
import { BUN } from "./bun.js";
import { GLIDE } from "./glide.js";
import { IOREDIS } from "./ioredis.js";
import { nodeRedisDialect } from "./node-redis.js";
import { UPSTASH } from "./upstash.js";
import type { Dialect } from "./types.js";

export type * from "./types.js";
export { GLIDE_PACKAGE, argText, asWritten, execErrorCheck, expiryProperty, rawSetForm } from "./base.js";
export {
  EXPIRY_UNIT,
  type SetRewrite,
  counterExpiryReplacement,
  counterExpiryScript,
  rewritePlainSetWithExpiry,
  rewriteSetWithExpiry,
} from "./expiry.js";
export { type IncrementRewrite, incrementRewrite } from "./increment.js";

const NODE_REDIS = new Map<number | null, Dialect>();

const FIXED: Record<Exclude<Family, "node-redis">, Dialect> = {
  ioredis: IOREDIS,
  upstash: UPSTASH,
  glide: GLIDE,
  bun: BUN,
  unknown: UNKNOWN_DIALECT,
};

/**
 * The dialect of a client family. `version` is the node-redis major (3, 4, 5, 6, ...; null or
 * absent: unknown) and is ignored for the other families.
 */
export function dialectOf(family: Family, version?: number | null): Dialect {
  if (family !== "node-redis") return FIXED[family];
  const v = version ?? null;
  let d = NODE_REDIS.get(v);
  if (!d) NODE_REDIS.set(v, (d = nodeRedisDialect(v)));
  return d;
}

interface VersionContext {
  filename?: string;
  physicalFilename?: string;
  cwd?: string;
}

/**
 * The node-redis major a file is linted against: `settings.redis.versions.redis`, else the
 * installed `redis` package, else (with `clientPackage`) the installed `@redis/client`. Null when
 * none tells.
 */
export function nodeRedisVersion(context: VersionContext, model: FileModel, clientPackage = false): number | null {
  const pinned = model.settings.versions.redis;
  if (pinned !== undefined) return pinned;
  let major: number | null;
  try {
    major = nodeRedisMajor("redis", installedMajor(context, "redis"));
    if (major === null && clientPackage)
      major = nodeRedisMajor("@redis/client", installedMajor(context, "@redis/client"));
  } catch {
    major = null;
  }
  return major;
}

/**
 * A rule's dialect lookup for one file: the dialect of a family, with node-redis at the version
 * the file is linted against (read once, and only when a node-redis call asks).
 */
export function dialectsFor(
  context: VersionContext,
  model: FileModel,
  options: { clientPackage?: boolean } = {},
): (family: Family) => Dialect {
  let version: number | null | undefined;
  return (family) => {
    if (family !== "node-redis") return dialectOf(family);
    if (version === undefined) version = nodeRedisVersion(context, model, options.clientPackage === true);
    return dialectOf(family, version);
  };
}
