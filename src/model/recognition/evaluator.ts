/**
 * Evaluation: what an expression is, as far as Redis is concerned, worked out backwards from the
 * expression (through variables, fields, imports, calls and annotations), memoised per node and
 * per variable. Cycles are cut by `inProgress`.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Node,
  calleeMember,
  enclosingClass,
  isFunction,
  propertyName,
  staticString,
  unwrap,
} from "../../ast/nodes.js";
import { ISOLATING_METHODS, packageInfo } from "../clients.js";
import type { RedisSettings } from "../settings.js";
import type { Transactions } from "../transactions.js";
import type { Family } from "../clients.js";
import { fallbackFamily } from "../clients.js";
import type { ClientValue, Lives, Value } from "../types.js";
import type { ClassFields } from "./class-fields.js";
import { type Evidence, typedDeclaration } from "./evidence.js";
import { type CrossFile, importedFamilies, localCall, localInstance, localMember, toValue } from "./export-map.js";
import { LocalFlow, calledFunction, getterOf, parameterIndex } from "./local-flow.js";
import { exportValue, factoryResult, isClientModule, memberOf, requireValue } from "./packages.js";
import type { Scopes } from "./scopes.js";
import { methodResult } from "./method-results.js";
import { aliasOf, isPromisifierCall, isPromisifyAllCall } from "./aliases.js";
import { isExportedMethodThis } from "./attached.js";
import { staticProperties } from "./static-properties.js";
import { prototypeFields, thisOwner } from "./prototype-fields.js";
import { type Structural, declaredNonClient } from "./structural.js";
import { isNonClientAnnotation } from "./type-evidence.js";
import type { TypeInfo } from "./type-info.js";
import { type TypeNames, hasInjectDecorator } from "./type-names.js";
import {
  CREATED,
  INTEROP_HELPERS,
  couldBeAnything,
  created,
  destructuredProperty,
  isGlobal,
  livesOfVariable,
  variableKey,
} from "./values.js";

type Variable = TSESLint.Scope.Variable;

export interface EvaluatorParts {
  scopes: Scopes;
  structural: Structural;
  evidence: Evidence;
  fields: ClassFields;
  typeNames: TypeNames;
  transactions: Transactions;
  typeInfo: TypeInfo | null;
  /** The user's own modules the file imports (export-map.ts); absent when the file is not on disk. */
  crossFile?: CrossFile | null;
}

