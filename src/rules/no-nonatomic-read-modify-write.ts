/**
 * A read of a key (GET, HGET, ...) and a later write of the same key that is computed from the
 * value read, or guarded by a comparison of it, in two round trips: another client can change
 * the key in between (lost update, overselling).
 *
 * The value read is followed through the variables it flows into (with a flow-sensitive
 * approximation of which assignment reaches each use), so that cache-aside code (read, miss
 * check, write a fresh value) and WATCH / lock / Lua protected code stay silent.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type FileModel,
  type FunctionNode,
  type Node,
  type RedisCall,
  FAMILY_LABEL,
  contains,
  findVariable,
  getModel,
  isFunction,
  isUnsafeLockReleasePattern,
  keyIndexes,
  keyShape,
  lockKeyRegex,
  isLockLikeKey,
  propertyName,
  readSetOptions,
  staticString,
  unwrap,
} from "../model/index.js";
import { callSitesOf } from "../model/local-calls.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "computed" | "guarded" | "useAtomic";
type Variable = TSESLint.Scope.Variable;

/** Commands that return a stored value (not metadata such as TTL, TYPE or EXISTS). */
const READS = new Set([
  "get", "getrange", "substr", "strlen", "getbit", "bitcount", "bitpos", "mget",
  "hget", "hmget", "hgetall", "hlen", "hexists", "hkeys", "hvals", "hstrlen",
  "lindex", "lrange", "llen", "lpos",
  "scard", "smembers", "sismember", "smismember",
  "zscore", "zmscore", "zrank", "zrevrank", "zcard", "zcount", "zrange", "zrangebyscore", "zrevrange", "zrevrangebyscore",
  "pfcount", "xlen",
]);

/** Writes whose effect does not depend on the check before them: trims to bounds given in the call. */
const SELF_LIMITING = new Set(["ltrim", "xtrim", "zremrangebyrank", "zremrangebyscore", "zremrangebylex"]);

/** Calls that only convert a value (its meaning is unchanged for our purposes). */
const CONVERTERS = new Set(["Number", "parseInt", "parseFloat", "String", "BigInt"]);

/** How a value that came from the read is known at some point. */
interface Taint {
  /** value: the value (or something computed from it); guard: a comparison result; miss: a null / truthiness check. */
  kind: "value" | "guard" | "miss";
  /** Changed by arithmetic, member access, calls (not by `await`, `Number()`, `?? default`). */
  derived: boolean;
}

const RAW: Taint = { kind: "value", derived: false };

function merge(a: Taint | undefined, b: Taint): Taint {
  if (!a) return b;
  const rank = { miss: 0, value: 1, guard: 2 } as const;
  return { kind: rank[a.kind] >= rank[b.kind] ? a.kind : b.kind, derived: a.derived || b.derived };
}

function isComparison(op: string): boolean {
  return /^(?:[=!]==?|[<>]=?|instanceof|in)$/.test(op);
}

function isNullish(n: Node): boolean {
  const u = unwrap(n);
  if (u.type === "Literal" && u.value === null && !("regex" in u)) return true;
  if (u.type === "Identifier" && u.name === "undefined") return true;
  return u.type === "Literal" && u.value === "undefined";
}

function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const c = unwrap(call.callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return null;
}

/**
 * Follows a value upwards through the expressions that carry it (`await`, conversions, `??`,
 * arithmetic, member access, comparisons, ...), stopping at `stop` or at the first node that
 * does not carry it. Returns the outermost carrying node and what the value has become.
 */
function climb(start: Node, init: Taint, stop: Node | null): { top: Node; taint: Taint } {
  let n = start;
  let { kind, derived } = init;
  const truthiness = () => {
    if (kind === "value") kind = derived ? "guard" : "miss";
  };
  for (;;) {
    if (n === stop) break;
    const p = n.parent;
    if (!p) break;
    let next: Node | null = null;
    switch (p.type) {
      case "AwaitExpression":
      case "TSAsExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSSatisfiesExpression":
      case "ChainExpression":
        next = p;
        break;
      case "TemplateLiteral":
        derived = true;
        next = p;
        break;
      case "UnaryExpression":
        if (p.operator === "!") {
          truthiness();
          next = p;
        } else if (p.operator === "typeof") {
          next = p;
        } else if (p.operator !== "void" && p.operator !== "delete") {
          if (p.operator !== "+") derived = true;
          next = p;
        }
        break;
      case "BinaryExpression":
        if (isComparison(p.operator)) {
          const other = p.left === n ? p.right : (p.left as Node);
          // `field in hash` (after HGETALL) asks whether a field exists, like a miss check.
          const nullCheck = (isNullish(other) || (p.operator === "in" && p.right === n)) && !derived;
          if (kind === "value") kind = nullCheck ? "miss" : "guard";
          else if (kind === "miss" && !isNullish(other)) kind = "guard";
          derived = true;
        } else derived = true;
        next = p;
        break;
      case "LogicalExpression":
        // `v ?? 0`, `v || "0"`: a default, not a change. `a && b` keeps the kind of the test.
        if (p.operator === "&&" && p.left === n) truthiness();
        next = p;
        break;
      case "ConditionalExpression":
        // `v ? a : b` depends on the value only through the test: a miss check stays a miss check.
        if (p.test === n) truthiness();
        next = p;
        break;
      case "CallExpression":
      case "NewExpression": {
        if (p.callee === n) break;
        const name = calleeName(p);
        const callee = unwrap(p.callee);
        const jsonParse = callee.type === "MemberExpression" && name === "parse" && callee.object.type === "Identifier" && callee.object.name === "JSON";
        if ((name && CONVERTERS.has(name) && callee.type === "Identifier") || jsonParse) next = p;
        else if (name === "Boolean" && unwrap(p.callee).type === "Identifier") {
          truthiness();
          next = p;
        } else {
          derived = true;
          next = p;
        }
        break;
      }
      case "MemberExpression":
        derived = true;
        if (p.object === n && p.parent?.type === "CallExpression" && p.parent.callee === p) next = p.parent;
        else next = p;
        break;
      case "ArrayExpression":
      case "SpreadElement":
        derived = true;
        next = p;
        break;
      case "Property":
        if (p.value === n && p.parent?.type === "ObjectExpression") {
          derived = true;
          next = p.parent;
        }
        break;
      case "SequenceExpression":
        if (p.expressions[p.expressions.length - 1] === n) next = p;
        break;
      default:
        break;
    }
    if (!next) break;
    n = next;
  }
  return { top: n, taint: { kind, derived } };
}

