/**
 * What a lock-shaped write or delete means: a SET NX of serialized data is a data write, not an
 * acquisition, and a force-release (an operator's delete of whoever holds the lock) sits beside a
 * release that checks ownership. Used by `no-unsafe-lock-release` and the lock spans.
 *
 * See docs/semantics.md §4.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, enclosingClass, staticString, unwrap } from "../ast/nodes.js";
import { constInit } from "../ast/scope.js";
import { keyShapeOrCall } from "./key-calls.js";
import { COMPARE_AND_DELETE_LUA, type SetOptions, isLockLikeKey, propKey } from "./locks.js";
import type { FileModel } from "./types.js";

/** Names of calls that serialize a value for storage: `JSON.stringify`, `superjson.stringify`, `v8.serialize`, `msgpack.encode`, `pack`. */
const SERIALIZERS = new Set(["stringify", "serialize", "serialise", "encode", "pack"]);

/** Words that name an owner's token or identity, not data: `token`, `owner`, `uuid`, `nonce`, `id`, `workerId`. */
const TOKEN_WORDS = new Set([
  "token",
  "owner",
  "uuid",
  "guid",
  "nonce",
  "id",
  "holder",
  "instance",
  "worker",
  "pid",
  "host",
  "me",
  "lock",
]);

/**
 * The value a SET NX stores is serialized data, not an owner's token: a serializer's result
 * (`JSON.stringify(value)`, directly or through a `const`) of a value made elsewhere, a variable
 * or a member whose name is no token word. An object or array literal built at the call can be
 * an owner record (`JSON.stringify({ owner, at })`), a call's result can be a token
 * (`JSON.stringify(randomUUID())`), and a literal is a flag: none of these is data here.
 */
export function isSerializedData(value: Node | null | undefined, sourceCode: TSESLint.SourceCode): boolean {
  if (!value) return false;
  let v = unwrap(value);
  if (v.type === "Identifier") {
    const init = constInit(v, sourceCode);
    if (!init) return false;
    v = unwrap(init);
  }
  if (v.type !== "CallExpression" || v.optional) return false;
  const callee = unwrap(v.callee);
  const name =
    callee.type === "Identifier"
      ? callee.name
      : callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier"
        ? callee.property.name
        : null;
  if (!name || !SERIALIZERS.has(name)) return false;
  const arg = v.arguments[0];
  if (!arg || arg.type === "SpreadElement") return false;
  let a = unwrap(arg);
  if (a.type === "Identifier") {
    const init = constInit(a, sourceCode);
    const u = init ? unwrap(init) : null;
    // A constant holding a literal, an object or array built here, or a call's result: see above.
    if (
      u &&
      (u.type === "Literal" ||
        u.type === "ObjectExpression" ||
        u.type === "ArrayExpression" ||
        u.type === "CallExpression" ||
        u.type === "NewExpression" ||
        u.type === "TemplateLiteral")
    )
      return false;
  } else if (a.type !== "MemberExpression") return false;
  while (a.type === "MemberExpression" && !a.computed && a.property.type === "Identifier") {
    if (nameWordsOf(a.property.name).some((w) => TOKEN_WORDS.has(w))) return false;
    a = unwrap(a.object);
  }
  return a.type === "Identifier" ? !nameWordsOf(a.name).some((w) => TOKEN_WORDS.has(w)) : a.type === "ThisExpression";
}

function nameWordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * A SET NX (or SETNX) that writes data if absent, not a lock acquire: the value is serialized
 * data (`isSerializedData`) and the key is not lock-like (`isLockLikeKey`): a cache's
 * `setIfNotExists(key, value)` storing `JSON.stringify(value)` under `cache:<key>`. A lock-like
 * key keeps it an acquire whatever the value (an owner record stored as JSON).
 */
export function isNxDataWrite(set: SetOptions, sourceCode: TSESLint.SourceCode, pattern: RegExp): boolean {
  return set.nx && isSerializedData(set.value, sourceCode) && !isLockLikeKey(set.key, sourceCode, pattern);
}

/**
 * A function name that says it deletes a lock whoever holds it: a word `force` (`forceReleaseLock`,
 * `releaseLockForce`, `forceUnlock`) or `admin` (`adminUnlock`), or a first word `break`, `reset`,
 * `clear`, `purge` or `wipe` (`breakLock`, `resetLocks`). Not `release`, `unlock` or `delete`:
 * those are how an owner lets go.
 */
