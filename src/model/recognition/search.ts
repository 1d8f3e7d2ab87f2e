/**
 * Candidate search: instead of walking the whole AST and asking about every call's receiver,
 * start from where a Redis value can come from and follow values forward to the calls made on
 * them. Every way `evaluate()` (evaluator.ts) can reach a value backwards has a forward step here, so the
 * candidates include every call whose receiver evaluates to a Redis value; `evaluate()` still
 * judges each one. Calls left out are those whose receivers cannot reach any source of a value:
 * evaluating them yields null and creates nothing, so leaving them out changes no result.
 * Candidates are evaluated in the order the full walk (`Builder.collect`) met them: with values that
 * depend on each other (cycles cut by `inProgress`), the order decides what is memoised.
 *
 * Where Redis can come from (the sources):
 * - import declarations of client packages, of `clientModules` and of the user's own modules
 *   that export a client (export-map.ts) (read from Program.body), and `require()` of either;
 * - names found by one text search, each checked on its token and its node: `require("pkg")`,
 *   `import x = require("pkg")`, `Bun`, client type names (TypeScript), configured client
 *   names (variables, `.name` properties, `this.name` fields), `multi` / `pipeline`
 *   (structural evidence); then the texts of structural receivers (`this.client`).
 * Any change to `evaluate()` that adds a source or a step must be mirrored here; the check is
 * `npm run model:equivalence`.
 * Forward steps: wrappers, `await`, member access and calls on a value, `new`, assignments and
 * declarations (to the variables and `this.x` fields they write, and to the reads of a static
 * property `X.name` they write: static-properties.ts), `for…of`, defaults, `??`,
 * `?:`, a variable to its references, a field to its `this.x` uses, a type annotation to what
 * it annotates, a client's `executeIsolated(cb)` to the callback's parameter.
 *
 * `findCandidates` returns false when the file cannot be searched this way (no scope manager, tokens or parent
 * links; names written with escapes; a name token not at a name node): the caller then walks
 * the whole AST.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { isPromisifierCall, isPromisifyAllCall } from "./aliases.js";
import { functionReturning, prototypeAssignment, prototypeOwnerOfThis } from "../../ast/local-calls.js";
import {
  type FunctionNode,
  type Node,
  enclosingClass,
  isFunction,
  isKeyOrLabel,
  keyName,
  outermost,
  propertyName,
  staticString,
  unwrap,
} from "../../ast/nodes.js";
import { CONTEXTUAL_KEYWORDS, bareName, isBracketString } from "../../ast/tokens.js";
import { WalkOrder } from "../../ast/walk.js";
import { findWords } from "../../ast/word-search.js";
import { ISOLATING_METHODS, packageInfo } from "../clients.js";
import { TYPE_SEED_NAMES, seedWords } from "../early-exit.js";
import type { RedisSettings } from "../settings.js";
import type { ClassFields } from "./class-fields.js";
import type { Evidence } from "./evidence.js";
import type { CrossFile } from "./export-map.js";
import { calledFunction } from "./local-flow.js";
import { INTEROP_HELPERS } from "./values.js";
import type { Locator } from "./locator.js";
import { isClientModule } from "./packages.js";
import type { Scopes } from "./scopes.js";
import { staticProperties } from "./static-properties.js";
import type { Structural } from "./structural.js";

type Variable = TSESLint.Scope.Variable;

/** Expressions that stand for what they wrap (`(fn as Handler)`). */
const WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TSTypeAssertion"]);

