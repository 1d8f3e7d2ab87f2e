/**
 * Limits on structural evidence. `x.multi().get(k).exec()` makes `x` a client when nothing else
 * says what `x` is; but when the file itself shows what `x` is (an object literal, an array, a
 * function, or an instance of a class declared here that extends nothing), the chain is that
 * object's own API (a query builder, a test double), not Redis.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { unwrap } from "./ast.js";

type Variable = TSESLint.Scope.Variable;

const LITERAL_VALUES = new Set<string>([
  "ObjectExpression", "ArrayExpression", "Literal", "TemplateLiteral", "FunctionExpression",
  "ArrowFunctionExpression", "ClassExpression",
]);

/** `Name` is a class declared in this file with no `extends`. */
function localPlainClass(id: TSESTree.Identifier, scope: TSESLint.Scope.Scope): boolean {
  for (let s: TSESLint.Scope.Scope | null = scope; s; s = s.upper) {
    const v = s.set.get(id.name);
    if (!v) continue;
    const def = v.defs[0];
    if (!def || def.type !== "ClassName") return false;
    const cls = def.node as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
    return !cls.superClass;
  }
  return false;
}

/**
 * The variable's every value is visibly not a Redis client: a class or function declaration, or
 * a variable only ever given object or array literals, functions, or `new C()` of a class
 * declared in this file that extends nothing.
 */
export function declaredNonClient(variable: Variable): boolean {
  const def = variable.defs[0];
  if (!def) return false;
  if (def.type === "ClassName" || def.type === "FunctionName") return true;
  if (def.type !== "Variable") return false;
  const decl = def.node as TSESTree.VariableDeclarator;
  if (decl.id.type !== "Identifier") return false;
  const values: TSESTree.Node[] = [];
  if (decl.init) values.push(decl.init);
  for (const ref of variable.references) {
    if (ref.isWrite() && ref.writeExpr && ref.writeExpr !== decl.init) values.push(ref.writeExpr as TSESTree.Node);
  }
  if (values.length === 0) return false;
  return values.every((value) => {
    const v = unwrap(value);
    if (LITERAL_VALUES.has(v.type)) return true;
    if (v.type === "NewExpression" && v.callee.type === "Identifier") return localPlainClass(v.callee, variable.scope);
    return false;
  });
}