/** Identifiers bound by a declaration or assignment pattern. */
function patternIds(pattern: Node, out: TSESTree.Identifier[] = []): TSESTree.Identifier[] {
  switch (pattern.type) {
    case "Identifier":
      out.push(pattern);
      break;
    case "ArrayPattern":
      for (const e of pattern.elements) if (e) patternIds(e, out);
      break;
    case "ObjectPattern":
      for (const p of pattern.properties) patternIds(p.type === "Property" ? (p.value as Node) : p, out);
      break;
    case "AssignmentPattern":
      patternIds(pattern.left, out);
      break;
    case "RestElement":
      patternIds(pattern.argument, out);
      break;
    default:
      break;
  }
  return out;
}

/** The node a definition is conditional on, or the block it is unconditional in. */
function regionOf(def: Node): Node {
  let n: Node = def;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (isFunction(p)) return p;
    switch (p.type) {
      case "BlockStatement":
      case "Program":
      case "StaticBlock":
      case "SwitchCase":
        return p;
      case "IfStatement":
        if (p.consequent === n || p.alternate === n) return n;
        break;
      case "ConditionalExpression":
        if (p.consequent === n || p.alternate === n) return n;
        break;
      case "LogicalExpression":
        if (p.right === n) return n;
        break;
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
        if (p.body === n) return n;
        break;
      default:
        break;
    }
    n = p;
  }
}

/** Taint tracking of the value one read returned. */
class ReadFlow {
  /** Definitions (identifiers written) that hold a value from the read. */
  private readonly defs = new Map<Node, Taint>();
  /** Reads (identifier references, or the read call itself when used inline) that see the value. */
  readonly refs = new Map<Node, Taint>();
  private readonly vars = new Set<Variable>();
  /** Bumped on every change of `defs`. */
  private version = 0;

  constructor(
    private readonly read: RedisCall,
    private readonly sourceCode: TSESLint.SourceCode,
  ) {
    this.refs.set(read.node, RAW);
    this.seed();
    this.propagate();
  }

  private seed(): void {
    const call = this.read.node;
    // `redis.get(k).then((v) => ...)`
    const member = call.parent;
    if (member?.type === "MemberExpression" && member.object === call && propertyName(member) === "then") {
      const thenCall = member.parent;
      const cb = thenCall?.type === "CallExpression" ? thenCall.arguments[0] : undefined;
      if (cb && isFunction(cb) && cb.params[0]) {
        for (const id of patternIds(cb.params[0])) this.addDef(id, RAW);
      }
      return;
    }
    // `const [a, b] = await Promise.all([redis.get(x), redis.get(y)])`: only the matching element.
    const arr = call.parent;
    if (arr?.type === "ArrayExpression") {
      const all = arr.parent;
      if (all?.type === "CallExpression" && all.arguments[0] === arr && /^(?:all|allSettled)$/.test(calleeName(all) ?? "")) {
        const index = arr.elements.indexOf(call);
        const { top } = climb(all, RAW, null);
        const decl = top.parent;
        const pattern =
          decl?.type === "VariableDeclarator" && decl.init === top
            ? decl.id
            : decl?.type === "AssignmentExpression" && decl.right === top
              ? decl.left
              : null;
        if (pattern?.type === "ArrayPattern") {
          const el = pattern.elements[index];
          if (el) for (const id of patternIds(el)) this.addDef(id, RAW);
        }
        return;
      }
    }
    this.flowFrom(call, RAW);
  }

