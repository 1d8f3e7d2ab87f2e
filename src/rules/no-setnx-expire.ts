import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type Node,
  type RedisCall,
  type SetOptions,
  FAMILY_LABEL,
  findVariable,
  getModel,
  importedValueName,
  isFunction,
  keyShape,
  readSetOptions,
  sameKey,
  unwrap,
  useOf,
} from "../model/index.js";
import { installedMajor } from "../model/versions.js";
import { createRule } from "../util/create-rule.js";
import { exclusive, mayLeave } from "../util/statements.js";

type MessageIds = "setnxExpire" | "setnxExpireInMulti" | "incrExpire" | "useAtomicSet" | "useLuaScript";
type Options = [{ checkIncr?: boolean }];
type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

const EXPIRE_COMMANDS = new Set(["expire", "pexpire", "expireat", "pexpireat"]);
const COUNTER_COMMANDS = new Set(["incr", "incrby", "incrbyfloat", "decr", "decrby", "hincrby", "hincrbyfloat"]);
/** Arguments each counter command takes, key included. */
const COUNTER_ARITY: Record<string, number> = { incr: 1, decr: 1, incrby: 2, decrby: 2, incrbyfloat: 2, hincrby: 3, hincrbyfloat: 3 };
const FLOAT_COUNTERS = new Set(["incrbyfloat", "hincrbyfloat"]);
const FIXABLE_FAMILIES = new Set<Family>(["ioredis", "node-redis", "upstash", "glide", "bun"]);

/** EXPIRE → EX, PEXPIRE → PX, EXPIREAT → EXAT, PEXPIREAT → PXAT. */
const UNIT: Record<string, "EX" | "PX" | "EXAT" | "PXAT"> = { expire: "EX", pexpire: "PX", expireat: "EXAT", pexpireat: "PXAT" };
const GLIDE_UNIT: Record<string, string> = { EX: "Seconds", PX: "Milliseconds", EXAT: "UnixSeconds", PXAT: "UnixMilliseconds" };

function atomicForm(family: Family, unit: string): string {
  switch (family) {
    case "ioredis":
      return `set(key, value, "${unit}", ttl, "NX")`;
    case "node-redis":
      return `set(key, value, { NX: true, ${unit}: ttl })`;
    case "upstash":
      return `set(key, value, { nx: true, ${unit.toLowerCase()}: ttl })`;
    case "glide":
      return `set(key, value, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.${GLIDE_UNIT[unit]}, count: ttl } })`;
    case "bun":
      return `set(key, value, "NX", "${unit}", String(ttl))`;
    default:
      return `SET key value NX ${unit} ttl`;
  }
}

// ---------------------------------------------------------------------------------------------
// Small AST questions

function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/i.test(filename);
}

/** The statement an expression is the whole of (`await x.expire(k, 10);`), or null. */
function wholeStatement(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): TSESTree.ExpressionStatement | null {
  const use = useOf(call, sourceCode);
  if (use.kind !== "discarded" || use.parent.type !== "ExpressionStatement") return null;
  return use.parent;
}

/** The value is only tested for truthiness: `if (x)`, `!x`, `x ? a : b`, `while (!x)`, or kept in a variable used only so. */
function truthinessOnly(expr: Node, sourceCode: TSESLint.SourceCode, depth = 0): boolean {
  const use = useOf(expr, sourceCode);
  switch (use.kind) {
    case "discarded":
      return true;
    case "condition": {
      const p = use.parent;
      // `a && b` / `a || b` pass `a` itself on: follow the whole expression.
      if (p.type === "LogicalExpression") return depth < 6 && truthinessOnly(p, sourceCode, depth + 1);
      return true;
    }
    case "variable": {
      const variable = use.variable;
      if (!variable || depth >= 6) return false;
      if (variable.references.some((r) => r.isWrite() && r.writeExpr !== use.node)) return false;
      return variable.references.every((r) => !r.isRead() || truthinessOnly(r.identifier as Node, sourceCode, depth + 1));
    }
    default:
      return false;
  }
}

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);

