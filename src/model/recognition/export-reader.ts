/**
 * Reading a parsed module of the user's own into plain shapes (export-shapes.ts): what its ESM
 * exports, `export … from` re-exports and CommonJS `module.exports` / `exports.x` hold, using the
 * module's own model (built by export-cache.ts) for its clients. Re-exported and required modules
 * are asked of `exportsAt` (export-cache.ts's `exportsOf`, which follows them to a depth).
 */
import { type VisitorKeys, type WalkStep, walk } from "../../ast/walk.js";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, staticString, unwrap } from "../../ast/nodes.js";
import type { ClientValue, FileModel } from "../types.js";
import {
  type ModuleExports,
  NONE,
  type Shape,
  called,
  holdsRedis,
  importShape,
  memberShape,
  namespaceShape,
  requireShape,
} from "./export-shapes.js";
import { resolveModule } from "./resolve.js";
import { thisWrites } from "./prototype-fields.js";
import { Scopes } from "./scopes.js";
import { CREATED } from "./values.js";

type Variable = TSESLint.Scope.Variable;

/** Reads a parsed module's exports into shapes. */
/** Children in source order: the first of several uses is the first in the text. */
const IN_SOURCE_ORDER = { keysInOrder: true, arraysInOrder: true };

export class ExportReader {
  private readonly scopes: Scopes;
  private readonly classes = new Map<Node, Extract<Shape, { type: "class" }>>();
  private readonly inProgress = new Set<Node | Variable>();
  private readonly functionsInProgress = new Set<Node>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly model: FileModel,
    private readonly file: string,
    /** What the module at a resolved path exports (export-cache.ts's `exportsOf`, one hop deeper). */
    private readonly exportsAt: (file: string) => ModuleExports | null,
  ) {
    this.scopes = new Scopes(sourceCode);
  }

  read(): ModuleExports {
    const named = new Map<string, Shape>();
    let defaultShape: Shape | null = null;
    let commonjs: Shape | null = null;
    const set = (name: string, s: Shape | null) => {
      if (s && !named.has(name)) named.set(name, s);
    };
    const ast = this.sourceCode.ast as TSESTree.Program;
    for (const st of ast.body) {
      switch (st.type) {
        case "ExportNamedDeclaration": {
          if (st.source) {
            const from = this.moduleAt(st.source.value);
            for (const spec of st.specifiers) {
              if (spec.type !== "ExportSpecifier") continue;
              const local = nameOf(spec.local);
              const exported = nameOf(spec.exported);
              set(exported, from ? importShape(from, local) : null);
            }
          } else if (st.declaration) {
            this.declared(st.declaration, set);
          } else {
            for (const spec of st.specifiers) {
              if (spec.type !== "ExportSpecifier" || spec.local.type !== "Identifier") continue;
              set(nameOf(spec.exported), this.shapeOf(spec.local));
            }
          }
          break;
        }
        case "ExportDefaultDeclaration": {
          const d = st.declaration as Node;
          if (d.type === "FunctionDeclaration") defaultShape = this.functionShape(d);
          else if (d.type === "ClassDeclaration") defaultShape = this.classShape(d);
          else defaultShape = this.singleton(this.shapeOf(d), "default");
          break;
        }
        case "ExportAllDeclaration": {
          const from = this.moduleAt(st.source.value);
          if (!from) break;
          if (st.exported) set(nameOf(st.exported), namespaceShape(from));
          else for (const [k, v] of from.named) set(k, v);
          break;
        }
        case "ExpressionStatement": {
          const e = unwrap(st.expression);
          if (e.type !== "AssignmentExpression" || e.operator !== "=") break;
          const target = cjsTarget(e.left);
          if (target === "module.exports") commonjs = this.singleton(this.shapeOf(e.right), "module.exports");
          else if (target) set(target, this.singleton(this.shapeOf(e.right), `exports.${target}`));
          break;
        }
        default:
          break;
      }
    }
    const result: ModuleExports = { named, default: defaultShape, commonjs, redis: false };
    result.redis = [...named.values(), defaultShape, commonjs].some((s) => holdsRedis(s, new Set()));
    const attached = this.attachments();
    if (attached.size) result.attached = attached;
    return result;
  }

  /**
   * `X.prototype.m = require("./X/m")` anywhere in the module (an IIFE too): the required file →
   * the clients X's constructor function stores on `this` (attached.ts).
   */
  private attachments(): Map<string, Map<string, Shape>> {
    const out = new Map<string, Map<string, Shape>>();
    const text = this.sourceCode.text;
    if (!text.includes(".prototype.") || !text.includes("require")) return out;
    walk(this.sourceCode.ast, this.sourceCode.visitorKeys, (node) => {
      if (node.type !== "AssignmentExpression" || node.operator !== "=" || node.left.type !== "MemberExpression")
        return;
      const proto = unwrap(node.left.object);
      if (proto.type !== "MemberExpression" || propertyName(proto) !== "prototype") return;
      const ctor = unwrap(proto.object);
      const right = unwrap(node.right);
      if (ctor.type !== "Identifier" || right.type !== "CallExpression") return;
      const callee = unwrap(right.callee);
      const spec = callee.type === "Identifier" && callee.name === "require" ? staticString(right.arguments[0]) : null;
      const file = spec ? resolveModule(spec, this.file) : null;
      if (!file || out.has(file)) return;
      const fields = this.constructorClients(ctor);
      if (fields.size) out.set(file, fields);
    });
    return out;
  }

  /**
   * The clients the constructor function `ctor` names stores on `this` (`thisWrites`): one object
   * per instance, shared by its methods.
   */
  private constructorClients(ctor: TSESTree.Identifier): Map<string, Shape> {
    const fields = new Map<string, Shape>();
    const def = this.scopes.variableOf(ctor)?.defs[0];
    if (def?.type !== "FunctionName" || def.node.type !== "FunctionDeclaration") return fields;
    for (const [name, values] of thisWrites(def.node, this.sourceCode.visitorKeys)) {
      for (const value of values) {
        const v = this.model.valueOf(value);
        if (v?.kind === "client")
          fields.set(name, { ...this.clientShape(v), lives: "shared", id: `${this.file}#this.${name}` });
      }
    }
    return fields;
  }

  private declared(d: Node, set: (name: string, s: Shape | null) => void): void {
    if (d.type === "VariableDeclaration") {
      for (const decl of d.declarations) if (decl.id.type === "Identifier") set(decl.id.name, this.shapeOf(decl.id));
    } else if (d.type === "FunctionDeclaration" && d.id) set(d.id.name, this.functionShape(d));
    else if (d.type === "ClassDeclaration" && d.id) set(d.id.name, this.classShape(d));
  }

  private moduleAt(spec: string): ModuleExports | null {
    const resolved = resolveModule(spec, this.file);
    return resolved ? this.exportsAt(resolved) : null;
  }

  /** A client made at module level (`exports.client = new Redis()`): one object, shared by every importer. */
  private singleton(s: Shape | null, name: string): Shape | null {
    return s?.type === "client" && s.id === null ? { ...s, lives: "shared", id: `${this.file}#${name}` } : s;
  }

  private clientShape(v: ClientValue): Extract<Shape, { type: "client" }> {
    return {
      type: "client",
      family: v.family,
      lives: v.key === CREATED ? "dedicated" : v.lives,
      cluster: v.cluster,
      pool: v.pool,
      id: v.key === CREATED ? null : `${this.file}#${v.key}`,
    };
  }

  /** What an expression of the module is (null: unknown). */
  shapeOf(node: Node, depth = 0): Shape | null {
    if (depth > 12) return null;
    const n = unwrap(node);
    if (this.inProgress.has(n)) return null;
    this.inProgress.add(n);
    try {
      const v = this.model.valueOf(n);
      if (v?.kind === "client") return this.clientShape(v);
      if (v) return null;
      const pkg = this.model.packageOf(n);
      if (pkg) return { type: "package", value: pkg };
      const alias = this.model.aliasOf(n);
      if (alias?.target.kind === "client") {
        const { method, promisified } = alias;
        return { type: "alias", client: this.clientShape(alias.target), method, promisified };
      }
      return this.shapeUncached(n, depth + 1);
    } finally {
      this.inProgress.delete(n);
    }
  }

  private shapeUncached(n: Node, depth: number): Shape | null {
    switch (n.type) {
      case "Identifier":
        return this.identifierShape(n, depth);
      case "ObjectExpression": {
        const members = new Map<string, Shape>();
        for (const p of n.properties) {
          if (p.type === "SpreadElement") {
            const s = this.shapeOf(p.argument, depth);
            if (s?.type === "object") for (const [k, v] of s.members) members.set(k, v);
            continue;
          }
          const key = !p.computed && p.key.type === "Identifier" ? p.key.name : staticString(p.key);
          if (key === null) continue;
          const value = p.value as Node;
          const s = isFunction(value) ? this.functionShape(value) : this.shapeOf(value, depth);
          if (s) members.set(key, s);
        }
        return { type: "object", members };
      }
      case "ArrowFunctionExpression":
      case "FunctionExpression":
        return this.functionShape(n);
      case "ClassExpression":
        return this.classShape(n);
      case "Literal":
      case "TemplateLiteral":
      case "ArrayExpression":
        return NONE;
      case "AwaitExpression":
        return this.shapeOf(n.argument, depth);
      case "NewExpression": {
        const ctor = this.shapeOf(n.callee, depth);
        return ctor?.type === "class" ? { type: "object", members: ctor.instance } : null;
      }
      case "CallExpression": {
        const callee = unwrap(n.callee);
        if (callee.type === "Identifier" && callee.name === "require" && this.isGlobal(callee)) {
          const spec = staticString(n.arguments[0]);
          const from = spec ? this.moduleAt(spec) : null;
          return from ? requireShape(from) : null;
        }
        const f = this.shapeOf(callee, depth);
        return f?.type === "factory" ? called(f) : null;
      }
      case "MemberExpression": {
        const name = propertyName(n);
        if (!name) return null;
        const object = unwrap(n.object);
        const base = object.type === "ThisExpression" ? this.thisShape(n) : this.shapeOf(object, depth);
        return base ? memberShape(base, name) : null;
      }
      default:
        return null;
    }
  }

  private isGlobal(id: TSESTree.Identifier): boolean {
    const v = this.scopes.variableOf(id);
    return !v || v.defs.length === 0;
  }

  private identifierShape(id: TSESTree.Identifier, depth: number): Shape | null {
    const variable = this.scopes.variableOf(id) ?? this.scopes.findVariableByName(id);
    const def = variable?.defs[0];
    if (!variable || !def || this.inProgress.has(variable)) return null;
    this.inProgress.add(variable);
    try {
      switch (def.type) {
        case "FunctionName":
          return this.functionShape(def.node as TSESTree.FunctionDeclaration);
        case "ClassName":
          return this.classShape(def.node);
        case "ImportBinding": {
          const spec = def.node as TSESTree.ImportClause;
          const decl = def.parent as TSESTree.ImportDeclaration;
          if (spec.type === ("TSImportEqualsDeclaration" as string)) return null;
          const from = this.moduleAt(decl.source.value);
          if (!from) return null;
          if (spec.type === "ImportNamespaceSpecifier") return namespaceShape(from);
          if (spec.type === "ImportDefaultSpecifier") return importShape(from, "default");
          return importShape(from, nameOf(spec.imported));
        }
        case "Variable": {
          const decl = def.node;
          if (decl.id.type !== "Identifier") {
            // `const { pub } = require("./pubsub")`
            const prop = decl.init && destructured(decl.id, def.name);
            const from = prop && decl.init ? this.shapeOf(decl.init, depth) : null;
            return from && prop ? memberShape(from, prop) : null;
          }
          if (!decl.init) return null;
          const init = unwrap(decl.init);
          if (isFunction(init)) return this.functionShape(init);
          const s = this.shapeOf(init, depth);
          // A module-level singleton a factory call made: shared by every importer.
          if (s?.type === "client" && s.id === null && variable.scope.block.type === "Program") {
            return { ...s, lives: "shared", id: `${this.file}#var:${variable.name}@${def.name.range[0]}` };
          }
          return s;
        }
        default:
          return null;
      }
    } finally {
      this.inProgress.delete(variable);
    }
  }

  /** A function: a factory when what it returns is known (`return new Redis()`), otherwise nothing Redis. */
  functionShape(
    fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
  ): Shape {
    if (this.functionsInProgress.has(fn)) return { type: "factory", returns: null };
    this.functionsInProgress.add(fn);
    try {
      const returned: Node[] = [];
      if (fn.body.type !== "BlockStatement") returned.push(fn.body);
      else collectReturns(fn.body, this.sourceCode.visitorKeys, returned);
      let returns: Shape | null = null;
      let unknown = false;
      for (const r of returned) {
        const s = this.shapeOf(r);
        if (s && s.type !== "none") {
          returns = s;
          break;
        }
        if (!s) unknown = true;
      }
      return { type: "factory", returns: returns ?? (unknown ? null : NONE) };
    } finally {
      this.functionsInProgress.delete(fn);
    }
  }

  /** A class: what its instances' fields and methods hold, and its statics. */
  classShape(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Shape {
    const known = this.classes.get(cls);
    if (known) return known;
    const shape: Extract<Shape, { type: "class" }> = { type: "class", instance: new Map(), statics: new Map() };
    this.classes.set(cls, shape);
    // `this.x` uses first: the model's field evaluation knows typed, injected and assigned fields.
    const uses = new Map<string, TSESTree.MemberExpression>();
    collectThisMembers(cls.body, this.sourceCode.visitorKeys, uses);
    for (const [name, m] of uses) {
      const v = this.model.valueOf(m);
      if (v?.kind === "client")
        shape.instance.set(name, {
          ...this.clientShape(v),
          lives: "shared",
          id: `${this.file}#this:${cls.range[0]}.${name}`,
        });
    }
    // Singletons: `static instance: Manager` / `Manager.instance = new Manager()` hold an instance.
    const own = cls.id?.name;
    const instanceShape: Shape = { type: "object", members: shape.instance };
    for (const el of cls.body.body) {
      if (el.type !== "PropertyDefinition" || !el.static || el.computed || el.key.type !== "Identifier") continue;
      const ann = el.typeAnnotation?.typeAnnotation;
      const typedOwn =
        ann?.type === "TSTypeReference" && ann.typeName.type === "Identifier" && ann.typeName.name === own;
      const v = el.value ? unwrap(el.value) : null;
      const madeOwn =
        v?.type === "NewExpression" &&
        ((v.callee.type === "Identifier" && v.callee.name === own) || v.callee.type === "ThisExpression");
      if (typedOwn || madeOwn) shape.statics.set(el.key.name, instanceShape);
    }
    for (const [name] of collectStaticSelfAssignments(cls, own, this.sourceCode.visitorKeys))
      shape.statics.set(name, instanceShape);
    for (const el of cls.body.body) {
      if (el.type !== "PropertyDefinition" && el.type !== "MethodDefinition") continue;
      if (el.computed) continue;
      const name =
        el.key.type === "Identifier" ? el.key.name : el.key.type === "PrivateIdentifier" ? null : staticString(el.key);
      if (!name || name === "constructor") continue;
      const target = el.static ? shape.statics : shape.instance;
      if (target.has(name)) continue;
      let s: Shape | null = null;
      if (el.type === "MethodDefinition") {
        const f = this.functionShape(el.value as TSESTree.FunctionExpression);
        s = el.kind === "get" ? (f.type === "factory" ? f.returns : null) : f;
      } else if (el.value) {
        const v = this.shapeOf(el.value);
        s =
          v?.type === "client"
            ? {
                ...v,
                lives: "shared",
                id: v.id ?? `${this.file}#${el.static ? "static" : "this"}:${cls.range[0]}.${name}`,
              }
            : v;
      }
      if (s) target.set(name, s);
    }
    return shape;
  }

  /** `this` in a class member: the class (in a static member) or an instance. */
  private thisShape(m: TSESTree.MemberExpression): Shape | null {
    for (let p: Node | undefined = m.parent; p; p = p.parent) {
      if ((p.type === "MethodDefinition" || p.type === "PropertyDefinition") && p.parent?.parent) {
        const cls = p.parent.parent;
        if (cls.type !== "ClassDeclaration" && cls.type !== "ClassExpression") return null;
        const shape = this.classShape(cls) as Extract<Shape, { type: "class" }>;
        return p.static ? shape : { type: "object", members: shape.instance };
      }
      if (p.type === "FunctionDeclaration" || p.type === "FunctionExpression") {
        // A plain function's `this`: only a method's function goes on to the method.
        if (p.parent?.type !== "MethodDefinition") return null;
      }
    }
    return null;
  }
}

