/**
 * Whether the text of a Lua script is built at run time from values (no-dynamic-lua-script):
 * a template with interpolations, a concatenation, or `.replace()` on a template text, followed
 * through `const` bindings. Constants are string literals, numbers, imported names, module-level
 * bindings written once (evaluated once per process), enum members, `process.env`, and
 * `readFileSync` of a file. A value is an injection when it comes from a function parameter or a
 * request object (`req.`, `request.`, `ctx.request`, `body`, `query`, `params`), and a growth
 * of the script cache otherwise. Unknown shapes count as constant: the rule stays silent.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "../ast/nodes.js";
import { findVariable } from "../ast/scope.js";

export interface DynamicPart {
  /** `injection`: the value comes from a parameter or a request; `cache`: any other run-time value. */
  kind: "injection" | "cache";
  /** The interpolated value. */
  node: Node;
  /** Where the value comes from, for a message: "the parameter `id`", "the request". */
  source: string;
}

/** Names of request objects and of their parts. */
const REQUEST_ROOTS = new Set(["req", "request"]);
const REQUEST_PARTS = new Set(["body", "query", "params"]);

/** Functions whose result is constant when their arguments are. */
const PURE_FUNCTIONS = new Set([
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "parseInt",
  "parseFloat",
  "encodeURIComponent",
]);
const PURE_OBJECTS = new Set(["JSON", "Math"]);
const PURE_METHODS = new Set([
  "toString",
  "toFixed",
  "join",
  "trim",
  "toUpperCase",
  "toLowerCase",
  "padStart",
  "padEnd",
]);

/** How far bindings are followed. */
const MAX_DEPTH = 8;

type Search = { sourceCode: TSESLint.SourceCode; seen: Set<Node>; variables: Set<TSESLint.Scope.Variable> };

/** The first run-time value the script text `expr` is built from (an injection before a cache growth), or null. */
export function dynamicScriptPart(expr: Node, sourceCode: TSESLint.SourceCode): DynamicPart | null {
  return textPart(expr, { sourceCode, seen: new Set(), variables: new Set() }, 0);
}

function worst(a: DynamicPart | null, b: DynamicPart | null): DynamicPart | null {
  if (!a) return b;
  if (!b) return a;
  return a.kind === "injection" || b.kind !== "injection" ? a : b;
}

/** `expr` in the position of script text: only texts built by interpolation or concatenation count. */
function textPart(expr: Node, s: Search, depth: number): DynamicPart | null {
  if (depth > MAX_DEPTH) return null;
  const e = unwrap(expr);
  switch (e.type) {
    case "TemplateLiteral": {
      let found: DynamicPart | null = null;
      for (const x of e.expressions) found = worst(found, valuePart(x, s, depth + 1));
      return found;
    }
    case "BinaryExpression":
      if (e.operator !== "+") return null;
      return worst(operandPart(e.left, s, depth), operandPart(e.right, s, depth));
    case "ConditionalExpression":
      return worst(textPart(e.consequent, s, depth + 1), textPart(e.alternate, s, depth + 1));
    case "Identifier": {
      const init = singleInit(e, s);
      return init ? textPart(init, s, depth + 1) : null;
    }
    case "CallExpression": {
      // `LUA.replace("__LIMIT__", String(limit))`: templating by replacement.
      const callee = unwrap(e.callee);
      if (callee.type !== "MemberExpression") return null;
      const name = propertyName(callee);
      if (name !== "replace" && name !== "replaceAll") return null;
      const replacement = e.arguments[1] as Node | undefined;
      return worst(textPart(callee.object, s, depth + 1), replacement ? valuePart(replacement, s, depth + 1) : null);
    }
    default:
      return null;
  }
}

/** An operand of `+` in a script text: more text, or an interpolated value. */
function operandPart(operand: Node, s: Search, depth: number): DynamicPart | null {
  const e = unwrap(operand);
  if (e.type === "Literal" || e.type === "TemplateLiteral" || e.type === "BinaryExpression") {
    return e.type === "Literal" ? null : textPart(e, s, depth + 1);
  }
  return valuePart(e, s, depth + 1);
}

/** A value interpolated into a script text: where it comes from, or null when constant. */
function valuePart(expr: Node, s: Search, depth: number): DynamicPart | null {
  if (depth > MAX_DEPTH) return null;
  const e = unwrap(expr);
  switch (e.type) {
    case "Literal":
    case "ThisExpression":
      return null;
    case "TemplateLiteral": {
      let found: DynamicPart | null = null;
      for (const x of e.expressions) found = worst(found, valuePart(x, s, depth + 1));
      return found;
    }
    case "BinaryExpression":
    case "LogicalExpression":
      return worst(valuePart(e.left, s, depth + 1), valuePart(e.right, s, depth + 1));
    case "ConditionalExpression":
      // Only the branches reach the text: `cond ? "a" : "b"` gives two texts at most.
      return worst(valuePart(e.consequent, s, depth + 1), valuePart(e.alternate, s, depth + 1));
    case "UnaryExpression":
      return valuePart(e.argument, s, depth + 1);
    case "AwaitExpression":
      return valuePart(e.argument, s, depth + 1) ?? { kind: "cache", node: e, source: "a value read at run time" };
    case "Identifier":
      return identifierPart(e, s, depth);
    case "MemberExpression":
      return memberPart(e, s, depth);
    case "CallExpression":
      return callPart(e, s, depth);
    case "NewExpression":
      return { kind: "cache", node: e, source: "a value made at run time" };
    default:
      return null;
  }
}