/** Nothing between `node` and the innermost ancestor that also holds `other` runs it more than once or elsewhere. */
function noLoopOrFunctionBetween(node: Node, other: Node): boolean {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.range[0] <= other.range[0] && other.range[1] <= n.range[1]) return true;
    if (LOOPS.has(n.type) || isFunction(n)) return false;
    n = n.parent;
  }
  return false;
}

/** The expression is the SET's result: the awaited call itself, or the variable that holds it. */
function isSetResult(expr: Node, setCall: Node, resultVar: TSESLint.Scope.Variable | null, sourceCode: TSESLint.SourceCode): boolean {
  let e = unwrap(expr);
  if (e.type === "AwaitExpression") e = unwrap(e.argument);
  if (e === setCall) return true;
  return !!resultVar && e.type === "Identifier" && findVariable(e, sourceCode) === resultVar;
}

/**
 * `test` is true exactly when the SET set the key (`success`), or exactly when it did not: `ok`,
 * `!ok`, `ok === "OK"`, `ok !== null`, `!(await redis.setnx(k, v))`, ...
 */
function testsSetResult(test: Node, success: boolean, setCall: Node, resultVar: TSESLint.Scope.Variable | null, sourceCode: TSESLint.SourceCode): boolean {
  const t = unwrap(test);
  if (t.type === "UnaryExpression" && t.operator === "!") return testsSetResult(t.argument, !success, setCall, resultVar, sourceCode);
  if (t.type === "BinaryExpression" && /^[=!]==?$/.test(t.operator)) {
    const [side, lit] = t.right.type === "Literal" ? [t.left, t.right] : t.left.type === "Literal" ? [t.right, t.left] : [null, null];
    if (!side || !lit || side.type === "PrivateIdentifier" || !isSetResult(side, setCall, resultVar, sourceCode)) return false;
    const truthy = lit.value === "OK" || lit.value === 1 || lit.value === true;
    const falsy = lit.value === null || lit.value === 0 || lit.value === false;
    if (!truthy && !falsy) return false;
    const equal = t.operator.startsWith("=");
    return (equal === truthy) === success;
  }
  return success && isSetResult(t, setCall, resultVar, sourceCode);
}

/**
 * The EXPIRE statement runs exactly when the SET it is paired with took the key, so that moving
 * the expiry into the SET changes nothing: it follows the SET, with only guards on the SET's
 * result between them (`if (!ok) return false;`, `if (ok) await redis.expire(...)`). Any other
 * condition or early exit (`if (persistent) return;`, `if (ok && ttl > 0)`) would give the key a
 * TTL that the code did not give it before: then only a suggestion is offered.
 */
function runsExactlyOnSuccess(stmt: TSESTree.Statement, setCall: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const use = useOf(setCall, sourceCode);
  const resultVar = use.kind === "variable" ? (use.variable ?? null) : null;
  let child: Node = stmt;
  for (let a: Node | undefined = stmt.parent; a; child = a, a = a.parent) {
    const holdsSet = a.range[0] <= setCall.range[0] && setCall.range[1] <= a.range[1];
    if (a.type === "IfStatement") {
      if (a.consequent !== child || !testsSetResult(a.test, true, setCall, resultVar, sourceCode)) return false;
      if (holdsSet) return true;
      continue;
    }
    if (!holdsSet) {
      if (a.type === "BlockStatement") continue;
      return false;
    }
    if (a.type !== "BlockStatement" && a.type !== "Program" && a.type !== "StaticBlock") return false;
    // The statement list holding both: what runs between them may only leave when the SET failed.
    const list = a.body as Node[];
    const to = list.indexOf(child);
    const from = list.findIndex((s) => s.range[0] <= setCall.range[0] && setCall.range[1] <= s.range[1]);
    if (from < 0 || to <= from) return false;
    return list.slice(from, to).every((s, i) => {
      // The SET's own statement may leave too: `if (!(await redis.setnx(k, v))) return false;`.
      if (i === 0 && (s.type === "ExpressionStatement" || s.type === "VariableDeclaration")) return true;
      if (!mayLeave(sourceCode, s)) return true;
      return s.type === "IfStatement" && !s.alternate && testsSetResult(s.test, false, setCall, resultVar, sourceCode);
    });
  }
  return false;
}

