/**
 * The per-file Redis model: which expressions are clients, transactions and pipelines, and
 * which calls are Redis commands. Built lazily, once per file, on the first rule's request, and
 * shared by every rule through a WeakMap keyed by `SourceCode`. A file that mentions no client
 * package and no configured name costs one regular-expression test.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type ExportKind,
  type TypeNameInfo,
  INJECT_DECORATORS,
  PACKAGE_MENTION,
  PACKAGE_TYPE_NAMES,
  TYPE_PACKAGE_PATH,
  UNAMBIGUOUS_TYPE_NAMES,
  packageInfo,
} from "./clients.js";
import { isReadOnly, isWrite, normaliseCommand } from "./commands.js";
import { DEFAULT_CLIENT_NAMES, type RedisSettings, nameMatcher, namesMentionRegex, readSettings } from "./settings.js";
import {
  type FunctionNode,
  type Node,
  calleeMember,
  enclosingFunction,
  isFunction,
  propertyName,
  staticString,
  unwrap,
} from "./ast.js";

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** Where a client lives. */
export type Lives = "shared" | "dedicated" | "unknown";
/** How a client was recognised (reported in the closing note and used to tune confidence). */
export type Via = "import" | "type-annotation" | "structure" | "name" | "type-information";

export interface ClientValue {
  kind: "client";
  family: Family;
  lives: Lives;
  /** Identity: two expressions with the same key are the same client object. */
  key: string;
  via: Via;
  cluster?: boolean;
  pool?: boolean;
  /** The options object given where the client was made (`new Redis({ ... })`), if seen. */
  options?: TSESTree.Node;
  /** Where the client was made or declared. */
  origin: Node;
}

export interface Transaction {
  /** `multi()`, `pipeline()` or `new Batch(...)`. */
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  family: Family;
  /** MULTI/EXEC (true) or a plain pipeline (false). */
  atomic: boolean;
  client: ClientValue | null;
  /** Commands queued on it, in execution order. */
  queued: RedisCall[];
  /** The calls that send it: `exec()`, `execAsPipeline()`, GLIDE `client.exec(batch)`. */
  execs: RedisCall[];
}

export interface TxValue {
  kind: "transaction" | "pipeline";
  family: Family;
  tx: Transaction;
}

interface ModuleValue {
  kind: "module";
  source: string;
}
interface ExportValue {
  kind: "export";
  source: string;
  export: ExportKind;
}

export type Value = ClientValue | TxValue | ModuleValue | ExportValue;
export type RedisValue = ClientValue | TxValue;

export type Receiver = "client" | "transaction" | "pipeline";

export interface RedisCall {
  node: TSESTree.CallExpression;
  /** The method name as written (`setNX`, `sendCommand`). */
  method: string;
  /** The Redis command, lower-case (`setnx`), or null for non-commands and unreadable raw calls. */
  command: string | null;
  /** Sent through `call` / `sendCommand` / `customCommand` / `send` / Upstash `exec([...])`. */
  raw: boolean;
  /** The command's arguments (for raw calls, those after the command name). */
  args: TSESTree.Node[];
  receiver: Receiver;
  family: Family;
  /** The client this command goes to (for a queued command, the transaction's client). */
  client: ClientValue | null;
  tx: Transaction | null;
  fn: FunctionNode | TSESTree.Program;
  readonly: boolean;
  write: boolean;
}

export interface FileModel {
  readonly hasRedis: boolean;
  readonly settings: RedisSettings;
  /** Every recognised call, in execution order within the file. */
  readonly calls: readonly RedisCall[];
  readonly callsByFunction: ReadonlyMap<FunctionNode | TSESTree.Program, readonly RedisCall[]>;
  readonly transactions: readonly Transaction[];
  callAt(node: TSESTree.CallExpression): RedisCall | undefined;
  /** What an expression is, as far as Redis is concerned. */
  valueOf(node: Node): RedisValue | null;
  /** Whether the command ran on a connection in raw MULTI mode (MULTI opened by a raw command). */
  isRawMulti(call: RedisCall): boolean;
}

const EMPTY_MODEL: FileModel = {
  hasRedis: false,
  settings: readSettings(undefined),
  calls: [],
  callsByFunction: new Map(),
  transactions: [],
  callAt: () => undefined,
  valueOf: () => null,
  isRawMulti: () => false,
};

/** Client methods that return the same client (EventEmitter chaining, node-redis proxies). */
const CLIENT_PASSTHROUGH = new Set([
  "on", "once", "off", "addListener", "prependListener", "removeListener", "removeAllListeners",
  "setMaxListeners", "withTypeMapping", "withCommandOptions", "withAbortSignal",
]);

const RAW_METHODS = new Set(["call", "callBuffer", "send_command", "sendCommand", "customCommand", "send"]);
const EXEC_METHODS = new Set(["exec", "execAsPipeline", "execTyped", "execBuffer"]);
const ISOLATING_METHODS = new Set(["executeIsolated", "execute", "withIsolatedClient"]);

const cache = new WeakMap<object, FileModel>();

interface RuleContextLike {
  sourceCode: TSESLint.SourceCode;
  settings: Record<string, unknown>;
}

/** The model of the file being linted, built on first request and shared by all rules. */
export function getModel(context: RuleContextLike): FileModel {
  const sourceCode = context.sourceCode;
  const hit = cache.get(sourceCode);
  if (hit) return hit;
  const settings = readSettings(context.settings);
  const model = mightUseRedis(sourceCode, settings) ? new Builder(sourceCode, settings).build() : EMPTY_MODEL;
  cache.set(sourceCode, model);
  return model;
}

