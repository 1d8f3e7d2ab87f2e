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
  PACKAGE_TYPE_NAMES,
  TYPE_PACKAGE_PATH,
  UNAMBIGUOUS_TYPE_NAMES,
  packageInfo,
} from "./clients.js";
import { isReadOnly, isWrite, normaliseCommand } from "./commands.js";
import { ANY_NAME, DEFAULT_CLIENT_NAMES, type RedisSettings, mentionRegexes, nameMatcher, readSettings } from "./settings.js";
import { isNonClientAnnotation } from "./type-evidence.js";
import { declaredNonClient } from "./structural.js";
import { type AnchoredWord, anchoredWords, findWords } from "./word-search.js";
import {
  type FunctionNode,
  type Node,
  calleeMember,
  enclosingFunction,
  isFunction,
  outermost,
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
  /** How the model was built; null when the early exit answered without building one. */
  readonly build: ModelBuild | null;
}

export interface ModelBuild {
  /** The whole AST was walked (type-aware mode, `fullWalk`, or a file the forward search cannot handle). */
  readonly fullWalk: boolean;
  /** Why the forward search gave up, when it did. */
  readonly fallback: string | null;
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
  build: null,
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
/** The file asked about last: its AST, model, text and settings (held until the next file). */
const last: { ast: object | null; model: FileModel; text: string | null; settings: unknown } = {
  ast: null,
  model: EMPTY_MODEL,
  text: null,
  settings: null,
};
/** The text `noHintInText` said no to last, and the settings object it was linted with. */
const noRedis: { text: string | null; settings: unknown } = { text: null, settings: null };
const matcherCache = new WeakMap<RedisSettings, (name: string) => boolean>();

function nameMatcherFor(settings: RedisSettings): (name: string) => boolean {
  let matcher = matcherCache.get(settings);
  if (!matcher) matcherCache.set(settings, (matcher = nameMatcher(settings.clientNames)));
  return matcher;
}

interface RuleContextLike {
  sourceCode: TSESLint.SourceCode;
  settings: Record<string, unknown>;
}

/**
 * The model of the file being linted, built on first request and shared by all rules. Cached by
 * the file's AST, which is a new object for every file in ESLint and in oxlint alike (oxlint
 * reuses one `sourceCode` object for every file); "no Redis" answered from the text alone is
 * remembered by the text and the settings object, since it depends on nothing else.
 */
export function getModel(context: RuleContextLike): FileModel {
  const sourceCode = context.sourceCode;
  const text = sourceCode.text;
  const raw = context.settings;
  // Every rule asks in turn for the same file: a comparison or two answer all but the first. A
  // text with no hint of Redis in it is answered from the text alone, without asking for the AST
  // (which oxlint builds for JavaScript plugins only when asked).
  if (text === noRedis.text && raw === noRedis.settings) return EMPTY_MODEL;
  if (text === last.text && raw === last.settings && sourceCode.ast === last.ast) return last.model;
  const settings = readSettings(raw);
  if (noHintInText(text, settings)) {
    noRedis.text = text;
    noRedis.settings = raw;
    return EMPTY_MODEL;
  }
  const ast = sourceCode.ast;
  let model = cache.get(ast);
  if (!model) {
    model = mightUseRedis(sourceCode, settings) ? new Builder(sourceCode, settings).build() : EMPTY_MODEL;
    // A file with no Redis is answered again in one text test if it is ever asked for again.
    if (model !== EMPTY_MODEL) cache.set(ast, model);
  }
  Object.assign(last, { ast, model, text, settings: raw });
  return model;
}

/**
 * The early exit on the text alone: no hint anywhere in it, not even in comments (then the AST and
 * the tokens are never needed). Not with type information, where any import can bring a client.
 */
function noHintInText(text: string, settings: RedisSettings): boolean {
  if (settings.typeAware || hasHint(text)) return false;
  if (settings.clientNames !== DEFAULT_CLIENT_NAMES || settings.clientModules.length > 0) {
    const { names, modules } = mentionRegexes(settings);
    if (names === ANY_NAME) return false;
    for (const re of [names, modules]) {
      if (!re) continue;
      re.lastIndex = 0;
      if (re.test(text)) return false;
    }
  }
  return true;
}

/**
 * Test-only: builds the model of `sourceCode` without the cache and without the early exit.
 * `fullWalk: true` uses the original walk-based construction (every call in the file is a
 * candidate, `this.x =` found by walking class bodies), which scripts/model-equivalence.mjs
 * compares with the default construction.
 */
export function buildModelForTest(
  sourceCode: TSESLint.SourceCode,
  settings: Record<string, unknown> | RedisSettings | undefined,
  options: { fullWalk?: boolean } = {},
): FileModel {
  const resolved = settings && "clientNames" in settings && Array.isArray(settings.clientNames) ? (settings as RedisSettings) : readSettings(settings as Record<string, unknown> | undefined);
  return new Builder(sourceCode, resolved, options.fullWalk === true).build();
}

/**
 * The early exit. Every way the model can find Redis needs one of HINTS in the text:
 * - package names, client names and client type names contain `redis` / `Redis`, `valkey` /
 *   `Valkey`, `@vercel/kv`, `VercelKV` or `Glide` (so does `@InjectRedis()`; `@InjectConnection()`
 *   needs the `Redis` type beside it);
 * - Bun's client is only reached through `redis` or `RedisClient` (`import { redis } from "bun"`,
 *   `Bun.redis`, `new RedisClient()`), so a mention of "bun" adds nothing;
 * - structural evidence (`x.multi()` / `x.pipeline()`, commands, then an `exec*()` method) needs
 *   `.multi` or `.pipeline`, and `exec`.
 * And a hint only counts where the model's search looks: in a name, in a string used as a
 * computed member name (`this["redis"]`), or in a string that is a client package's name (import
 * and require sources). Not in comments, log messages or Lua scripts, where client libraries and
 * the code around them mention Redis most.
 * `npm run model:equivalence` checks this on its corpus and on every rule test: whenever the early
 * exit says "no Redis", the model built without it finds no call and no transaction.
 */
const HINTS = ["redis", "Redis", "valkey", "Valkey", "@vercel/kv", "VercelKV", "Glide"];
const STRUCTURAL_HINTS = [".multi", ".pipeline"];

/**
 * Where a hint found at a position of the text stands: -1 if it counts, otherwise the position to
 * search on from (the end of the token it is in, or the start of the next token).
 */
type HintFilter = (at: number) => number;

/**
 * `hasHintSlow` (with no filter), in fewer and cheaper passes than one `includes` per hint. A
 * substring search stops at every occurrence of the needle's first character, so a needle that
 * starts with a rare character (`G`, `V`, `k`, `x`) costs far less than one that starts with `r`,
 * `e`, `.` or `@`: the costly hints are found through a rarer part of them, then checked in place.
 * The cheapest tests go first: the first pass over a text that the parse left out of the cache is
 * the slowest. With a filter, only the hints it lets count.
 */
export function hasHint(text: string, filter?: HintFilter): boolean {
  const counts = (at: number): number => (filter ? filter(at) : -1);
  for (const word of ["Glide", "VercelKV"]) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      const next = counts(i);
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  // `redis` / `Redis`: through `dis`.
  for (let i = text.indexOf("dis", 2); i >= 0; i = text.indexOf("dis", i + 1)) {
    const r = text.charCodeAt(i - 2);
    if (text.charCodeAt(i - 1) === 101 /* e */ && (r === 114 /* r */ || r === 82) /* R */) {
      const next = counts(i);
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  // `valkey` / `Valkey` / `@vercel/kv`: through `k`.
  for (let i = text.indexOf("k", 3); i >= 0; i = text.indexOf("k", i + 1)) {
    const next = text.charCodeAt(i + 1);
    let found = false;
    if (next === 101 /* e */) {
      const v = text.charCodeAt(i - 3);
      found = text.startsWith("alkey", i - 2) && (v === 118 /* v */ || v === 86) /* V */;
    } else if (next === 118 /* v */) found = text.startsWith("@vercel/", i - 8);
    if (found) {
      const after = counts(i);
      if (after < 0) return true;
      i = Math.max(i, after - 1);
    }
  }
  // `exec` through `xec`, then `.multi` / `.pipeline` (through `multi` / `peline`).
  return occursAfter(text, "xec", "e") && (occursAfter(text, "multi", ".", filter) || occursAfter(text, "peline", ".pi", filter));
}

/** Whether `prefix + needle` occurs in `text` (where `filter` lets it count), found through the occurrences of `needle`. */
function occursAfter(text: string, needle: string, prefix: string, filter?: HintFilter): boolean {
  for (let i = text.indexOf(needle, prefix.length); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (text.startsWith(prefix, i - prefix.length)) {
      const next = filter ? filter(i) : -1;
      if (next < 0) return true;
      i = Math.max(i, next - 1);
    }
  }
  return false;
}

/** The reference for `hasHint` with no filter: what the early exit needs to find in a file that uses Redis. */
export function hasHintSlow(text: string): boolean {
  return HINTS.some((h) => text.includes(h)) || (text.includes("exec") && STRUCTURAL_HINTS.some((h) => text.includes(h)));
}

/** Test-only: the early exit's answer (false: the file is known to have no Redis in it). */
export function earlyExitAdmits(sourceCode: TSESLint.SourceCode, settings: RedisSettings): boolean {
  return mightUseRedis(sourceCode, settings);
}

function mightUseRedis(sourceCode: TSESLint.SourceCode, settings: RedisSettings): boolean {
  const text = sourceCode.text;
  const tokens = (sourceCode.ast as { tokens?: TSESTree.Token[] }).tokens;
  if (tokens) {
    const words = seedWords(settings, "TSTypeAnnotation" in sourceCode.visitorKeys);
    const matches = nameMatcherFor(settings);
    if (hasHint(text, hintFilter(tokens, text.length, (name) => words.fixed.has(name) || matches(name)))) return true;
  } else if (hasHint(text)) return true;
  // Configured names and modules can be anything.
  if (settings.clientNames !== DEFAULT_CLIENT_NAMES || settings.clientModules.length > 0) {
    const { names, modules } = mentionRegexes(settings);
    if (names === ANY_NAME || (names && mentionedInCode(names, text, tokens, isNameToken))) return true;
    if (modules && mentionedInCode(modules, text, tokens)) return true;
  }
  if (settings.typeAware && hasTypeInfo(sourceCode) && /\b(?:import|require)\b/.test(text)) return true;
  return false;
}

/**
 * The early exit's HintFilter: a hint counts in a name the model's search starts from (a client
 * name, `multi`, `pipeline`, a client type name in TypeScript, or `RedisClient`, which
 * `Bun.RedisClient` reaches from the `Bun` global), in a string used as a computed member name, or
 * in a client package's name (import and require sources). Not in other names: `redisOptions` or
 * `isRedisReady` start nothing.
 */
function hintFilter(tokens: readonly TSESTree.Token[], end: number, isSeed: (name: string) => boolean): HintFilter {
  return (at) => {
    const i = tokenIndexIn(tokens, at);
    if (i < 0) return tokens[-i - 1]?.range[0] ?? end;
    const t = tokens[i];
    if (t.type === "Identifier" || t.type === "PrivateIdentifier") {
      const name = bareName(t.value);
      if (isSeed(name) || name === "RedisClient") return -1;
    } else if (t.type === "String" || t.type === "Template") {
      if (isBracketString(tokens, i) || packageInfo(t.value.slice(1, -1))) return -1;
    }
    return t.range[1];
  };
}

/**
 * Whether the global `re` matches in `text` outside comments: at a position inside a token (that
 * passes `test`, if given). Client libraries and the code around them say "Redis" in comments far
 * more often than in code. Without tokens, any match counts.
 */
function mentionedInCode(
  re: RegExp,
  text: string,
  tokens: readonly TSESTree.Token[] | undefined,
  test?: (tokens: readonly TSESTree.Token[], i: number) => boolean,
): boolean {
  re.lastIndex = 0;
  if (!tokens) return re.test(text);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = tokenIndexIn(tokens, m.index);
    if (i >= 0) {
      if (!test || test(tokens, i)) return true;
      // Any other match in this token fails the same test.
      re.lastIndex = Math.max(re.lastIndex, tokens[i].range[1]);
    } else {
      // In a comment or white space: go on from the next token.
      const next = tokens[-i - 1];
      if (!next) return false;
      re.lastIndex = Math.max(re.lastIndex, next.range[0]);
    }
  }
  return false;
}

/** The tokens the model's search starts from for a name: names, and strings after `[`. */
function isNameToken(tokens: readonly TSESTree.Token[], i: number): boolean {
  const t = tokens[i];
  return t.type === "Identifier" || t.type === "PrivateIdentifier" || isBracketString(tokens, i);
}

/** A string right after `[`: a computed member name (`this["redis"]`, `x[\`multi\`]`). */
function isBracketString(tokens: readonly TSESTree.Token[], i: number): boolean {
  const t = tokens[i];
  return (t.type === "String" || t.type === "Template") && i > 0 && tokens[i - 1].value === "[";
}

/** A name without the `#` of a private name. */
function bareName(name: string): string {
  return name.startsWith("#") ? name.slice(1) : name;
}

/**
 * The index of the token that holds `pos` (binary search); when none does (a comment, or white
 * space), `-(n + 1)` where `n` is the index of the first token after `pos`.
 */
function tokenIndexIn(tokens: readonly TSESTree.Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = tokens[mid].range;
    if (pos < r[0]) hi = mid - 1;
    else if (pos >= r[1]) lo = mid + 1;
    else return mid;
  }
  return -lo - 1;
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
  private allIndexed = false;
  private readonly scopeIndex = new Map<Scope, Map<TSESTree.Identifier, Variable | null>>();
  private readonly exprMemo = new Map<Node, Value | null>();
  private readonly exprMemoNoTypes = new Map<Node, Value | null>();
  private typesOn = true;
  private readonly varMemo = new Map<Variable, Value | null>();
  private readonly inProgress = new Set<object>();
  private readonly classFields = new Map<Node, Map<string, Node[]>>();
  private readonly declaredFieldMemo = new Map<Node, Map<string, Node[]>>();
  private readonly assignedFieldMemo = new Map<Node, Map<string, Node[]>>();
  private readonly assignTestMemo = new Map<Node, boolean>();
  private readonly fieldSourceMemo = new Map<Node, Map<string, readonly Node[]>>();
  private readonly callNodes: TSESTree.CallExpression[] = [];
  private readonly structuralVars = new Set<Variable>();
  private readonly structuralTexts = new Set<string>();
  private readonly matchesName: (name: string) => boolean;
  private readonly typeInfo: TypeInfo | null;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly settings: RedisSettings,
    /** Test-only: the original construction (see `buildModelForTest`). */
    private readonly legacy = false,
  ) {
    this.matchesName = nameMatcherFor(settings);
    this.typeInfo = settings.typeAware ? TypeInfo.from(sourceCode) : null;
  }