/**
 * Can `expr` be written at `at` and mean what it means where it stands? Every variable it reads
 * must be the one visible at `at`, and must not be assigned after `at`. `simple` accepts only a
 * literal or an identifier (the autofix); otherwise member paths, arithmetic and templates
 * without calls are accepted too (suggestions).
 */
function portableTo(expr: Node, at: Node, sourceCode: TSESLint.SourceCode, simple: boolean): boolean {
  const e = unwrap(expr);
  if (simple) {
    if (e.type === "Literal") return typeof e.value === "number" || typeof e.value === "string";
    if (e.type !== "Identifier") return false;
  }
  const ids: TSESTree.Identifier[] = [];
  const collect = (n: Node): boolean => {
    const u = unwrap(n);
    switch (u.type) {
      case "Literal":
        return typeof u.value === "number" || typeof u.value === "string";
      case "Identifier":
        ids.push(u);
        return true;
      case "ThisExpression":
        return true;
      case "MemberExpression":
        if (u.computed) return collect(u.object) && collect(u.property);
        return collect(u.object);
      case "BinaryExpression":
        return u.left.type !== "PrivateIdentifier" && collect(u.left) && collect(u.right);
      case "UnaryExpression":
        return (u.operator === "-" || u.operator === "+") && collect(u.argument);
      case "TemplateLiteral":
        return u.expressions.every(collect);
      default:
        return false;
    }
  };
  if (!collect(e)) return false;
  let scopeAt: TSESLint.Scope.Scope | null;
  try {
    scopeAt = sourceCode.getScope(at);
  } catch {
    return false;
  }
  for (const id of ids) {
    if (id.name === "undefined") continue;
    const variable = findVariable(id, sourceCode);
    // Resolution at `at`: the first scope outwards that declares the name.
    let s: TSESLint.Scope.Scope | null = scopeAt;
    let visible: TSESLint.Scope.Variable | null = null;
    while (s) {
      const v = s.set.get(id.name);
      if (v) {
        visible = v;
        break;
      }
      s = s.upper;
    }
    if (!variable) {
      if (visible && visible.defs.length) return false;
      continue;
    }
    if (visible !== variable) return false;
    for (const def of variable.defs) if (def.name.range[0] > at.range[0]) return false;
    for (const ref of variable.references) {
      if (ref.isWrite() && ref.identifier.range[0] > at.range[0]) return false;
    }
  }
  return true;
}

/** Removes a whole statement; a statement that is the body of `if`/`else`/a loop becomes `{}`. */
function removeStatement(fixer: Fixer, stmt: TSESTree.Statement, sourceCode: TSESLint.SourceCode): Fix {
  const parent = stmt.parent;
  if (!parent || (parent.type !== "BlockStatement" && parent.type !== "Program" && parent.type !== "SwitchCase" && parent.type !== "StaticBlock")) {
    return fixer.replaceText(stmt, "{}");
  }
  const text = sourceCode.text;
  let start = stmt.range[0];
  let end = stmt.range[1];
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd < 0) lineEnd = text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(end, lineEnd))) {
    // Alone on its line(s): take the line with it.
    start = lineStart;
    end = Math.min(lineEnd + 1, text.length);
  } else {
    // Shares a line: take the spaces before it.
    while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  }
  return fixer.removeRange([start, end]);
}

// ---------------------------------------------------------------------------------------------
// The atomic SET, per dialect

interface Rewrite {
  apply: (fixer: Fixer) => Fix[];
  /** For SETNX, the text of the SET call that replaces the whole call. */
  callText: string | null;
}

/**
 * Rewrites the SETNX / SET NX call into the dialect's SET with NX and an expiry, or null when the
 * call's shape is not one this rule can rewrite faithfully.
 */
