/**
 * What a method call on a value the evaluator knows gives: a client made by a package's class
 * (`Redis.createClient()`, `GlideClient.createClient()`, `Redis.fromEnv()`), a factory of the
 * user's own module, the client itself (`on`, `connect`), a duplicate or pool, a transaction or
 * pipeline (`multi()`, `pipeline()`), or the builder a queued command returns.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { Node } from "../../ast/nodes.js";
import { unwrap } from "../../ast/nodes.js";
import { CLIENT_PASSTHROUGH, EXEC_METHODS, packageInfo } from "../clients.js";
import { normaliseCommand } from "../commands.js";
import { type Transactions, isIoredisNonPipelineMulti } from "../transactions.js";
import type { Value } from "../types.js";
import { localCall, localMember } from "./export-map.js";
import { factoryResult, moduleMember } from "./packages.js";
import { CREATED, created } from "./values.js";

/** `base.method(...)` at `n` (`callee` is `base.method`); null when it gives nothing known. */
export function methodResult(
  base: Value,
  method: string,
  n: TSESTree.CallExpression,
  callee: Node,
  transactions: Transactions,
): Value | null {
  if (base.kind === "export") {
    const kind = base.export;
    // An export value's source is a client package (packageInfo knows it).
    const pkg = packageInfo(base.source);
    if (!pkg) return null;
    const family = pkg.family;
    // `GlideClient.createClient()`, ioredis `Redis.createClient()`, Upstash `Redis.fromEnv()`.
    if (
      (kind.type === "static-factory-class" && method === "createClient") ||
      (kind.type === "client-class" && (method === "createClient" || method === "fromEnv" || method === "create"))
    ) {
      return created(
        family,
        n,
        n.arguments.find((a) => unwrap(a).type === "ObjectExpression"),
        "cluster" in kind ? kind.cluster : undefined,
      );
    }
    if (kind.type === "factory") return null;
    return null;
  }
  if (base.kind === "local") {
    const member = localMember(base, method, callee);
    return member?.kind === "local" ? localCall(member, n) : null;
  }
  if (base.kind === "module") {
    const member = moduleMember(base.source, method, null, callee);
    if (member?.kind === "export" && member.export.type === "factory") return factoryResult(member, n);
    return null;
  }
  if (base.kind === "client") {
    // Methods that return the client itself: `createClient().on("error", f).connect()`.
    if (CLIENT_PASSTHROUGH.has(method) || (method === "connect" && base.family === "node-redis")) return base;
    if (method === "duplicate") {
      return { ...base, key: CREATED, lives: "dedicated", origin: n, via: base.via };
    }
    if (method === "createPool") return { ...base, key: CREATED, lives: "dedicated", pool: true, origin: n };
    if (method === "multi" && !isIoredisNonPipelineMulti(n)) {
      const tx = transactions.transactionFor(n, base.family, true, base);
      return { kind: "transaction", family: base.family, tx };
    }
    if (method === "pipeline" && base.family !== "node-redis") {
      const tx = transactions.transactionFor(n, base.family, false, base);
      return { kind: "pipeline", family: base.family, tx };
    }
    return null;
  }
  if (base.kind === "transaction" || base.kind === "pipeline") {
    // Queued commands return the builder (chainable); exec and friends return results.
    if (EXEC_METHODS.has(method) || method === "then" || method === "catch" || method === "finally") return null;
    if (method === "watch" || method === "unwatch" || method === "discard") return base;
    return normaliseCommand(method) || method === "addCommand" ? base : null;
  }
  return null;
  return null;
}