  /** Follows a tainted expression to where it is stored. */
  private flowFrom(node: Node, taint: Taint): void {
    // `v += x`, `v++`: a new value of the same variable, computed from the old one.
    const parent = node.parent;
    if (node.type === "Identifier" && parent) {
      if ((parent.type === "AssignmentExpression" && parent.left === node && parent.operator !== "=") || parent.type === "UpdateExpression") {
        this.addDef(node, { kind: "value", derived: true });
        return;
      }
    }
    const { top, taint: t } = climb(node, taint, null);
    const p = top.parent;
    if (!p) return;
    if (p.type === "VariableDeclarator" && p.init === top) {
      if (p.id.type === "Identifier") this.addDef(p.id, t);
      else for (const id of patternIds(p.id)) this.addDef(id, { kind: "value", derived: t.derived });
    } else if (p.type === "AssignmentExpression" && p.right === top) {
      if (p.left.type === "Identifier") this.addDef(p.left, p.operator === "=" ? t : { kind: "value", derived: true });
      else if (p.left.type === "ArrayPattern" || p.left.type === "ObjectPattern") {
        for (const id of patternIds(p.left)) this.addDef(id, { kind: "value", derived: t.derived });
      }
    }
  }

  private addDef(id: Node, taint: Taint): void {
    const before = this.defs.get(id);
    const merged = merge(before, taint);
    if (before && before.kind === merged.kind && before.derived === merged.derived) return;
    this.defs.set(id, merged);
    this.version++;
    if (id.type !== "Identifier") return;
    const v = findVariable(id, this.sourceCode);
    if (v) this.vars.add(v);
  }

  private propagate(): void {
    // The lattice is finite (kind x derived) and merges only go up, so this ends; the budget
    // bounds pathological files anyway.
    let budget = 2000;
    let seen = -1;
    while (seen !== this.version && budget > 0) {
      seen = this.version;
      for (const v of [...this.vars]) {
        for (const ref of v.references) {
          if (!ref.isRead() || --budget <= 0) continue;
          const id = ref.identifier as Node;
          const t = this.reaching(v, id);
          if (!t) continue;
          const prev = this.refs.get(id);
          const merged = merge(prev, t);
          if (prev && prev.kind === merged.kind && prev.derived === merged.derived) continue;
          this.refs.set(id, merged);
          this.flowFrom(id, merged);
        }
      }
    }
  }

  /**
   * The taint of the value `v` holds at `use`: from the last definition before it that
   * dominates it (approximated by block structure), and from the conditional definitions
   * between that one and the use.
   */
  private reaching(v: Variable, use: Node): Taint | null {
    const defs: Node[] = [];
    for (const ref of v.references) {
      if (ref.isWrite() && (ref.identifier as Node).range[0] < use.range[0]) defs.push(ref.identifier as Node);
    }
    for (const d of v.defs) {
      if (d.type === "Parameter" && (d.name as Node).range[0] < use.range[0]) defs.push(d.name as Node);
    }
    if (defs.length === 0) return null;
    defs.sort((a, b) => a.range[0] - b.range[0]);
    let start = 0;
    for (let i = defs.length - 1; i >= 0; i--) {
      const region = regionOf(defs[i]);
      if (contains(region, use) || isFunction(region)) {
        start = i;
        break;
      }
    }
    let out: Taint | null = null;
    for (let i = start; i < defs.length; i++) {
      const t = this.defs.get(defs[i]);
      if (t) out = merge(out ?? undefined, t);
    }
    return out;
  }

  /**
   * The taints of values from the read inside `root`, each followed up to `root`. With `asTest`,
   * `root` is a condition: a value tested for truthiness there is a miss check when it is the
   * value as read, and a guard when it was computed from it (`if (left)` after `left = stock - qty`).
   */
  within(root: Node, asTest = false): Taint[] {
    const out: Taint[] = [];
    for (const [ref, taint] of this.refs) {
      if (!contains(root, ref)) continue;
      const { top, taint: t } = climb(ref, taint, root);
      if (asTest && top === root && t.kind === "value") out.push({ kind: t.derived ? "guard" : "miss", derived: t.derived });
      else out.push(t);
    }
    return out;
  }
}

// -------------------------------------------------------------------------------------------------
// Where a write happens: guards, locks, WATCH

/** A statement that always leaves its block: `return`, `throw`, `break`, `continue`. */
function exits(s: Node): boolean {
  switch (s.type) {
    case "ReturnStatement":
    case "ThrowStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return true;
    case "BlockStatement":
      return s.body.some(exits);
    case "IfStatement":
      return !!s.alternate && exits(s.consequent) && exits(s.alternate);
    default:
      return false;
  }
}

/** Calls that throw when their argument is false: `assert(...)`, `assert.ok(...)`, `invariant(...)`. */
function isAssertion(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return /^(?:assert\w*|invariant)$/.test(callee.name);
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "assert";
}

/**
 * The tests that decide whether `target` runs, up to `stop` (the reading function). A `switch`
 * discriminant is listed in `switches`: any use of the value there is a comparison.
 */
