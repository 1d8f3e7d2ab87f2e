/** Small pieces of client values: identities (keys), where a variable lives, what a client made here looks like. */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, staticString, unwrap } from "../../ast/nodes.js";
import type { Family } from "../clients.js";
import type { ClientValue, Lives, RedisValue, Value } from "../types.js";

type Variable = TSESLint.Scope.Variable;

/**
 * The helpers compilers wrap a `require()` in for ES module interop: TypeScript's
 * `__importDefault` / `__importStar`, Babel's `_interopRequireDefault` / `_interopRequireWildcard`,
 * esbuild's `__toESM`. Each gives the module (or an object whose `default` is it): the value of
 * its first argument, as far as Redis is concerned.
 */
export const INTEROP_HELPERS: ReadonlySet<string> = new Set([
  "__importDefault",
  "__importStar",
  "_interopRequireDefault",
  "_interopRequireWildcard",
  "__toESM",
]);

/** The key a client carries until it is bound to a variable or field. */
export const CREATED = "<created>";

export function created(family: Family, origin: Node, options: Node | undefined, cluster?: boolean): ClientValue {
  return {
    kind: "client",
    family,
    lives: "dedicated",
    key: CREATED,
    via: "import",
    origin,
    options: options ? unwrap(options) : undefined,
    cluster: cluster || undefined,
  };
}

/** The identity of the client a variable holds. */
export function variableKey(variable: Variable): string {
  const def = variable.defs[0];
  return `var:${variable.name}@${def ? def.name.range[0] : -1}`;
}

/** The property a destructuring pattern reads into `target`. */
export function destructuredProperty(pattern: Node, target: TSESTree.Identifier): string | null {
  if (pattern.type !== "ObjectPattern") return null;
  for (const p of pattern.properties) {
    if (p.type !== "Property") continue;
    const value = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
    if (value === target) {
      if (!p.computed && p.key.type === "Identifier") return p.key.name;
      return staticString(p.key);
    }
  }
  return null;
}

/** Where a variable's client lives: shared at module level, `local` elsewhere. */
export function livesOfVariable(variable: Variable, local: Lives): Lives {
  const scope = variable.scope;
  if (scope.type === "module" || scope.type === "global" || scope.block.type === "Program") return "shared";
  return local;
}

/** An initialiser we know nothing about, so a client name may be trusted. */
export function couldBeAnything(init: Node): boolean {
  const n = unwrap(init);
  switch (n.type) {
    case "CallExpression":
    case "AwaitExpression":
    case "MemberExpression":
    case "Identifier":
    case "ConditionalExpression":
    case "LogicalExpression":
      return true;
    default:
      return false;
  }
}

/** A client, a transaction or a pipeline: a value calls can be made on. */
export function isRedisValue(v: Value | null | undefined): v is RedisValue {
  return !!v && (v.kind === "client" || v.kind === "transaction" || v.kind === "pipeline");
}

/** Unresolved, or a global declared by the environment (`require` in CommonJS, Node globals). */
export function isGlobal(variable: Variable | null): boolean {
  return !variable || variable.defs.length === 0;
}
