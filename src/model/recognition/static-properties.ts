/**
 * Static properties assigned once in the file: `RedisStore.Redis = Redis` (express-brute-redis),
 * `Store.lib = require("redis")`, read back elsewhere as `RedisStore.Redis.createClient(...)`.
 * The read gives what the one assignment wrote, as a reader follows it, when:
 * - `X` is a variable (a function, class or declared variable) written at most once (its
 *   declaration) and never handed to a mixin helper (`Object.assign(X, …)`, `_.extend(X, …)`);
 * - `X.name` is written by exactly one plain `=` (no second assignment, `+=`, `delete`, `++` or
 *   destructuring into it) and `X` has no written computed member (`X[k] = …`) that could be it;
 * - the read comes after the assignment, or inside a function that does not hold it (called
 *   later, as a constructor is).
 * The evaluator (`evaluateMember`) takes only a module or one of its exports from it (the
 * family, and with it the installed major); search.ts follows an assignment forward to the reads.
 * One pass over `X`'s references, memoised per variable.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { calleeName } from "../../ast/expressions.js";
import { type Node, contains, enclosingFunction, propertyName, unwrap } from "../../ast/nodes.js";
import type { Scopes } from "./scopes.js";

type Variable = TSESLint.Scope.Variable;

/** Helpers that copy properties onto their first argument. */
const MIXINS = new Set(["assign", "extend", "defineProperty", "defineProperties", "merge", "mixin", "defaults"]);

interface Property {
  /** The assignments to the property (a non-`=` write counts as a second one). */
  writes: Node[];
  /** Whether every write is a plain `X.name = value`. */
  plain: boolean;
  reads: TSESTree.MemberExpression[];
}

/** The member is written: assigned, updated, deleted or destructured into. */
function isWriteTarget(member: TSESTree.MemberExpression): boolean {
  const p = member.parent;
  switch (p?.type) {
    case "AssignmentExpression":
    case "AssignmentPattern":
      return p.left === member;
    case "UpdateExpression":
      return true;
    case "UnaryExpression":
      return p.operator === "delete";
    case "Property":
      return p.value === member && p.parent?.type === "ObjectPattern";
    case "ArrayPattern":
    case "RestElement":
      return true;
    case "ForInStatement":
    case "ForOfStatement":
      return p.left === member;
    default:
      return false;
  }
}

const memo = new WeakMap<Scopes, StaticProperties>();

/** The static properties of the file whose scopes these are (one per file). */
export function staticProperties(scopes: Scopes): StaticProperties {
  let s = memo.get(scopes);
  if (!s) memo.set(scopes, (s = new StaticProperties(scopes)));
  return s;
}

export class StaticProperties {
  private readonly byVariable = new Map<Variable, Map<string, Property> | null>();

  constructor(private readonly scopes: Scopes) {}

  /** `X.name` members of a variable `X`, by name; null when any of them could be written unseen. */
  private propertiesOf(variable: Variable): Map<string, Property> | null {
    const known = this.byVariable.get(variable);
    if (known !== undefined) return known;
    const out = variable.defs.length === 1 && this.writtenOnce(variable) ? this.collect(variable) : null;
    this.byVariable.set(variable, out);
    return out;
  }

  private writtenOnce(variable: Variable): boolean {
    return variable.references.filter((r) => r.isWrite()).length <= 1;
  }

  private collect(variable: Variable): Map<string, Property> | null {
    const out = new Map<string, Property>();
    for (const ref of variable.references) {
      if (!ref.isRead()) continue;
      const id = ref.identifier as Node;
      const p = id.parent;
      if (p?.type === "MemberExpression" && p.object === id) {
        const name = propertyName(p);
        const written = isWriteTarget(p);
        if (name === null) {
          if (written) return null;
          continue;
        }
        let prop = out.get(name);
        if (!prop) out.set(name, (prop = { writes: [], plain: true, reads: [] }));
        if (!written) prop.reads.push(p);
        else {
          const a = p.parent;
          const plain = a?.type === "AssignmentExpression" && a.operator === "=" && a.left === p;
          prop.writes.push(plain ? a : p);
          if (!plain) prop.plain = false;
        }
      } else if (p?.type === "CallExpression" && p.arguments[0] === id) {
        const name = calleeName(p);
        if (name && MIXINS.has(name)) return null;
      }
    }
    return out;
  }

  private propertyAt(member: TSESTree.MemberExpression): Property | null {
    const object = unwrap(member.object);
    const name = propertyName(member);
    if (object.type !== "Identifier" || name === null) return null;
    const variable = this.scopes.variableOf(object);
    if (!variable) return null;
    return this.propertiesOf(variable)?.get(name) ?? null;
  }

  /**
   * The value the one assignment `X.name = value` writes, for a read `member` of `X.name`; null
   * when the property is written more than once, in another way, or may not be written yet.
   */
  assignedValue(member: TSESTree.MemberExpression): Node | null {
    const prop = this.propertyAt(member);
    // (Not `reads.includes(member)`: a property read n times would cost n per read.)
    if (!prop || !prop.plain || prop.writes.length !== 1 || isWriteTarget(member)) return null;
    const assignment = prop.writes[0] as TSESTree.AssignmentExpression;
    if (member.range[0] < assignment.range[1]) {
      // Read before the assignment: only from a function that does not hold it (run later).
      const fn = enclosingFunction(member);
      if (fn.type === "Program" || contains(fn, assignment)) return null;
    }
    return assignment.right;
  }

  /** The reads of the property that `target` (`X.name` on the left of `=`) writes (the search's forward step). */
  readsOf(target: TSESTree.MemberExpression): readonly TSESTree.MemberExpression[] {
    return this.propertyAt(target)?.reads ?? [];
  }
}