function guardTests(target: Node, stop: Node, switches: Set<Node>): Node[] {
  const tests: Node[] = [];
  let n: Node = target;
  while (n !== stop && n.parent) {
    const p: Node = n.parent;
    switch (p.type) {
      case "IfStatement":
        if (p.consequent === n || p.alternate === n) tests.push(p.test);
        break;
      case "ConditionalExpression":
        if (p.consequent === n || p.alternate === n) tests.push(p.test);
        break;
      case "LogicalExpression":
        if (p.right === n) tests.push(p.left);
        break;
      case "WhileStatement":
      case "DoWhileStatement":
        if (p.body === n) tests.push(p.test);
        break;
      case "ForStatement":
        if (p.body === n && p.test) tests.push(p.test);
        break;
      case "SwitchCase": {
        const sw = p.parent;
        if (sw?.type === "SwitchStatement") {
          tests.push(sw.discriminant);
          switches.add(sw.discriminant);
        }
        if (p.test) tests.push(p.test);
        break;
      }
      case "BlockStatement":
      case "Program":
      case "StaticBlock": {
        // Earlier statements that leave when a test holds: `if (stock < qty) throw ...;`, `assert(...)`.
        for (const s of p.body as Node[]) {
          if (s === n) break;
          if (s.type === "IfStatement" && (exits(s.consequent) || (s.alternate && exits(s.alternate)))) tests.push(s.test);
          if (s.type === "ExpressionStatement") {
            const e = unwrap(s.expression.type === "AwaitExpression" ? s.expression.argument : s.expression);
            if (e.type === "CallExpression" && isAssertion(e)) tests.push(...(e.arguments as Node[]));
          }
        }
        break;
      }
      default:
        break;
    }
    n = p;
  }
  return tests;
}

/**
 * `if (v && !isExpired(v)) return v;` before the write: a cache hit that is still fresh returns
 * the value read, and the write on the other path fills the cache with a fresh value (not
 * computed from the read). Two callers that both refresh write two fresh values: no update is
 * lost. The test must include a presence check of the value (`v &&`), and the `return` must
 * give back what was read.
 */
function isFreshHitReturn(test: Node, write: Node, flow: ReadFlow): boolean {
  const stmt = test.parent;
  if (stmt?.type !== "IfStatement" || stmt.test !== test || stmt.alternate || contains(stmt, write)) return false;
  const body = stmt.consequent.type === "BlockStatement" ? stmt.consequent.body[stmt.consequent.body.length - 1] : stmt.consequent;
  if (body?.type !== "ReturnStatement" || !body.argument) return false;
  const returned = body.argument;
  if (![...flow.refs.keys()].some((r) => contains(returned, r))) return false;
  const operands: Node[] = [];
  const collect = (n: Node): void => {
    const u = unwrap(n);
    if (u.type === "LogicalExpression" && u.operator === "&&") {
      collect(u.left);
      collect(u.right);
    } else operands.push(u);
  };
  collect(test);
  if (operands.length < 2) return false;
  return operands.some((o) => {
    const taints = flow.within(o, true);
    return taints.length > 0 && taints.every((t) => t.kind === "miss");
  });
}

/**
 * `if (cur !== desired) set(k, desired)` (or `if (cur === desired) return;` before it): the write
 * stores the very value the read was compared with. Had the key changed in between, the write
 * would store the same value it would store without the check: the check adds no race.
 */
function isWriteIfDifferent(test: Node, write: RedisCall, flow: ReadFlow): boolean {
  let t = unwrap(test);
  while (t.type === "UnaryExpression" && t.operator === "!") t = unwrap(t.argument);
  if (t.type !== "BinaryExpression" || !/^[=!]==?$/.test(t.operator)) return false;
  const value =
    write.command === "set" || write.command === "getset"
      ? write.args[1]
      : write.command === "hset" && write.args.length === 3
        ? write.args[2]
        : null;
  if (!value || keyShape(value) === null) return false;
  const sides: Node[] = [t.left as Node, t.right];
  return sides.some((side, i) => {
    const taints = flow.within(side);
    return taints.length > 0 && taints.every((x) => x.kind === "value" && !x.derived) && keyShape(sides[1 - i]) === keyShape(value);
  });
}

/** Splits `acquireLock`, `redlock.using`, `LOCK_KEY` into lower-case words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isLockCallbackHost(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const text = sourceCode.getText(call.callee);
  const w = words(text);
  if (w.some((x) => x === "lock" || x === "locks" || x === "mutex" || x === "semaphore" || x === "redlock" || x === "exclusive" || x === "synchronized" || x === "synchronised" || x === "critical" || x === "locked")) {
    return true;
  }
  // `redlock.using(...)` whatever the instance is called.
  return unwrap(call.callee).type === "MemberExpression" && /\.\s*using$/.test(text);
}

function isAcquireName(w: string[]): boolean {
  if (w.includes("release") || w.includes("unlock") || w.includes("is") || w.includes("has")) return false;
  return w.includes("acquire") || w.includes("obtain") || w.includes("lock") || (w.includes("mutex") && w.includes("take"));
}

function isReleaseName(w: string[]): boolean {
  return w.includes("release") || w.includes("unlock");
}

/** Lock-related calls in a function body (not in nested functions), computed once per function. */
interface LockCalls {
  acquires: Node[];
  releases: Node[];
}