export class Evaluator {
  private readonly exprMemo = new Map<Node, Value | null>();
  private readonly exprMemoNoTypes = new Map<Node, Value | null>();
  /** Whether `evaluate` may ask the type checker (type queries are the expensive part). */
  typesOn = true;
  private readonly varMemo = new Map<Variable, Value | null>();
  private readonly inProgress = new Set<object>();
  private readonly scopes: Scopes;
  private readonly structural: Structural;
  private readonly evidence: Evidence;
  private readonly fields: ClassFields;
  private readonly typeNames: TypeNames;
  private readonly transactions: Transactions;
  private readonly typeInfo: TypeInfo | null;
  private readonly crossFile: CrossFile | null;
  private readonly local: LocalFlow;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: RedisSettings,
    private readonly matchesName: (name: string) => boolean,
    parts: EvaluatorParts,
  ) {
    this.scopes = parts.scopes;
    this.structural = parts.structural;
    this.evidence = parts.evidence;
    this.fields = parts.fields;
    this.typeNames = parts.typeNames;
    this.transactions = parts.transactions;
    this.typeInfo = parts.typeInfo;
    this.crossFile = parts.crossFile ?? null;
    this.local = new LocalFlow(sourceCode, (node) => this.evaluate(node), this.transactions, this.fields);
  }

  /** What `node` is (memoised; with type information, asked of the checker when nothing else tells). */
  evaluate(node: Node): Value | null {
    const n = unwrap(node);
    const memo = this.typesOn ? this.exprMemo : this.exprMemoNoTypes;
    const memoised = memo.get(n);
    if (memoised !== undefined) return memoised;
    if (this.inProgress.has(n)) return null;
    this.inProgress.add(n);
    let value: Value | null;
    try {
      value = this.evaluateUncached(n);
      if (!value && this.typesOn && this.typeInfo && (n.type === "Identifier" || n.type === "MemberExpression")) {
        value = this.fromTypeInformation(n);
      }
    } finally {
      this.inProgress.delete(n);
    }
    memo.set(n, value);
    return value;
  }

  private evaluateUncached(n: Node): Value | null {
    switch (n.type) {
      case "Identifier":
        return this.evaluateIdentifier(n);
      case "AwaitExpression":
        return this.evaluate(n.argument);
      case "MemberExpression":
        return this.evaluateMember(n);
      case "NewExpression":
        return this.evaluateNew(n);
      case "CallExpression":
        return this.evaluateCall(n);
      case "AssignmentExpression":
        return n.operator === "=" ? this.evaluate(n.right) : null;
      case "LogicalExpression": {
        // `globalThis.redis ?? new Redis()`: the cache holds what the right side makes.
        if (n.operator === "&&") return null;
        const right = this.evaluate(n.right);
        const left = this.evaluate(n.left);
        if (
          right?.kind === "client" &&
          (!left || (left.kind === "client" && (left.via === "name" || left.via === "structure")))
        ) {
          return right;
        }
        return left && right ? left : null;
      }
      case "ConditionalExpression": {
        const a = this.evaluate(n.consequent);
        return a && this.evaluate(n.alternate) ? a : null;
      }
      default:
        return null;
    }
  }

  private evaluateIdentifier(id: TSESTree.Identifier): Value | null {
    const variable = this.scopes.variableOf(id);
    if (!variable) {
      // Unresolved globals: Bun's `Bun` object.
      if (id.name === "Bun") return { kind: "module", source: "bun" };
      return null;
    }
    // A variable with no definitions is an implicit global.
    if (variable.defs.length === 0) return id.name === "Bun" ? { kind: "module", source: "bun" } : null;
    const v = this.valueOfVariable(variable);
    if (v) return v;
    if (this.structural.vars.has(variable) && !declaredNonClient(variable)) return this.structuralClient(variable, id);
    if (this.evidence.vars.has(variable)) {
      return { ...this.structuralClient(variable, id), via: "evidence" };
    }
    return null;
  }

  /**
   * The family of a client known by name, structure or evidence: the file's evidence, else
   * `defaultFamily` (a fallback: the file's own code outranks it; `fallbackFamily`, clients.ts).
   */
  private evidenceFamily(): Family {
    return fallbackFamily(this.evidence.familyOf(), this.settings.defaultFamily);
  }

  private structuralClient(variable: Variable, at: Node): ClientValue {
    return {
      kind: "client",
      family: this.evidenceFamily(),
      lives: livesOfVariable(variable, "unknown"),
      key: variableKey(variable),
      via: "structure",
      origin: variable.defs[0]?.name ?? at,
    };
  }

  private valueOfVariable(variable: Variable): Value | null {
    const memoised = this.varMemo.get(variable);
    if (memoised !== undefined) return memoised;
    if (this.inProgress.has(variable)) return null;
    this.inProgress.add(variable);
    let value: Value | null;
    try {
      value = this.computeVariable(variable);
    } finally {
      this.inProgress.delete(variable);
    }
    this.varMemo.set(variable, value);
    return value;
  }

  private computeVariable(variable: Variable): Value | null {
    const def = variable.defs[0];
    switch (def.type) {
      case "ImportBinding":
        return this.fromImport(variable, def.node as TSESTree.ImportClause, def.parent as TSESTree.ImportDeclaration);
      case "Variable":
        return this.fromDeclarator(variable, def.node, def.name);
      case "Parameter":
        return this.fromParameter(variable, def.node, def.name as TSESTree.Identifier);
      default:
        return null;
    }
  }

  private fromImport(variable: Variable, spec: TSESTree.ImportClause, decl: TSESTree.ImportDeclaration): Value | null {
    // `import Redis = require("ioredis")` (TypeScript) is a require.
    const equals = spec as unknown as TSESTree.TSImportEqualsDeclaration;
    if (equals.type === "TSImportEqualsDeclaration") {
      const ref = equals.moduleReference;
      const from = ref.type === "TSExternalModuleReference" ? staticString(ref.expression) : null;
      return from ? requireValue(from) : null;
    }
    const source = decl.source.value;
    const pkg = packageInfo(source);
    if (pkg) {
      if (spec.type === "ImportNamespaceSpecifier") return { kind: "module", source };
      if (spec.type === "ImportDefaultSpecifier")
        return exportValue(source, pkg.family, pkg.defaultExport, variable, spec);
      const imported = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
      const kind = pkg.named[imported];
      return kind ? exportValue(source, pkg.family, kind, variable, spec) : null;
    }
    // The user's own module (`import { redis } from "./lib/redis"`): what it exports, when known.
    const local = this.crossFile?.importValue(
      source,
      spec.type === "ImportNamespaceSpecifier"
        ? "*"
        : spec.type === "ImportDefaultSpecifier"
          ? "default"
          : spec.imported.type === "Identifier"
            ? spec.imported.name
            : spec.imported.value,
      spec,
    );
    if (local !== undefined) return local;
    if (isClientModule(this.settings, source) || this.matchesName(variable.name)) {
      return this.namedClient(variable.name, spec, "shared", variableKey(variable));
    }
    return null;
  }

  private namedClient(name: string, origin: Node, lives: Lives, key: string): ClientValue {
    const evidence = this.evidence.familyOf();
    // The file's evidence names the family of a client known by name only when the file brings in
    // no client of another family (a test of both clients: `setNX` on one does not make the other
    // node-redis).
    const family =
      evidence && !this.importedFamilies().some((f) => f !== evidence && f !== "unknown")
        ? evidence
        : this.settings.defaultFamily;
    return { kind: "client", family, lives, key, via: "name", origin };
  }

  private importedFamiliesMemo: Family[] | null = null;

  private importedFamilies(): Family[] {
    return (this.importedFamiliesMemo ??= importedFamilies(this.sourceCode.ast, this.crossFile));
  }

  private fromDeclarator(
    variable: Variable,
    decl: TSESTree.VariableDeclarator,
    name: TSESTree.Identifier,
  ): Value | null {
    // Type annotation first: `const redis: Redis = makeIt()`.
    const typed = this.typeNames.fromTypeAnnotation(name, variable);
    if (typed) return typed;
    // `const redis: Map<string, string> = ...`: the name says client, the type says not.
    if (isNonClientAnnotation(name.typeAnnotation)) return null;
    if (decl.id.type !== "Identifier") {
      // Destructuring: `const { Redis } = require("ioredis")`, `const { redis } = deps`.
      if (!decl.init) return null;
      const source = this.evaluate(decl.init);
      const prop = destructuredProperty(decl.id, name);
      if (source && prop && (source.kind === "module" || source.kind === "export"))
        return memberOf(source, prop, variable, name);
      if (source?.kind === "local" && prop) return localMember(source, prop, name);
      if (prop && this.matchesName(prop) && this.matchesName(variable.name)) {
        return this.namedClient(variable.name, name, "shared", variableKey(variable));
      }
      return null;
    }
    const inits: Node[] = [];
    if (decl.init) inits.push(decl.init);
    for (const ref of variable.references) {
      if (ref.isWrite() && ref.writeExpr && ref.writeExpr !== decl.init) inits.push(ref.writeExpr);
    }
    for (const init of inits) {
      const v = this.evaluate(init);
      if (v) return this.bindValue(v, variable);
    }
    if (this.matchesName(variable.name) && inits.every(couldBeAnything)) {
      return this.namedClient(variable.name, name, livesOfVariable(variable, "unknown"), variableKey(variable));
    }
    return null;
  }

  /** A value stored in a variable: a client made here takes the variable's identity and liveness. */
  private bindValue(v: Value, variable: Variable): Value {
    if (v.kind !== "client" || v.key !== CREATED) return v;
    return { ...v, key: variableKey(variable), lives: livesOfVariable(variable, "dedicated") };
  }

  /** An annotation naming a class imported from the user's own module: an instance of it. */
  private localInstanceOf(name: TSESTree.Identifier): Value | null {
    if (!this.crossFile) return null;
    const ann = name.typeAnnotation?.typeAnnotation;
    if (ann?.type !== "TSTypeReference" || ann.typeName.type !== "Identifier") return null;
    const variable = this.scopes.findVariableByName(ann.typeName);
    if (variable?.defs[0]?.type !== "ImportBinding") return null;
    const v = this.valueOfVariable(variable);
    return v?.kind === "local" ? localInstance(v) : null;
  }

  private fromParameter(variable: Variable, fn: Node, name: TSESTree.Identifier): Value | null {
    // A parameter property (`constructor(private redis: Redis)`) is a class field.
    const param = name.parent;
    const isProperty = param?.type === "TSParameterProperty";
    const injected = hasInjectDecorator(param?.type === "TSParameterProperty" ? param : name);
    const typed = this.typeNames.fromTypeAnnotation(name, variable, injected);
    if (typed?.kind === "client") {
      return { ...typed, lives: isProperty || injected ? "shared" : "unknown" };
    }
    if (typed) return typed;
    // `constructor(private redisService: RedisService)`: an instance of a class of the user's own module.
    const instance = this.localInstanceOf(name);
    if (instance) return instance;
    if (isNonClientAnnotation(name.typeAnnotation)) return null;
    // The client handed to `executeIsolated` / `pool.execute` callbacks is dedicated.
    if (isFunction(fn) && fn.params[0] === (isProperty ? param : name)) {
      const call = fn.parent;
      if (call?.type === "CallExpression" && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
        const member = calleeMember(call);
        const method = member && propertyName(member);
        if (member && method && ISOLATING_METHODS.has(method)) {
          const owner = this.evaluate(member.object);
          if (owner?.kind === "client") {
            return {
              kind: "client",
              family: owner.family,
              lives: "dedicated",
              key: variableKey(variable),
              via: owner.via,
              origin: name,
            };
          }
        }
      }
    }
    // `function store(redisCache) {…}` called in this file as `store(new Redis(options))`.
    const index = isProperty ? -1 : parameterIndex(fn, name);
    const passed = index >= 0 && isFunction(fn) ? this.local.passedTo(fn, index) : null;
    if (passed?.kind === "client") {
      return {
        ...passed,
        key: variableKey(variable),
        lives: passed.lives === "shared" ? "shared" : "unknown",
        origin: name,
      };
    }
    if (this.matchesName(variable.name)) {
      return this.namedClient(
        variable.name,
        name,
        isProperty || injected ? "shared" : "unknown",
        variableKey(variable),
      );
    }
    return null;
  }

  private evaluateMember(m: TSESTree.MemberExpression): Value | null {
    const name = propertyName(m);
    if (!name) return null;
    const object = unwrap(m.object);
    if (object.type === "ThisExpression") return this.evaluateThisField(m, name);
    const base = this.evaluate(object);
    if (base)
      return base.kind === "module" || base.kind === "export"
        ? memberOf(base, name, null, m)
        : base.kind === "local"
          ? localMember(base, name, m)
          : null;
    // `self.client` with `var self = this`, in a method attached to another module's prototype.
    if (object.type === "Identifier" && this.crossFile?.attachedFields()) {
      const self = this.scopes.thisAliasOf(object);
      const attached = self ? this.attachedField(self, name, m) : null;
      if (attached) return attached;
    }
    // `RedisStore.Redis` of `RedisStore.Redis = require("redis")`, assigned once (static-properties.ts).
    if (object.type === "Identifier") {
      const assigned = staticProperties(this.scopes).assignedValue(m);
      const v = assigned ? this.evaluate(assigned) : null;
      if (v?.kind === "module" || v?.kind === "export") return v;
    }
    if (this.structural.texts.has(this.sourceCode.getText(m))) {
      return {
        kind: "client",
        family: this.evidenceFamily(),
        lives: "shared",
        key: `text:${this.sourceCode.getText(m)}`,
        via: "structure",
        origin: m,
      };
    }
    if (this.evidence.isClientMember(m)) return this.evidenceMember(m);
    if (!m.computed && this.matchesName(name)) {
      return this.namedClient(name, m, "shared", `text:${this.sourceCode.getText(m)}`);
    }
    return null;
  }

  /** `this.name` of a method another module attaches to its prototype (attached.ts), as that module stores it. */
  private attachedField(thisNode: Node, name: string, m: TSESTree.MemberExpression): Value | null {
    const s = this.crossFile?.attachedFields()?.get(name);
    return s && thisNode.type === "ThisExpression" && isExportedMethodThis(thisNode) ? toValue(s, m) : null;
  }

  /** A member receiver that is a client by evidence (`this.client`, `self.client`, `opts.client`). */
  private evidenceMember(m: TSESTree.MemberExpression): ClientValue {
    return {
      kind: "client",
      family: this.evidenceFamily(),
      lives: "shared",
      key: `evidence:${this.evidence.memberKey(m)}`,
      via: "evidence",
      origin: m,
    };
  }

  private evaluateThisField(m: TSESTree.MemberExpression, name: string): Value | null {
    const cls = enclosingClass(m);
    // `this.client` in prototype-style methods (`S.prototype.get = function () { this.client… }`):
    // by structure (`this.client.multi()…exec()`, keyed by text as for other member receivers)
    // or by evidence.
    if (!cls) {
      // A method attached to another module's prototype (attached.ts): what that constructor stores.
      const attached = this.attachedField(unwrap(m.object), name, m);
      if (attached) return attached;
      // `this.client` made by its constructor function (`this.client = redis.createClient()`): that family.
      const made = this.prototypeFieldClient(m, name);
      if (made) return made;
      const text = this.sourceCode.getText(m);
      if (this.structural.texts.has(text)) {
        return {
          kind: "client",
          family: this.evidenceFamily(),
          lives: "shared",
          key: `text:${text}`,
          via: "structure",
          origin: m,
        };
      }
      return this.evidence.isClientMember(m) ? this.evidenceMember(m) : null;
    }
    const key = `this:${cls.range[0]}.${name}`;
    for (const source of this.fields.fieldSources(cls, name)) {
      let v: Value | null = null;
      if (source.type === "Identifier") {
        // `private readonly redis: Map<string, number>`: not a client, whatever its name.
        if (isNonClientAnnotation(source.typeAnnotation)) return null;
        // A typed field or parameter property: `private redis: Redis`.
        const info = source.typeAnnotation
          ? this.typeNames.typeNameInfo(
              source.typeAnnotation.typeAnnotation,
              hasInjectDecorator(source.parent?.type === "TSParameterProperty" ? source.parent : source),
            )
          : null;
        if (info) v = this.typeNames.valueFromTypeInfo(info, source, key);
        else if (source.parent?.type === "TSParameterProperty" || source.parent?.type === "AssignmentPattern") {
          v = this.evaluate(source);
        }
      } else {
        v = this.evaluate(source);
      }
      if (v?.kind === "client") return { ...v, lives: "shared", key };
      if (v) return v;
    }
    // `get client() { return this.redis; }`
    const getter = getterOf(cls, name);
    if (getter) {
      const v = this.local.returnedBy(getter, m);
      if (v) return v;
    }
    if (this.structural.texts.has(this.sourceCode.getText(m))) {
      return { kind: "client", family: this.evidenceFamily(), lives: "shared", key, via: "structure", origin: m };
    }
    if (this.matchesName(name.replace(/^#/, ""))) return this.namedClient(name, m, "shared", key);
    // A typed field (`private client: HttpClient`) is what its type says.
    if (this.evidence.isClientMember(m) && !this.fields.fieldSources(cls, name).some(typedDeclaration))
      return this.evidenceMember(m);
    return null;
  }

  /**
   * A `this.name` of prototype-style code that structure or evidence makes a client, with the
   * family of the client its constructor function or prototype methods store there
   * (prototype-fields.ts): express-brute-redis's `this.client = RedisStore.Redis.createClient()`.
   * Only clients made from a package count (not by name, structure or evidence), and they must
   * agree; null otherwise (the caller goes on as before).
   */
  private prototypeFieldClient(m: TSESTree.MemberExpression, name: string): ClientValue | null {
    const text = this.sourceCode.getText(m);
    const structure = this.structural.texts.has(text);
    if (!structure && !this.evidence.isClientMember(m)) return null;
    const owner = thisOwner(m);
    if (owner === null) return null;
    let family: Family | null = null;
    for (const written of prototypeFields(this.sourceCode).writes(owner, name)) {
      const v = this.evaluate(written);
      if (v?.kind !== "client" || v.via === "name" || v.via === "structure" || v.via === "evidence") continue;
      if (family !== null && family !== v.family) return null;
      family = v.family;
    }
    if (family === null || family === "unknown") return null;
    const base: ClientValue = structure
      ? { kind: "client", family, lives: "shared", key: `text:${text}`, via: "structure", origin: m }
      : this.evidenceMember(m);
    return { ...base, family };
  }

  private evaluateNew(n: TSESTree.NewExpression): Value | null {
    const ctor = this.evaluate(n.callee);
    if (ctor?.kind === "local") return localInstance(ctor);
    if (ctor?.kind !== "export") return null;
    // An export value's source is a client package (packageInfo knows it).
    const pkg = packageInfo(ctor.source);
    if (!pkg) return null;
    const family = pkg.family;
    const kind = ctor.export;
    if (kind.type === "client-class") {
      return created(
        family,
        n,
        n.arguments.find((a) => unwrap(a).type === "ObjectExpression"),
        kind.cluster,
      );
    }
    if (kind.type === "batch-class") {
      const arg = n.arguments[0] ? unwrap(n.arguments[0]) : null;
      const atomic = arg?.type === "Literal" && typeof arg.value === "boolean" ? arg.value : kind.atomicByDefault;
      const tx = this.transactions.transactionFor(n, family, atomic, null);
      return { kind: atomic ? "transaction" : "pipeline", family, tx };
    }
    return null;
  }

  private evaluateCall(n: TSESTree.CallExpression): Value | null {
    const callee = unwrap(n.callee);
    // `require("ioredis")`
    if (callee.type === "Identifier" && callee.name === "require" && isGlobal(this.scopes.variableOf(callee))) {
      const source = staticString(n.arguments[0]);
      if (!source) return null;
      return requireValue(source) ?? this.crossFile?.requireValue(source, n) ?? null;
    }
    // `__importDefault(require("ioredis"))`: the module it wraps.
    if (callee.type === "Identifier" && INTEROP_HELPERS.has(callee.name) && n.arguments[0]) {
      return this.evaluate(n.arguments[0]);
    }
    // `Promise.promisifyAll(client)` returns the client, its `xxxAsync` twins added (aliases.ts).
    if (isPromisifyAllCall(n) && n.arguments[0]) {
      const v = this.evaluate(n.arguments[0]);
      return v?.kind === "client" ? v : null;
    }
    // `client.setnx.bind(client)`, `promisify(client.setnx).bind(client)` (aliases.ts).
    if ((callee.type === "MemberExpression" && propertyName(callee) === "bind") || isPromisifierCall(n)) {
      const alias = aliasOf(n, (node) => this.evaluate(node));
      if (alias) return alias;
    }
    if (callee.type === "Identifier" || callee.type === "CallExpression") {
      const f = this.evaluate(callee);
      if (f?.kind === "export" && f.export.type === "factory") return factoryResult(f, n);
      // A factory of the user's own module: `createRedis()`, `require("../utils/redis")()`.
      if (f?.kind === "local") return localCall(f, n);
      // A function of this file: `getRedis()`, `createRedis(config)`.
      const fn =
        callee.type === "Identifier"
          ? calledFunction(callee, this.sourceCode, (id) => this.scopes.variableOf(id))
          : null;
      return fn ? this.local.returnedBy(fn, n) : null;
    }
    if (callee.type !== "MemberExpression") return null;
    const method = propertyName(callee);
    if (!method) return null;
    const base = this.evaluate(callee.object);
    if (!base) {
      // A method of this class or prototype: `this.redis()`, `this.multi()`.
      const fn = unwrap(callee.object).type === "ThisExpression" ? calledFunction(callee, this.sourceCode) : null;
      return fn ? this.local.returnedBy(fn, n) : null;
    }
    return methodResult(base, method, n, callee, this.transactions);
  }

  private fromTypeInformation(n: Node): Value | null {
    if (!this.typeInfo) return null;
    const info = this.typeInfo.familyOf(n);
    if (!info) return null;
    const key =
      n.type === "Identifier"
        ? `types:${n.name}@${this.scopes.variableOf(n)?.defs[0]?.name.range[0] ?? n.range[0]}`
        : `text:${this.sourceCode.getText(n)}`;
    const v = this.typeNames.valueFromTypeInfo(info, n, key);
    if (v.kind === "client") {
      v.via = "type-information";
      const variable = n.type === "Identifier" ? this.scopes.variableOf(n) : null;
      v.lives = variable
        ? livesOfVariable(variable, variable.defs[0]?.type === "Parameter" ? "unknown" : "dedicated")
        : "shared";
      if (variable?.defs[0]?.type === "ImportBinding") v.lives = "shared";
    }
    return v;
  }
}
