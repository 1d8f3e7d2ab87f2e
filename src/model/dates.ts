/**
 * Whether an expression is certainly a `Date`, with no type information (`new Date(…)`, a name
 * declared `: Date` or given one) or, with it, by the type checker. `no-ttl-unit-mismatch` asks it
 * of the value node-redis v5 converts to seconds for GETEX's PXAT (ttl-units.ts).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../ast/nodes.js";
import { constInit, findVariable } from "../ast/scope.js";
import { TypeInfo } from "./recognition/type-info.js";
import { isGlobal } from "./recognition/values.js";

/** The type `Date` (the global one), or, with `nullable`, `Date | null | undefined` in any order. */
function isDateType(t: TSESTree.TypeNode, sourceCode: TSESLint.SourceCode, nullable: boolean): boolean {
  if (t.type === "TSTypeReference")
    return (
      !t.typeArguments &&
      t.typeName.type === "Identifier" &&
      t.typeName.name === "Date" &&
      isGlobal(findVariable(t.typeName, sourceCode))
    );
  if (!nullable || t.type !== "TSUnionType") return false;
  let date = false;
  for (const m of t.types) {
    if (m.type === "TSNullKeyword" || m.type === "TSUndefinedKeyword") continue;
    if (date || !isDateType(m, sourceCode, false)) return false;
    date = true;
  }
  return date;
}

/**
 * What the declaration of an identifier says: `"date"` for a parameter or variable annotated
 * `: Date` (TypeScript keeps it one), or a variable initialised with a Date and never assigned
 * again; `"nullable"` for `?: Date` or `: Date | null | undefined`; null for anything else.
 */
function declaredDate(
  id: TSESTree.Identifier,
  sourceCode: TSESLint.SourceCode,
  depth: number,
): "date" | "nullable" | null {
  const variable = findVariable(id, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!def || (def.type !== "Parameter" && def.type !== "Variable") || def.name.type !== "Identifier") return null;
  const annotation = def.name.typeAnnotation?.typeAnnotation;
  if (annotation) {
    if (isDateType(annotation, sourceCode, false)) return def.name.optional ? "nullable" : "date";
    return isDateType(annotation, sourceCode, true) ? "nullable" : null;
  }
  if (def.type !== "Variable") return null;
  const init = constInit(id, sourceCode);
  return init && dateValue(init, sourceCode, depth + 1) === "date" ? "date" : null;
}

/**
 * Whether an expression is a Date as written, with no type information: `new Date(…)`, a name
 * whose declaration says so (`declaredDate`), `c ? date : otherDate`, `maybeDate ?? date`
 * (`||` alike: a Date is truthy). `"nullable"` for a name that is a Date or null / undefined.
 */
function dateValue(n: Node, sourceCode: TSESLint.SourceCode, depth: number): "date" | "nullable" | null {
  if (depth > 3) return null;
  const u = unwrap(n);
  if (u.type === "NewExpression")
    return u.callee.type === "Identifier" && u.callee.name === "Date" && isGlobal(findVariable(u.callee, sourceCode))
      ? "date"
      : null;
  if (u.type === "Identifier") return declaredDate(u, sourceCode, depth);
  if (u.type === "ConditionalExpression") {
    const a = dateValue(u.consequent, sourceCode, depth + 1);
    const b = dateValue(u.alternate, sourceCode, depth + 1);
    return a === "date" && b === "date" ? "date" : null;
  }
  if (u.type === "LogicalExpression" && (u.operator === "??" || u.operator === "||")) {
    const left = dateValue(u.left, sourceCode, depth + 1);
    return left && dateValue(u.right, sourceCode, depth + 1) === "date" ? "date" : null;
  }
  return null;
}

/** TypeScript's own lib files (`typescript/lib/lib.es5.d.ts`, `lib.es2020.date.d.ts`), where the global Date is declared. */
const TS_LIB_FILE = /[\\/]typescript[\\/]lib[\\/]lib\.[\w.]*\.d\.ts$/;

/**
 * Whether an expression is certainly a Date: written so (`dateValue`), or, with `typeAware`,
 * given the global `Date` type (no union) by the type checker.
 */
export function isCertainlyDate(n: Node, sourceCode: TSESLint.SourceCode, typeAware: boolean): boolean {
  if (dateValue(n, sourceCode, 0) === "date") return true;
  return typeAware && !!TypeInfo.from(sourceCode)?.isGlobalType(n, "Date", TS_LIB_FILE);
}