function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === "Identifier" ? n.name : n.value;
}

/** `module.exports` / `module.exports.x` / `exports.x` as an assignment target. */
function cjsTarget(left: Node): string | null {
  const l = unwrap(left);
  if (l.type !== "MemberExpression") return null;
  const name = propertyName(l);
  const object = unwrap(l.object);
  if (object.type === "Identifier" && object.name === "module" && name === "exports") return "module.exports";
  if (object.type === "Identifier" && object.name === "exports") return name;
  if (
    object.type === "MemberExpression" &&
    propertyName(object) === "exports" &&
    unwrap(object.object).type === "Identifier" &&
    (unwrap(object.object) as TSESTree.Identifier).name === "module"
  )
    return name;
  return null;
}

function destructured(pattern: Node, target: TSESTree.Identifier): string | null {
  if (pattern.type !== "ObjectPattern") return null;
  for (const p of pattern.properties) {
    if (p.type !== "Property") continue;
    const value = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
    if (value === target) return !p.computed && p.key.type === "Identifier" ? p.key.name : staticString(p.key);
  }
  return null;
}

/** The return statements of a function body, not of the functions nested in it. */
function collectReturns(root: Node, keys: VisitorKeys, out: Node[]): void {
  walk(
    root,
    keys,
    (node) => {
      if (node.type === "ReturnStatement") {
        if (node.argument) out.push(node.argument);
        return "skip";
      }
      if (node !== root && (isFunction(node) || node.type === "ClassBody")) return "skip";
    },
    IN_SOURCE_ORDER,
  );
}