  build(): FileModel {
    // The original construction indexes every reference up front; otherwise scopes are indexed
    // on first use (see `variableOf`).
    if (this.legacy || this.typeInfo) this.indexReferences();
    // With type information, any identifier can be a client: every call is a candidate. Otherwise
    // candidates are found by following values forward from where Redis can come from.
    const fullWalk = this.legacy || !!this.typeInfo || !this.findCandidates();
    if (fullWalk) {
      this.callNodes.length = 0;
      this.structuralVars.clear();
      this.structuralTexts.clear();
      this.collect();
      this.findStructuralClients();
    }
    for (const call of this.callNodes) this.recordCall(call);
    this.calls.sort((a, b) => a.node.range[1] - b.node.range[1]);
    for (const tx of this.transactions) {
      tx.queued.sort((a, b) => a.node.range[1] - b.node.range[1]);
      tx.execs.sort((a, b) => a.node.range[1] - b.node.range[1]);
    }
    const byFn = new Map<FunctionNode | TSESTree.Program, RedisCall[]>();
    for (const c of this.calls) pushTo(byFn, c.fn, c);
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
      build: { fullWalk, fallback: this.fallback },
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
    this.allIndexed = true;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return;
    for (const scope of manager.scopes as Scope[]) {
      for (const ref of scope.references) this.refMap.set(ref.identifier as TSESTree.Identifier, ref.resolved);
      for (const variable of scope.variables) {
        for (const def of variable.defs) this.refMap.set(def.name as TSESTree.Identifier, variable);
      }
    }
  }

