/**
 * Fields of a constructor function, outside classes: what `this.client = …` writes in
 * `var RedisStore = module.exports = function (options) { this.client = …; }` (or
 * `function RedisStore() {…}`) and in its `RedisStore.prototype.m = function () {…}` methods,
 * read back as `this.client` in those functions (express-brute-redis, issue #14 L19).
 * The evaluator takes only the family from it, for a `this.client` that structure or evidence
 * already makes a client: no new receiver is recognised, so the search has nothing to mirror.
 * One walk of the owner's functions, memoised per owner.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { prototypeAssignment, prototypeOwnerOfThis } from "../../ast/local-calls.js";
import { type Node, isFunction, propertyName, unwrap } from "../../ast/nodes.js";
import { walk } from "../../ast/walk.js";
import { pushTo } from "../../util/maps.js";

/**
 * The constructor function whose instance `this` is at `node`, outside classes: the `X` of an
 * enclosing `X.prototype.m = function`, `function X() {…}`, or `var X = function () {…}`
 * (arrow functions keep the `this` around them).
 */
export function thisOwner(node: Node): string | null {
  return prototypeOwnerOfThis(node, { storedFunctions: true });
}

const memo = new WeakMap<TSESLint.SourceCode, PrototypeFields>();

/** The prototype fields of the file (one per file). */
export function prototypeFields(sourceCode: TSESLint.SourceCode): PrototypeFields {
  let p = memo.get(sourceCode);
  if (!p) memo.set(sourceCode, (p = new PrototypeFields(sourceCode)));
  return p;
}

export class PrototypeFields {
  private readonly byOwner = new Map<string, Map<string, Node[]>>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  /** The values `this.name = value` writes in the functions of the constructor `owner` (top-level ones). */
  writes(owner: string, name: string): readonly Node[] {
    let fields = this.byOwner.get(owner);
    if (!fields) this.byOwner.set(owner, (fields = this.collect(owner)));
    return fields.get(name) ?? [];
  }

  private collect(owner: string): Map<string, Node[]> {
    const out = new Map<string, Node[]>();
    const functions: Node[] = [];
    for (const statement of (this.sourceCode.ast as TSESTree.Program).body) {
      if (statement.type === "FunctionDeclaration" && statement.id?.name === owner) functions.push(statement);
      else if (statement.type === "VariableDeclaration") {
        for (const d of statement.declarations) {
          let init = d.init ? unwrap(d.init) : null;
          while (init?.type === "AssignmentExpression" && init.operator === "=") init = unwrap(init.right);
          if (d.id.type === "Identifier" && d.id.name === owner && init && isFunction(init)) functions.push(init);
        }
      } else if (statement.type === "ExpressionStatement" && statement.expression.type === "AssignmentExpression") {
        const fn = unwrap(statement.expression.right);
        if (isFunction(fn) && prototypeAssignment(fn)?.owner === owner) functions.push(fn);
      }
    }
    for (const fn of functions) thisWrites(fn, this.sourceCode.visitorKeys, out);
    return out;
  }
}

/**
 * The values `this.name = value` writes in the function `fn` (by name, in source order, added to
 * `out`): not in nested functions, which have a `this` of their own; arrow functions keep `fn`'s.
 */
export function thisWrites(
  fn: Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  out = new Map<string, Node[]>(),
): Map<string, Node[]> {
  walk(
    fn,
    visitorKeys,
    (node) => {
      if (node !== fn && (node.type === "FunctionExpression" || node.type === "FunctionDeclaration")) return "skip";
      if (node.type === "ClassBody") return "skip";
      if (
        node.type === "AssignmentExpression" &&
        node.operator === "=" &&
        node.left.type === "MemberExpression" &&
        node.left.object.type === "ThisExpression"
      ) {
        const name = propertyName(node.left);
        if (name !== null) pushTo(out, name, node.right);
      }
      return;
    },
    { keysInOrder: true, arraysInOrder: true },
  );
  return out;
}