function rewriteSet(
  call: RedisCall,
  set: SetOptions,
  unit: "EX" | "PX" | "EXAT" | "PXAT",
  ttl: Node,
  sourceCode: TSESLint.SourceCode,
  program: TSESTree.Program,
): Rewrite | null {
  if (call.raw || set.partial || set.get || set.keepTtl || set.xx) return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  if (call.node.arguments.some((a) => a.type === "SpreadElement" || isFunction(unwrap(a)))) return null;
  if (!set.key || !set.value) return null;
  const ttlText = sourceCode.getText(ttl);
  const base = sourceCode.getText(callee.object);
  const key = sourceCode.getText(set.key);
  const value = sourceCode.getText(set.value);
  const optional = callee.optional ? "?." : ".";
  const family = call.family;

  if (set.command === "setnx") {
    if (call.node.arguments.length !== 2) return null;
    const method = call.method === call.method.toUpperCase() ? "SET" : "set";
    let args: string;
    switch (family) {
      case "ioredis":
        args = `${key}, ${value}, "${unit}", ${ttlText}, "NX"`;
        break;
      case "node-redis":
        args = `${key}, ${value}, { NX: true, ${unit}: ${ttlText} }`;
        break;
      case "upstash":
        args = `${key}, ${value}, { nx: true, ${unit.toLowerCase()}: ${ttlText} }`;
        break;
      case "bun":
        args = `${key}, ${value}, "NX", "${unit}", ${bunTtl(ttl, sourceCode)}`;
        break;
      default:
        // GLIDE has no SETNX method.
        return null;
    }
    const text = `${base}${optional}${method}(${args})`;
    return { apply: (fixer) => [fixer.replaceText(call.node, text)], callText: text };
  }

  // SET with NX and no expiry: add the expiry in the shape already written.
  switch (family) {
    case "ioredis":
    case "bun": {
      if (set.shape !== "tokens" || !set.nxNode) return null;
      const nx = set.nxNode;
      if (family === "ioredis") {
        const quote = sourceCode.getText(nx)[0] === "'" ? "'" : '"';
        return { apply: (fixer) => [fixer.insertTextBefore(nx, `${quote}${unit}${quote}, ${ttlText}, `)], callText: null };
      }
      const quote = sourceCode.getText(nx)[0] === "'" ? "'" : '"';
      const last = call.node.arguments[call.node.arguments.length - 1];
      return { apply: (fixer) => [fixer.insertTextAfter(last, `, ${quote}${unit}${quote}, ${bunTtl(ttl, sourceCode)}`)], callText: null };
    }
    case "node-redis": {
      const obj = inlineOptions(call, set);
      if (!obj || !set.nxNode) return null;
      if (set.shape === "node-redis-v5") {
        // `condition: "NX"` is ignored by v4; write the shape every version reads.
        const nx = set.nxNode;
        return { apply: (fixer) => [fixer.replaceText(nx, `NX: true, ${unit}: ${ttlText}`)], callText: null };
      }
      if (set.shape !== "node-redis-v4") return null;
      return { apply: (fixer) => [fixer.insertTextAfter(lastProperty(obj), `, ${unit}: ${ttlText}`)], callText: null };
    }
    case "upstash": {
      const obj = inlineOptions(call, set);
      if (!obj || set.shape !== "upstash") return null;
      return { apply: (fixer) => [fixer.insertTextAfter(lastProperty(obj), `, ${unit.toLowerCase()}: ${ttlText}`)], callText: null };
    }
    case "glide": {
      const obj = inlineOptions(call, set);
      if (!obj || set.shape !== "glide") return null;
      const timeUnit = glideTimeUnit(program, sourceCode);
      if (!timeUnit) return null;
      return {
        apply: (fixer) => [
          ...timeUnit.fixes(fixer),
          fixer.insertTextAfter(lastProperty(obj), `, expiry: { type: ${timeUnit.name}.${GLIDE_UNIT[unit]}, count: ${ttlText} }`),
        ],
        callText: null,
      };
    }
    default:
      return null;
  }
}

