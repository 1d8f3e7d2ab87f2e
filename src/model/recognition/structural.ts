/**
 * Structural evidence: `x.multi()` or `x.pipeline()`, then Redis commands, then `exec()`, makes `x`
 * a client when nothing else says what it is.
 *
 * Limits on structural evidence. `x.multi().get(k).exec()` makes `x` a client when nothing else
 * says what `x` is; but when the file itself shows what `x` is (an object literal, an array, a
 * function, or an instance of a class declared here that extends nothing), the chain is that
 * object's own API (a query builder, a test double), not Redis.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, calleeMember, propertyName, unwrap } from "../../ast/nodes.js";
import { EXEC_METHODS } from "../clients.js";
import { normaliseCommand } from "../commands.js";
import type { Scopes } from "./scopes.js";

type Variable = TSESLint.Scope.Variable;

const LITERAL_VALUES = new Set<string>([
  "ObjectExpression",
  "ArrayExpression",
  "Literal",
  "TemplateLiteral",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ClassExpression",
]);

/** `Name` is a class declared in this file with no `extends`. */
function localPlainClass(id: TSESTree.Identifier, scope: TSESLint.Scope.Scope): boolean {
  for (let s: TSESLint.Scope.Scope | null = scope; s; s = s.upper) {
    const v = s.set.get(id.name);
    if (!v) continue;
    const def = v.defs[0];
    if (!def || def.type !== "ClassName") return false;
    const cls = def.node;
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
  const decl = def.node;
  if (decl.id.type !== "Identifier") return false;
  const values: TSESTree.Node[] = [];
  if (decl.init) values.push(decl.init);
  for (const ref of variable.references) {
    if (ref.isWrite() && ref.writeExpr && ref.writeExpr !== decl.init) values.push(ref.writeExpr);
  }
  if (values.length === 0) return false;
  return values.every((value) => {
    const v = unwrap(value);
    if (LITERAL_VALUES.has(v.type)) return true;
    if (v.type === "NewExpression" && v.callee.type === "Identifier") return localPlainClass(v.callee, variable.scope);
    return false;
  });
}

/** The receivers of `multi()` / `pipeline()` chains that look like Redis. */
export class Structural {
  /** Variables that are receivers. */
  readonly vars = new Set<Variable>();
  /** Receivers written as member expressions (`this.client`), by text. */
  readonly texts = new Set<string>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly scopes: Scopes,
  ) {}

  clear(): void {
    this.vars.clear();
    this.texts.clear();
  }

  /** Structural evidence from every `x.multi()` / `x.pipeline()` call among `callNodes`. */
  findStructuralClients(callNodes: readonly TSESTree.CallExpression[]): void {
    for (const call of callNodes) {
      const member = calleeMember(call);
      if (!member) continue;
      const name = propertyName(member);
      if (name !== "multi" && name !== "pipeline") continue;
      this.fromCall(call, member);
    }
  }

  /** Structural evidence from one `x.multi()` / `x.pipeline()` call (`member` is its callee). */
  fromCall(call: TSESTree.CallExpression, member: TSESTree.MemberExpression): void {
    if (!this.chainLooksLikeRedis(call)) return;
    const object = unwrap(member.object);
    if (object.type === "Identifier") {
      const v = this.scopes.variableOf(object);
      if (v) this.vars.add(v);
    } else if (object.type === "MemberExpression") {
      this.texts.add(this.sourceCode.getText(object));
    }
  }

  /** Does the builder made by `call` get Redis commands and then `exec()`? Purely syntactic. */
  chainLooksLikeRedis(call: TSESTree.CallExpression): boolean {
    let sawCommand = false;
    const visitChain = (start: Node): boolean => {
      let node: Node = start;
      for (;;) {
        const parent = node.parent;
        if (!parent) return false;
        if (
          parent.type === "ChainExpression" ||
          parent.type === "TSNonNullExpression" ||
          parent.type === "TSAsExpression"
        ) {
          node = parent;
          continue;
        }
        if (parent.type !== "MemberExpression" || parent.object !== node) return false;
        const call2 = parent.parent;
        if (!call2 || call2.type !== "CallExpression" || call2.callee !== parent) return false;
        const name = propertyName(parent);
        if (!name) return false;
        if (EXEC_METHODS.has(name)) return sawCommand;
        if (!normaliseCommand(name)) return false;
        sawCommand = true;
        node = call2;
      }
    };
    if (visitChain(call)) return true;
    // `const tx = x.multi(); tx.set(...); await tx.exec();`
    const decl = call.parent;
    if (decl?.type === "VariableDeclarator" && decl.id.type === "Identifier" && decl.init === call) {
      const variable = this.scopes.variableOf(decl.id);
      if (!variable) return false;
      let sawExec = false;
      sawCommand = false;
      for (const ref of variable.references) {
        const id = ref.identifier as Node;
        const parent = id.parent;
        if (parent?.type !== "MemberExpression" || parent.object !== id) continue;
        const callNode = parent.parent;
        if (callNode?.type !== "CallExpression" || callNode.callee !== parent) continue;
        const name = propertyName(parent);
        if (!name) continue;
        if (EXEC_METHODS.has(name)) sawExec = true;
        else if (normaliseCommand(name)) sawCommand = true;
      }
      return sawExec && sawCommand;
    }
    return false;
  }
}
