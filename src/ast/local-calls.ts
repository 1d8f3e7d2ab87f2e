/**
 * Calls between the functions of one file: which local function a call runs (`this.commit()`, a
 * method of the enclosing class; `commit()`, a function declared in the file), and where a local
 * function is called from. Rules use this to follow a helper one level, e.g. a WATCH set by
 * `this.watchIfPossible(key)` and ended by `this.unwatchIfPossible()` around the caller's MULTI.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, unwrap } from "./nodes.js";
import { findVariable } from "./scope.js";
import { walk } from "./walk.js";

function methodName(key: Node): string | null {
  if (key.type === "Identifier" || key.type === "PrivateIdentifier") return key.name;
  return null;
}

/** `this.name` (or `this.#name`) as a callee: the method name, or null. */
function thisMethodName(callee: Node): string | null {
  const c = unwrap(callee);
  if (c.type !== "MemberExpression" || c.computed || unwrap(c.object).type !== "ThisExpression") return null;
  return methodName(c.property);
}

/** The class body whose `this` a node sees: methods and class fields keep it, other `function`s rebind it. */
function thisClass(node: Node): TSESTree.ClassBody | null {
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === "ClassBody") return n;
    if ((n.type === "FunctionExpression" || n.type === "FunctionDeclaration") && n.parent?.type !== "MethodDefinition")
      return null;
  }
  return null;
}

/** The function a method or field of a class body runs, by name. */
function classMethod(body: TSESTree.ClassBody, name: string): FunctionNode | null {
  for (const member of body.body) {
    if (
      (member.type === "MethodDefinition" || member.type === "PropertyDefinition") &&
      !member.computed &&
      methodName(member.key) === name
    ) {
      const value = member.value ? unwrap(member.value) : null;
      return isFunction(value) ? value : null;
    }
  }
  return null;
}

/**
 * The function defined in this file that `callee` names: `this.commit` inside a class with a
 * `commit` method (or arrow-function field), or `commit` bound to a function declaration or a
 * `const commit = () => ...`. Null when it is anything else.
 */
export function localFunction(callee: Node, sourceCode: TSESLint.SourceCode): FunctionNode | null {
  const name = thisMethodName(callee);
  if (name !== null) {
    const body = thisClass(callee);
    return body ? classMethod(body, name) : null;
  }
  const c = unwrap(callee);
  if (c.type !== "Identifier") return null;
  const variable = findVariable(c, sourceCode);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === "FunctionName" && isFunction(def.node)) return def.node;
  if (def.type === "Variable" && (def.parent as TSESTree.VariableDeclaration | undefined)?.kind === "const") {
    const init = def.node.init;
    const fn = init ? unwrap(init) : null;
    return isFunction(fn) ? fn : null;
  }
  return null;
}

/**
 * The calls in this file that run `fn` by its name (see `localFunction`), or null when `fn` is not
 * a named local function, or when its name also escapes as a value (`arr.map(this.fn)`, an export),
 * so callers elsewhere are possible.
 */
export function callSitesOf(fn: FunctionNode, sourceCode: TSESLint.SourceCode): TSESTree.CallExpression[] | null {
  const p = fn.parent;
  // A method (or arrow-function field) of a class: `this.name(...)` in the same class.
  if (
    p &&
    (p.type === "MethodDefinition" || p.type === "PropertyDefinition") &&
    p.value === fn &&
    !p.computed &&
    p.parent?.type === "ClassBody"
  ) {
    const name = methodName(p.key);
    if (name === null || p.static) return null;
    const body = p.parent;
    const sites: TSESTree.CallExpression[] = [];
    let escapes = false;
    walk(
      body,
      sourceCode.visitorKeys,
      (n) => {
        if (
          n.type === "MemberExpression" &&
          !n.computed &&
          unwrap(n.object).type === "ThisExpression" &&
          methodName(n.property) === name &&
          thisClass(n) === body
        ) {
          let outer: Node = n;
          while (
            outer.parent &&
            (outer.parent.type === "ChainExpression" || outer.parent.type === "TSNonNullExpression")
          )
            outer = outer.parent;
          const call = outer.parent;
          if (call?.type === "CallExpression" && call.callee === outer) sites.push(call);
          else escapes = true;
        }
      },
      { keysInOrder: true, arraysInOrder: true },
    );
    return escapes ? null : sites;
  }
  // A function declaration, or a `const` bound to a function.
  let id: TSESTree.Identifier | null = null;
  if (fn.type === "FunctionDeclaration") id = fn.id ?? null;
  else if (
    p?.type === "VariableDeclarator" &&
    p.init === fn &&
    p.id.type === "Identifier" &&
    (p.parent as TSESTree.VariableDeclaration | undefined)?.kind === "const"
  )
    id = p.id;
  if (!id) return null;
  const variable = findVariable(id, sourceCode);
  if (!variable) return null;
  const sites: TSESTree.CallExpression[] = [];
  for (const ref of variable.references) {
    if (ref.init) continue;
    const ident = ref.identifier as Node;
    const call = ident.parent;
    if (call?.type === "CallExpression" && call.callee === ident) sites.push(call);
    else return null;
  }
  const exported = p?.type === "VariableDeclarator" ? p.parent?.parent : fn.parent;
  if (exported?.type === "ExportNamedDeclaration" || exported?.type === "ExportDefaultDeclaration") return null;
  return sites;
}