function lockCallsOf(fn: FunctionNode | TSESTree.Program, model: FileModel, sourceCode: TSESLint.SourceCode, lockKey: RegExp): LockCalls {
  const out: LockCalls = { acquires: [], releases: [] };
  const keys = sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: Node[] = [isFunction(fn) ? fn.body : fn];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "CallExpression") {
      const rc = model.callAt(node);
      if (rc && rc.command) {
        if (rc.command === "set" || rc.command === "setnx") {
          if (readSetOptions(rc, sourceCode)?.nx) out.acquires.push(node);
        } else if ((rc.command === "del" || rc.command === "unlink") && rc.args.some((a) => isLockLikeKey(a, sourceCode, lockKey))) {
          out.releases.push(node);
        } else if (rc.command === "eval" || rc.command === "evalsha" || rc.command === "fcall") {
          out.releases.push(node);
        }
      } else {
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        const objectText = callee.type === "MemberExpression" ? sourceCode.getText(callee.object) : "";
        const w = words(name ?? "");
        const objWords = words(objectText);
        const lockish = objWords.some((x) => x === "lock" || x === "mutex" || x === "semaphore" || x === "redlock" || x === "locker" || x === "lease");
        if (isReleaseName(w) && (w.length > 1 || lockish || callee.type === "Identifier")) out.releases.push(node);
        else if (isAcquireName(w) && (w.length > 1 || lockish || w[0] === "acquire" || w[0] === "lock")) out.acquires.push(node);
      }
    }
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const push = (c: unknown) => {
        if (c && typeof (c as Node).type === "string" && !isFunction(c as Node)) stack.push(c as Node);
      };
      if (Array.isArray(child)) child.forEach(push);
      else push(child);
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------------
// Keys

function argKeyValue(a: Node): unknown {
  const u = unwrap(a);
  const s = staticString(u);
  if (s !== null) return s;
  if (u.type === "Literal" && typeof u.value === "number") return u.value;
  return "?";
}

/** The key arguments of a command call, in any dialect (GLIDE / node-redis arrays of keys). */
function keyArgs(call: RedisCall): Node[] {
  if (!call.command || call.args.length === 0) return [];
  const first = unwrap(call.args[0]);
  if (first.type === "ArrayExpression" && !call.raw) {
    return first.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== "SpreadElement");
  }
  const args = call.args.filter((a) => !isFunction(unwrap(a)));
  let idx = keyIndexes(call.command, args.map(argKeyValue));
  if (idx.length === 0) idx = [0];
  return idx.filter((i) => i < args.length).map((i) => args[i]);
}

// -------------------------------------------------------------------------------------------------
// Messages and the atomic rewrite

const METHOD: Record<string, Partial<Record<Family, string>>> = {
  incrby: { "node-redis": "incrBy", glide: "incrBy" },
  decrby: { "node-redis": "decrBy", glide: "decrBy" },
  hincrby: { "node-redis": "hIncrBy", glide: "hincrBy" },
};

function methodName(command: string, family: Family): string {
  return METHOD[command]?.[family] ?? command;
}

const ALTERNATIVES: Record<Family, string> = {
  ioredis:
    "or WATCH the key on a dedicated connection (redis.duplicate()), write in multi()…exec() and retry a bounded number of times while exec() resolves to null, or do the read and the write in one Lua script (defineCommand or eval).",
  "node-redis":
    "or WATCH the key on an isolated connection (v4: executeIsolated; v5: a pool's execute() or duplicate()), write in multi()…exec() and retry a bounded number of times on WatchError, or do the read and the write in one Lua script (eval or defineScript).",
  upstash:
    "or do the read and the write in one Lua script (eval or createScript); Upstash has no WATCH.",
  glide:
    "or watch([key]) on a dedicated GlideClient, write with exec(new Batch(true), true) and retry a bounded number of times while it returns null, or do both in one Lua Script with invokeScript().",
  bun:
    'or send("WATCH", [key]) on a dedicated connection (await redis.duplicate()), write inside MULTI/EXEC and retry a bounded number of times while EXEC returns null, or do both in one Lua script (send("EVAL", ...)).',
  unknown:
    "or WATCH the key on a dedicated connection, write in MULTI/EXEC and retry a bounded number of times when EXEC is aborted, or do the read and the write in one Lua script.",
};

function atomicHint(read: RedisCall, write: RedisCall, computed: boolean): string {
  const w = write.command ?? "";
  if (!computed && (w === "decrby" || w === "decr" || w === "hincrby" || w === "incrby" || w === "zincrby")) {
    return `Use the result of ${w.toUpperCase()} instead: change first, then check the value it returns (and undo with the opposite increment when the check fails), `;
  }
  if (computed && (w === "set" || w === "setex" || w === "psetex") && (read.command === "get")) {
    return "Use an atomic command instead (INCRBY / DECRBY / INCRBYFLOAT for numbers, or SET with NX / XX / GET), ";
  }
  if (computed && (w === "hset" || w === "hmset") && (read.command === "hget" || read.command === "hmget" || read.command === "hgetall")) {
    return "Use an atomic command instead (HINCRBY / HINCRBYFLOAT, or HSETNX), ";
  }
  if (w.startsWith("z") && (read.command === "zscore" || read.command === "zmscore")) {
    return "Use an atomic command instead (ZADD with GT / LT to keep the best score, or ZINCRBY), ";
  }
  return "Make the read and the write one atomic step: use an atomic command where one exists, ";
}

