/** Scope look-ups that know nothing of Redis: the variable an identifier stands for, a constant's initialiser. */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { Node } from "./nodes.js";

/** The initialiser of a `const` an identifier reads (one level), or null. */
export function constInit(id: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): Node | null {
  const variable = findVariable(id, sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Variable") return null;
  const decl = def.node;
  if (decl.id.type !== "Identifier" || !decl.init) return null;
  if ((def.parent as TSESTree.VariableDeclaration | undefined)?.kind !== "const") {
    if (variable.references.some((r) => r.isWrite() && r.writeExpr !== decl.init)) return null;
  }
  return decl.init;
}

/** The variable an identifier refers to, found from its own scope outwards. */
export function findVariable(id: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): TSESLint.Scope.Variable | null {
  let scope: TSESLint.Scope.Scope | null;
  try {
    scope = sourceCode.getScope(id);
  } catch {
    return null;
  }
  while (scope) {
    const ref = referenceOf(scope, id);
    if (ref) return ref.resolved;
    const v = scope.set.get(id.name);
    if (v) return v;
    scope = scope.upper;
  }
  return null;
}

/** Per scope: its references by identifier (the first one of each), and how many references it was built from. */
const referenceIndex = new WeakMap<
  TSESLint.Scope.Scope,
  { size: number; byId: Map<TSESTree.Node, TSESLint.Scope.Reference> }
>();

/** `scope.references.find((r) => r.identifier === id)`, without a scan of the scope's references each time. */
export function referenceOf(
  scope: TSESLint.Scope.Scope,
  id: TSESTree.Identifier,
): TSESLint.Scope.Reference | undefined {
  let index = referenceIndex.get(scope);
  // Built again if the list has changed length since (it does not once the scope analysis is done).
  if (!index || index.size !== scope.references.length) {
    index = { size: scope.references.length, byId: new Map() };
    for (const r of scope.references) if (!index.byId.has(r.identifier)) index.byId.set(r.identifier, r);
    referenceIndex.set(scope, index);
  }
  return index.byId.get(id);
}
