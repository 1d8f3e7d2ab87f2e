/**
 * Evidence weighed over the whole file: a receiver with a generic name (`client`, `db`,
 * `this.client`, `self.client` with `self = this`, `opts.client`) is a Redis client when the file
 * calls Redis-only commands on it, or passes it Redis argument shapes.
 *
 * The evidence, per receiver (a variable; `this.<field>` of one class, or of the prototype-style
 * functions of the file; or a member expression's text):
 * - vocabulary: a call of a method in REDIS_ONLY (vocabulary.ts; 1 per distinct method);
 * - argument shapes: `"PX", ms` / `"EX", s` / `"NX"` / `"XX"` as an argument, `{ NX: true, PX: ms }`,
 *   `{ condition: "NX" }` (2: no common JavaScript API takes them);
 * - a `multi()` / `pipeline()` chain that queues commands and `exec()`s (1);
 * - commands passed as data (2): `x.multi(A)` / `x.pipeline(A)` whose result is `exec()`ed, where A
 *   lists `[commandName, ...args]` entries naming Redis commands (command-lists.ts): ratelimiter's
 *   `db.multi([["zremrangebyscore", key, 0, start], ["zcard", key], …]).exec(cb)`. One
 *   Redis-only command is enough there: the command list is itself the MULTI chain's second
 *   piece of evidence.
 * A receiver is a client at 2 or more: two distinct Redis-only commands, one argument shape, or
 * one Redis-only command and a MULTI chain. One command is not enough: `expire`, `incr`, `publish`
 * each exist on some other object somewhere; two together on one receiver do not.
 * - Or, a strongly Redis-only command (STRONG_REDIS_ONLY: `hgetall`, `zadd`, `lpush`, `setnx`…,
 *   a mnemonic of Redis' own data types that no common object spells) and a call of any other
 *   Redis command name on the same receiver (`keys`, `get`, `del`): express-redis-cache's
 *   `self.client.hgetall(key)` beside `self.client.keys(pattern)`. The second call says the
 *   receiver sends commands; the first says which server. Looked for only on receivers that
 *   have such a command and nothing else (their references, or the property's occurrences).
 *
 * Soundness of the early exit: every receiver that qualifies has at least one anchor (a
 * Redis-only method name in call position, or a `PX` / `EX` / `NX` / `XX` word), which
 * `evidenceHint` finds in the text; or, for commands passed as data, `.multi` / `.pipeline` and
 * an `exec` method, which `hasHint` (early-exit.ts) finds (its structural hint).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { callSitesOf } from "../../ast/local-calls.js";
import { isNameChar } from "../../ast/word-search.js";
import { type Node, enclosingClass, isFunction, outermost, propertyName, unwrap } from "../../ast/nodes.js";
import { EXEC_METHODS, type Family, RAW_METHODS } from "../clients.js";
import { normaliseCommand } from "../commands.js";
import { queuesCommandList } from "./command-lists.js";
import type { Locator } from "./locator.js";
import { parameterIndex } from "./local-flow.js";
import type { Scopes } from "./scopes.js";
import { couldBeAnything } from "./values.js";
import {
  IOREDIS_HELPERS,
  NODE_REDIS_SPELLING,
  SHAPE_WORDS,
  STRONG_REDIS_ONLY,
  memberNameStarts,
  redisOnlyName,
} from "./vocabulary.js";
import { type Structural, declaredNonClient } from "./structural.js";

type Variable = TSESLint.Scope.Variable;

interface Tally {
  methods: Set<string>;
  score: number;
  anchored: boolean;
  /** The command of a strongly Redis-only method called on the receiver (STRONG_REDIS_ONLY). */
  strong: string | null;
  /** The receiver expression of that call. */
  strongAt: Node | null;
}

/** A parameter, or a variable whose value is not known here (not `new Map()`, not a literal). */
function couldBeClient(variable: Variable): boolean {
  const def = variable.defs[0];
  if (def?.type === "Parameter") return true;
  if (def?.type !== "Variable" || declaredNonClient(variable)) return false;
  return !def.node.init || couldBeAnything(def.node.init);
}

/**
 * A variable written with an `x.multi()` or `x.pipeline()` call (bull's `let multi = this.multi()`):
 * the transaction or pipeline of a client the file does not show, never a client itself (its
 * commands are queued, and a SETNX beside an EXPIRE in it is atomic).
 */