function describeCall(call: RedisCall): string {
  return call.raw ? `${call.method}("${(call.command ?? "?").toUpperCase()}")` : `${call.method}()`;
}

/**
 * `const v = await c.get(k); ... await c.set(k, Number(v) + n);` with `v` used nowhere else:
 * the pair becomes `await c.incrby(k, n);` (or `decrby` for `-`). HGET / HSET with three
 * arguments becomes HINCRBY. Null when the rewrite would change anything else.
 */
function incrementRewrite(
  read: RedisCall,
  write: RedisCall,
  flow: ReadFlow,
  sourceCode: TSESLint.SourceCode,
): { remove: Node; replace: Node; text: string; command: string } | null {
  if (read.raw || write.raw || read.receiver !== "client" || write.receiver !== "client") return null;
  // Bun's client has no INCRBY method to name.
  if (write.family === "bun" || write.family === "unknown") return null;
  const hash = read.command === "hget" && write.command === "hset" && read.args.length === 2 && write.args.length === 3;
  if (!hash && !(read.command === "get" && write.command === "set" && read.args.length === 1 && write.args.length === 2)) return null;
  if (hash && sourceCode.getText(read.args[1]) !== sourceCode.getText(write.args[1])) return null;
  // The read: `const v = await c.get(k);`, alone in its declaration.
  const awaited = read.node.parent;
  if (awaited?.type !== "AwaitExpression") return null;
  const decl = awaited.parent;
  if (decl?.type !== "VariableDeclarator" || decl.init !== awaited || decl.id.type !== "Identifier") return null;
  const declaration = decl.parent;
  if (declaration?.type !== "VariableDeclaration" || declaration.declarations.length !== 1) return null;
  const [variable] = sourceCode.getDeclaredVariables(decl);
  if (!variable) return null;
  const reads = variable.references.filter((r) => r.isRead());
  const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== decl.id);
  if (reads.length !== 1 || writes.length) return null;
  const use = reads[0].identifier as Node;
  // The write: `await c.set(k, <conv(v)> + n)` as a statement of its own (its reply unused).
  const value = unwrap(write.args[hash ? 2 : 1]);
  if (!contains(value, use)) return null;
  const stmtExpr = write.node.parent?.type === "AwaitExpression" ? write.node.parent : write.node;
  if (stmtExpr.parent?.type !== "ExpressionStatement") return null;
  if (value.type !== "BinaryExpression" || (value.operator !== "+" && value.operator !== "-")) return null;
  const left = unwrap(value.left as Node);
  const right = unwrap(value.right);
  let side: Node;
  let other: Node;
  if (contains(left, use)) {
    side = left;
    other = right;
  } else if (value.operator === "+" && contains(right, use)) {
    side = right;
    other = left;
  } else return null;
  if (!isNumericConversion(side, use, write.family)) return null;
  if ([...flow.refs.keys()].some((r) => r !== read.node && contains(other, r))) return null;
  const command = hash ? "hincrby" : value.operator === "+" ? "incrby" : "decrby";
  const callee = unwrap(write.node.callee);
  if (callee.type !== "MemberExpression" || write.node.optional) return null;
  const client = sourceCode.getText(callee.object);
  const args = hash
    ? `${sourceCode.getText(write.args[0])}, ${sourceCode.getText(write.args[1])}, ${value.operator === "-" ? `-(${sourceCode.getText(other)})` : sourceCode.getText(other)}`
    : `${sourceCode.getText(write.args[0])}, ${sourceCode.getText(other)}`;
  return { remove: declaration, replace: write.node, text: `${client}.${methodName(command, write.family)}(${args})`, command: command.toUpperCase() };
}

/**
 * `Number(v)`, `+v`, `Number(v ?? 0)`, `parseInt(v ?? "0", 10)`, `Number(v) || 0`: a number
 * that is 0 when the key is missing, as INCRBY counts. For Upstash, which parses numbers, also
 * `v` and `v ?? 0`.
 */
function isNumericConversion(n: Node, use: Node, family: Family): boolean {
  const u = unwrap(n);
  if (family === "upstash" && isValueOf(u, use, true)) return true;
  if (u.type === "UnaryExpression" && u.operator === "+") return isValueOf(u.argument, use, true);
  if (u.type === "CallExpression" && u.callee.type === "Identifier" && u.arguments[0]) {
    if (u.callee.name === "Number" && u.arguments.length === 1) return isValueOf(u.arguments[0], use, true);
    if (u.callee.name === "parseInt") {
      const radix = u.arguments[1] ? unwrap(u.arguments[1]) : null;
      if (u.arguments.length > 2 || (radix && !(radix.type === "Literal" && radix.value === 10))) return false;
      return isValueOf(u.arguments[0], use, false);
    }
  }
  if (u.type === "LogicalExpression" && (u.operator === "||" || u.operator === "??") && isZero(u.right)) {
    const inner = unwrap(u.left);
    if (inner.type === "CallExpression" && inner.callee.type === "Identifier" && inner.callee.name === "parseInt") {
      const radix = inner.arguments[1] ? unwrap(inner.arguments[1]) : null;
      return inner.arguments.length <= 2 && (!radix || (radix.type === "Literal" && radix.value === 10)) && !!inner.arguments[0] && isValueOf(inner.arguments[0], use, true);
    }
    return isNumericConversion(inner, use, family);
  }
  return false;
}