/**
 * The early exit. Substring tests first (they run at memory speed), and the regular expressions
 * only when one of them hits.
 */
const HINTS = ["redis", "Redis", "valkey", "Valkey", "@vercel/kv", "VercelKV", "Glide", "bun", "multi", "pipeline"];

const TYPE_NAME_MENTION = new RegExp(`\\b(?:${Object.keys(UNAMBIGUOUS_TYPE_NAMES).join("|")})\\b`);

function mightUseRedis(sourceCode: TSESLint.SourceCode, settings: RedisSettings): boolean {
  const text = sourceCode.text;
  const hinted = HINTS.some((h) => text.includes(h));
  if (hinted) {
    if (PACKAGE_MENTION.test(text)) return true;
    // Structural evidence needs `.multi(` or `.pipeline(`.
    if (/\.(?:multi|pipeline)\s*\(/.test(text)) return true;
    // Client type names are trusted wherever they are imported from.
    if (TYPE_NAME_MENTION.test(text)) return true;
  }
  // The default names all contain a hint: without one, they cannot match.
  if (hinted || settings.clientNames !== DEFAULT_CLIENT_NAMES || settings.clientModules.length > 0) {
    if (namesMentionRegex(settings)?.test(text)) return true;
  }
  if (settings.typeAware && hasTypeInfo(sourceCode) && /\b(?:import|require)\b/.test(text)) return true;
  return false;
}

function hasTypeInfo(sourceCode: TSESLint.SourceCode): boolean {
  const services = sourceCode.parserServices as { program?: unknown } | undefined;
  return !!services?.program;
}

class Builder {
  private readonly calls: RedisCall[] = [];
  private readonly callMap = new Map<TSESTree.CallExpression, RedisCall>();
  private readonly transactions: Transaction[] = [];
  private readonly txByNode = new Map<Node, Transaction>();
  private readonly refMap = new Map<TSESTree.Identifier, Variable | null>();
  private readonly exprMemo = new Map<Node, Value | null>();
  private readonly exprMemoNoTypes = new Map<Node, Value | null>();
  private typesOn = true;
  private readonly varMemo = new Map<Variable, Value | null>();
  private readonly inProgress = new Set<object>();
  private readonly classFields = new Map<Node, Map<string, Node[]>>();
  private readonly callNodes: TSESTree.CallExpression[] = [];
  private readonly structuralVars = new Set<Variable>();
  private readonly structuralTexts = new Set<string>();
  private readonly matchesName: (name: string) => boolean;
  private readonly typeInfo: TypeInfo | null;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: RedisSettings,
  ) {
    this.matchesName = nameMatcher(settings.clientNames);
    this.typeInfo = settings.typeAware ? TypeInfo.from(sourceCode) : null;
  }

  build(): FileModel {
    this.collect();
    this.indexReferences();
    this.findStructuralClients();
    for (const call of this.callNodes) this.recordCall(call);
    this.calls.sort((a, b) => a.node.range[1] - b.node.range[1]);
    for (const tx of this.transactions) {
      tx.queued.sort((a, b) => a.node.range[1] - b.node.range[1]);
      tx.execs.sort((a, b) => a.node.range[1] - b.node.range[1]);
    }
    const byFn = new Map<FunctionNode | TSESTree.Program, RedisCall[]>();
    for (const c of this.calls) {
      const list = byFn.get(c.fn);
      if (list) list.push(c);
      else byFn.set(c.fn, [c]);
    }
    const callMap = this.callMap;
    const rawMultiCache = new Map<RedisCall, boolean>();
    const model: FileModel = {
      hasRedis: this.calls.length > 0 || this.transactions.length > 0,
      settings: this.settings,
      calls: this.calls,
      callsByFunction: byFn,
      transactions: this.transactions,
      callAt: (node) => callMap.get(node),
      valueOf: (node) => {
        const v = this.evaluate(node);
        return v && (v.kind === "client" || v.kind === "transaction" || v.kind === "pipeline") ? v : null;
      },
      isRawMulti: (call) => {
        let r = rawMultiCache.get(call);
        if (r === undefined) {
          r = computeRawMulti(call, byFn.get(call.fn) ?? []);
          rawMultiCache.set(call, r);
        }
        return r;
      },
    };
    return model;
  }

  /** One walk over the AST: call sites, class members, parents. */
  private collect(): void {
    const keys = this.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [this.sourceCode.ast as Node];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === "CallExpression") this.callNodes.push(node);
      const childKeys = keys[node.type];
      if (!childKeys) continue;
      for (const key of childKeys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) {
            const c = child[i] as Node | null;
            if (c && typeof c.type === "string") {
              if (!c.parent) (c as { parent?: Node }).parent = node;
              stack.push(c);
            }
          }
        } else if (child && typeof (child as Node).type === "string") {
          const c = child as Node;
          if (!c.parent) (c as { parent?: Node }).parent = node;
          stack.push(c);
        }
      }
    }
  }

  private indexReferences(): void {
    const manager = this.sourceCode.scopeManager;
    if (!manager) return;
    for (const scope of manager.scopes as Scope[]) {
      for (const ref of scope.references) this.refMap.set(ref.identifier as TSESTree.Identifier, ref.resolved);
      for (const variable of scope.variables) {
        for (const def of variable.defs) this.refMap.set(def.name as TSESTree.Identifier, variable);
      }
    }
  }

  private variableOf(id: TSESTree.Identifier): Variable | null {
    return this.refMap.get(id) ?? null;
  }

  // ---------------------------------------------------------------------------------------------
  // Structural evidence: `x.multi()` or `x.pipeline()`, then Redis commands, then `exec()`.

  private findStructuralClients(): void {
    for (const call of this.callNodes) {
      const member = calleeMember(call);
      if (!member) continue;
      const name = propertyName(member);
      if (name !== "multi" && name !== "pipeline") continue;
      if (!this.chainLooksLikeRedis(call)) continue;
      const object = unwrap(member.object);
      if (object.type === "Identifier") {
        const v = this.variableOf(object);
        if (v) this.structuralVars.add(v);
      } else if (object.type === "MemberExpression") {
        this.structuralTexts.add(this.sourceCode.getText(object));
      }
    }
  }

  /** Does the builder made by `call` get Redis commands and then `exec()`? Purely syntactic. */
  private chainLooksLikeRedis(call: TSESTree.CallExpression): boolean {
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
      const variable = this.variableOf(decl.id);
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

  // ---------------------------------------------------------------------------------------------
  // Evaluation: what is this expression?

  evaluate(node: Node): Value | null {
    const n = unwrap(node);
    const memo = this.typesOn ? this.exprMemo : this.exprMemoNoTypes;
    if (memo.has(n)) return memo.get(n)!;
    if (this.inProgress.has(n)) return null;
    this.inProgress.add(n);
    let value: Value | null = null;
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
        if (right?.kind === "client" && (!left || (left.kind === "client" && (left.via === "name" || left.via === "structure")))) {
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
    const variable = this.variableOf(id);
    if (!variable) {
      // Unresolved globals: Bun's `Bun` object.
      if (id.name === "Bun") return { kind: "module", source: "bun" };
      return null;
    }
    // A variable with no definitions is an implicit global.
    if (variable.defs.length === 0) return id.name === "Bun" ? { kind: "module", source: "bun" } : null;
    const v = this.valueOfVariable(variable);
    if (v) return v;
    if (this.structuralVars.has(variable)) return this.structuralClient(variable, id);
    return null;
  }

  private structuralClient(variable: Variable, at: Node): ClientValue {
    return {
      kind: "client",
      family: this.settings.defaultFamily,
      lives: this.livesOfVariable(variable, "unknown"),
      key: variableKey(variable),
      via: "structure",
      origin: (variable.defs[0]?.name as Node) ?? at,
    };
  }

  private valueOfVariable(variable: Variable): Value | null {
    if (this.varMemo.has(variable)) return this.varMemo.get(variable)!;
    if (this.inProgress.has(variable)) return null;
    this.inProgress.add(variable);
    let value: Value | null = null;
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
        return this.fromDeclarator(variable, def.node as TSESTree.VariableDeclarator, def.name as TSESTree.Identifier);
      case "Parameter":
        return this.fromParameter(variable, def.node as Node, def.name as TSESTree.Identifier);
      default:
        return null;
    }
  }

  private fromImport(
    variable: Variable,
    spec: TSESTree.ImportClause,
    decl: TSESTree.ImportDeclaration,
  ): Value | null {
    // `import Redis = require("ioredis")` (TypeScript) is a require.
    const equals = spec as unknown as TSESTree.TSImportEqualsDeclaration;
    if (equals.type === "TSImportEqualsDeclaration") {
      const ref = equals.moduleReference;
      const from = ref.type === "TSExternalModuleReference" ? staticString(ref.expression) : null;
      return from ? this.requireValue(from) : null;
    }
    const source = decl.source.value;
    const pkg = packageInfo(source);
    if (pkg) {
      if (spec.type === "ImportNamespaceSpecifier") return { kind: "module", source };
      if (spec.type === "ImportDefaultSpecifier") return this.exportValue(source, pkg.defaultExport, variable, spec);
      const imported = spec.imported.type === "Identifier" ? spec.imported.name : String(spec.imported.value);
      const kind = pkg.named[imported];
      return kind ? this.exportValue(source, kind, variable, spec) : null;
    }
    if (this.isClientModule(source) || this.matchesName(variable.name)) {
      return this.namedClient(variable.name, spec, "shared", variableKey(variable));
    }
    return null;
  }

  private isClientModule(source: string): boolean {
    return this.settings.clientModules.some((m) => source === m || source.endsWith(m.replace(/^[.~@]*\/?/, "/")));
  }

  private exportValue(source: string, kind: ExportKind, variable: Variable | null, at: Node): Value {
    if (kind.type === "module") return { kind: "module", source };
    if (kind.type === "instance") {
      return {
        kind: "client",
        family: packageInfo(source)!.family,
        lives: "shared",
        key: variable ? variableKey(variable) : `${source}#instance`,
        via: "import",
        origin: at,
      };
    }
    return { kind: "export", source, export: kind };
  }

  private namedClient(name: string, origin: Node, lives: Lives, key: string): ClientValue {
    return { kind: "client", family: this.settings.defaultFamily, lives, key, via: "name", origin };
  }

  private fromDeclarator(variable: Variable, decl: TSESTree.VariableDeclarator, name: TSESTree.Identifier): Value | null {
    // Type annotation first: `const redis: Redis = makeIt()`.
    const typed = this.fromTypeAnnotation(name, variable);
    if (typed) return typed;
    if (decl.id.type !== "Identifier") {
      // Destructuring: `const { Redis } = require("ioredis")`, `const { redis } = deps`.
      if (!decl.init) return null;
      const source = this.evaluate(decl.init);
      const prop = destructuredProperty(decl.id, name);
      if (source && prop && (source.kind === "module" || source.kind === "export")) return this.memberOf(source, prop, variable, name);
      if (prop && this.matchesName(prop) && this.matchesName(variable.name)) {
        return this.namedClient(variable.name, name, "shared", variableKey(variable));
      }
      return null;
    }
    const inits: Node[] = [];
    if (decl.init) inits.push(decl.init);
    for (const ref of variable.references) {
      if (ref.isWrite() && ref.writeExpr && ref.writeExpr !== decl.init) inits.push(ref.writeExpr as Node);
    }
    for (const init of inits) {
      const v = this.evaluate(init);
      if (v) return this.bindValue(v, variable);
    }
    if (this.matchesName(variable.name) && inits.every(couldBeAnything)) {
      return this.namedClient(variable.name, name, this.livesOfVariable(variable, "unknown"), variableKey(variable));
    }
    return null;
  }

  /** A value stored in a variable: a client made here takes the variable's identity and liveness. */
  private bindValue(v: Value, variable: Variable): Value {
    if (v.kind !== "client" || v.key !== CREATED) return v;
    return { ...v, key: variableKey(variable), lives: this.livesOfVariable(variable, "dedicated") };
  }

  private livesOfVariable(variable: Variable, local: Lives): Lives {
    const scope = variable.scope;
    if (scope.type === "module" || scope.type === "global" || scope.block.type === "Program") return "shared";
    return local;
  }

  private fromParameter(variable: Variable, fn: Node, name: TSESTree.Identifier): Value | null {
    // A parameter property (`constructor(private redis: Redis)`) is a class field.
    const param = name.parent;
    const isProperty = param?.type === "TSParameterProperty";
    const injected = hasInjectDecorator(param?.type === "TSParameterProperty" ? param : name);
    const typed = this.fromTypeAnnotation(name, variable, injected);
    if (typed?.kind === "client") {
      return { ...typed, lives: isProperty || injected ? "shared" : "unknown" };
    }
    if (typed) return typed;
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
    if (this.matchesName(variable.name)) {
      return this.namedClient(variable.name, name, isProperty || injected ? "shared" : "unknown", variableKey(variable));
    }
    return null;
  }

  private fromTypeAnnotation(name: TSESTree.Identifier, variable: Variable | null, injected = false): Value | null {
    const ann = name.typeAnnotation?.typeAnnotation;
    if (!ann) return null;
    const info = this.typeNameInfo(ann, injected);
    if (!info) return null;
    return this.valueFromTypeInfo(info, name, variable ? variableKey(variable) : `type@${name.range[0]}`);
  }

  private valueFromTypeInfo(info: TypeNameInfo, origin: Node, key: string): Value {
    if (info.what === "transaction" || info.what === "pipeline") {
      const tx = this.transactionFor(origin, info.family, info.what === "transaction", null);
      return { kind: info.what, family: info.family, tx };
    }
    return {
      kind: "client",
      family: info.family,
      lives: "shared",
      key,
      via: "type-annotation",
      cluster: info.what === "cluster" || undefined,
      pool: info.what === "pool" || undefined,
      origin,
    };
  }

  /** Client type named by a type annotation, without type information. */
  private typeNameInfo(type: TSESTree.TypeNode, injected: boolean): TypeNameInfo | null {
    if (type.type === "TSUnionType") {
      for (const t of type.types) {
        const info = this.typeNameInfo(t, injected);
        if (info) return info;
      }
      return null;
    }
    if (type.type !== "TSTypeReference") return null;
    const tn = type.typeName;
    if (tn.type === "Identifier") {
      if (Object.hasOwn(UNAMBIGUOUS_TYPE_NAMES, tn.name)) return UNAMBIGUOUS_TYPE_NAMES[tn.name];
      const imported = this.importOfTypeName(tn);
      if (imported) return imported;
      if (injected && tn.name === "Redis") return { family: "ioredis", what: "client" };
      return null;
    }
    if (tn.type === "TSQualifiedName" && tn.left.type === "Identifier") {
      // `IORedis.Redis`, `IORedis.Cluster` with IORedis the ioredis default or namespace import.
      const source = this.importSourceOf(tn.left);
      const pkg = source ? packageInfo(source) : undefined;
      const info = pkg && Object.hasOwn(PACKAGE_TYPE_NAMES, tn.right.name) ? PACKAGE_TYPE_NAMES[tn.right.name] : null;
      if (info && pkg) return { ...info, family: pkg.family };
    }
    return null;
  }

  private importOfTypeName(id: TSESTree.Identifier): TypeNameInfo | null {
    const variable = this.findVariableByName(id);
    const def = variable?.defs[0];
    if (!def || def.type !== "ImportBinding") return null;
    const decl = def.parent as TSESTree.ImportDeclaration;
    const pkg = packageInfo(decl.source.value);
    if (!pkg) return null;
    const spec = def.node as TSESTree.ImportClause;
    if (spec.type === "ImportDefaultSpecifier") {
      return pkg.family === "ioredis" ? { family: "ioredis", what: "client" } : null;
    }
    if (spec.type !== "ImportSpecifier") return null;
    const imported = spec.imported.type === "Identifier" ? spec.imported.name : String(spec.imported.value);
    if (Object.hasOwn(UNAMBIGUOUS_TYPE_NAMES, imported)) return UNAMBIGUOUS_TYPE_NAMES[imported];
    const info = Object.hasOwn(PACKAGE_TYPE_NAMES, imported) ? PACKAGE_TYPE_NAMES[imported] : null;
    if (!info) return null;
    // `Redis` from @upstash/redis is Upstash's client, `RedisClient` from redis v6 is node-redis'.
    if (info.family !== pkg.family) {
      if (imported === "Redis" || imported === "RedisClient" || imported === "Pipeline") return { ...info, family: pkg.family };
      return null;
    }
    return info;
  }

  private importSourceOf(id: TSESTree.Identifier): string | null {
    const variable = this.findVariableByName(id);
    const def = variable?.defs[0];
    return def?.type === "ImportBinding" ? (def.parent as TSESTree.ImportDeclaration).source.value : null;
  }

  /** Type references are not always in the reference map (espree has none); fall back to scope lookup. */
  private findVariableByName(id: TSESTree.Identifier): Variable | null {
    const known = this.refMap.get(id);
    if (known) return known;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return null;
    for (const scope of manager.scopes as Scope[]) {
      if (scope.type !== "module" && scope.type !== "global") continue;
      const v = scope.set?.get(id.name);
      if (v && v.defs.length) return v;
    }
    return null;
  }

  private evaluateMember(m: TSESTree.MemberExpression): Value | null {
    const name = propertyName(m);
    if (!name) return null;
    const object = unwrap(m.object);
    if (object.type === "ThisExpression") return this.evaluateThisField(m, name);
    const base = this.evaluate(object);
    if (base) return base.kind === "module" || base.kind === "export" ? this.memberOf(base, name, null, m) : null;
    if (this.structuralTexts.has(this.sourceCode.getText(m))) {
      return { kind: "client", family: this.settings.defaultFamily, lives: "shared", key: `text:${this.sourceCode.getText(m)}`, via: "structure", origin: m };
    }
    if (!m.computed && this.matchesName(name)) {
      return this.namedClient(name, m, "shared", `text:${this.sourceCode.getText(m)}`);
    }
    return null;
  }

  /** A property of a package object or export: `ns.createClient`, `Redis.Cluster`, `IORedis.default`. */
  private memberOf(base: ModuleValue | ExportValue, name: string, variable: Variable | null, at: Node): Value | null {
    if (base.kind === "module") return this.moduleMember(base.source, name, variable, at);
    // Statics of the ioredis class (CommonJS `require("ioredis")` is the class itself).
    if (base.export.type === "client-class" && packageInfo(base.source)?.family === "ioredis") {
      if (name === "Cluster") return { kind: "export", source: base.source, export: { type: "client-class", cluster: true } };
      if (name === "default" || name === "Redis" || name === "Valkey") return { kind: "export", source: base.source, export: { type: "client-class" } };
    }
    return null;
  }

  private moduleMember(source: string, name: string, variable: Variable | null, at: Node): Value | null {
    const pkg = packageInfo(source);
    if (!pkg) return null;
    if (name === "default") return this.exportValue(source, pkg.defaultExport, variable, at);
    if (source === "bun" && name === "redis") return this.exportValue(source, { type: "instance" }, variable, at);
    const kind = pkg.named[name];
    return kind ? this.exportValue(source, kind, variable, at) : null;
  }

  private evaluateThisField(m: TSESTree.MemberExpression, name: string): Value | null {
    const cls = enclosingClass(m);
    if (!cls) return null;
    const fields = this.fieldsOf(cls);
    const key = `this:${cls.range[0]}.${name}`;
    for (const source of fields.get(name) ?? []) {
      let v: Value | null = null;
      if (source.type === "Identifier") {
        // A typed field or parameter property: `private redis: Redis`.
        const info = source.typeAnnotation ? this.typeNameInfo(source.typeAnnotation.typeAnnotation, hasInjectDecorator(source.parent?.type === "TSParameterProperty" ? source.parent : source)) : null;
        if (info) v = this.valueFromTypeInfo(info, source, key);
        else if (source.parent?.type === "TSParameterProperty" || source.parent?.type === "AssignmentPattern") {
          v = this.evaluate(source);
        }
      } else {
        v = this.evaluate(source);
      }
      if (v?.kind === "client") return { ...v, lives: "shared", key };
      if (v) return v;
    }
    if (this.structuralTexts.has(this.sourceCode.getText(m))) {
      return { kind: "client", family: this.settings.defaultFamily, lives: "shared", key, via: "structure", origin: m };
    }
    if (this.matchesName(name.replace(/^#/, ""))) return this.namedClient(name, m, "shared", key);
    return null;
  }

  /** Every place a class gives a field its value: declarations, parameter properties, `this.x =`. */
  private fieldsOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
    let fields = this.classFields.get(cls);
    if (fields) return fields;
    fields = new Map();
    const add = (name: string, node: Node) => {
      const list = fields!.get(name);
      if (list) list.push(node);
      else fields!.set(name, [node]);
    };
    for (const member of cls.body.body) {
      if ((member.type === "PropertyDefinition" || member.type === "AccessorProperty") && !member.computed) {
        const k = member.key;
        const name = k.type === "Identifier" ? k.name : k.type === "PrivateIdentifier" ? `#${k.name}` : null;
        if (!name) continue;
        if (member.typeAnnotation) {
          // Reuse the Identifier-shaped path: a key with a type annotation.
          add(name, { type: "Identifier", name, typeAnnotation: member.typeAnnotation, parent: member, range: member.range, loc: member.loc, decorators: [], optional: false } as unknown as Node);
        }
        if (member.value) add(name, member.value);
      }
      if (member.type === "MethodDefinition" && member.kind === "constructor") {
        for (const p of member.value.params) {
          if (p.type === "TSParameterProperty") {
            const inner = p.parameter.type === "AssignmentPattern" ? p.parameter.left : p.parameter;
            if (inner.type === "Identifier") add(inner.name, inner);
          }
        }
      }
    }
    // `this.x = ...` anywhere in the class body (constructor, init methods).
    const text = this.sourceCode.text;
    if (/this\s*\.\s*#?\w+\s*=[^=]/.test(text.slice(cls.range[0], cls.range[1]))) {
      this.walk(cls.body, (node) => {
        if (
          node.type === "AssignmentExpression" &&
          node.operator === "=" &&
          node.left.type === "MemberExpression" &&
          node.left.object.type === "ThisExpression" &&
          enclosingClass(node.left) === cls
        ) {
          const name = propertyName(node.left);
          if (name) add(name, node.right);
        }
      });
    }
    this.classFields.set(cls, fields);
    return fields;
  }

  private walk(root: Node, visit: (node: Node) => void): void {
    const keys = this.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      visit(node);
      for (const key of keys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const c of child) if (c && typeof (c as Node).type === "string") stack.push(c as Node);
        } else if (child && typeof (child as Node).type === "string") stack.push(child as Node);
      }
    }
  }

  private evaluateNew(n: TSESTree.NewExpression): Value | null {
    const ctor = this.evaluate(n.callee);
    if (ctor?.kind !== "export") return null;
    const family = packageInfo(ctor.source)!.family;
    const kind = ctor.export;
    if (kind.type === "client-class") {
      return created(family, n, n.arguments.find((a) => unwrap(a).type === "ObjectExpression"), kind.cluster);
    }
    if (kind.type === "batch-class") {
      const arg = n.arguments[0] ? unwrap(n.arguments[0]) : null;
      const atomic = arg?.type === "Literal" && typeof arg.value === "boolean" ? arg.value : kind.atomicByDefault;
      const tx = this.transactionFor(n, family, atomic, null);
      return { kind: atomic ? "transaction" : "pipeline", family, tx };
    }
    return null;
  }

  private evaluateCall(n: TSESTree.CallExpression): Value | null {
    const callee = unwrap(n.callee);
    // `require("ioredis")`
    if (callee.type === "Identifier" && callee.name === "require" && isGlobal(this.variableOf(callee))) {
      const source = staticString(n.arguments[0]);
      return source ? this.requireValue(source) : null;
    }
    if (callee.type === "Identifier") {
      const f = this.evaluate(callee);
      if (f?.kind === "export" && f.export.type === "factory") return this.factoryResult(f, n);
      return null;
    }
    if (callee.type !== "MemberExpression") return null;
    const method = propertyName(callee);
    if (!method) return null;
    const base = this.evaluate(callee.object);
    if (!base) return null;
    if (base.kind === "export") {
      const kind = base.export;
      const family = packageInfo(base.source)!.family;
      // `GlideClient.createClient()`, ioredis `Redis.createClient()`, Upstash `Redis.fromEnv()`.
      if (
        (kind.type === "static-factory-class" && method === "createClient") ||
        (kind.type === "client-class" && (method === "createClient" || method === "fromEnv" || method === "create"))
      ) {
        return created(family, n, n.arguments.find((a) => unwrap(a).type === "ObjectExpression"), "cluster" in kind ? kind.cluster : undefined);
      }
      if (kind.type === "factory") return null;
      return null;
    }
    if (base.kind === "module") {
      const member = this.moduleMember(base.source, method, null, callee);
      if (member?.kind === "export" && member.export.type === "factory") return this.factoryResult(member, n);
      return null;
    }
    if (base.kind === "client") {
      // Methods that return the client itself: `createClient().on("error", f).connect()`.
      if (CLIENT_PASSTHROUGH.has(method) || (method === "connect" && base.family === "node-redis")) return base;
      if (method === "duplicate") {
        return { ...base, key: CREATED, lives: "dedicated", origin: n, via: base.via };
      }
      if (method === "createPool") return { ...base, key: CREATED, lives: "dedicated", pool: true, origin: n };
      if (method === "multi" && !isIoredisNonPipelineMulti(n)) {
        const tx = this.transactionFor(n, base.family, true, base);
        return { kind: "transaction", family: base.family, tx };
      }
      if (method === "pipeline" && base.family !== "node-redis") {
        const tx = this.transactionFor(n, base.family, false, base);
        return { kind: "pipeline", family: base.family, tx };
      }
      return null;
    }
    if (base.kind === "transaction" || base.kind === "pipeline") {
      // Queued commands return the builder (chainable); exec and friends return results.
      if (EXEC_METHODS.has(method) || method === "then" || method === "catch" || method === "finally") return null;
      if (method === "watch" || method === "unwatch" || method === "discard") return base;
      return normaliseCommand(method) || method === "addCommand" ? base : null;
    }
    return null;
  }

  /** What `require(source)` gives. */
  private requireValue(source: string): Value | null {
    const pkg = packageInfo(source);
    if (!pkg) return null;
    return pkg.defaultExport.type === "module" ? { kind: "module", source } : { kind: "export", source, export: pkg.defaultExport };
  }

  private factoryResult(f: ExportValue, n: TSESTree.CallExpression): Value | null {
    if (f.export.type !== "factory") return null;
    const family = packageInfo(f.source)!.family;
    const options = n.arguments.find((a) => unwrap(a).type === "ObjectExpression");
    const v = created(family, n, options, f.export.what === "cluster");
    if (f.export.what === "pool") v.pool = true;
    return v;
  }

  private transactionFor(node: Node, family: Family, atomic: boolean, client: ClientValue | null): Transaction {
    let tx = this.txByNode.get(node);
    if (!tx) {
      tx = { node: node as Transaction["node"], family, atomic, client, queued: [], execs: [] };
      this.txByNode.set(node, tx);
      if (node.type === "CallExpression" || node.type === "NewExpression") this.transactions.push(tx);
    }
    return tx;
  }

  private fromTypeInformation(n: Node): Value | null {
    const info = this.typeInfo!.familyOf(n);
    if (!info) return null;
    const key = n.type === "Identifier" ? `types:${n.name}@${this.variableOf(n)?.defs[0]?.name.range[0] ?? n.range[0]}` : `text:${this.sourceCode.getText(n)}`;
    const v = this.valueFromTypeInfo(info, n, key);
    if (v.kind === "client") {
      v.via = "type-information";
      const variable = n.type === "Identifier" ? this.variableOf(n) : null;
      v.lives = variable ? this.livesOfVariable(variable, variable.defs[0]?.type === "Parameter" ? "unknown" : "dedicated") : "shared";
      if (variable?.defs[0]?.type === "ImportBinding") v.lives = "shared";
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  private recordCall(call: TSESTree.CallExpression): void {
    const member = calleeMember(call);
    if (!member) return;
    const method = propertyName(member);
    if (!method) return;
    // Type queries are the expensive part: only ask them about receivers of command-like methods.
    this.typesOn = RAW_METHODS.has(method) || EXEC_METHODS.has(method) || !!normaliseCommand(method);
    const receiverValue = this.evaluate(member.object);
    this.typesOn = true;
    if (!receiverValue || (receiverValue.kind !== "client" && receiverValue.kind !== "transaction" && receiverValue.kind !== "pipeline")) return;
    const tx = receiverValue.kind === "client" ? null : receiverValue.tx;
    const client = receiverValue.kind === "client" ? receiverValue : receiverValue.tx.client;
    const family = receiverValue.family;

    let command: string | null;
    let args: TSESTree.Node[] = call.arguments as TSESTree.Node[];
    let raw = false;
    const upstashRawExec = family === "upstash" && receiverValue.kind === "client" && method === "exec" && unwrap(call.arguments[0] ?? call).type === "ArrayExpression";
    if (RAW_METHODS.has(method) || upstashRawExec) {
      raw = true;
      ({ command, args } = readRaw(method, call.arguments as TSESTree.Node[], family));
    } else {
      command = normaliseCommand(method);
    }
    const rc: RedisCall = {
      node: call,
      method,
      command,
      raw,
      args,
      receiver: receiverValue.kind,
      family,
      client,
      tx,
      fn: enclosingFunction(call),
      readonly: command ? isReadOnly(command) : false,
      write: command ? isWrite(command) : false,
    };
    this.calls.push(rc);
    this.callMap.set(call, rc);
    if (tx) {
      if (EXEC_METHODS.has(method)) tx.execs.push(rc);
      else if (command && command !== "multi") tx.queued.push(rc);
    } else if (method === "exec" && call.arguments.length && !raw) {
      // GLIDE: `client.exec(batch, raiseOnError)`.
      const batch = this.evaluate(call.arguments[0]);
      if (batch && (batch.kind === "transaction" || batch.kind === "pipeline")) {
        batch.tx.execs.push(rc);
        if (!batch.tx.client) batch.tx.client = client;
      }
    }
  }
}

/** Unresolved, or a global declared by the environment (`require` in CommonJS, Node globals). */
function isGlobal(variable: Variable | null): boolean {
  return !variable || variable.defs.length === 0;
}

/** The key a client carries until it is bound to a variable or field. */
const CREATED = "<created>";

function created(family: Family, origin: Node, options: Node | undefined, cluster?: boolean): ClientValue {
  return {
    kind: "client",
    family,
    lives: "dedicated",
    key: CREATED,
    via: "import",
    origin,
    options: options ? unwrap(options) : undefined,
    cluster: cluster || undefined,
  };
}

function variableKey(variable: Variable): string {
  const def = variable.defs[0];
  return `var:${variable.name}@${def ? def.name.range[0] : -1}`;
}

function destructuredProperty(pattern: Node, target: TSESTree.Identifier): string | null {
  if (pattern.type !== "ObjectPattern") return null;
  for (const p of pattern.properties) {
    if (p.type !== "Property") continue;
    const value = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
    if (value === target) {
      if (!p.computed && p.key.type === "Identifier") return p.key.name;
      return staticString(p.key);
    }
  }
  return null;
}

/** An initialiser we know nothing about, so a client name may be trusted. */
function couldBeAnything(init: Node): boolean {
  const n = unwrap(init);
  switch (n.type) {
    case "CallExpression":
    case "AwaitExpression":
    case "MemberExpression":
    case "Identifier":
    case "ConditionalExpression":
    case "LogicalExpression":
      return true;
    default:
      return false;
  }
}

function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.type === "ClassDeclaration" || n.type === "ClassExpression") return n;
    // `this` inside a plain function (not a method or arrow) is not the instance.
    if ((n.type === "FunctionDeclaration" || n.type === "FunctionExpression") && n.parent?.type !== "MethodDefinition" && n.parent?.type !== "Property") {
      return null;
    }
    n = n.parent;
  }
  return null;
}

