/** What the client packages give: an import or `require()` of one, its exports, their members and what calling them makes. */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../../ast/nodes.js";
import { type ExportKind, type Family, packageInfo } from "../clients.js";
import type { RedisSettings } from "../settings.js";
import type { ExportValue, ModuleValue, Value } from "../types.js";
import { created, variableKey } from "./values.js";

type Variable = TSESLint.Scope.Variable;

/** A module of the user's own configured as holding clients (`clientModules`). */
export function isClientModule(settings: RedisSettings, source: string): boolean {
  return settings.clientModules.some((m) => source === m || source.endsWith(m.replace(/^[.~@]*\/?/, "/")));
}

/**
 * What an export of a client package is: the package object, a client instance, or a class or
 * factory. `family`: the package's (its `packageInfo`).
 */
export function exportValue(
  source: string,
  family: Family,
  kind: ExportKind,
  variable: Variable | null,
  at: Node,
): Value {
  if (kind.type === "module") return { kind: "module", source };
  if (kind.type === "instance") {
    return {
      kind: "client",
      family,
      lives: "shared",
      key: variable ? variableKey(variable) : `${source}#instance`,
      via: "import",
      origin: at,
    };
  }
  return { kind: "export", source, export: kind };
}

/** A property of a package object or export: `ns.createClient`, `Redis.Cluster`, `IORedis.default`. */
export function memberOf(
  base: ModuleValue | ExportValue,
  name: string,
  variable: Variable | null,
  at: Node,
): Value | null {
  if (base.kind === "module") return moduleMember(base.source, name, variable, at);
  // Statics of the ioredis class (CommonJS `require("ioredis")` is the class itself).
  if (base.export.type === "client-class" && packageInfo(base.source)?.family === "ioredis") {
    if (name === "Cluster")
      return { kind: "export", source: base.source, export: { type: "client-class", cluster: true } };
    if (name === "default" || name === "Redis" || name === "Valkey")
      return { kind: "export", source: base.source, export: { type: "client-class" } };
  }
  return null;
}

/** A member of a client package's module object (`ns.createClient`, `ns.default`, Bun's `redis`). */
export function moduleMember(source: string, name: string, variable: Variable | null, at: Node): Value | null {
  const pkg = packageInfo(source);
  if (!pkg) return null;
  if (name === "default") return exportValue(source, pkg.family, pkg.defaultExport, variable, at);
  if (source === "bun" && name === "redis") return exportValue(source, pkg.family, { type: "instance" }, variable, at);
  const kind = pkg.named[name];
  return kind ? exportValue(source, pkg.family, kind, variable, at) : null;
}

/** What `require(source)` gives. */
export function requireValue(source: string): Value | null {
  const pkg = packageInfo(source);
  if (!pkg) return null;
  return pkg.defaultExport.type === "module"
    ? { kind: "module", source }
    : { kind: "export", source, export: pkg.defaultExport };
}

/** The client a factory call makes (`createClient({...})`, `createCluster()`, `createClientPool()`). */
export function factoryResult(f: ExportValue, n: TSESTree.CallExpression): Value | null {
  if (f.export.type !== "factory") return null;
  // An export value's source is a client package (packageInfo knows it).
  const pkg = packageInfo(f.source);
  if (!pkg) return null;
  const family = pkg.family;
  const options = n.arguments.find((a) => unwrap(a).type === "ObjectExpression");
  const v = created(family, n, options, f.export.what === "cluster");
  if (f.export.what === "pool") v.pool = true;
  return v;
}