function identifierPart(id: TSESTree.Identifier, s: Search, depth: number): DynamicPart | null {
  if (s.seen.has(id)) return null;
  s.seen.add(id);
  const variable = findVariable(id, s.sourceCode);
  if (!variable) {
    return REQUEST_ROOTS.has(id.name) || REQUEST_PARTS.has(id.name)
      ? { kind: "injection", node: id, source: "the request" }
      : null;
  }
  const def = variable.defs[0] as TSESLint.Scope.Definition | undefined;
  if (!def) return null;
  switch (def.type) {
    case "Parameter":
      return REQUEST_ROOTS.has(id.name) || REQUEST_PARTS.has(id.name)
        ? { kind: "injection", node: id, source: "the request" }
        : { kind: "injection", node: id, source: `the function parameter \`${id.name}\`` };
    case "Variable": {
      const writes = variable.references.filter((r) => r.isWrite());
      const declarator = def.node;
      const moduleLevel = variable.scope.type === "module" || variable.scope.type === "global";
      // Evaluated once per process: one script text, not one per call.
      if (moduleLevel && variable.defs.length === 1 && writes.length <= 1) return null;
      const loop = declarator.parent.parent;
      if (loop?.type === "ForOfStatement" || loop?.type === "ForInStatement") {
        const part = worst(valuePart(loop.right, s, depth + 1), { kind: "cache", node: id, source: "a loop variable" });
        return part && { ...part, node: id };
      }
      if (!declarator.init || variable.defs.length !== 1 || writes.length > 1) {
        // Assigned more than once: the worst of what is assigned (`prefix = "{" + prefix + "}"` stays constant).
        if (s.variables.has(variable)) return null;
        s.variables.add(variable);
        let found: DynamicPart | null = null;
        for (const w of writes) {
          const assigned = w.writeExpr;
          found = worst(
            found,
            assigned
              ? valuePart(assigned, s, depth + 1)
              : { kind: "cache", node: id, source: `the variable \`${id.name}\`` },
          );
        }
        return found && { ...found, node: id };
      }
      const part = valuePart(declarator.init, s, depth + 1);
      return part ? { ...part, node: id } : null;
    }
    default:
      // Imports (constants here), functions, classes, enums.
      return null;
  }
}

function memberPart(member: TSESTree.MemberExpression, s: Search, depth: number): DynamicPart | null {
  const parts: string[] = [];
  let root: Node = member;
  while (root.type === "MemberExpression") {
    parts.unshift(propertyName(root) ?? "");
    root = unwrap(root.object);
  }
  if (root.type === "Identifier") {
    if (root.name === "process" && parts[0] === "env") return null;
    const request =
      REQUEST_ROOTS.has(root.name) ||
      (root.name === "ctx" && parts[0] === "request") ||
      parts.some((p) => REQUEST_PARTS.has(p));
    if (request) return { kind: "injection", node: member, source: "the request" };
  }
  if (root.type === "ThisExpression") return null;
  const part = valuePart(root, s, depth + 1);
  return part ? { ...part, node: member } : null;
}

function callPart(call: TSESTree.CallExpression, s: Search, depth: number): DynamicPart | null {
  const callee = unwrap(call.callee);
  const name =
    callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : null;
  // A script read from a file is the same text on every call.
  if (name === "readFileSync") return null;
  let found: DynamicPart | null = null;
  for (const arg of call.arguments) found = worst(found, valuePart(arg, s, depth + 1));
  if (callee.type === "MemberExpression") found = worst(found, valuePart(callee.object, s, depth + 1));
  if (found) return { ...found, node: call };
  const pure =
    name !== "random" &&
    ((callee.type === "Identifier" && PURE_FUNCTIONS.has(callee.name)) ||
      (callee.type === "MemberExpression" &&
        ((callee.object.type === "Identifier" && PURE_OBJECTS.has(callee.object.name)) ||
          (name !== null && PURE_METHODS.has(name)))));
  return pure ? null : { kind: "cache", node: call, source: "a value computed at run time" };
}

/** The initialiser of a binding written once (a `const`, or a `let` never assigned again). */
function singleInit(id: TSESTree.Identifier, s: Search): Node | null {
  if (s.seen.has(id)) return null;
  s.seen.add(id);
  const variable = findVariable(id, s.sourceCode);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== "Variable") return null;
  if (def.node.id.type !== "Identifier" || !def.node.init) return null;
  // A module-level text is built once per process: one script, whatever it is built from.
  if (variable.scope.type === "module" || variable.scope.type === "global") return null;
  if (variable.references.filter((r) => r.isWrite()).length > 1) return null;
  return def.node.init;
}
