/**
 * "Same key" by shape: the same identifier, the same string, the same member path, or the same
 * template (or `+` concatenation) with the same parts. `"lock:" + id` and `` `lock:${id}` `` have
 * one shape. Expressions with calls or other computations have no shape, so they never match.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { unwrap } from "../ast/nodes.js";

type Part = { s: string } | { e: string };

/** Atomic shapes: identifiers and member paths. */
function atom(n: TSESTree.Node): string | null {
  if (n.type === "Identifier") return n.name;
  if (n.type === "ThisExpression") return "this";
  if (n.type === "MemberExpression") {
    const obj = atom(unwrap(n.object));
    if (!obj) return null;
    if (!n.computed) {
      return n.property.type === "Identifier" || n.property.type === "PrivateIdentifier"
        ? `${obj}.${n.property.name}`
        : null;
    }
    const prop = unwrap(n.property);
    // `obj["k"]` is `obj.k`.
    if (prop.type === "Literal" && typeof prop.value === "string" && /^[A-Za-z_$][\w$]*$/.test(prop.value))
      return `${obj}.${prop.value}`;
    if (prop.type === "Literal" && (typeof prop.value === "string" || typeof prop.value === "number")) {
      return `${obj}[${JSON.stringify(prop.value)}]`;
    }
    const inner = atom(prop);
    return inner ? `${obj}[${inner}]` : null;
  }
  return null;
}

function parts(node: TSESTree.Node, out: Part[]): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case "Literal":
      if (typeof n.value !== "string" && typeof n.value !== "number") return false;
      out.push({ s: String(n.value) });
      return true;
    case "TemplateLiteral":
      for (let i = 0; i < n.quasis.length; i++) {
        out.push({ s: n.quasis[i].value.cooked ?? n.quasis[i].value.raw });
        if (i < n.expressions.length && !parts(n.expressions[i], out)) return false;
      }
      return true;
    case "BinaryExpression":
      return n.operator === "+" && parts(n.left, out) && parts(n.right, out);
    default: {
      const a = atom(n);
      if (!a) return false;
      out.push({ e: a });
      return true;
    }
  }
}

/** A string that is equal for two key expressions of the same shape, or null. */
export function keyShape(node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  const list: Part[] = [];
  if (!parts(node, list)) return null;
  let out = "";
  let pending = "";
  for (const p of list) {
    if ("s" in p) pending += p.s;
    else {
      out += `${JSON.stringify(pending)}+{${p.e}}+`;
      pending = "";
    }
  }
  return out + JSON.stringify(pending);
}

/** The key is written as a plain string (no variable parts). */
export function isLiteralKey(node: TSESTree.Node | null | undefined): boolean {
  const s = keyShape(node);
  return s !== null && !s.includes("+{");
}

export function sameKey(a: TSESTree.Node | null | undefined, b: TSESTree.Node | null | undefined): boolean {
  const sa = keyShape(a);
  return sa !== null && sa === keyShape(b);
}