function isZero(n: Node): boolean {
  const u = unwrap(n);
  return u.type === "Literal" && (u.value === 0 || u.value === "0");
}

/** `v` itself (when `bare`), or `v ?? 0` / `v || "0"`. */
function isValueOf(n: Node, use: Node, bare: boolean): boolean {
  const u = unwrap(n);
  if (u === use) return bare;
  return u.type === "LogicalExpression" && (u.operator === "||" || u.operator === "??") && unwrap(u.left) === use && isZero(u.right);
}

/** Removes a whole statement line when it stands alone on its lines. */
function removalRange(stmt: Node, sourceCode: TSESLint.SourceCode): [number, number] {
  const text = sourceCode.text;
  const start = stmt.range[0];
  const end = stmt.range[1];
  let s = start;
  while (s > 0 && (text[s - 1] === " " || text[s - 1] === "\t")) s--;
  let e = end;
  while (e < text.length && (text[e] === " " || text[e] === "\t")) e++;
  if ((s === 0 || text[s - 1] === "\n") && text[e] === "\n") return [s, e + 1];
  // Same line as other code: drop the statement and the spaces after it.
  return [start, e];
}

// -------------------------------------------------------------------------------------------------

export default createRule<[], MessageIds>({
  name: "no-nonatomic-read-modify-write",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow read-modify-write of a key in separate round trips, which loses updates under concurrency",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      computed:
        "{{client}}: {{write}} writes {{key}} with a value computed from the {{read}} on line {{line}}, in a separate round trip: another client can change {{key}} in between and its update is lost. {{fix}}",
      guarded:
        "{{client}}: {{write}} runs only after checking the value that {{read}} returned on line {{line}}, in a separate round trip: another client can change {{key}} between the check and the write (check-then-act race, e.g. overselling stock). {{fix}}",
      useAtomic: "Replace the read and the write with one atomic {{command}}.",
    },
  },
  defaultOptions: [],
  create(context) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    const lockKey = lockKeyRegex(undefined);
    return {
      "Program:exit"() {
        // Writes by key shape, and WATCHes, once per file.
        const writesByKey = new Map<string, RedisCall[]>();
        const watches: { call: RedisCall; shapes: string[]; opaque: boolean }[] = [];
        for (const call of model.calls) {
          if (!call.command) continue;
          if (call.command === "watch") {
            const shapes: string[] = [];
            let opaque = false;
            for (const a of call.args) {
              const u = unwrap(a);
              const list = u.type === "ArrayExpression" ? u.elements : [u];
              for (const e of list) {
                const s = e && e.type !== "SpreadElement" ? keyShape(e) : null;
                if (s) shapes.push(s);
                else opaque = true;
              }
            }
            watches.push({ call, shapes, opaque });
            continue;
          }
          if (!call.write) continue;
          for (const k of keyArgs(call)) {
            const s = keyShape(k);
            if (!s) continue;
            const list = writesByKey.get(s);
            if (list) {
              if (!list.includes(call)) list.push(call);
            } else writesByKey.set(s, [call]);
          }
        }
        if (writesByKey.size === 0) return;

        const lockCache = new Map<Node, LockCalls>();
        const reported = new Set<RedisCall>();

        for (const read of model.calls) {
          if (!read.command || !READS.has(read.command) || read.receiver !== "client" || model.isRawMulti(read)) continue;
          const keys = keyArgs(read);
          const shapes = keys.map((k) => keyShape(k)).filter((s): s is string => !!s);
          if (shapes.length === 0) continue;
          const candidates: RedisCall[] = [];
          for (const s of shapes) {
            for (const w of writesByKey.get(s) ?? []) {
              if (w === read || reported.has(w) || candidates.includes(w)) continue;
              if (w.node.range[1] <= read.node.range[1] || !contains(read.fn, w.node)) continue;
              candidates.push(w);
            }
          }
          if (candidates.length === 0) continue;
          if (isWatched(read, shapes, watches) || watchedByHelper(read, shapes, watches, sourceCode)) continue;
          if (inLockCallback(read.node, sourceCode)) continue;

          let flow: ReadFlow | null = null;
          for (const write of candidates) {
            if (isUnsafeLockReleasePattern(read, write, model, sourceCode)) continue;
            if (betweenAcquireAndRelease(read, write, model, sourceCode, lockKey, lockCache)) continue;
            flow ??= new ReadFlow(read, sourceCode);
            const writeKeys = new Set(keyArgs(write));
            let computed = false;
            for (const a of write.args) {
              if (writeKeys.has(a)) continue;
              const taints = flow.within(a);
              // Writing back exactly the value read (a TTL refresh, a cache fill) is not a computation.
              if (taints.some((t) => t.derived || t.kind !== "value")) computed = true;
            }
            let guarded = false;
            if (!computed) {
              const switches = new Set<Node>();
              for (const test of guardTests(write.node, read.fn, switches)) {
                const taints = flow.within(test, true);
                if (switches.has(test) ? taints.length > 0 : taints.some((t) => t.kind === "guard")) {
                  if (isFreshHitReturn(test, write.node, flow) || isWriteIfDifferent(test, write, flow)) continue;
                  guarded = true;
                  break;
                }
              }
            }
            if (!computed && !guarded) continue;
            // `if (len > 1000) ltrim(k, 0, 999)`: a trim to fixed bounds is right whatever the key
            // holds when it runs (a no-op if the check no longer holds); the check only saves a call.
            if (!computed && write.command && SELF_LIMITING.has(write.command)) continue;
            reported.add(write);
            const keyText = sourceCode.getText(keys[0]);
            const rewrite = computed ? incrementRewrite(read, write, flow, sourceCode) : null;
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = rewrite
              ? [
                  {
                    messageId: "useAtomic",
                    data: { command: rewrite.command },
                    fix: (fixer) => [fixer.removeRange(removalRange(rewrite.remove, sourceCode)), fixer.replaceText(rewrite.replace, rewrite.text)],
                  },
                ]
              : [];
            context.report({
              node: write.node,
              messageId: computed ? "computed" : "guarded",
              data: {
                client: FAMILY_LABEL[write.family],
                write: describeCall(write),
                read: describeCall(read),
                key: keyText.length > 40 ? "the key" : keyText,
                line: String(read.node.loc.start.line),
                fix: atomicHint(read, write, computed) + ALTERNATIVES[write.family],
              },
              suggest,
            });
            break;
          }
        }

        function betweenAcquireAndRelease(
          read: RedisCall,
          write: RedisCall,
          m: FileModel,
          sc: TSESLint.SourceCode,
          lk: RegExp,
          cache: Map<Node, LockCalls>,
        ): boolean {
          let fn: Node | undefined = read.fn;
          // The lock may be taken in the reading function or in one around it.
          while (fn) {
            const f = fn as FunctionNode | TSESTree.Program;
            let calls = cache.get(f);
            if (!calls) {
              calls = lockCallsOf(f, m, sc, lk);
              cache.set(f, calls);
            }
            const acquired = calls.acquires.some((a) => a.range[1] <= read.node.range[0]);
            const released = calls.releases.some((r) => r.range[0] >= write.node.range[1]);
            if (acquired && released) return true;
            if (f.type === "Program") break;
            let p: Node | undefined = f.parent;
            while (p && !isFunction(p) && p.type !== "Program") p = p.parent;
            fn = p;
          }
          return false;
        }
      },
    };
  },
});