function hasInjectDecorator(node: Node | undefined): boolean {
  const decorators = (node as { decorators?: TSESTree.Decorator[] } | undefined)?.decorators;
  if (!decorators?.length) return false;
  return decorators.some((d) => {
    const e = d.expression.type === "CallExpression" ? d.expression.callee : d.expression;
    return e.type === "Identifier" && INJECT_DECORATORS.test(e.name);
  });
}

/** ioredis `multi({ pipeline: false })` sends MULTI at once and returns a promise, not a builder. */
export function isIoredisNonPipelineMulti(call: TSESTree.CallExpression): boolean {
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (opts?.type !== "ObjectExpression") return false;
  return opts.properties.some(
    (p) =>
      p.type === "Property" &&
      !p.computed &&
      ((p.key.type === "Identifier" && p.key.name === "pipeline") || staticString(p.key) === "pipeline") &&
      p.value.type === "Literal" &&
      p.value.value === false,
  );
}

/** Reads the command name and its arguments from a raw call. */
function readRaw(method: string, args: TSESTree.Node[], family: Family): { command: string | null; args: TSESTree.Node[] } {
  // node-redis cluster: sendCommand(firstKey, isReadonly, args); GLIDE customCommand(args); Upstash exec(args).
  if (method === "sendCommand" || method === "customCommand" || method === "exec") {
    const arr = args.map((a) => unwrap(a)).find((a): a is TSESTree.ArrayExpression => a.type === "ArrayExpression");
    if (!arr) return { command: null, args: [] };
    const [first, ...rest] = arr.elements;
    const name = first && first.type !== "SpreadElement" ? staticString(first) : null;
    return { command: name ? name.toLowerCase() : null, args: rest.filter((e): e is TSESTree.Expression => !!e) };
  }
  // ioredis call(name, ...args) / send_command(name, ...args); Bun send(name, args[]).
  const name = staticString(args[0]);
  let rest = args.slice(1);
  if (method === "send" && family !== "ioredis") {
    const arr = rest[0] && unwrap(rest[0]);
    rest = arr?.type === "ArrayExpression" ? arr.elements.filter((e): e is TSESTree.Expression => !!e) : rest;
  } else if (rest.length === 1) {
    const arr = unwrap(rest[0]);
    if (arr.type === "ArrayExpression") rest = arr.elements.filter((e): e is TSESTree.Expression => !!e);
  }
  return { command: name ? name.toLowerCase() : null, args: rest };
}

