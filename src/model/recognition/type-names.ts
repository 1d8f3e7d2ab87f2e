/**
 * Type annotations, without type information: the client type an annotation names (`Redis`,
 * `RedisClientType`, `IORedis.Cluster`, a union with one), checked against where the name was
 * imported from, and the value it gives what it annotates.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, staticString } from "../../ast/nodes.js";
import {
  INJECT_DECORATORS,
  PACKAGE_TYPE_NAMES,
  type TypeNameInfo,
  UNAMBIGUOUS_TYPE_NAMES,
  packageInfo,
} from "../clients.js";
import type { Transactions } from "../transactions.js";
import type { Value } from "../types.js";
import type { Scopes } from "./scopes.js";
import { variableKey } from "./values.js";

type Variable = TSESLint.Scope.Variable;

export class TypeNames {
  constructor(
    private readonly scopes: Scopes,
    private readonly transactions: Transactions,
  ) {}

  fromTypeAnnotation(name: TSESTree.Identifier, variable: Variable | null, injected = false): Value | null {
    const ann = name.typeAnnotation?.typeAnnotation;
    if (!ann) return null;
    const info = this.typeNameInfo(ann, injected);
    if (!info) return null;
    return this.valueFromTypeInfo(info, name, variable ? variableKey(variable) : `type@${name.range[0]}`);
  }

  valueFromTypeInfo(info: TypeNameInfo, origin: Node, key: string): Value {
    if (info.what === "transaction" || info.what === "pipeline") {
      const tx = this.transactions.transactionFor(origin, info.family, info.what === "transaction", null);
      return { kind: info.what, family: info.family, tx };
    }
    return {
      kind: "client",
      family: info.family,
      lives: "shared",
      key,
      via: "type-annotation",
      cluster: info.what === "cluster" || undefined,
      pool: info.what === "pool" || undefined,
      origin,
    };
  }

  /** Client type named by a type annotation, without type information. */
  typeNameInfo(type: TSESTree.TypeNode, injected: boolean): TypeNameInfo | null {
    if (type.type === "TSUnionType") {
      for (const t of type.types) {
        const info = this.typeNameInfo(t, injected);
        if (info) return info;
      }
      return null;
    }
    if (type.type !== "TSTypeReference") return null;
    const tn = type.typeName;
    if (tn.type === "Identifier") {
      if (Object.hasOwn(UNAMBIGUOUS_TYPE_NAMES, tn.name)) return UNAMBIGUOUS_TYPE_NAMES[tn.name];
      const imported = this.importOfTypeName(tn);
      if (imported) return imported;
      if (injected && tn.name === "Redis") return { family: "ioredis", what: "client" };
      return null;
    }
    if (tn.type === "TSQualifiedName" && tn.left.type === "Identifier") {
      // `IORedis.Redis`, `IORedis.Cluster` with IORedis the ioredis default or namespace import.
      const source = this.importSourceOf(tn.left);
      const pkg = source ? packageInfo(source) : undefined;
      const info = pkg && Object.hasOwn(PACKAGE_TYPE_NAMES, tn.right.name) ? PACKAGE_TYPE_NAMES[tn.right.name] : null;
      if (info && pkg) return { ...info, family: pkg.family };
    }
    return null;
  }

  private importOfTypeName(id: TSESTree.Identifier): TypeNameInfo | null {
    const variable = this.scopes.findVariableByName(id);
    const def = variable?.defs[0];
    if (!def || def.type !== "ImportBinding") return null;
    const source = importBindingSource(def.node);
    const pkg = source === null ? undefined : packageInfo(source);
    if (!pkg) return null;
    const spec = def.node;
    // `import Redis = require("ioredis")` names what a default import would.
    if (spec.type === "ImportDefaultSpecifier" || spec.type === "TSImportEqualsDeclaration") {
      return pkg.family === "ioredis" ? { family: "ioredis", what: "client" } : null;
    }
    if (spec.type !== "ImportSpecifier") return null;
    const imported = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
    if (Object.hasOwn(UNAMBIGUOUS_TYPE_NAMES, imported)) return UNAMBIGUOUS_TYPE_NAMES[imported];
    const info = Object.hasOwn(PACKAGE_TYPE_NAMES, imported) ? PACKAGE_TYPE_NAMES[imported] : null;
    if (!info) return null;
    // `Redis` from @upstash/redis is Upstash's client, `RedisClient` from redis v6 is node-redis'.
    if (info.family !== pkg.family) {
      if (imported === "Redis" || imported === "RedisClient" || imported === "Pipeline")
        return { ...info, family: pkg.family };
      return null;
    }
    return info;
  }

  private importSourceOf(id: TSESTree.Identifier): string | null {
    const variable = this.scopes.findVariableByName(id);
    const def = variable?.defs[0];
    return def?.type === "ImportBinding" ? importBindingSource(def.node) : null;
  }
}

/** The module an import binding comes from: `import … from "m"`, `import x = require("m")`. */
function importBindingSource(node: Node): string | null {
  if (node.type === "TSImportEqualsDeclaration") {
    const ref = node.moduleReference;
    return ref.type === "TSExternalModuleReference" ? staticString(ref.expression) : null;
  }
  const decl = node.parent;
  return decl?.type === "ImportDeclaration" ? decl.source.value : null;
}

/** A parameter or parameter property with an `@InjectRedis()`-style decorator. */
export function hasInjectDecorator(node: Node | undefined): boolean {
  const decorators = (node as { decorators?: TSESTree.Decorator[] } | undefined)?.decorators;
  if (!decorators?.length) return false;
  return decorators.some((d) => {
    const e = d.expression.type === "CallExpression" ? d.expression.callee : d.expression;
    return e.type === "Identifier" && INJECT_DECORATORS.test(e.name);
  });
}