/**
 * A WATCH before the read, in the reading function or one around it, on the read key; or on
 * keys we cannot read (`watch(...keys)`) on the same client.
 */
function isWatched(read: RedisCall, shapes: string[], watches: { call: RedisCall; shapes: string[]; opaque: boolean }[]): boolean {
  return watches.some(
    (w) =>
      w.call.node.range[1] <= read.node.range[0] &&
      contains(w.call.fn, read.node) &&
      (w.shapes.some((s) => shapes.includes(s)) || (w.opaque && !!w.call.client && w.call.client.key === read.client?.key)),
  );
}

/**
 * A WATCH sent by a local helper that the reading function calls before the read, on the read
 * key: `await this.watchIfPossible(key)` with `watchIfPossible(k) { return this.redis.watch(k); }`.
 * A helper's parameter stands for the argument its caller passes.
 */
function watchedByHelper(
  read: RedisCall,
  shapes: string[],
  watches: { call: RedisCall; shapes: string[]; opaque: boolean }[],
  sourceCode: TSESLint.SourceCode,
): boolean {
  return watches.some((w) => {
    const helper = w.call.fn;
    if (!isFunction(helper) || contains(helper, read.node) || w.call.client?.key !== read.client?.key) return false;
    const sites = callSitesOf(helper, sourceCode) ?? [];
    return sites.some((site) => {
      if (site.range[1] > read.node.range[0] || !contains(read.fn, site)) return false;
      for (const a of w.call.args) {
        const u = unwrap(a);
        for (const e of u.type === "ArrayExpression" ? u.elements : [u]) {
          if (!e || e.type === "SpreadElement") return true;
          const index = e.type === "Identifier" ? helper.params.findIndex((p) => p.type === "Identifier" && p.name === e.name) : -1;
          const arg = index >= 0 ? site.arguments[index] : e;
          const shape = arg && arg.type !== "SpreadElement" ? keyShape(arg) : null;
          if (shape === null || shapes.includes(shape)) return true;
        }
      }
      return false;
    });
  });
}

/** Inside a callback handed to `redlock.using(...)`, `mutex.runExclusive(...)`, `withLock(...)`. */
function inLockCallback(node: Node, sourceCode: TSESLint.SourceCode): boolean {
  let n: Node | undefined = node.parent;
  while (n) {
    if (isFunction(n)) {
      const p = n.parent;
      if (p && (p.type === "CallExpression" || p.type === "NewExpression") && p.arguments.includes(n as TSESTree.CallExpressionArgument)) {
        if (p.type === "CallExpression" && isLockCallbackHost(p, sourceCode)) return true;
      }
    }
    n = n.parent;
  }
  return false;
}
