/**
 * Calls between the functions of one file: which local function a call runs (`this.commit()`, a
 * method of the enclosing class; `commit()`, a function declared in the file), and where a local
 * function is called from. Rules use this to follow a helper one level, e.g. a WATCH set by
 * `this.watchIfPossible(key)` and ended by `this.unwatchIfPossible()` around the caller's MULTI.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, unwrap } from "./nodes.js";
import { findVariable } from "./scope.js";
import { type VisitorKeys, walk } from "./walk.js";

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
export function localFunction(
  callee: Node,
  sourceCode: TSESLint.SourceCode,
  /** How to find a name's variable, when the caller keeps an index of them (default: the scope manager). */
  variableOf: (id: TSESTree.Identifier) => TSESLint.Scope.Variable | null = (id) => findVariable(id, sourceCode),
): FunctionNode | null {
  const name = thisMethodName(callee);
  if (name !== null) {
    const body = thisClass(callee);
    return body ? classMethod(body, name) : null;
  }
  const c = unwrap(callee);
  if (c.type !== "Identifier") return null;
  const variable = variableOf(c);
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

export interface CallSitesOptions {
  /**
   * The calls in this file even when the function also escapes (exported, passed as a value):
   * then other callers exist, but these are still the calls this file makes.
   */
  inFileOnly?: boolean;
}

/**
 * The calls in this file that run `fn` by its name (see `localFunction`), or null when `fn` is not
 * a named local function, or when its name also escapes as a value (`arr.map(this.fn)`, an export),
 * so callers elsewhere are possible (unless `options.inFileOnly`).
 */
export function callSitesOf(
  fn: FunctionNode,
  sourceCode: TSESLint.SourceCode,
  options: CallSitesOptions = {},
): TSESTree.CallExpression[] | null {
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
    return escapes && !options.inFileOnly ? null : sites;
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
    else if (!options.inFileOnly) return null;
  }
  if (options.inFileOnly) return sites;
  const exported = p?.type === "VariableDeclarator" ? p.parent?.parent : fn.parent;
  if (exported?.type === "ExportNamedDeclaration" || exported?.type === "ExportDefaultDeclaration") return null;
  return sites;
}

/**
 * What `fn` returns: the argument of each of its `return` statements (not those of functions
 * nested in it), or an arrow function's expression body.
 */
export function returnedExpressions(fn: FunctionNode, keys: VisitorKeys): Node[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const out: Node[] = [];
  walk(fn.body, keys, (n) => {
    if (isFunction(n) || n.type === "ClassBody") return "skip";
    if (n.type === "ReturnStatement") {
      if (n.argument) out.push(n.argument);
      return "skip";
    }
    // Expressions hold no return statement (only the functions in them, left out above).
    if (n.type.endsWith("Expression") || n.type === "Identifier" || n.type === "Literal") return "skip";
  });
  return out;
}

/** The function a `return` statement or an arrow function's expression body returns from, given the returned expression. */
export function functionReturning(expr: Node): FunctionNode | null {
  const p = expr.parent;
  if (p?.type === "ArrowFunctionExpression" && p.body === expr) return p;
  if (p?.type !== "ReturnStatement" || p.argument !== expr) return null;
  for (let n: Node | undefined = p.parent; n; n = n.parent) if (isFunction(n)) return n;
  return null;
}

/** `X.prototype.name = function () {…}` (or an arrow): X and name. */
export function prototypeAssignment(fn: Node): { owner: string; name: string } | null {
  const p = fn.parent;
  if (p?.type !== "AssignmentExpression" || p.right !== fn || p.operator !== "=") return null;
  const left = p.left;
  if (left.type !== "MemberExpression" || left.computed || left.property.type !== "Identifier") return null;
  const proto = left.object;
  if (
    proto.type !== "MemberExpression" ||
    proto.computed ||
    proto.property.type !== "Identifier" ||
    proto.property.name !== "prototype" ||
    proto.object.type !== "Identifier"
  )
    return null;
  return { owner: proto.object.name, name: left.property.name };
}

/** The variable a function expression is stored in: `var X = function`, `var X = module.exports = function`. */
function storedName(fn: Node): string | null {
  let n: Node = fn;
  while (n.parent?.type === "AssignmentExpression" && n.parent.right === n && n.parent.operator === "=") n = n.parent;
  const p = n.parent;
  return p?.type === "VariableDeclarator" && p.init === n && p.id.type === "Identifier" ? p.id.name : null;
}

/**
 * The constructor function whose instance `this` is where `node` stands, outside classes: the
 * `X` of an enclosing `X.prototype.name = function`, or of `function X() {…}` itself (arrow
 * functions keep the `this` around them). Null inside a class, or anywhere else.
 */
export function prototypeOwnerOfThis(node: Node, options: { storedFunctions?: boolean } = {}): string | null {
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === "ClassBody") return null;
    if (n.type === "FunctionExpression" || n.type === "FunctionDeclaration") {
      const assigned = prototypeAssignment(n);
      if (assigned) return assigned.owner;
      if (n.type === "FunctionDeclaration") return n.id ? n.id.name : null;
      // `var X = function () {…}`, `var X = module.exports = function () {…}`, when asked.
      return options.storedFunctions ? storedName(n) : null;
    }
  }
  return null;
}

/** Per file: `X.prototype.name` functions assigned by statements at the top level, by `X.name` (null: assigned twice). */
const prototypeIndexes = new WeakMap<Node, Map<string, FunctionNode | null>>();

function prototypeIndex(program: TSESTree.Program): Map<string, FunctionNode | null> {
  let index = prototypeIndexes.get(program);
  if (index) return index;
  index = new Map();
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || statement.expression.type !== "AssignmentExpression") continue;
    const fn = unwrap(statement.expression.right);
    const assigned = isFunction(fn) ? prototypeAssignment(fn) : null;
    if (!assigned || !isFunction(fn)) continue;
    const key = `${assigned.owner}.${assigned.name}`;
    index.set(key, index.has(key) ? null : fn);
  }
  prototypeIndexes.set(program, index);
  return index;
}

/**
 * The prototype method a callee names outside classes: `this.multi` in a function of `Queue`
 * (see `prototypeOwnerOfThis`) when the file assigns `Queue.prototype.multi = function …` once,
 * at its top level.
 */
export function prototypeMethod(callee: Node, sourceCode: TSESLint.SourceCode): FunctionNode | null {
  const name = thisMethodName(callee);
  if (name === null) return null;
  const owner = prototypeOwnerOfThis(callee);
  return owner === null ? null : (prototypeIndex(sourceCode.ast).get(`${owner}.${name}`) ?? null);
}