function holdsBatch(v: Variable): boolean {
  for (const ref of v.references) {
    const written = ref.writeExpr ? unwrap(ref.writeExpr) : null;
    if (written?.type !== "CallExpression") continue;
    const callee = unwrap(written.callee);
    const method = callee.type === "MemberExpression" ? propertyName(callee) : null;
    if (method === "multi" || method === "pipeline") return true;
  }
  return false;
}

export class Evidence {
  /** Variables that are clients by evidence. */
  readonly vars = new Set<Variable>();
  /** Member receivers that are clients by evidence, by key (see `memberKey`). */
  readonly members = new Set<string>();
  /** The property names of those member receivers (where the search looks for their uses). */
  readonly propertyNames = new Set<string>();
  /** The family the file's evidence points to, if any. */
  family: Family | null = null;
  private computed = false;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly scopes: Scopes,
    private readonly locator: Locator,
    private readonly structural: Structural,
  ) {}

  /** Weighs the file's evidence (once). */
  compute(): void {
    if (this.computed) return;
    this.computed = true;
    const text = this.sourceCode.text;
    const ast = this.sourceCode.ast as Node;
    const tokens = this.locator.tokens;
    // (No `evidenceHint` first: the two searches below find everything it would, and cost no more.)
    if (!tokens) return;
    const tallies = new Map<string, { tally: Tally; target: Variable | { prop: string }; key: string }>();
    let nodeRedis = 0;
    let positional = 0;
    const add = (receiver: Node, what: string, weight: number, anchor: boolean): void => {
      const key = this.receiverKey(receiver);
      if (!key) return;
      let entry = tallies.get(key.key);
      if (!entry)
        tallies.set(
          key.key,
          (entry = {
            tally: { methods: new Set(), score: 0, anchored: false, strong: null, strongAt: null },
            target: key.target,
            key: key.key,
          }),
        );
      const t = entry.tally;
      if (STRONG_REDIS_ONLY.has(what) && !t.strong) {
        t.strong = normaliseCommand(what);
        t.strongAt = receiver;
      }
      if (t.methods.has(what)) return;
      t.methods.add(what);
      t.score += weight;
      if (anchor) t.anchored = true;
    };
    const seen = new Set<number>();
    const visitToken = (i: number): void => {
      if (seen.has(i)) return;
      seen.add(i);
      const token = tokens[i];
      // Only these tokens can be evidence: find their node (the costly part) for nothing else.
      if (
        token.type === "Identifier"
          ? !redisOnlyName(token.value) &&
            !SHAPE_WORDS.has(token.value) &&
            token.value !== "multi" &&
            token.value !== "pipeline"
          : token.type !== "String" || !SHAPE_WORDS.has(token.value.slice(1, -1))
      )
        return;
      const node = this.locator.nodeAt(token.range[0], ast);
      if (token.type === "Identifier") {
        const name = token.value;
        const member = node.parent;
        if (
          node.type === "Identifier" &&
          member?.type === "MemberExpression" &&
          member.property === node &&
          !member.computed
        ) {
          const call = outermost(member).parent;
          if (call?.type === "CallExpression" && call.callee === outermost(member)) {
            const command = redisOnlyName(name);
            if (command) {
              add(member.object, command, 1, true);
              // bluebird's `Async` twins are made for node_redis v2 / v3's callback methods.
              if (command !== name) nodeRedis++;
              else if (IOREDIS_HELPERS.has(name)) positional++;
              else if (NODE_REDIS_SPELLING.test(name)) nodeRedis++;
            } else if (name === "multi" || name === "pipeline") {
              if (this.structural.chainLooksLikeRedis(call)) add(member.object, "multi", 1, false);
            }
          }
        }
        if (SHAPE_WORDS.has(name) && node.type === "Identifier") {
          // `{ NX: true, PX: ms }` as an argument.
          const prop = node.parent;
          if (prop?.type === "Property" && prop.key === node && !prop.computed) {
            const receiver = this.argumentReceiver(prop.parent);
            if (receiver) {
              add(receiver, "shape", 2, true);
              nodeRedis++;
            }
          }
        }
        return;
      }
      if (token.type === "String" && SHAPE_WORDS.has(token.value.slice(1, -1)) && node.type === "Literal") {
        const parent = node.parent;
        if (parent?.type === "Property" && parent.key === node) {
          const receiver = this.argumentReceiver(parent.parent);
          if (receiver) {
            add(receiver, "shape", 2, true);
            nodeRedis++;
          }
        } else if (
          parent?.type === "Property" &&
          parent.value === node &&
          !parent.computed &&
          ((parent.key.type === "Identifier" && parent.key.name === "condition") ||
            (parent.key.type === "Literal" && parent.key.value === "condition"))
        ) {
          const receiver = this.argumentReceiver(parent.parent);
          if (receiver) {
            add(receiver, "shape", 2, true);
            nodeRedis++;
          }
        } else {
          const receiver = this.argumentReceiver(node);
          if (receiver) {
            add(receiver, "shape", 2, true);
            positional++;
          }
        }
      }
    };
    // Redis-only method names after a `.`: one regular expression, tried after each `.` (vocabulary.ts).
    memberNameStarts(text, (start) => {
      const i = this.locator.tokenIndexAt(start);
      if (i >= 0 && tokens[i].range[0] === start) visitToken(i);
    });
    for (let at = text.indexOf("X", 1); at >= 0; at = text.indexOf("X", at + 1)) {
      // `PX` / `EX` / `NX` / `XX` as a whole word (as `evidenceHint` tests it) before the token lookup.
      const p = text.charCodeAt(at - 1);
      if (p !== 80 && p !== 69 && p !== 78 && p !== 88) continue;
      if (isNameChar(text.charCodeAt(at - 2)) || isNameChar(text.charCodeAt(at + 1))) continue;
      const i = this.locator.tokenIndexAt(at);
      if (i >= 0) visitToken(i);
    }
    // The tokens `multi` / `pipeline` right after a `.`, `multi` first, each in text order: one
    // search of the text for both loops below (each `.` stops a search for `.multi`). `.pipeline`
    // through `.pipel`: a needle of 7 characters or more costs V8 twice as much (word-search.ts).
    const chainTokens: number[] = [];
    for (const [word, needle] of [
      ["multi", ".multi"],
      ["pipeline", ".pipel"],
    ]) {
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        if (!text.startsWith(word, at + 1)) continue;
        const i = this.locator.tokenIndexAt(at + 1);
        if (i >= 0 && tokens[i].range[0] === at + 1 && tokens[i].value === word) chainTokens.push(i);
      }
    }
    // MULTI chains count only beside other evidence on the same receiver.
    if (tallies.size > 0) for (const i of chainTokens) visitToken(i);
    // Commands passed as data: `db.multi([["zadd", key, now, now], ["zcard", key]]).exec(cb)`.
    for (const i of chainTokens) {
      if (tokens[i].type !== "Identifier") continue;
      const id = this.locator.nodeAt(tokens[i].range[0], ast);
      const member = id.parent;
      if (member?.type !== "MemberExpression" || member.property !== id || member.computed) continue;
      const call = outermost(member).parent;
      if (call?.type !== "CallExpression" || call.callee !== outermost(member)) continue;
      if (queuesCommandList(call, this.sourceCode, this.scopes)) add(member.object, "command-list", 2, true);
    }
    // A strongly Redis-only command alone: a call of another command on the same receiver.
    for (const { tally, target, key } of tallies.values()) {
      if (
        tally.anchored &&
        tally.score < 2 &&
        tally.strong &&
        tally.strongAt &&
        this.hasOtherCommand(target, key, tally.strong, tally.strongAt)
      )
        tally.score = 2;
    }
    let any = false;
    for (const { tally, target } of tallies.values()) {
      if (!tally.anchored || tally.score < 2) continue;
      any = true;
      if ("prop" in target) {
        this.propertyNames.add(target.prop);
      } else {
        this.vars.add(target);
      }
    }
    for (const [key, { tally }] of tallies)
      if (tally.anchored && tally.score >= 2 && key.startsWith("m:")) this.members.add(key);
    if (any) {
      this.family = nodeRedis > 0 && positional === 0 ? "node-redis" : null;
      this.toCallers();
    }
  }

  /**
   * Whether the receiver (a variable, or the member receivers of `key`) has a call of a Redis
   * command other than `strong` in the file: `client.keys(…)` beside `client.hgetall(…)`. Over the
   * variable's references, or the occurrences of the property's name (one search per receiver).
   */
  private hasOtherCommand(target: Variable | { prop: string }, key: string, strong: string, strongAt: Node): boolean {
    const other = (object: Node): boolean => {
      const top = outermost(object);
      const member = top.parent;
      if (member?.type !== "MemberExpression" || member.object !== top || member.computed) return false;
      const call = outermost(member).parent;
      if (call?.type !== "CallExpression" || call.callee !== outermost(member)) return false;
      const name = propertyName(member);
      const command = name ? normaliseCommand(name) : null;
      return !!command && command !== strong && !EXEC_METHODS.has(name ?? "") && !RAW_METHODS.has(name ?? "");
    };
    if (!("prop" in target)) return target.references.some((ref) => other(ref.identifier));
    const text = this.sourceCode.text;
    const ast = this.sourceCode.ast as Node;
    const tokens = this.locator.tokens;
    const prop = target.prop;
    // `this.client` outside classes: not in the functions of another constructor of the file.
    const owner = key.startsWith("m:this:fn.") ? this.thisOwner(strongAt) : null;
    for (let at = text.indexOf(prop); at >= 0; at = text.indexOf(prop, at + prop.length)) {
      const i = this.locator.tokenIndexAt(at);
      if (i < 0 || tokens[i].range[0] !== at || tokens[i].value !== prop || tokens[i].type !== "Identifier") continue;
      const id = this.locator.nodeAt(at, ast);
      const m = id.parent;
      if (m?.type !== "MemberExpression" || m.property !== id || m.computed) continue;
      if (this.memberKey(m) !== key) continue;
      if (owner !== null) {
        const its = this.thisOwner(m);
        if (its !== null && its !== owner) continue;
      }
      if (other(m)) return true;
    }
    return false;
  }

  /**
   * Evidence split across functions (redis-lock): `acquireLock(client, …)` sends `SET … { PX, NX }`
   * on its parameter, and `redisLock(client)` passes its own `client` to it, then DELs on that.
   * A variable passed, at a call in this file, as a parameter that is a client by evidence is the
   * same object: a client too (followed up through callers, each variable once).
   */
  private toCallers(): void {
    const pending = [...this.vars];
    for (let variable = pending.pop(); variable; variable = pending.pop()) {
      const def = variable.defs[0];
      if (def?.type !== "Parameter" || !isFunction(def.node)) continue;
      const index = parameterIndex(def.node, def.name as TSESTree.Identifier);
      if (index < 0) continue;
      for (const call of callSitesOf(def.node, this.sourceCode, { inFileOnly: true }) ?? []) {
        const arg = call.arguments[index] as Node | undefined;
        if (arg?.type !== "Identifier") continue;
        const passed = this.scopes.variableOf(arg);
        if (!passed || this.vars.has(passed) || !couldBeClient(passed)) continue;
        this.vars.add(passed);
        pending.push(passed);
      }
    }
  }

  /**
   * The family of clients the file recognises by evidence or structure, when its own code shows
   * it: node-redis spellings and option objects (see \`compute\`), or ioredis \`[err, value]\` reply
   * pairs read from an \`exec()\` result. Null when it does not.
   */
  familyOf(): Family | null {
    this.compute();
    if (this.family) return this.family;
    if (this.replyFamily === undefined) this.replyFamily = this.readsReplyPairs() ? "ioredis" : null;
    return this.replyFamily;
  }

  private replyFamily: Family | null | undefined = undefined;

  /**
   * \`results[i][1]\`, \`for (const [err, value] of results)\`, \`results.forEach(([err, value]) => …)\`
   * on the result of an \`exec()\` (awaited into a variable, or the callback's second parameter).
   */
  private readsReplyPairs(): boolean {
    const text = this.sourceCode.text;
    const ast = this.sourceCode.ast as Node;
    const tokens = this.locator.tokens;
    for (let at = text.indexOf(".exec"); at >= 0; at = text.indexOf(".exec", at + 1)) {
      const i = this.locator.tokenIndexAt(at + 1);
      if (i < 0 || tokens[i].value !== "exec" || tokens[i].range[0] !== at + 1) continue;
      const id = this.locator.nodeAt(at + 1, ast);
      const member = id.parent;
      if (member?.type !== "MemberExpression" || member.property !== id) continue;
      const call = outermost(member).parent;
      if (call?.type !== "CallExpression" || call.callee !== outermost(member)) continue;
      const holders: TSESTree.Identifier[] = [];
      const cb = call.arguments.find((a) => a.type === "FunctionExpression" || a.type === "ArrowFunctionExpression");
      if (cb && cb.params[1]?.type === "Identifier") holders.push(cb.params[1]);
      let up: Node = call;
      while (
        up.parent?.type === "AwaitExpression" ||
        up.parent?.type === "TSAsExpression" ||
        up.parent?.type === "TSNonNullExpression"
      )
        up = up.parent;
      if (up.parent?.type === "VariableDeclarator" && up.parent.init === up && up.parent.id.type === "Identifier")
        holders.push(up.parent.id);
      for (const h of holders) {
        const v = this.scopes.variableOf(h);
        if (v && v.references.some((ref) => readsPair(ref.identifier))) return true;
      }
    }
    return false;
  }

  /**
   * The receiver of the call that `arg` (a literal or an object literal) is a direct argument of,
   * from the third argument on (`set(key, value, "PX", ms)`: never the key or the value, which
   * `map.set("NX", 1)` could be).
   */
  private argumentReceiver(arg: Node): Node | null {
    const call = arg.parent;
    if (call?.type !== "CallExpression" || call.arguments.indexOf(arg as TSESTree.CallExpressionArgument) < 2)
      return null;
    const callee = unwrap(call.callee);
    if (callee.type !== "MemberExpression" || callee.computed) return null;
    // Only as arguments of a Redis command's method (`set`, `getex`, `zadd`, `expire`).
    const method = propertyName(callee);
    if (!method || !normaliseCommand(method)) return null;
    return callee.object;
  }

  /** The key of a receiver, or null when it cannot be a client by evidence. */
  private receiverKey(receiver: Node): { key: string; target: Variable | { prop: string } } | null {
    const r = unwrap(receiver);
    if (r.type === "Identifier") {
      const v = this.scopes.variableOf(r);
      if (!v || v.defs.length === 0 || declaredNonClient(v) || typedVariable(v) || builtInInstance(v) || holdsBatch(v))
        return null;
      return { key: `v:${v.scope.block.range[0]}:${v.name}`, target: v };
    }
    if (r.type === "MemberExpression") {
      // A member with a key has a name (memberKey answers null otherwise).
      const key = this.memberKey(r);
      const prop = propertyName(r);
      return key && prop ? { key, target: { prop } } : null;
    }
    return null;
  }

  /**
   * A member receiver's key: `this.x` (or `self.x` with `self = this`) of a class, or of the
   * file's prototype-style functions; otherwise the expression's text (`opts.client`).
   */
  memberKey(m: TSESTree.MemberExpression): string | null {
    if (m.computed) return null;
    const name = propertyName(m);
    if (!name || name.startsWith("#")) return null;
    const object = unwrap(m.object);
    if (object.type === "ThisExpression" || (object.type === "Identifier" && !!this.scopes.thisAliasOf(object))) {
      const cls = enclosingClass(object.type === "ThisExpression" ? m : (this.aliasDeclaration(object) ?? m));
      return `m:this:${cls ? cls.range[0] : "fn"}.${name}`;
    }
    if (object.type === "Identifier" || object.type === "MemberExpression") {
      return `m:text:${this.sourceCode.getText(m)}`;
    }
    return null;
  }

  /**
   * The constructor whose instance `this` is in `this.x` / `self.x` outside classes, when the file
   * says: `A` for `A.prototype.m = function () {…}`, `A.prototype = { m() {…} }`, and
   * `function A() {…}` (a capitalised name). Null otherwise (`module.exports = function`, a
   * function attached elsewhere), which does not tell two constructors apart.
   */
  private thisOwner(receiver: Node): string | null {
    const r = unwrap(receiver);
    if (r.type !== "MemberExpression") return null;
    const object = unwrap(r.object);
    let fn: Node | undefined = object.type === "Identifier" ? (this.aliasDeclaration(object) ?? r) : r;
    while (fn && fn.type !== "FunctionDeclaration" && fn.type !== "FunctionExpression") fn = fn.parent;
    if (!fn) return null;
    if (fn.type === "FunctionDeclaration") return fn.id && /^[A-Z]/.test(fn.id.name) ? fn.id.name : null;
    let up: Node | undefined = fn.parent;
    if (up?.type === "Property" && up.value === fn) {
      // `A.prototype = { m: function () {…} }`, `{ m() {…} }`
      up = up.parent?.parent;
      if (up?.type !== "AssignmentExpression") return null;
      return prototypeOf(up.left);
    }
    if (up?.type === "AssignmentExpression" && up.right === fn && up.left.type === "MemberExpression")
      return prototypeOf(up.left.object);
    return null;
  }

  /** Whether a member expression is a client by evidence. */
  isClientMember(m: TSESTree.MemberExpression): boolean {
    if (this.members.size === 0 || !this.propertyNames.has(propertyName(m) ?? "")) return false;
    const key = this.memberKey(m);
    return !!key && this.members.has(key);
  }

  private aliasDeclaration(id: TSESTree.Identifier): Node | null {
    const v = this.scopes.variableOf(id);
    return (v?.defs[0]?.node as Node | undefined) ?? null;
  }
}