  /**
   * The variable an identifier (a reference or a declared name) stands for. Same answer as
   * `indexReferences` (the last scope, in scope order, that mentions the identifier), found by
   * indexing only the scopes around the identifier: those whose block holds it, innermost first.
   */
  private variableOf(id: TSESTree.Identifier): Variable | null {
    const known = this.refMap.get(id);
    if (known !== undefined || this.allIndexed) return known ?? null;
    const manager = this.sourceCode.scopeManager;
    if (!manager) return null;
    let scope: Scope | null = null;
    for (let n: Node | undefined = id; n && !scope; n = n.parent) scope = manager.acquire(n as never, true) as Scope | null;
    for (let s: Scope | null = scope ?? (manager.globalScope as Scope | null); s; s = s.upper) {
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

  // ---------------------------------------------------------------------------------------------
  // Candidate search: instead of walking the whole AST and asking about every call's receiver,
  // start from where a Redis value can come from and follow values forward to the calls made on
  // them. Every way `evaluate()` can reach a value backwards has a forward step here, so the
  // candidates include every call whose receiver evaluates to a Redis value; `evaluate()` still
  // judges each one. Calls left out are those whose receivers cannot reach any source of a value:
  // evaluating them yields null and creates nothing, so leaving them out changes no result.
  // Candidates are evaluated in the order the full walk (`collect`) met them: with values that
  // depend on each other (cycles cut by `inProgress`), the order decides what is memoised.
  //
  // Where Redis can come from (the sources):
  // - import declarations of client packages and of `clientModules` (read from Program.body);
  // - names found by one text search, each checked on its token and its node: `require("pkg")`,
  //   `import x = require("pkg")`, `Bun`, client type names (TypeScript), configured client
  //   names (variables, `.name` properties, `this.name` fields), `multi` / `pipeline`
  //   (structural evidence); then the texts of structural receivers (`this.client`).
  // Any change to `evaluate()` that adds a source or a step must be mirrored here; the check is
  // `npm run model:equivalence`.
  // Forward steps: wrappers, `await`, member access and calls on a value, `new`, assignments and
  // declarations (to the variables and `this.x` fields they write), `for…of`, defaults, `??`,
  // `?:`, a variable to its references, a field to its `this.x` uses, a type annotation to what
  // it annotates, a client's `executeIsolated(cb)` to the callback's parameter.
  //
  // Returns false when the file cannot be searched this way (no scope manager, tokens or parent
  // links; names written with escapes; a name token not at a name node): the caller then walks
  // the whole AST.

  private readonly candidates = new Set<TSESTree.CallExpression>();
  private readonly seenNodes = new Set<Node>();
  private readonly seenVars = new Set<Variable>();
  private readonly seenFields = new Map<Node, Set<string>>();
  private readonly pending: Node[] = [];
  private readonly thisMemberMemo = new Map<Node, Map<string, ThisMembers | null>>();
  private fieldWalkOrder: WalkOrder | null = null;
  private tokens: TSESTree.Token[] = [];
  private searchFailed: string | null = null;
  /** Why the search gave up (test statistics). */
  private fallback: string | null = null;

  private findCandidates(): boolean {
    const sourceCode = this.sourceCode;
    const ast = sourceCode.ast as TSESTree.Program;
    const tokens = (ast as { tokens?: TSESTree.Token[] }).tokens;
    if (!sourceCode.scopeManager || !tokens || !sourceCode.visitorKeys) return this.giveUp("no scope manager or tokens");
    if (ast.body.length && ast.body[0].parent !== ast) return this.giveUp("no parent links");
    this.tokens = tokens;
    const text = sourceCode.text;
    // Client type names only matter in type annotations: TypeScript.
    const words = seedWords(this.settings, "TSTypeAnnotation" in sourceCode.visitorKeys);
    if (text.includes("\\") && this.hasEscapedNames(text, words.fixed)) return this.giveUp("escaped names");

    // Imports of client packages and client modules.
    for (const statement of ast.body) {
      if (statement.type !== "ImportDeclaration") continue;
      const source = statement.source.value;
      if (!packageInfo(source) && !this.isClientModule(source)) continue;
      for (const spec of statement.specifiers) {
        const variable = this.variableOf(spec.local);
        if (variable) this.valueVariable(variable);
      }
    }
    // Names, found in the text and checked on the tokens and the AST: each token that holds one of
    // the words, once, in source order.
    const found = new Set<number>();
    findWords(text, words.anchored, (start) => {
      const i = this.tokenIndexAt(start);
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
    for (const t of this.structuralTexts) {
      for (let at = text.indexOf(t); at !== -1; at = text.indexOf(t, at + 1)) {
        const token = this.tokenAt(at);
        if (!token || token.range[0] !== at) continue;
        let node: Node | undefined = this.nodeAt(at, ast);
        while (node && node.range[0] === at && node.range[1] <= at + t.length) {
          if (node.type === "MemberExpression" && node.range[1] === at + t.length) {
            this.valueNode(node);
            break;
          }
          node = node.parent;
        }
      }
    }
    for (const v of this.structuralVars) this.valueVariable(v);
    this.drain();
    if (this.searchFailed) return this.giveUp(this.searchFailed);
    // In the full walk's order (evaluation order matters where values depend on each other).
    const order = new WalkOrder(this.sourceCode.visitorKeys as VisitorKeys, true);
    const ordered = [...this.candidates].filter((c) => order.path(c));
    ordered.sort((a, b) => order.compare(a, b));
    this.callNodes.push(...ordered);
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
      const i = this.tokenIndexAt(at);
      if (i < 0) continue;
      const t = this.tokens[i];
      if (t.type === "Identifier" || t.type === "PrivateIdentifier" || t.type === "Keyword") return true;
      if (isBracketString(this.tokens, i)) {
        let node: Node | undefined = this.nodeAt(t.range[0], ast);
        if (node.type === "TemplateElement") node = node.parent;
        const member = node?.parent;
        if (member?.type === "MemberExpression" && member.property === node && member.computed) {
          const name = propertyName(member);
          if (name !== null && (unwrap(member.object).type === "ThisExpression" || fixed.has(name) || this.matchesName(name))) return true;
        } else if (node?.type !== "Literal" && node?.type !== "TemplateLiteral") {
          return true;
        }
      }
      at = t.range[1] - 1;
    }
    return false;
  }

  private tokenIndexAt(pos: number): number {
    return tokenIndexIn(this.tokens, pos);
  }

  private tokenAt(pos: number): TSESTree.Token | null {
    const i = this.tokenIndexAt(pos);
    return i < 0 ? null : this.tokens[i];
  }

  /**
   * The deepest node under `root` whose range holds `pos`. The search starts from the statement
   * or class member the last search passed through, when that holds `pos` and lies under `root`:
   * searches come in source order, mostly near each other, and only expressions can have children
   * with overlapping ranges (`{ a = 1 }`), never statements or members, so starting there finds
   * the same node as starting from `root`.
   */
  private nodeAt(pos: number, root: Node): Node {
    let start = root;
    for (let n: Node | undefined = this.lastListElement ?? undefined; n && n !== root; n = n.parent) {
      if (n.range[0] <= pos && pos < n.range[1] && this.listElements.has(n)) {
        if (root.range[0] <= n.range[0] && n.range[1] <= root.range[1]) start = n;
        break;
      }
    }
    const keys = this.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    let node = start;
    descend: for (;;) {
      const childKeys = keys[node.type];
      if (!childKeys) return node;
      for (const key of childKeys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (!child) continue;
        if (Array.isArray(child)) {
          const found = childAt(child as (Node | null)[], pos);
          if (found) {
            if (key === "body" || key === "consequent") {
              this.lastListElement = found;
              this.listElements.add(found);
            }
            node = found;
            continue descend;
          }
        } else if (typeof (child as Node).type === "string") {
          const r = (child as Node).range;
          if (r[0] <= pos && pos < r[1]) {
            node = child as Node;
            continue descend;
          }
        }
      }
      return node;
    }
  }

  /** The statement or class member `nodeAt` last passed through, and all those it has passed through. */
  private lastListElement: Node | null = null;
  private readonly listElements = new Set<Node>();

  /** A token the text search found: a name, or a string used as a computed member name. */
  private onToken(token: TSESTree.Token, fixed: ReadonlySet<string>, named = false): void {
    const ast = this.sourceCode.ast as Node;
    if (token.type === "Identifier" || token.type === "PrivateIdentifier") {
      const name = bareName(token.value);
      if (!named && !fixed.has(name) && !this.matchesName(name)) return;
      if (name === "require" && !named && !this.matchesName(name) && this.requiresNoPackage(token)) return;
      const node = this.nodeAt(token.range[0], ast);
      if ((node.type === "Identifier" || node.type === "PrivateIdentifier") && node.name === name) this.onName(node);
      else if (node.type === "TSExternalModuleReference" && name === "require") {
        // `import Redis = require("ioredis")`
        const equals = node.parent;
        const from = staticString(node.expression);
        const variable = equals?.type === "TSImportEqualsDeclaration" && from && packageInfo(from) ? this.variableOf(equals.id) : null;
        if (variable) this.valueVariable(variable);
      } else if (node.type !== "JSXIdentifier" && !CONTEXTUAL_KEYWORDS.has(token.value)) this.searchFailed = `${token.type} token at ${node.type}`;
      return;
    }
    if (token.type !== "String" && token.type !== "Template") return;
    const i = this.tokenIndexAt(token.range[0]);
    if (!isBracketString(this.tokens, i)) return;
    let node: Node | undefined = this.nodeAt(token.range[0], ast);
    if (node.type === "TemplateElement") node = node.parent;
    if (!node || (node.type !== "Literal" && node.type !== "TemplateLiteral") || node.range[0] !== token.range[0]) {
      if (node?.type !== "JSXText" && node?.type !== "JSXAttribute") this.searchFailed = `${token.type} token at ${node?.type}`;
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
    const i = this.tokenIndexAt(token.range[0]);
    const open = this.tokens[i + 1];
    const arg = this.tokens[i + 2];
    return (
      open?.value === "(" &&
      open.type === "Punctuator" &&
      (arg?.type === "String" || arg?.type === "Template") &&
      !arg.value.includes("\\") &&
      !packageInfo(arg.value.slice(1, -1))
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
      if (source && packageInfo(source)) this.valueNode(id);
    }
    if (TYPE_SEED_NAMES.has(name)) this.valueNode(id);
    if (this.matchesName(name) && !isKeyOrLabel(id)) {
      const variable = this.variableOf(id);
      if (variable) this.valueVariable(variable);
      // `const { redis } = deps`, `import { redis }`: two nodes with one range.
      let other: Node | null = null;
      if (parent?.type === "Property" && parent.shorthand && parent.key === id) {
        other = parent.value.type === "AssignmentPattern" ? parent.value.left : parent.value;
      } else if (parent?.type === "ImportSpecifier" && parent.imported === id) {
        other = parent.local;
      }
      const v = other?.type === "Identifier" ? this.variableOf(other) : null;
      if (v) this.valueVariable(v);
    }
  }

  private onPropertyName(member: TSESTree.MemberExpression, name: string): void {
    if (name === "multi" || name === "pipeline") {
      const outer = outermost(member);
      const call = outer.parent;
      if (call?.type === "CallExpression" && call.callee === outer) this.structuralCall(call, member);
    }
    if (this.matchesName(name) || (name.startsWith("#") && this.matchesName(name.slice(1)))) this.valueNode(member);
  }

  /** `findStructuralClients` for one call. */
  private structuralCall(call: TSESTree.CallExpression, member: TSESTree.MemberExpression): void {
    if (!this.chainLooksLikeRedis(call)) return;
    const object = unwrap(member.object);
    if (object.type === "Identifier") {
      const v = this.variableOf(object);
      if (v) this.structuralVars.add(v);
    } else if (object.type === "MemberExpression") {
      this.structuralTexts.add(this.sourceCode.getText(object));
    }
  }

  private valueNode(node: Node): void {
    if (this.seenNodes.has(node)) return;
    this.seenNodes.add(node);
    this.pending.push(node);
  }

  private valueVariable(variable: Variable): void {
    if (this.seenVars.has(variable)) return;
    this.seenVars.add(variable);
    for (const ref of variable.references) this.valueNode(ref.identifier as Node);
    // A parameter property is also a field.
    for (const def of variable.defs) {
      if (def.type !== "Parameter") continue;
      const name = def.name as Node;
      let p = name.parent;
      if (p?.type === "AssignmentPattern" && p.left === name) p = p.parent;
      if (p?.type !== "TSParameterProperty") continue;
      const cls = p.parent?.parent?.parent?.parent;
      if (cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression") && name.type === "Identifier") this.valueField(cls, name.name);
    }
  }

  private valueField(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): void {
    let names = this.seenFields.get(cls);
    if (!names) this.seenFields.set(cls, (names = new Set()));
    if (names.has(name)) return;
    names.add(name);
    const found = this.thisMembers(cls, name);
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
        const v = this.variableOf(t);
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
        return;
      default:
        return;
    }
  }

  private drain(): void {
    const pending = this.pending;
    while (pending.length && !this.searchFailed) this.step(pending.pop()!);
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
                  const v = this.variableOf(arg.params[0]);
                  if (v) this.valueVariable(v);
                }
              }
            }
          }
        }
        return;
      case "CallExpression":
      case "NewExpression":
        if (p.callee === node) this.valueNode(p);
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
          const name = p.key.type === "Identifier" ? p.key.name : p.key.type === "PrivateIdentifier" ? `#${p.key.name}` : null;
          if (name && cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression")) this.valueField(cls, name);
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
      const v = this.variableOf(owner);
      if (v) this.valueVariable(v);
    } else if ((owner?.type === "PropertyDefinition" || owner?.type === "AccessorProperty") && !owner.computed) {
      const cls = owner.parent?.parent;
      const k = owner.key;
      const name = k.type === "Identifier" ? k.name : k.type === "PrivateIdentifier" ? `#${k.name}` : null;
      if (name && cls && (cls.type === "ClassDeclaration" || cls.type === "ClassExpression")) this.valueField(cls, name);
    }
  }

  /**
   * The `this.name` expressions of a class (not those in a nested class or plain function), and
   * the `this.name = …` assignments of its body in the order the full walk meets them. Found from
   * the occurrences of the name in the class's text. Null if the AST does not let us find them.
   */
  private thisMembers(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): ThisMembers | null {
    let byName = this.thisMemberMemo.get(cls);
    if (!byName) this.thisMemberMemo.set(cls, (byName = new Map()));
    let found = byName.get(name);
    if (found === undefined) {
      found = this.findThisMembers(cls, name);
      byName.set(name, found);
    }
    return found;
  }

  private findThisMembers(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): ThisMembers | null {
    if (!this.tokens.length) this.tokens = (this.sourceCode.ast as { tokens?: TSESTree.Token[] }).tokens ?? [];
    const bare = bareName(name);
    if (!bare || !this.tokens.length) return null;
    const text = this.sourceCode.text;
    const tokens = this.tokens;
    const body = cls.body;
    const end = cls.range[1];
    const result: ThisMembers = { uses: [], assigns: [] };
    for (let at = text.indexOf(bare, cls.range[0]); at !== -1 && at < end; at = text.indexOf(bare, at + 1)) {
      const i = this.tokenIndexAt(at);
      if (i < 0) continue;
      const token = tokens[i];
      let node: Node | undefined;
      if (token.type === "Identifier" || token.type === "PrivateIdentifier") {
        if (bareName(token.value) !== bare) continue;
        node = this.nodeAt(token.range[0], cls);
        if (node.type === "JSXIdentifier" || (node.type !== "Identifier" && node.type !== "PrivateIdentifier" && CONTEXTUAL_KEYWORDS.has(token.value))) continue;
        if ((node.type !== "Identifier" && node.type !== "PrivateIdentifier") || node.name !== bare) return null;
      } else if (isBracketString(tokens, i)) {
        node = this.nodeAt(token.range[0], cls);
        if (node.type === "TemplateElement") node = node.parent;
        if (!node || (node.type !== "Literal" && node.type !== "TemplateLiteral")) return null;
      } else {
        continue;
      }
      at = token.range[1] - 1;
      const member = node.parent;
      if (member?.type !== "MemberExpression" || member.property !== node || propertyName(member) !== name) continue;
      if (enclosingClass(member) !== cls) continue;
      if (unwrap(member.object).type === "ThisExpression") result.uses.push(member);
      const assign = member.parent;
      if (
        member.object.type === "ThisExpression" &&
        assign?.type === "AssignmentExpression" &&
        assign.left === member &&
        assign.operator === "=" &&
        assign.range[0] >= body.range[0] &&
        assign.range[1] <= body.range[1]
      ) {
        result.assigns.push(assign);
      }
    }
    // In the order the walk of the class body meets them.
    const order = (this.fieldWalkOrder ??= new WalkOrder(this.sourceCode.visitorKeys as VisitorKeys, false));
    result.assigns = result.assigns.filter((a) => order.path(a));
    result.assigns.sort((a, b) => order.compare(a, b));
    return result;
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
    if (this.structuralVars.has(variable) && !declaredNonClient(variable)) return this.structuralClient(variable, id);
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
    // `const redis: Map<string, string> = ...`: the name says client, the type says not.
    if (isNonClientAnnotation(name.typeAnnotation)) return null;
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
    const source = importBindingSource(def.node as Node);
    const pkg = source === null ? undefined : packageInfo(source);
    if (!pkg) return null;
    const spec = def.node as TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration;
    // `import Redis = require("ioredis")` names what a default import would.
    if (spec.type === "ImportDefaultSpecifier" || spec.type === "TSImportEqualsDeclaration") {
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
    return def?.type === "ImportBinding" ? importBindingSource(def.node as Node) : null;
  }

  /** Type references are not always in the reference map (espree has none); fall back to scope lookup. */
  private findVariableByName(id: TSESTree.Identifier): Variable | null {
    const known = this.variableOf(id);
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
    const key = `this:${cls.range[0]}.${name}`;
    for (const source of this.fieldSources(cls, name)) {
      let v: Value | null = null;
      if (source.type === "Identifier") {
        // `private readonly redis: Map<string, number>`: not a client, whatever its name.
        if (isNonClientAnnotation(source.typeAnnotation)) return null;
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

  /** Every place a class gives the field `name` its value: declarations, parameter properties, `this.name =`. */
  private fieldSources(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): readonly Node[] {
    if (this.legacy) return this.fieldsOf(cls).get(name) ?? [];
    let byName = this.fieldSourceMemo.get(cls);
    if (!byName) this.fieldSourceMemo.set(cls, (byName = new Map()));
    let sources = byName.get(name);
    if (sources) return sources;
    sources = this.declaredFields(cls).get(name) ?? [];
    if (this.assignsInClass(cls)) {
      const found = this.thisMembers(cls, name);
      const assigned = found ? found.assigns.map((a) => a.right) : (this.assignedFields(cls).get(name) ?? []);
      if (assigned.length) sources = [...sources, ...assigned];
    }
    byName.set(name, sources);
    return sources;
  }

  /** The original: every field of the class at once, `this.x =` found by walking the class body. */
  private fieldsOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
    let fields = this.classFields.get(cls);
    if (fields) return fields;
    fields = new Map();
    for (const [name, list] of this.declaredFields(cls)) fields.set(name, [...list]);
    if (this.assignsInClass(cls)) {
      for (const [name, list] of this.assignedFields(cls)) {
        const known = fields.get(name);
        if (known) known.push(...list);
        else fields.set(name, [...list]);
      }
    }
    this.classFields.set(cls, fields);
    return fields;
  }

  /** Fields declared in the class body: typed or initialised properties, parameter properties. */
  private declaredFields(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
    let fields = this.declaredFieldMemo.get(cls);
    if (fields) return fields;
    fields = new Map();
    const add = (name: string, node: Node) => pushTo(fields!, name, node);
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
    this.declaredFieldMemo.set(cls, fields);
    return fields;
  }

  /** Whether the class text shows a `this.x = ...` at all (cheap test before looking for them). */
  private assignsInClass(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    let r = this.assignTestMemo.get(cls);
    if (r === undefined) {
      r = /this\s*\.\s*#?\w+\s*=[^=]/.test(this.sourceCode.text.slice(cls.range[0], cls.range[1]));
      this.assignTestMemo.set(cls, r);
    }
    return r;
  }

  /** `this.x = ...` anywhere in the class body (constructor, init methods), by walking it. */
  private assignedFields(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
    let fields = this.assignedFieldMemo.get(cls);
    if (fields) return fields;
    fields = new Map();
    this.walk(cls.body, (node) => {
      if (
        node.type === "AssignmentExpression" &&
        node.operator === "=" &&
        node.left.type === "MemberExpression" &&
        node.left.object.type === "ThisExpression" &&
        enclosingClass(node.left) === cls
      ) {
        const name = propertyName(node.left);
        if (name) pushTo(fields!, name, node.right);
      }
    });
    this.assignedFieldMemo.set(cls, fields);
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

interface ThisMembers {
  /** `this.x` expressions. */
  uses: TSESTree.MemberExpression[];
  /** `this.x = …` in the class body, in the full walk's order. */
  assigns: TSESTree.AssignmentExpression[];
}

/** Type names that can make a declaration a client (see `typeNameInfo`). */
const TYPE_SEED_NAMES = new Set([...Object.keys(UNAMBIGUOUS_TYPE_NAMES), ...Object.keys(PACKAGE_TYPE_NAMES), "Redis"]);

interface SeedWords {
  /** The words the search starts from, to find in the text (see word-search.ts). */
  anchored: readonly AnchoredWord[];
  /** The fixed words: `require`, `Bun`, client type names, `multi`, `pipeline`. */
  fixed: ReadonlySet<string>;
  /** A client name is a regular expression: names are looked for token by token. */
  anyName: boolean;
}

const seedWordsCache = [new WeakMap<RedisSettings, SeedWords>(), new WeakMap<RedisSettings, SeedWords>()];

function seedWords(settings: RedisSettings, typescript: boolean): SeedWords {
  const cache = seedWordsCache[typescript ? 1 : 0];
  const hit = cache.get(settings);
  if (hit) return hit;
  const fixed = new Set(["require", "Bun", "multi", "pipeline", ...(typescript ? TYPE_SEED_NAMES : [])]);
  const words = new Set(fixed);
  let anyName = false;
  for (const n of settings.clientNames) {
    if (/^\/(.+)\/([a-z]*)$/.test(n)) anyName = true;
    else if (n) words.add(n);
  }
  const result = { anchored: anchoredWords(words), fixed, anyName };
  cache.set(settings, result);
  return result;
}

type VisitorKeys = Record<string, readonly string[] | undefined>;

/**
 * The order in which a stack-based walk visits nodes: each node before its children, the children
 * of its last visitor key first, and the elements of an array in source order when the walk
 * pushes them in reverse (`collect`), in reverse order otherwise (`walk`).
 */
class WalkOrder {
  private readonly paths = new Map<Node, number[] | null>();

  constructor(
    private readonly keys: VisitorKeys,
    private readonly arraysInOrder: boolean,
  ) {}

  /** Ranks from the root down to `node`; null if the walk does not reach it. */
  path(node: Node): number[] | null {
    const known = this.paths.get(node);
    if (known !== undefined) return known;
    let result: number[] | null = null;
    const parent = node.parent;
    if (!parent) result = [];
    else {
      const rank = this.rank(parent, node);
      const above = rank < 0 ? null : this.path(parent);
      if (above) result = [...above, rank];
    }
    this.paths.set(node, result);
    return result;
  }

  compare(a: Node, b: Node): number {
    const pa = this.path(a)!;
    const pb = this.path(b)!;
    const n = Math.min(pa.length, pb.length);
    for (let i = 0; i < n; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return pa.length - pb.length;
  }

  /** Where `child` comes among the children of `parent` in the walk (lower first); -1 if not a child. */
  private rank(parent: Node, child: Node): number {
    const keys = this.keys[parent.type] ?? [];
    for (let k = 0; k < keys.length; k++) {
      const value = (parent as unknown as Record<string, unknown>)[keys[k]];
      const slot = (keys.length - 1 - k) * 2 ** 24;
      if (value === child) return slot;
      if (Array.isArray(value)) {
        const i = indexIn(value as (Node | null)[], child);
        if (i >= 0) return slot + (this.arraysInOrder ? i : value.length - 1 - i);
      }
    }
    return -1;
  }
}

function indexIn(list: readonly (Node | null)[], node: Node): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid];
    if (!n || typeof n.type !== "string") return list.indexOf(node);
    if (n === node) return mid;
    if (node.range[0] < n.range[0] || (node.range[0] === n.range[0] && node.range[1] < n.range[1])) hi = mid - 1;
    else if (node.range[0] > n.range[0] || node.range[1] > n.range[1]) lo = mid + 1;
    else return list.indexOf(node);
  }
  // Not found where source order puts it: look everywhere, unless it lies outside the array.
  const first = list[0];
  const last = list[list.length - 1];
  if (first && last && (node.range[1] <= first.range[0] || node.range[0] >= last.range[1])) return -1;
  return list.indexOf(node);
}

/** Words the tokenizers give as identifiers that are not names (`for (x of y)`, `import { a as b }`). */
const CONTEXTUAL_KEYWORDS = new Set([
  "of", "as", "from", "is", "asserts", "get", "set", "async", "await", "static", "let", "yield", "type", "declare",
  "readonly", "abstract", "keyof", "infer", "satisfies", "accessor", "override", "module", "namespace", "global",
  "unique", "out", "in", "require", "using", "constructor", "public", "private", "protected", "enum", "interface",
  "implements", "package", "target", "meta", "defer", "source",
]);

/** The module an import binding comes from: `import … from "m"`, `import x = require("m")`. */
function importBindingSource(node: Node): string | null {
  if (node.type === "TSImportEqualsDeclaration") {
    const ref = node.moduleReference;
    return ref.type === "TSExternalModuleReference" ? staticString(ref.expression) : null;
  }
  const decl = node.parent;
  return decl?.type === "ImportDeclaration" ? decl.source.value : null;
}

/** A name that is no variable: a property or member key, a label, an export alias. */
function isKeyOrLabel(id: TSESTree.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  switch (p.type) {
    case "Property":
      return p.key === id && !p.computed && !p.shorthand;
    case "MethodDefinition":
    case "PropertyDefinition":
    case "AccessorProperty":
    case "TSAbstractMethodDefinition":
    case "TSAbstractPropertyDefinition":
    case "TSAbstractAccessorProperty":
    case "TSPropertySignature":
    case "TSMethodSignature":
      return p.key === id && !p.computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return true;
    case "ExportSpecifier":
      return p.exported === id && p.local !== id && p.local.range[0] !== id.range[0];
    case "TSQualifiedName":
      return p.right === id;
    case "MetaProperty":
    case "ImportAttribute":
      return true;
    default:
      return false;
  }
}

/** The element of a node array whose range holds `pos` (arrays are in source order; holes allowed). */
function childAt(list: readonly (Node | null)[], pos: number): Node | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid];
    if (!n || typeof n.type !== "string") {
      // A hole (`[a, , b]`): look at every element.
      for (const e of list) if (e && typeof e.type === "string" && e.range[0] <= pos && pos < e.range[1]) return e;
      return null;
    }
    if (pos < n.range[0]) hi = mid - 1;
    else if (pos >= n.range[1]) lo = mid + 1;
    else return n;
  }
  return null;
}

/** Appends `value` to the list `map` holds for `key`. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