export class Search {
  private readonly candidates = new Set<TSESTree.CallExpression>();
  private readonly seenNodes = new Set<Node>();
  private readonly seenVars = new Set<Variable>();
  private readonly seenFields = new Map<Node, Set<string>>();
  private readonly pending: Node[] = [];
  private searchFailed: string | null = null;
  /** Why the search gave up (test statistics). */
  fallback: string | null = null;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: RedisSettings,
    private readonly matchesName: (name: string) => boolean,
    private readonly scopes: Scopes,
    private readonly locator: Locator,
    private readonly fields: ClassFields,
    private readonly structural: Structural,
    private readonly evidence: Evidence,
    /** The user's own modules the file imports (export-map.ts); null when the file is not on disk. */
    private readonly crossFile: CrossFile | null = null,
  ) {}

  /** Finds the candidate calls and adds them to `callNodes` in the full walk's order; false if the file cannot be searched. */
  findCandidates(callNodes: TSESTree.CallExpression[]): boolean {
    const sourceCode = this.sourceCode;
    const ast = sourceCode.ast as TSESTree.Program;
    const tokens = (ast as { tokens?: TSESTree.Token[] }).tokens;
    if (!sourceCode.scopeManager || !tokens || !sourceCode.visitorKeys)
      return this.giveUp("no scope manager or tokens");
    if (ast.body.length && ast.body[0].parent !== ast) return this.giveUp("no parent links");
    this.evidence.compute();
    const text = sourceCode.text;
    // Client type names only matter in type annotations: TypeScript.
    const words = seedWords(this.settings, "TSTypeAnnotation" in sourceCode.visitorKeys);
    if (text.includes("\\") && this.hasEscapedNames(text, words.fixed)) return this.giveUp("escaped names");

    // Imports of client packages and client modules.
    for (const statement of ast.body) {
      if (statement.type !== "ImportDeclaration") continue;
      const source = statement.source.value;
      if (!packageInfo(source) && !isClientModule(this.settings, source) && !this.crossFile?.isRedisModule(source))
        continue;
      for (const spec of statement.specifiers) {
        const variable = this.scopes.variableOf(spec.local);
        if (variable) this.valueVariable(variable);
      }
    }
    // Names, found in the text and checked on the tokens and the AST: each token that holds one of
    // the words, once, in source order.
    const found = new Set<number>();
    findWords(text, words.anchored, (start) => {
      const i = this.locator.tokenIndexAt(start);
      if (i >= 0) found.add(i);
    });
    for (const i of [...found].sort((a, b) => a - b)) {
      this.onToken(tokens[i], words.fixed);
      if (this.searchFailed) return this.giveUp(this.searchFailed);
    }
    if (words.anyName) {
      // Regular-expression client names can match any identifier: look at every name token.
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type === "Identifier" || t.type === "PrivateIdentifier") {
          if (this.matchesName(bareName(t.value))) this.onToken(t, words.fixed, true);
        } else if (isBracketString(tokens, i)) {
          this.onToken(t, words.fixed, true);
        }
        if (this.searchFailed) return this.giveUp(this.searchFailed);
      }
    }
    this.drain();
    // Structural receivers written as member expressions (`this.client.multi()`): every
    // expression with the same text is that client.
    for (const t of this.structural.texts) {
      for (let at = text.indexOf(t); at !== -1; at = text.indexOf(t, at + 1)) {
        const token = this.locator.tokenAt(at);
        if (!token || token.range[0] !== at) continue;
        let node: Node | undefined = this.locator.nodeAt(at, ast);
        while (node && node.range[0] === at && node.range[1] <= at + t.length) {
          if (node.type === "MemberExpression" && node.range[1] === at + t.length) {
            this.valueNode(node);
            break;
          }
          node = node.parent;
        }
      }
    }
    for (const v of this.structural.vars) this.valueVariable(v);
    // Clients by evidence (evidence.ts): their variables, and every `.name` member expression
    // that is one of their member receivers (`this.client`, `self.client`, `opts.client`).
    for (const v of this.evidence.vars) this.valueVariable(v);
    for (const name of this.evidence.propertyNames)
      this.membersNamed(name, (member) => this.evidence.isClientMember(member));
    // `this.client` / `self.client` of a method another module attaches to its prototype (attached.ts).
    for (const name of this.crossFile?.attachedFields()?.keys() ?? []) {
      this.membersNamed(name, (member) => {
        const o = unwrap(member.object);
        return o.type === "ThisExpression" || (o.type === "Identifier" && !!this.scopes.thisAliasOf(o));
      });
    }
    this.drain();
    if (this.searchFailed) return this.giveUp(this.searchFailed);
    // In the full walk's order (evaluation order matters where values depend on each other).
    const order = new WalkOrder(this.sourceCode.visitorKeys, true);
    const ordered = [...this.candidates].filter((c) => order.path(c));
    ordered.sort((a, b) => order.compare(a, b));
    callNodes.push(...ordered);
    return true;
  }

  private giveUp(reason: string): false {
    this.fallback = reason;
    return false;
  }

  /**
   * Names written with escapes defeat the text search: an identifier (`re\u0064is`), or a
   * computed member name that matters (`this["re\x64is"]`, `x["mult\x69"]`).
   */
  private hasEscapedNames(text: string, fixed: ReadonlySet<string>): boolean {
    const ast = this.sourceCode.ast as Node;
    for (let at = text.indexOf("\\"); at !== -1; at = text.indexOf("\\", at + 1)) {
      const i = this.locator.tokenIndexAt(at);
      if (i < 0) continue;
      const t = this.locator.tokens[i];
      if (t.type === "Identifier" || t.type === "PrivateIdentifier" || t.type === "Keyword") return true;
      if (isBracketString(this.locator.tokens, i)) {
        let node: Node | undefined = this.locator.nodeAt(t.range[0], ast);
        if (node.type === "TemplateElement") node = node.parent;
        const member = node?.parent;
        if (member?.type === "MemberExpression" && member.property === node && member.computed) {
          const name = propertyName(member);
          if (
            name !== null &&
            (unwrap(member.object).type === "ThisExpression" || fixed.has(name) || this.matchesName(name))
          )
            return true;
        } else if (node?.type !== "Literal" && node?.type !== "TemplateLiteral") {
          return true;
        }
      }
      at = t.range[1] - 1;
    }
    return false;
  }

  /** A token the text search found: a name, or a string used as a computed member name. */
  private onToken(token: TSESTree.Token, fixed: ReadonlySet<string>, named = false): void {
    const ast = this.sourceCode.ast as Node;
    if (token.type === "Identifier" || token.type === "PrivateIdentifier") {
      const name = bareName(token.value);
      if (!named && !fixed.has(name) && !this.matchesName(name)) return;
      if (name === "require" && !named && !this.matchesName(name) && this.requiresNoPackage(token)) return;
      const node = this.locator.nodeAt(token.range[0], ast);
      if ((node.type === "Identifier" || node.type === "PrivateIdentifier") && node.name === name) this.onName(node);
      else if (node.type === "TSExternalModuleReference" && name === "require") {
        // `import Redis = require("ioredis")`
        const equals = node.parent;
        const from = staticString(node.expression);
        const variable =
          equals?.type === "TSImportEqualsDeclaration" && from && packageInfo(from)
            ? this.scopes.variableOf(equals.id)
            : null;
        if (variable) this.valueVariable(variable);
      } else if (node.type !== "JSXIdentifier" && !CONTEXTUAL_KEYWORDS.has(token.value))
        this.searchFailed = `${token.type} token at ${node.type}`;
      return;
    }
    if (token.type !== "String" && token.type !== "Template") return;
    const i = this.locator.tokenIndexAt(token.range[0]);
    if (!isBracketString(this.locator.tokens, i)) return;
    let node: Node | undefined = this.locator.nodeAt(token.range[0], ast);
    if (node.type === "TemplateElement") node = node.parent;
    if (!node || (node.type !== "Literal" && node.type !== "TemplateLiteral") || node.range[0] !== token.range[0]) {
      if (node?.type !== "JSXText" && node?.type !== "JSXAttribute")
        this.searchFailed = `${token.type} token at ${node?.type}`;
      return;
    }
    const member = node.parent;
    if (member?.type === "MemberExpression" && member.property === node && member.computed) {
      const name = propertyName(member);
      if (name) this.onPropertyName(member, name);
    }
  }

  /**
   * `require("./x")` (a string that names no client package): nothing for the search to start
   * from, known from the tokens alone. (Compiled CommonJS is full of them.)
   */
  private requiresNoPackage(token: TSESTree.Token): boolean {
    const i = this.locator.tokenIndexAt(token.range[0]);
    const open = this.locator.tokens[i + 1];
    const arg = this.locator.tokens[i + 2];
    return (
      open?.value === "(" &&
      open.type === "Punctuator" &&
      (arg?.type === "String" || arg?.type === "Template") &&
      !arg.value.includes("\\") &&
      !packageInfo(arg.value.slice(1, -1)) &&
      !this.crossFile?.isRedisModule(arg.value.slice(1, -1))
    );
  }

  private onName(id: TSESTree.Identifier | TSESTree.PrivateIdentifier): void {
    const parent = id.parent;
    if (parent?.type === "MemberExpression" && parent.property === id && !parent.computed) {
      const name = propertyName(parent);
      if (name) this.onPropertyName(parent, name);
      return;
    }
    if (id.type !== "Identifier") return;
    const name = id.name;
    if (name === "Bun") this.valueNode(id);
    // `require("ioredis")`; any other `require(...)` evaluates to nothing (see evaluateCall), and a
    // declared `require` variable is followed from its declaration.
    if (name === "require") {
      const callee = outermost(id);
      const call = callee.parent;
      const source = call?.type === "CallExpression" && call.callee === callee ? staticString(call.arguments[0]) : null;
      if (source && (packageInfo(source) || this.crossFile?.isRedisModule(source))) this.valueNode(id);
    }
    if (TYPE_SEED_NAMES.has(name)) this.valueNode(id);
    if (this.matchesName(name) && !isKeyOrLabel(id)) {
      const variable = this.scopes.variableOf(id);
      if (variable) this.valueVariable(variable);
      // `const { redis } = deps`, `import { redis }`: two nodes with one range.
      let other: Node | null = null;
      if (parent?.type === "Property" && parent.shorthand && parent.key === id) {
        other = parent.value.type === "AssignmentPattern" ? parent.value.left : parent.value;
      } else if (parent?.type === "ImportSpecifier" && parent.imported === id) {
        other = parent.local;
      }
      const v = other?.type === "Identifier" ? this.scopes.variableOf(other) : null;
      if (v) this.valueVariable(v);
    }
  }

  private onPropertyName(member: TSESTree.MemberExpression, name: string): void {
    if (name === "multi" || name === "pipeline") {
      const outer = outermost(member);
      const call = outer.parent;
      if (call?.type === "CallExpression" && call.callee === outer) this.structural.fromCall(call, member);
    }
    if (this.matchesName(name) || (name.startsWith("#") && this.matchesName(name.slice(1)))) this.valueNode(member);
  }

  private valueNode(node: Node): void {
    if (this.seenNodes.has(node)) return;
    this.seenNodes.add(node);
    this.pending.push(node);
  }

  private valueVariable(variable: Variable): void {
    if (this.seenVars.has(variable)) return;
    this.seenVars.add(variable);
    for (const ref of variable.references) this.valueNode(ref.identifier);
    // A parameter property is also a field.
    for (const def of variable.defs) {
      if (def.type !== "Parameter") continue;
      const name = def.name as Node;
      let p = name.parent;
      if (p?.type === "AssignmentPattern" && p.left === name) p = p.parent;
      if (p?.type !== "TSParameterProperty") continue;
      const cls = p.parent?.parent?.parent?.parent;
      if (cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression") && name.type === "Identifier")
        this.valueField(cls, name.name);
    }
  }

  private valueField(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): void {
    let names = this.seenFields.get(cls);
    if (!names) this.seenFields.set(cls, (names = new Set()));
    if (names.has(name)) return;
    names.add(name);
    const found = this.fields.thisMembers(cls, name);
    if (!found) {
      this.searchFailed = "field name at another node";
      return;
    }
    for (const m of found.uses) this.valueNode(m);
  }

  /** The variables a pattern (or assignment target) writes. */
  private valueTargets(target: Node): void {
    const t = unwrap(target);
    switch (t.type) {
      case "Identifier": {
        const v = this.scopes.variableOf(t);
        if (v) this.valueVariable(v);
        return;
      }
      case "ObjectPattern":
        for (const p of t.properties) this.valueTargets(p.type === "Property" ? p.value : p);
        return;
      case "ArrayPattern":
        for (const e of t.elements) if (e) this.valueTargets(e);
        return;
      case "RestElement":
        this.valueTargets(t.argument);
        return;
      case "AssignmentPattern":
        this.valueTargets(t.left);
        return;
      case "MemberExpression":
        if (t === target && t.object.type === "ThisExpression") {
          const cls = enclosingClass(t);
          const name = propertyName(t);
          if (cls && name) this.valueField(cls, name);
        }
        // `RedisStore.Redis = Redis`: its reads (static-properties.ts).
        if (t === target && t.object.type === "Identifier")
          for (const read of staticProperties(this.scopes).readsOf(t)) this.valueNode(read);
        return;
      default:
        return;
    }
  }

  private drain(): void {
    const pending = this.pending;
    while (!this.searchFailed) {
      const node = pending.pop();
      if (!node) break;
      this.step(node);
    }
  }

  /** `node` may hold a Redis value: what else may, because of it? */
  private step(node: Node): void {
    const p = node.parent;
    if (!p) return;
    switch (p.type) {
      case "TSNonNullExpression":
      case "TSAsExpression":
      case "TSTypeAssertion":
      case "TSSatisfiesExpression":
      case "ChainExpression":
        if (p.expression === node) this.valueNode(p);
        return;
      case "AwaitExpression":
        if (p.argument === node) this.valueNode(p);
        return;
      case "MemberExpression":
        if (p.object !== node) return;
        this.valueNode(p);
        {
          const outer = outermost(p);
          const call = outer.parent;
          if (call?.type === "CallExpression" && call.callee === outer) {
            this.candidates.add(call);
            const method = propertyName(p);
            if (method && ISOLATING_METHODS.has(method)) {
              // The client handed to the callback is dedicated (see fromParameter).
              for (const arg of call.arguments) {
                if (isFunction(arg) && arg.params[0]?.type === "Identifier") {
                  const v = this.scopes.variableOf(arg.params[0]);
                  if (v) this.valueVariable(v);
                }
              }
            }
          }
        }
        return;
      case "CallExpression": {
        const callee = unwrap(p.callee);
        if (p.callee === node) {
          this.valueNode(p);
          // A call of a copy of a client's method: `setnxAsync(k, v)` (aliases.ts).
          this.candidates.add(p);
        } else if (p.arguments[0] === node && callee.type === "Identifier" && INTEROP_HELPERS.has(callee.name))
          this.valueNode(p);
        // `promisify(client.setnx)`: the copy may be bound and called (aliases.ts).
        // `Promise.promisifyAll(client)` returns the client (aliases.ts).
        else if (p.arguments[0] === node && (isPromisifierCall(p) || isPromisifyAllCall(p))) this.valueNode(p);
        else this.argumentReaches(p, node);
        return;
      }
      case "NewExpression":
        if (p.callee === node) this.valueNode(p);
        return;
      case "ReturnStatement":
        if (p.argument === node) this.returnReaches(functionReturning(node));
        return;
      case "ArrowFunctionExpression":
        if (p.body === node) this.returnReaches(p);
        return;
      case "AssignmentExpression":
        if (p.right !== node) return;
        this.valueNode(p);
        this.valueTargets(p.left);
        return;
      case "VariableDeclarator":
        if (p.init === node) this.valueTargets(p.id);
        return;
      case "ForOfStatement":
      case "ForInStatement":
        if (p.right !== node) return;
        if (p.left.type === "VariableDeclaration") for (const d of p.left.declarations) this.valueTargets(d.id);
        else this.valueTargets(p.left);
        return;
      case "AssignmentPattern":
        if (p.right === node) this.valueTargets(p.left);
        return;
      case "LogicalExpression":
        this.valueNode(p);
        return;
      case "ConditionalExpression":
        if (p.test !== node) this.valueNode(p);
        return;
      case "PropertyDefinition":
      case "AccessorProperty":
        if (p.value === node && !p.computed) {
          const cls = p.parent?.parent;
          const name = keyName(p.key);
          if (name && cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression"))
            this.valueField(cls, name);
        }
        return;
      case "TSQualifiedName":
      case "TSTypeReference":
        this.typeAnnotated(node);
        return;
      default:
        return;
    }
  }

  /** A value returned by `fn` (local-flow.ts): its callers may hold it. */
  private returnReaches(fn: FunctionNode | null): void {
    if (!fn) return;
    if (fn.type === "FunctionDeclaration" && fn.id) {
      const v = this.scopes.variableOf(fn.id);
      if (v) this.valueVariable(v);
      return;
    }
    let at: Node = fn;
    while (at.parent && WRAPPERS.has(at.parent.type)) at = at.parent;
    const p = at.parent;
    if (p?.type === "VariableDeclarator" && p.init === at) {
      this.valueTargets(p.id);
    } else if ((p?.type === "MethodDefinition" || p?.type === "PropertyDefinition") && p.value === at && !p.computed) {
      // A method, getter or function-valued field: its `this.name` uses.
      const cls = p.parent.parent;
      const name = keyName(p.key);
      if (name && !p.static) this.valueField(cls, name);
    } else {
      const assigned = prototypeAssignment(at);
      if (assigned) this.prototypeUses(assigned.owner, assigned.name);
    }
  }

  /** `this.name` in the functions of the constructor `owner` (prototype methods and the constructor itself). */
  private prototypeUses(owner: string, name: string): void {
    this.membersNamed(
      name,
      (member) => unwrap(member.object).type === "ThisExpression" && prototypeOwnerOfThis(member) === owner,
    );
  }

  /** Every `x.name` member expression of the file that `accept` takes: a value (found through the text). */
  private membersNamed(name: string, accept: (member: TSESTree.MemberExpression) => boolean): void {
    const text = this.sourceCode.text;
    const ast = this.sourceCode.ast as Node;
    const tokens = this.locator.tokens;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      const i = this.locator.tokenIndexAt(at);
      const token = i > 0 ? tokens[i] : null;
      if (!token || token.range[0] !== at || token.range[1] !== at + name.length || token.type !== "Identifier")
        continue;
      // A member's name follows `.` or `?.`: other mentions never need the AST.
      const dot = tokens[i - 1];
      if (dot.type !== "Punctuator" || (dot.value !== "." && dot.value !== "?.")) continue;
      const node = this.locator.nodeAt(at, ast);
      const member = node.parent;
      if (member?.type === "MemberExpression" && member.property === node && accept(member)) this.valueNode(member);
    }
  }

  /** A value passed to a function of this file (local-flow.ts): the parameter it lands in. */
  private argumentReaches(call: TSESTree.CallExpression, arg: Node): void {
    const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    if (index < 0) return;
    const fn = calledFunction(call.callee, this.sourceCode, (id) => this.scopes.variableOf(id));
    const param = fn?.params[index];
    const id = param?.type === "AssignmentPattern" ? param.left : param;
    if (id?.type !== "Identifier") return;
    const v = this.scopes.variableOf(id);
    if (v) this.valueVariable(v);
  }

  /** A client type name: the variable, parameter or field its annotation types. */
  private typeAnnotated(id: Node): void {
    let n: Node = id;
    if (n.parent?.type === "TSQualifiedName") n = n.parent;
    if (n.parent?.type !== "TSTypeReference" || n.parent.typeName !== n) return;
    n = n.parent;
    while (n.parent?.type === "TSUnionType") n = n.parent;
    const ann = n.parent;
    if (ann?.type !== "TSTypeAnnotation" || ann.typeAnnotation !== n) return;
    const owner = ann.parent;
    if (owner?.type === "Identifier") {
      const v = this.scopes.variableOf(owner);
      if (v) this.valueVariable(v);
    } else if ((owner?.type === "PropertyDefinition" || owner?.type === "AccessorProperty") && !owner.computed) {
      const cls = owner.parent?.parent;
      const name = keyName(owner.key);
      if (name && cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression"))
        this.valueField(cls, name);
    }
  }
}