/** `A` of `A.prototype`. */
function prototypeOf(node: Node): string | null {
  const n = unwrap(node);
  if (n.type !== "MemberExpression" || n.computed || propertyName(n) !== "prototype") return null;
  const o = unwrap(n.object);
  return o.type === "Identifier" ? o.name : null;
}

/** Global classes whose instances are never Redis clients. */
const BUILT_IN_CLASSES = new Set([
  "Map",
  "WeakMap",
  "Set",
  "WeakSet",
  "Array",
  "Object",
  "URLSearchParams",
  "Headers",
  "FormData",
  "EventEmitter",
  "RegExp",
  "Date",
]);

/** A variable given `new Map()` (or another built-in class). */
function builtInInstance(v: Variable): boolean {
  for (const def of v.defs) {
    if (def.type !== "Variable") continue;
    const init = def.node.init;
    const n = init && unwrap(init);
    if (n?.type === "NewExpression" && n.callee.type === "Identifier" && BUILT_IN_CLASSES.has(n.callee.name))
      return true;
  }
  return false;
}

/** A variable or parameter with a type annotation other than `any` / `unknown`: its type says what it is. */
function typedVariable(v: Variable): boolean {
  for (const def of v.defs) {
    const name = def.name as TSESTree.Identifier;
    const t = name.typeAnnotation?.typeAnnotation;
    if (t && t.type !== "TSAnyKeyword" && t.type !== "TSUnknownKeyword") return true;
  }
  return false;
}

