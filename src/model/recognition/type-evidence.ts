/**
 * Type annotations that rule a name out as a Redis client. A variable, parameter or class field
 * called `redis` (a default client name) that is annotated `Map<string, string>`, `Set<string>`
 * or `string` is not a client, whatever it is called: name-based recognition must not apply.
 *
 * Only built-in, global types count. A user type (`Cache`, `RedisLike`), `any`, `unknown` and an
 * inline object type (`{ get(k: string): Promise<string | null> }`, often a hand-written client
 * interface) leave the name heuristic as it was.
 */
import type { TSESTree } from "@typescript-eslint/utils";

/** Global types whose values are never Redis clients. */
const BUILT_IN_TYPES = new Set([
  "Map",
  "WeakMap",
  "ReadonlyMap",
  "Set",
  "WeakSet",
  "ReadonlySet",
  "Array",
  "ReadonlyArray",
  "Record",
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "Symbol",
  "Date",
  "RegExp",
  "URL",
  "URLSearchParams",
  "Function",
  "Error",
  "Buffer",
  "Uint8Array",
  "ArrayBuffer",
  "Storage",
]);

const NON_CLIENT_NODES = new Set<string>([
  "TSStringKeyword",
  "TSNumberKeyword",
  "TSBooleanKeyword",
  "TSBigIntKeyword",
  "TSSymbolKeyword",
  "TSObjectKeyword",
  "TSNeverKeyword",
  "TSVoidKeyword",
  "TSArrayType",
  "TSTupleType",
  "TSLiteralType",
  "TSTemplateLiteralType",
  "TSFunctionType",
  "TSConstructorType",
]);

function isNullish(t: TSESTree.TypeNode): boolean {
  return t.type === "TSNullKeyword" || t.type === "TSUndefinedKeyword";
}

function foreign(t: TSESTree.TypeNode): boolean {
  if (NON_CLIENT_NODES.has(t.type)) return true;
  if (t.type === "TSTypeReference") {
    return t.typeName.type === "Identifier" && BUILT_IN_TYPES.has(t.typeName.name);
  }
  if (t.type === "TSUnionType") {
    const rest = t.types.filter((u) => !isNullish(u));
    return rest.length > 0 && rest.every(foreign);
  }
  return false;
}

/**
 * The annotation (`x: T` of a variable, parameter or class field) names a built-in type that is
 * never a Redis client: `Map<K, V>`, `Set<T>`, `string`, `T[]`, `Map<K, V> | undefined`.
 */
export function isNonClientAnnotation(annotation: TSESTree.TSTypeAnnotation | null | undefined): boolean {
  const t = annotation?.typeAnnotation;
  return !!t && foreign(t);
}