/** `Manager.instance = new Manager()` (or `this.instance = new this()` in a static method) in a class body. */
function collectStaticSelfAssignments(
  cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  own: string | undefined,
  keys: VisitorKeys,
): Map<string, Node> {
  const out = new Map<string, Node>();
  const visit = (node: Node): WalkStep => {
    if (node.type === "AssignmentExpression" && node.left.type === "MemberExpression") {
      const right = unwrap(node.right);
      const obj = unwrap(node.left.object);
      const name = propertyName(node.left);
      const selfTarget = (obj.type === "Identifier" && obj.name === own) || obj.type === "ThisExpression";
      const selfNew =
        right.type === "NewExpression" &&
        ((right.callee.type === "Identifier" && right.callee.name === own) || right.callee.type === "ThisExpression");
      if (name && selfTarget && selfNew && (obj.type !== "ThisExpression" || inStaticMember(node))) out.set(name, node);
    }
  };
  walk(cls.body, keys, visit, IN_SOURCE_ORDER);
  return out;
}

function inStaticMember(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "MethodDefinition" || p.type === "PropertyDefinition" || p.type === "StaticBlock")
      return p.type === "StaticBlock" || p.static;
  }
  return false;
}

/** `this.x` member expressions in a class body (not in the classes nested in it), first use of each name. */
function collectThisMembers(root: Node, keys: VisitorKeys, out: Map<string, TSESTree.MemberExpression>): void {
  walk(
    root,
    keys,
    (node) => {
      if (node !== root && node.type === "ClassBody") return "skip";
      if (node.type === "MemberExpression" && unwrap(node.object).type === "ThisExpression") {
        const name = propertyName(node);
        if (name && !name.startsWith("#") && !out.has(name)) out.set(name, node);
      }
    },
    IN_SOURCE_ORDER,
  );
}