export function isForceReleaseName(name: string | null | undefined): boolean {
  const w = nameWordsOf(name ?? "");
  if (w.length === 0) return false;
  if (w.some((x) => x === "force" || x === "forced" || x === "forcibly" || x === "forcefully" || x === "admin"))
    return true;
  return w[0] === "break" || w[0] === "reset" || w[0] === "clear" || w[0] === "purge" || w[0] === "wipe";
}

/** The text of a script argument: a string, a template's text, a `const` holding one, `new Script(text)`. */
function scriptTextOf(node: Node, sourceCode: TSESLint.SourceCode, depth = 0): string | null {
  const u = unwrap(node);
  const s = staticString(u);
  if (s !== null) return s;
  if (u.type === "TemplateLiteral") return u.quasis.map((q) => q.value.cooked ?? q.value.raw).join("");
  if (depth > 3) return null;
  if (u.type === "Identifier") {
    const init = constInit(u, sourceCode);
    return init ? scriptTextOf(init, sourceCode, depth + 1) : null;
  }
  if (u.type === "NewExpression" && u.arguments[0] && u.arguments[0].type !== "SpreadElement")
    return scriptTextOf(u.arguments[0], sourceCode, depth + 1);
  return null;
}

/** The shapes (`keyShapeOrCall`) of the key-like arguments of a script call: plain, in an array, or under `keys:`. */
function scriptKeyShapes(args: readonly Node[], out: Set<string>): void {
  for (const a of args) {
    const u = unwrap(a);
    const items: Node[] = [];
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) if (e && e.type !== "SpreadElement") items.push(e);
    } else if (u.type === "ObjectExpression") {
      for (const p of u.properties) {
        if (p.type !== "Property" || propKey(p) !== "keys") continue;
        const v = unwrap(p.value);
        if (v.type === "ArrayExpression")
          for (const e of v.elements) if (e && e.type !== "SpreadElement") items.push(e);
      }
    } else items.push(u);
    for (const i of items) {
      const shape = keyShapeOrCall(i);
      if (shape !== null) out.add(shape);
    }
  }
}

const checkedReleaseMemo = new WeakMap<FileModel, Map<Node, Set<string>>>();

/**
 * Per class (or, outside classes, per file: the Program), the key shapes (`keyShapeOrCall`) that
 * are released with an ownership check: the compare-and-delete Lua script (`COMPARE_AND_DELETE_LUA`)
 * through EVAL or a `defineCommand` name, or `DELEX key IFEQ|IFDEQ`. Indexed once per model.
 */
export function checkedReleaseShapes(model: FileModel, sourceCode: TSESLint.SourceCode): Map<Node, Set<string>> {
  let found = checkedReleaseMemo.get(model);
  if (found) return found;
  found = new Map<Node, Set<string>>();
  const checkedScripts = new Set<string>();
  for (const call of model.calls) {
    if (call.method !== "defineCommand") continue;
    const name = staticString(call.node.arguments[0] ? unwrap(call.node.arguments[0]) : null);
    const def = call.node.arguments[1] ? unwrap(call.node.arguments[1]) : null;
    if (!name || def?.type !== "ObjectExpression") continue;
    const lua = def.properties.find((p): p is TSESTree.Property => p.type === "Property" && propKey(p) === "lua");
    const text = lua ? scriptTextOf(lua.value, sourceCode) : null;
    if (text && COMPARE_AND_DELETE_LUA.test(text)) checkedScripts.add(name);
  }
  for (const call of model.calls) {
    let keys: readonly Node[] | null = null;
    if (call.command === "eval" || call.command === "eval_ro") {
      let args = call.args;
      const first = args[0] ? unwrap(args[0]) : null;
      // Bun `send("EVAL", [script, "1", key, token])`.
      if (first?.type === "ArrayExpression" && args.length === 1)
        args = first.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== "SpreadElement");
      const text = args[0] ? scriptTextOf(args[0], sourceCode) : null;
      if (text && COMPARE_AND_DELETE_LUA.test(text)) keys = args.slice(1);
    } else if (call.command === "delex") {
      const cond = staticString(call.args[1] ? unwrap(call.args[1]) : null)?.toUpperCase();
      if ((cond === "IFEQ" || cond === "IFDEQ") && call.args[0]) keys = [call.args[0]];
    } else if (call.command === null && checkedScripts.has(call.method)) keys = call.args;
    if (!keys) continue;
    const scope: Node = enclosingClass(call.node) ?? sourceCode.ast;
    let shapes = found.get(scope);
    if (!shapes) found.set(scope, (shapes = new Set<string>()));
    scriptKeyShapes(keys, shapes);
  }
  checkedReleaseMemo.set(model, found);
  return found;
}