/** Bun's typed `set(k, v, ...options: string[])` takes strings. */
function bunTtl(ttl: Node, sourceCode: TSESLint.SourceCode): string {
  const u = unwrap(ttl);
  if (u.type === "Literal" && typeof u.value === "number") return JSON.stringify(String(u.value));
  if (u.type === "Literal" && typeof u.value === "string") return sourceCode.getText(u);
  return `String(${sourceCode.getText(ttl)})`;
}

function inlineOptions(call: RedisCall, set: SetOptions): TSESTree.ObjectExpression | null {
  const obj = set.options;
  if (!obj || obj.properties.length === 0) return null;
  const arg = call.node.arguments[2];
  return arg && unwrap(arg) === obj ? obj : null;
}

function lastProperty(obj: TSESTree.ObjectExpression): Node {
  return obj.properties[obj.properties.length - 1];
}

/** How the fix names GLIDE's `TimeUnit`, adding the import when the file has none. */
function glideTimeUnit(
  program: TSESTree.Program,
  sourceCode: TSESLint.SourceCode,
): { name: string; fixes: (fixer: Fixer) => Fix[] } | null {
  const existing = importedValueName(program, "@valkey/valkey-glide", "TimeUnit");
  if (existing) return { name: existing, fixes: () => [] };
  // The name must be free in the module.
  const moduleScope = sourceCode.scopeManager?.scopes.find((s) => s.type === "module") ?? sourceCode.scopeManager?.globalScope;
  if (!moduleScope || moduleScope.set.has("TimeUnit")) return null;
  for (const s of sourceCode.scopeManager?.scopes ?? []) {
    if (s.through.some((r) => r.identifier.name === "TimeUnit")) return null;
  }
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === "ImportDeclaration");
  const valueImport = imports.find(
    (d) =>
      d.source.value === "@valkey/valkey-glide" &&
      d.importKind !== "type" &&
      d.specifiers.length > 0 &&
      d.specifiers.every((s) => s.type === "ImportSpecifier"),
  );
  if (valueImport) {
    const last = valueImport.specifiers[valueImport.specifiers.length - 1];
    return { name: "TimeUnit", fixes: (fixer) => [fixer.insertTextAfter(last, ", TimeUnit")] };
  }
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    return { name: "TimeUnit", fixes: (fixer) => [fixer.insertTextAfter(lastImport, `\nimport { TimeUnit } from "@valkey/valkey-glide";`)] };
  }
  return { name: "TimeUnit", fixes: (fixer) => [fixer.insertTextBeforeRange([0, 0], `import { TimeUnit } from "@valkey/valkey-glide";\n`)] };
}

