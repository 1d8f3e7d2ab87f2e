/**
 * Keys built by a call. `keyShape` gives calls no shape, so two of them never match; a rule that
 * only needs to recognise the same key written the same way in one file (`this.connection.key("lock", id)`
 * set here and deleted there) can use `keyShapeOrCall`, which also shapes a call to a named key
 * builder whose arguments all have a shape. Key builders are deterministic string functions.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { unwrap } from "../ast/nodes.js";
import { keyShape } from "./keys.js";

/** `keyShape`, or for `builder(a, b)` with a shaped callee and shaped arguments, a shape of the call. */
export function keyShapeOrCall(node: TSESTree.Node | null | undefined): string | null {
  const shape = keyShape(node);
  if (shape !== null || !node) return shape;
  const n = unwrap(node);
  if (n.type !== "CallExpression" || n.optional) return null;
  const callee = keyShape(n.callee);
  if (callee === null) return null;
  const args: string[] = [];
  for (const a of n.arguments) {
    const s = a.type === "SpreadElement" ? null : keyShape(a);
    if (s === null) return null;
    args.push(s);
  }
  return `call:${callee}(${args.join(",")})`;
}
