import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type RedisCall,
  type SetOptions,
  COMPARE_AND_DELETE_SCRIPT,
  checkedReleaseShapes,
  deletedKeys,
  definedCommandNames,
  isConditionalDelex,
  isForceReleaseName,
  isLockLikeKey,
  isNxDataWrite,
  isUnsafeLockReleasePattern,
  keyShape,
  lockKeyRegex,
  nxAcquisitions,
  readSetOptions,
  keyShapeOrCall,
  LOCK_RULE_SCHEMA,
  itemsWithShape,
  positionsBy,
  shapeOf,
  stopIndex,
} from "../model/index.js";
import { enclosingClass, enclosingFunctionName, unwrap } from "../ast/nodes.js";
import { asWritten, dialectOf } from "../dialects/index.js";
import { constInit, findVariable } from "../ast/scope.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "plainDelete" | "getCompareDelete" | "useScript";
type Options = [{ lockKeyPattern?: string }];

function shortText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string {
  let text = sourceCode.getText(node).replace(/\s+/g, " ");
  if (text.length > 48) text = `${text.slice(0, 45)}...`;
  return /^["'`]/.test(text) ? text : `\`${text}\``;
}

const EXPIRY_COMMANDS = new Set(["expire", "pexpire", "expireat", "pexpireat"]);

/** First words of a function that deletes a lock on purpose, whoever holds it (see `forceDelete`). */
const FORCE_DELETE_VERBS = new Set(["del", "delete", "force", "break", "clear", "purge", "wipe", "reset"]);

/** Writes that make a key a record or a flag, never a lock someone owns (SET without NX is read apart). */
const DATA_WRITES = new Set(["setex", "psetex", "mset", "hset", "hmset", "rpush", "lpush", "sadd", "xadd", "append"]);

/** What can happen between the GET and the DEL, for a lock and for any other key. */
const RACE_LOCK = "if our lock expired and another owner took it in between, this deletes their lock";
const RACE_VALUE =
  "the key can change in between, so two callers can both pass the check (a one-time code used twice), or this DEL removes a value written after the check";

export default createRule<Options, MessageIds>({
  name: "no-unsafe-lock-release",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow releasing a lock with a plain DEL or a GET-compare-DEL, which can delete a lock another owner holds",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: LOCK_RULE_SCHEMA,
    defaultOptions: [{}],
    messages: {
      plainDelete:
        "{{how}} releases the lock {{key}} without checking that we still own it: if our lock expired and another owner took it, this deletes their lock and two owners run at once. Compare and delete in one step: a Lua script through {{evalForm}}, or DELEX key IFEQ token on Redis 8.4+.",
      getCompareDelete:
        "{{how}} deletes {{key}} after a GET and a comparison made in an earlier round trip: {{race}}. Compare and delete in one step: a Lua script through {{evalForm}}, or DELEX key IFEQ token on Redis 8.4+.",
      useScript: "Release with the compare-and-delete Lua script: {{replacement}}.",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const pattern = lockKeyRegex(options.lockKeyPattern);

    return {
      "Program:exit"() {
        const scripts = definedCommandNames(model);
        // A SET NX of serialized data under a key that is no lock (a cache's `setIfNotExists`) is a
        // data write, not an acquire.
        const allNx = nxAcquisitions(model, sourceCode);
        const acquisitions: typeof allNx = [];
        // Keys given an expiry somewhere in the file (the two-step SET NX + EXPIRE counts).
        const expiring = new Set<string>();
        // Keys written as data (a plain SET without NX, HSET, RPUSH, ...): a record or a flag such
        // as an account lock (`login:lock:<email>` SET with EX), not a lock someone owns.
        const dataKeys = new Set<string>();
        for (const a of allNx) {
          if (!isNxDataWrite(a.set, sourceCode, pattern)) acquisitions.push(a);
          else {
            const shape = keyShapeOrCall(a.set.key);
            if (shape) dataKeys.add(shape);
          }
        }
        for (const call of model.calls) {
          const shape = call.args[0] ? keyShapeOrCall(call.args[0]) : null;
          if (!shape || call.command === null) continue;
          if (EXPIRY_COMMANDS.has(call.command)) expiring.add(shape);
          if (call.command === "set") {
            const set = readSetOptions(call, sourceCode);
            if (set && !set.nx && !set.xx && !set.partial) dataKeys.add(shape);
          } else if (DATA_WRITES.has(call.command)) dataKeys.add(shape);
        }
        // Keys acquired with SET NX and an expiry: a lock that can expire and change hands.
        // (Without an expiry nobody else can take it, so a DEL cannot delete another owner's.)
        // A file that listens for keyspace expiry events uses its SET NX + TTL keys as timers (the
        // expiry is the event; a DEL cancels the timer), not as locks that change hands.
        const timers = listensForExpiry(sourceCode);
        const acquired = new Set<string>();
        const nxKeys = new Set<string>();
        for (const a of acquisitions) {
          const shape = keyShapeOrCall(a.set.key);
          if (!shape) continue;
          nxKeys.add(shape);
          if (!timers && (a.set.expiry || a.set.partial || expiring.has(shape))) acquired.add(shape);
        }

        for (const call of model.calls) {
          if (scripts.has(call.method)) continue;
          if (
            call.command !== "del" &&
            call.command !== "unlink" &&
            call.command !== "delex" &&
            call.command !== "getdel"
          )
            continue;
          if (call.command === "delex" && isConditionalDelex(call)) continue;
          const keys = deletedKeys(call);
          if (keys.length === 0) continue;
          const sameFunction = model.callsByFunction.get(call.fn) ?? [];

          // GET, compare, DEL: reported whatever the key is called.
          // The last GET before the DEL (in the function's list, up to the first call that ends after
          // the DEL starts) that forms the pattern: only a GET of a deleted key's shape can.
          let unsafe: { get: RedisCall; token: TSESTree.Node } | null = null;
          const stop = stopIndex(sameFunction, call.node.range[0]);
          const gets: number[] = [];
          for (const shape of new Set(keys.map((k) => shapeOf(k)))) {
            if (shape === null) continue;
            for (const i of positionsBy(sameFunction, "get-key", getKeyShape, shape)) if (i < stop) gets.push(i);
          }
          gets.sort((a, b) => b - a);
          for (const i of gets) {
            const c = sameFunction[i];
            const found = isUnsafeLockReleasePattern(c, call, model, sourceCode);
            if (found) {
              unsafe = { get: c, token: found.token };
              break;
            }
          }
          if (unsafe) {
            const key = unsafe.get.args[0];
            const token = keyShape(unsafe.token) !== null ? unsafe.token : null;
            const shape = keyShape(key);
            const lock = isLockLikeKey(key, sourceCode, pattern) || (shape !== null && nxKeys.has(shape));
            report(call, "getCompareDelete", key, token, lock ? RACE_LOCK : RACE_VALUE);
            continue;
          }

          // WATCH on the key, then GET, then DEL queued in MULTI: optimistic locking, safe.
          if (call.tx?.atomic && keys.every((k) => watchedAndRead(call, k, sameFunction))) continue;

          const lockKey = keys.find((k) => {
            const shape = keyShapeOrCall(k);
            if (shape !== null && forcedRelease(call, shape)) return false;
            if (shape !== null && acquired.has(shape)) return true;
            // Named like a lock, but written here only as data: an account lock, a cached record.
            if (shape !== null && dataKeys.has(shape) && !nxKeys.has(shape)) return false;
            if (!(shape !== null && nxKeys.has(shape)) && forceDelete(k)) return false;
            return isLockLikeKey(k, sourceCode, pattern);
          });
          if (!lockKey) continue;
          // GETDEL answers the old value, the script 1 or 0: no drop-in suggestion.
          const token =
            keys.length === 1 && call.command !== "getdel" ? knownToken(call, lockKey, acquisitions, sourceCode) : null;
          report(call, "plainDelete", lockKey, token);
        }
      },
    };

    /**
     * A lock deleted by name on purpose: only the function's name calls the key a lock, and that
     * name starts with a deleting verb (`delLock(key)`, `deleteLock(name)`, `forceUnlock(id)`,
     * `clearLocks()`). That is an operator's force-unlock of whatever lock holds the key, with no
     * owner token to compare; releasing one's own lock is `release` / `unlock`.
     */
    function forceDelete(key: TSESTree.Node): boolean {
      const fnName = enclosingFunctionName(key);
      const first = fnName
        ?.replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .split(/[^A-Za-z]+/)
        .find(Boolean);
      if (!first || !FORCE_DELETE_VERBS.has(first.toLowerCase())) return false;
      const k = unwrap(key);
      if (pattern.test(sourceCode.getText(k))) return false;
      const init = k.type === "Identifier" ? constInit(k, sourceCode) : null;
      return !(init && pattern.test(sourceCode.getText(init)));
    }

    /**
     * A force-release: the function's name says it deletes the lock whoever holds it
     * (`forceReleaseLock`, `adminUnlock`, `breakLock`), and the same class (outside classes, the
     * same file) releases that key shape with an ownership check (the compare-and-delete script,
     * DELEX IFEQ). The checked release is the owner's; the plain DEL is the documented override.
     */
    function forcedRelease(call: RedisCall, shape: string): boolean {
      if (!isForceReleaseName(enclosingFunctionName(call.node))) return false;
      const scope = enclosingClass(call.node) ?? sourceCode.ast;
      return !!checkedReleaseShapes(model, sourceCode).get(scope)?.has(shape);
    }

    function report(
      call: RedisCall,
      messageId: "plainDelete" | "getCompareDelete",
      key: TSESTree.Node,
      token: TSESTree.Node | null,
      race = "",
    ): void {
      const replacement = token ? scriptCall(call, key, token, sourceCode) : null;
      context.report({
        node: call.node,
        messageId,
        data: {
          how: dialectOf(call.family).describeCall(call),
          key: shortText(sourceCode, key),
          evalForm: dialectOf(call.family).evalForm,
          race,
        },
        suggest: replacement
          ? [
              {
                messageId: "useScript",
                data: { replacement: replacement.length > 120 ? `${replacement.slice(0, 117)}...` : replacement },
                fix: (fixer) => fixer.replaceText(call.node, replacement),
              },
            ]
          : [],
      });
    }
  },
});

/** The key shape a GET reads (the index of GETs by key). */
/**
 * The file names the keyspace notification channel of expiry (`__keyevent@0__:expired`, or
 * `"__keyevent@" + db + "__:expired"`). The channel's name is the evidence: the subscriber itself
 * is often a second connection the model need not recognise (it only runs SUBSCRIBE).
 */
const EXPIRY_EVENTS = /__key(?:event|space)@[^\n]*?expired/;

function listensForExpiry(sourceCode: TSESLint.SourceCode): boolean {
  return EXPIRY_EVENTS.test(sourceCode.text);
}

function getKeyShape(c: RedisCall): (string | null)[] {
  return c.command === "get" ? [shapeOf(c.args[0])] : [];
}

/** The key shapes a WATCH watches: each argument, or each element of an array argument. */
function watchKeyShapes(c: RedisCall): (string | null)[] {
  if (c.command !== "watch") return [];
  const out: (string | null)[] = [];
  for (const a of c.args) {
    const u = unwrap(a);
    if (u.type === "ArrayExpression") {
      for (const e of u.elements) if (e && e.type !== "SpreadElement") out.push(shapeOf(e));
    } else out.push(shapeOf(u));
  }
  return out;
}

function watchedAndRead(del: RedisCall, key: TSESTree.Node, sameFunction: readonly RedisCall[]): boolean {
  // `sameKey` is equality of non-null shapes: only the WATCHes and GETs of the key's shape count.
  const shape = shapeOf(key);
  if (shape === null) return false;
  let watch: RedisCall | undefined;
  for (const i of positionsBy(sameFunction, "watch-keys", watchKeyShapes, shape)) {
    if (sameFunction[i].node.range[1] <= del.node.range[0]) {
      watch = sameFunction[i];
      break;
    }
  }
  if (!watch) return false;
  const w = watch;
  return positionsBy(sameFunction, "get-key", getKeyShape, shape).some((i) => {
    const c = sameFunction[i];
    return c.node.range[0] >= w.node.range[1] && c.node.range[1] <= del.node.range[0];
  });
}

/**
 * The owner's token for a DEL of `key`: the value given to the SET NX (or SETNX) of the same
 * key in this file, when that expression means the same thing where the DEL is (the same
 * variable in scope, or `this.x` in the same class). A constant token is no owner token.
 */
function knownToken(
  del: RedisCall,
  key: TSESTree.Node,
  acquisitions: readonly { call: RedisCall; set: SetOptions }[],
  sourceCode: TSESLint.SourceCode,
): TSESTree.Node | null {
  const shape = shapeOf(key);
  if (shape === null) return null;
  const candidates = itemsWithShape(acquisitions, (a) => a.set.key, shape)
    .filter((a) => a.set.value)
    .sort((a, b) => Number(b.call.fn === del.fn) - Number(a.call.fn === del.fn));
  for (const a of candidates) {
    // Kept by the filter above.
    if (!a.set.value) continue;
    const value = unwrap(a.set.value);
    if (value.type !== "Identifier" && value.type !== "MemberExpression") continue;
    if (keyShape(value) === null) continue;
    if (availableAt(value, del.node, sourceCode)) return value;
  }
  return null;
}

function availableAt(value: TSESTree.Node, at: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  let root: TSESTree.Node = value;
  while (root.type === "MemberExpression") root = unwrap(root.object);
  if (root.type === "ThisExpression") {
    const a = classOf(value);
    return !!a && a === classOf(at);
  }
  if (root.type !== "Identifier") return false;
  const original = findVariable(root, sourceCode);
  if (!original) return false;
  let scope: TSESLint.Scope.Scope | null;
  try {
    scope = sourceCode.getScope(at);
  } catch {
    return false;
  }
  while (scope) {
    const v = scope.set.get(root.name);
    if (v) return v === original;
    scope = scope.upper;
  }
  return false;
}

function classOf(node: TSESTree.Node): TSESTree.Node | null {
  let n: TSESTree.Node | undefined = node.parent;
  while (n) {
    if (n.type === "ClassBody") return n;
    if ((n.type === "FunctionDeclaration" || n.type === "FunctionExpression") && n.parent?.type !== "MethodDefinition")
      return null;
    n = n.parent;
  }
  return null;
}

/** The compare-and-delete script in the dialect's eval call shape, or null. */
function scriptCall(
  call: RedisCall,
  key: TSESTree.Node,
  token: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
): string | null {
  if (call.receiver !== "client") return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.optional || call.node.optional) return null;
  const recv = sourceCode.getText(callee.object);
  const k = sourceCode.getText(key);
  // The token as written, whatever its type.
  const t = asWritten(sourceCode.getText(token));
  const script = JSON.stringify(COMPARE_AND_DELETE_SCRIPT);
  return dialectOf(call.family).evalCall(recv, script, k, [t], sourceCode, "script-object");
}