/** Keeps a SETNX result's value when it is used for more than truthiness: 1/0 (or v4's true/false) from "OK"/null. */
function preserveSetnxValue(call: RedisCall, nodeRedisMajor: () => number | null): ((text: string) => string) | null {
  switch (call.family) {
    case "ioredis":
    case "upstash":
    case "bun":
      return (t) => `(${t} === "OK" ? 1 : 0)`;
    case "node-redis": {
      const major = nodeRedisMajor();
      if (major === null) return null;
      return major <= 4 ? (t) => `(${t} === "OK")` : (t) => `(${t} === "OK" ? 1 : 0)`;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The Lua script for INCR + EXPIRE

function luaScript(counter: RedisCall, expire: RedisCall, extraArgs: number): string {
  const args = ["KEYS[1]"];
  for (let i = 0; i < extraArgs; i++) args.push(`ARGV[${i + 2}]`);
  const cmd = counter.command!.toUpperCase();
  const exp = expire.command!.toUpperCase();
  return `local n = redis.call('${cmd}', ${args.join(", ")}) if redis.call('TTL', KEYS[1]) == -1 then redis.call('${exp}', KEYS[1], ARGV[1]) end return n`;
}

function asString(n: Node, sourceCode: TSESLint.SourceCode): string {
  const u = unwrap(n);
  if (u.type === "Literal" && typeof u.value === "string") return sourceCode.getText(u);
  if (u.type === "Literal" && typeof u.value === "number") return JSON.stringify(String(u.value));
  return `String(${sourceCode.getText(n)})`;
}

function luaReplacement(counter: RedisCall, expire: RedisCall, ttl: Node, sourceCode: TSESLint.SourceCode, typescript: boolean): string | null {
  const callee = unwrap(counter.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed || callee.optional) return null;
  const args = counter.node.arguments;
  if (args.length !== COUNTER_ARITY[counter.command!] || args.some((a) => a.type === "SpreadElement" || isFunction(unwrap(a)))) return null;
  const base = sourceCode.getText(callee.object);
  const [key, ...rest] = args.map((a) => sourceCode.getText(a));
  const script = JSON.stringify(luaScript(counter, expire, rest.length));
  const ttlText = sourceCode.getText(ttl);
  let text: string;
  switch (counter.family) {
    case "ioredis":
      text = `${base}.eval(${script}, 1, ${[key, ttlText, ...rest].join(", ")})`;
      break;
    case "node-redis":
      text = `${base}.eval(${script}, { keys: [${key}], arguments: [${[ttl, ...args.slice(1)].map((a) => asString(a, sourceCode)).join(", ")}] })`;
      break;
    case "upstash":
      text = `${base}.eval(${script}, [${key}], [${[ttlText, ...rest].join(", ")}])`;
      break;
    case "glide":
      text = `${base}.customCommand(["EVAL", ${script}, "1", ${key}, ${[ttl, ...args.slice(1)].map((a) => asString(a, sourceCode)).join(", ")}])`;
      break;
    case "bun":
      text = `${base}.send("EVAL", [${script}, "1", ${key}, ${[ttl, ...args.slice(1)].map((a) => asString(a, sourceCode)).join(", ")}])`;
      break;
    default:
      return null;
  }
  if (typescript) text = `(${text} as Promise<${FLOAT_COUNTERS.has(counter.command!) ? "string" : "number"}>)`;
  return text;
}

// ---------------------------------------------------------------------------------------------

/**
 * The two commands may reach the same key: queued in one transaction, or sent by clients of the
 * same family (two client objects usually point at the same server: `duplicate()`, a second
 * `new Redis(url)`).
 */
function sameServer(a: RedisCall, b: RedisCall): boolean {
  if (a.tx && a.tx === b.tx) return true;
  return a.family === b.family || a.family === "unknown" || b.family === "unknown";
}

function sameClient(a: RedisCall, b: RedisCall): boolean {
  return !!a.client && !!b.client && a.client.key === b.client.key;
}

function describeCall(call: RedisCall): string {
  if (call.raw) return `${(call.command ?? call.method).toUpperCase()} (${call.method})`;
  return `${call.method}()`;
}

export default createRule<Options, MessageIds>({
  name: "no-setnx-expire",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow SETNX (or SET NX) followed by a separate EXPIRE, which leaves a lock without a TTL if the process dies in between",
      recommended: true,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          checkIncr: {
            type: "boolean",
            description: "Also report INCR, INCRBY, INCRBYFLOAT, DECR, DECRBY, HINCRBY or HINCRBYFLOAT followed by a separate EXPIRE of the same key.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkIncr: true }],
    messages: {
      setnxExpire:
        "{{set}} and the {{expire}} on line {{line}} are two commands: if the process dies or the connection drops between them, the key is left without a TTL and the lock is never released. Set the value and the expiry in one command with {{family}}: {{atomic}}.",
      setnxExpireInMulti:
        "{{set}} and the {{expire}} on line {{line}} are queued in the same MULTI: the {{expireCommand}} runs even when the key was not set, and so extends another owner's lock. Set the value and the expiry in one command with {{family}}: {{atomic}}.",
      incrExpire:
        "{{incr}} and the {{expire}} on line {{line}} are two round trips ({{family}}): if the process dies between them, the counter never expires. Run both in one Lua script, or queue {{expireCommand}} with NX in the same MULTI as the {{incrCommand}}.",
      useAtomicSet: "Use {{atomic}} and drop the separate {{expireCommand}}.",
      useLuaScript: "Increment and set the TTL (when the key has none) in one Lua script.",
    },
  },
  defaultOptions: [{ checkIncr: true }],
  create(context, [options]) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast as TSESTree.Program;
    const checkIncr = options?.checkIncr !== false;
    const typescript = isTypeScriptFile(context.filename);
    let major: number | null | undefined;
    const nodeRedisMajor = (): number | null => {
      if (major === undefined) {
        major = model.settings.versions.redis ?? null;
        if (major === null) {
          try {
            major = installedMajor(context, "redis");
          } catch {
            major = null;
          }
        }
      }
      return major;
    };

    const reportSetnx = (call: RedisCall, set: SetOptions, expire: RedisCall) => {
      const unit = UNIT[expire.command!];
      const family = call.family;
      const ttl = expire.args[1];
      const inOneTx = !!call.tx && call.tx === expire.tx;
      const data = {
        set: describeCall(call),
        expire: describeCall(expire),
        expireCommand: expire.command!.toUpperCase(),
        line: String(expire.node.loc.start.line),
        family: FAMILY_LABEL[family],
        atomic: atomicForm(family, unit),
      };
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      let fix: TSESLint.ReportFixFunction | null = null;

      const rewritable =
        FIXABLE_FAMILIES.has(family) &&
        !expire.raw &&
        expire.args.length === 2 &&
        expire.node.arguments.length === 2 &&
        !!ttl &&
        ttl.type !== "SpreadElement" &&
        portableTo(ttl, call.node, sourceCode, false);
      const rewrite = rewritable ? rewriteSet(call, set, unit, ttl, sourceCode, program) : null;
      const setFix = rewrite?.apply;

      if (setFix && !inOneTx && call.receiver === "client" && expire.receiver === "client") {
        const stmt = wholeStatement(expire.node, sourceCode);
        if (stmt) {
          const removal = (fixer: Fixer) => removeStatement(fixer, stmt, sourceCode);
          const setUse = useOf(call.node, sourceCode);
          const expireUse = useOf(expire.node, sourceCode);
          const truthy = truthinessOnly(call.node, sourceCode);
          const safe =
            sameClient(call, expire) &&
            setUse.awaited &&
            expireUse.awaited &&
            (truthy || set.command === "set") &&
            portableTo(ttl, call.node, sourceCode, true) &&
            noLoopOrFunctionBetween(stmt, call.node) &&
            runsExactlyOnSuccess(stmt, call.node, sourceCode);
          if (safe) {
            fix = (fixer) => [...setFix(fixer), removal(fixer)];
          } else if (truthy || set.command === "set") {
            suggest.push({ messageId: "useAtomicSet", data, fix: (fixer) => [...setFix(fixer), removal(fixer)] });
          } else {
            // SETNX's 1/0 (or true/false) is used as a value: keep it.
            const keep = preserveSetnxValue(call, nodeRedisMajor);
            const replaced = rewrite?.callText;
            const awaitNode = call.node.parent?.type === "AwaitExpression" ? call.node.parent : null;
            if (keep && replaced && (awaitNode || !setUse.awaited)) {
              suggest.push({
                messageId: "useAtomicSet",
                data,
                fix: (fixer) => [
                  awaitNode
                    ? fixer.replaceText(awaitNode, keep(`(await ${replaced})`))
                    : fixer.replaceText(call.node, `${replaced}.then((r) => ${keep("r")})`),
                  removal(fixer),
                ],
              });
            }
          }
        }
      } else if (setFix && inOneTx) {
        // Only when nothing reads exec()'s result: dropping the EXPIRE shifts its indexes.
        const tx = call.tx!;
        const execsDiscarded = tx.execs.length > 0 && tx.execs.every((e) => useOf(e.node, sourceCode).kind === "discarded");
        const removal = execsDiscarded ? queuedRemoval(expire, sourceCode) : null;
        if (removal) suggest.push({ messageId: "useAtomicSet", data, fix: (fixer) => [...setFix(fixer), removal(fixer)] });
      }

      context.report({
        node: call.node,
        messageId: inOneTx ? "setnxExpireInMulti" : "setnxExpire",
        data,
        fix,
        suggest,
      });
    };

    const reportIncr = (call: RedisCall, expire: RedisCall) => {
      const ttl = expire.args[1];
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (
        FIXABLE_FAMILIES.has(call.family) &&
        !call.raw &&
        call.receiver === "client" &&
        !expire.raw &&
        expire.node.arguments.length === 2 &&
        ttl &&
        ttl.type !== "SpreadElement" &&
        portableTo(ttl, call.node, sourceCode, false)
      ) {
        const text = luaReplacement(call, expire, ttl, sourceCode, typescript);
        if (text) suggest.push({ messageId: "useLuaScript", fix: (fixer) => fixer.replaceText(call.node, text) });
      }
      context.report({
        node: call.node,
        messageId: "incrExpire",
        data: {
          incr: describeCall(call),
          family: FAMILY_LABEL[call.family],
          incrCommand: call.command!.toUpperCase(),
          expire: describeCall(expire),
          expireCommand: expire.command!.toUpperCase(),
          line: String(expire.node.loc.start.line),
        },
        suggest,
      });
    };

    return {
      "Program:exit"() {
        for (const calls of model.callsByFunction.values()) {
          const reported = new Set<RedisCall>();
          // Key shape → the commands that made the key (SET, SETNX, INCR, ...), in order.
          const makers = new Map<string, RedisCall[]>();
          for (const call of calls) {
            const command = call.command;
            if (!command) continue;
            if (command === "set" || command === "setnx" || COUNTER_COMMANDS.has(command)) {
              const shape = keyShape(call.args[0]);
              if (!shape) continue;
              const list = makers.get(shape);
              if (list) list.push(call);
              else makers.set(shape, [call]);
              continue;
            }
            if (!EXPIRE_COMMANDS.has(command)) continue;
            const shape = keyShape(call.args[0]);
            const list = shape ? makers.get(shape) : undefined;
            if (!list) continue;
            // The nearest earlier command that made this key on this connection.
            let maker: RedisCall | undefined;
            // (Not one in another branch: `if (create) setnx(k, v); else expire(k, 60);` never runs both.)
            for (let j = list.length - 1; j >= 0 && !maker; j--) if (sameServer(list[j], call) && !exclusive(list[j].node, call.node)) maker = list[j];
            if (!maker || reported.has(maker)) continue;
            if (maker.command === "set" || maker.command === "setnx") {
              const set = readSetOptions(maker, sourceCode);
              if (!set || !sameKey(set.key, call.args[0])) continue;
              if (set.nx && !set.expiry && !set.keepTtl && !set.partial) {
                reported.add(maker);
                reportSetnx(maker, set, call);
              }
            } else if (checkIncr && !(maker.tx && maker.tx === call.tx)) {
              // INCR and EXPIRE queued in one MULTI / pipeline go together.
              reported.add(maker);
              reportIncr(maker, call);
            }
          }
        }
      },
    };
  },
});

/** Removes a queued EXPIRE from its chain (`.expire(k, 10)`) or its statement (`tx.expire(k, 10);`). */
function queuedRemoval(expire: RedisCall, sourceCode: TSESLint.SourceCode): ((fixer: Fixer) => Fix) | null {
  const callee = unwrap(expire.node.callee);
  if (callee.type !== "MemberExpression") return null;
  const parent = expire.node.parent;
  if (parent?.type === "MemberExpression" && parent.object === expire.node) {
    const object = callee.object;
    // `x.setnx(...).expire(k, 10).exec()`: the builder comes from the call before.
    if (unwrap(object).type !== "CallExpression") return null;
    return (fixer) => fixer.removeRange([object.range[1], expire.node.range[1]]);
  }
  const stmt = wholeStatement(expire.node, sourceCode);
  if (stmt && !useOf(expire.node, sourceCode).awaited) return (fixer) => removeStatement(fixer, stmt, sourceCode);
  return null;
}