/**
 * Raw MULTI mode: an earlier call in the same function put this client's connection into MULTI
 * (ioredis `multi({ pipeline: false })`, `call("MULTI")`, `sendCommand(["MULTI"])`, Bun
 * `send("MULTI", [])`), and no EXEC or DISCARD came between.
 */
function computeRawMulti(call: RedisCall, sameFunction: readonly RedisCall[]): boolean {
  if (call.receiver !== "client" || !call.client) return false;
  const key = call.client.key;
  let open = false;
  for (const c of sameFunction) {
    if (c === call) return open;
    if (c.receiver !== "client" || c.client?.key !== key) continue;
    if (opensRawMulti(c)) open = true;
    else if (c.command === "exec" || c.command === "discard") open = false;
  }
  return false;
}

export function opensRawMulti(call: RedisCall): boolean {
  if (call.receiver !== "client" || call.command !== "multi") return false;
  return call.raw || (call.family !== "node-redis" && isIoredisNonPipelineMulti(call.node));
}

// ---------------------------------------------------------------------------------------------
// Optional type information

interface TsLike {
  getTypeAtLocation(node: unknown): { getSymbol(): SymbolLike | undefined; aliasSymbol?: SymbolLike; isUnion?(): boolean; types?: unknown[] };
}
interface SymbolLike {
  getName(): string;
  declarations?: { getSourceFile(): { fileName: string } }[];
}

