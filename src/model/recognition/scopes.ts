/**
 * Which variable an identifier stands for, from the scope manager, indexed lazily: only the scopes
 * around an identifier asked about (or every scope, for the original construction and with type
 * information).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../../ast/nodes.js";

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

export class Scopes {
  private readonly refMap = new Map<TSESTree.Identifier, Variable | null>();
  private allIndexed = false;
  private readonly scopeIndex = new Map<Scope, Map<TSESTree.Identifier, Variable | null>>();

  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  indexReferences(): void {
    this.allIndexed = true;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return;
    for (const scope of manager.scopes) {
      for (const ref of scope.references) this.refMap.set(ref.identifier as TSESTree.Identifier, ref.resolved);
      for (const variable of scope.variables) {
        for (const def of variable.defs) this.refMap.set(def.name as TSESTree.Identifier, variable);
      }
    }
  }

  /** `this` that `self` holds: `var self = this` (or `const`, `let`), never written again; else null. */
  thisAliasOf(id: TSESTree.Identifier): TSESTree.ThisExpression | null {
    const v = this.variableOf(id);
    const def = v?.defs.length === 1 ? v.defs[0] : null;
    if (!v || def?.type !== "Variable" || def.node.id.type !== "Identifier" || !def.node.init) return null;
    const init = unwrap(def.node.init);
    if (init.type !== "ThisExpression") return null;
    return v.references.every((r) => !r.isWrite() || r.writeExpr === def.node.init) ? init : null;
  }

  /**
   * The variable an identifier (a reference or a declared name) stands for. Same answer as
   * `indexReferences` (the last scope, in scope order, that mentions the identifier), found by
   * indexing only the scopes around the identifier: those whose block holds it, innermost first.
   */
  variableOf(id: TSESTree.Identifier): Variable | null {
    const known = this.refMap.get(id);
    if (known !== undefined || this.allIndexed) return known ?? null;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return null;
    let scope: Scope | null = null;
    for (let n: Node | undefined = id; n && !scope; n = n.parent) scope = manager.acquire(n, true);
    for (let s: Scope | null = scope ?? manager.globalScope; s; s = s.upper) {
      let index = this.scopeIndex.get(s);
      if (!index) {
        index = new Map();
        for (const ref of s.references) index.set(ref.identifier as TSESTree.Identifier, ref.resolved);
        for (const variable of s.variables) {
          for (const def of variable.defs) index.set(def.name as TSESTree.Identifier, variable);
        }
        this.scopeIndex.set(s, index);
      }
      const v = index.get(id);
      if (v !== undefined) {
        this.refMap.set(id, v);
        return v;
      }
    }
    // Not mentioned by the scopes around it (not a reference at all, mostly): index everything.
    this.refMap.clear();
    this.indexReferences();
    return this.refMap.get(id) ?? null;
  }

  /** Type references are not always in the reference map (espree has none); fall back to scope lookup. */
  findVariableByName(id: TSESTree.Identifier): Variable | null {
    const known = this.variableOf(id);
    if (known) return known;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return null;
    for (const scope of manager.scopes) {
      if (scope.type !== "module" && scope.type !== "global") continue;
      const v = scope.set?.get(id.name);
      if (v && v.defs.length) return v;
    }
    return null;
  }
}