/** A field or parameter-property declaration typed other than `any` / `unknown`. */
export function typedDeclaration(source: Node): boolean {
  if (source.type !== "Identifier") return false;
  const t = source.typeAnnotation?.typeAnnotation;
  return !!t && t.type !== "TSAnyKeyword" && t.type !== "TSUnknownKeyword";
}

const isPair = (p: Node | null | undefined): boolean => p?.type === "ArrayPattern" && p.elements.length === 2;

/** A reference to an `exec()` result that reads it as `[err, value]` pairs. */
function readsPair(ref: Node): boolean {
  const p = ref.parent;
  if (!p) return false;
  // `results[i][1]`
  if (p.type === "MemberExpression" && p.object === ref && p.computed) {
    const outer = p.parent;
    if (outer?.type === "MemberExpression" && outer.object === p && outer.computed) {
      const k = outer.property;
      return k.type === "Literal" && (k.value === 0 || k.value === 1);
    }
    return false;
  }
  // `for (const [err, value] of results)`
  if (p.type === "ForOfStatement" && p.right === ref) {
    const left = p.left.type === "VariableDeclaration" ? p.left.declarations[0]?.id : p.left;
    return isPair(left);
  }
  // `results.forEach(([err, value]) => …)`, `.map`, `.filter`, `.some`, `.every`, `.find`
  if (p.type === "MemberExpression" && p.object === ref && !p.computed) {
    const call = p.parent;
    const name = propertyName(p);
    if (
      call?.type === "CallExpression" &&
      call.callee === p &&
      name &&
      ["forEach", "map", "filter", "some", "every", "find"].includes(name)
    ) {
      const fn = call.arguments[0];
      return (fn?.type === "ArrowFunctionExpression" || fn?.type === "FunctionExpression") && isPair(fn.params[0]);
    }
  }
  return false;
}