class TypeInfo {
  private constructor(
    private readonly checker: TsLike,
    private readonly map: { get(node: Node): unknown },
  ) {}

  static from(sourceCode: TSESLint.SourceCode): TypeInfo | null {
    const services = sourceCode.parserServices as
      | { program?: { getTypeChecker(): TsLike } | null; esTreeNodeToTSNodeMap?: { get(node: Node): unknown } }
      | undefined;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
    try {
      return new TypeInfo(services.program.getTypeChecker(), services.esTreeNodeToTSNodeMap);
    } catch {
      return null;
    }
  }

  familyOf(node: Node): TypeNameInfo | null {
    try {
      const tsNode = this.map.get(node);
      if (!tsNode) return null;
      const type = this.checker.getTypeAtLocation(tsNode);
      const types = (type.isUnion?.() ? type.types : [type]) as (typeof type)[];
      for (const t of types) {
        for (const symbol of [t.aliasSymbol, t.getSymbol()]) {
          if (!symbol?.declarations) continue;
          for (const decl of symbol.declarations) {
            const m = TYPE_PACKAGE_PATH.exec(decl.getSourceFile().fileName);
            if (!m) continue;
            const family: Family = m[1] ? "ioredis" : m[2] ? "node-redis" : m[3] ? "upstash" : m[4] ? "glide" : "bun";
            const name = symbol.getName();
            const what: TypeNameInfo["what"] = /Pipeline|ChainableCommander|Batch/.test(name)
              ? "pipeline"
              : /Multi|Transaction/.test(name)
                ? "transaction"
                : /Pool/.test(name)
                  ? "pool"
                  : /Cluster/.test(name)
                    ? "cluster"
                    : "client";
            return { family, what };
          }
        }
      }
    } catch {
      // Type information is a bonus: never let it break a lint run.
    }
    return null;
  }
}
