import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type RedisCall,
  type SetOptions,
  COMPARE_AND_DELETE_SCRIPT,
  FAMILY_LABEL,
  deletedKeys,
  constInit,
  definedCommandNames,
  enclosingFunctionName,
  findVariable,
  getModel,
  importedValueName,
  isConditionalDelex,
  isLockLikeKey,
  isUnsafeLockReleasePattern,
  keyShape,
  lockKeyRegex,
  nxAcquisitions,
  readSetOptions,
  sameKey,
  unwrap,
} from "../model/index.js";
import { keyShapeOrCall } from "../model/key-calls.js";
import { LOCK_RULE_SCHEMA } from "../model/locks.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "plainDelete" | "getCompareDelete" | "useScript";
type Options = [{ lockKeyPattern?: string }];

const GLIDE = "@valkey/valkey-glide";

/** How each dialect runs the compare-and-delete script, as the message names it. */
const EVAL_FORM: Record<Family, string> = {
  ioredis: "redis.eval(script, 1, key, token) or a defineCommand",
  "node-redis": "client.eval(script, { keys: [key], arguments: [token] }) or defineScript",
  upstash: "redis.eval(script, [key], [token])",
  glide: "client.invokeScript(new Script(script), { keys: [key], args: [token] })",
  bun: 'client.send("EVAL", [script, "1", key, token])',
  unknown: "EVAL script 1 key token",
};

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

function describeCall(call: RedisCall): string {
  if (call.raw) return `${FAMILY_LABEL[call.family]} raw ${call.method}(...)`;
  const where = call.receiver === "client" ? "" : ` queued on a ${call.receiver}`;
  return `${FAMILY_LABEL[call.family]} ${call.method}()${where}`;
}

export default createRule<Options, MessageIds>({
  name: "no-unsafe-lock-release",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow releasing a lock with a plain DEL or a GET-compare-DEL, which can delete a lock another owner holds",
      recommended: true,
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
  defaultOptions: [{}],
  create(context, [options]) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    const pattern = lockKeyRegex(options.lockKeyPattern);

    return {
      "Program:exit"() {
        const scripts = definedCommandNames(model);
        const acquisitions = nxAcquisitions(model, sourceCode);
        // Keys given an expiry somewhere in the file (the two-step SET NX + EXPIRE counts).
        const expiring = new Set<string>();
        // Keys written as data (a plain SET without NX, HSET, RPUSH, ...): a record or a flag such
        // as an account lock (`login:lock:<email>` SET with EX), not a lock someone owns.
        const dataKeys = new Set<string>();
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
        const acquired = new Set<string>();
        const nxKeys = new Set<string>();
        for (const a of acquisitions) {
          const shape = keyShapeOrCall(a.set.key);
          if (!shape) continue;
          nxKeys.add(shape);
          if (a.set.expiry || a.set.partial || expiring.has(shape)) acquired.add(shape);
        }

        for (const call of model.calls) {
          if (scripts.has(call.method)) continue;
          if (call.command !== "del" && call.command !== "unlink" && call.command !== "delex" && call.command !== "getdel") continue;
          if (call.command === "delex" && isConditionalDelex(call)) continue;
          const keys = deletedKeys(call);
          if (keys.length === 0) continue;
          const sameFunction = model.callsByFunction.get(call.fn) ?? [];

          // GET, compare, DEL: reported whatever the key is called.
          let unsafe: { get: RedisCall; token: TSESTree.Node } | null = null;
          for (const c of sameFunction) {
            if (c.node.range[1] > call.node.range[0]) break;
            if (c.command !== "get") continue;
            const found = isUnsafeLockReleasePattern(c, call, model, sourceCode);
            if (found) unsafe = { get: c, token: found.token };
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
            if (shape !== null && acquired.has(shape)) return true;
            // Named like a lock, but written here only as data: an account lock, a cached record.
            if (shape !== null && dataKeys.has(shape) && !nxKeys.has(shape)) return false;
            if (!(shape !== null && nxKeys.has(shape)) && forceDelete(k)) return false;
            return isLockLikeKey(k, sourceCode, pattern);
          });
          if (!lockKey) continue;
          // GETDEL answers the old value, the script 1 or 0: no drop-in suggestion.
          const token = keys.length === 1 && call.command !== "getdel" ? knownToken(call, lockKey, acquisitions, sourceCode) : null;
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
      const first = fnName?.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[^A-Za-z]+/).find(Boolean);
      if (!first || !FORCE_DELETE_VERBS.has(first.toLowerCase())) return false;
      const k = unwrap(key);
      if (pattern.test(sourceCode.getText(k))) return false;
      const init = k.type === "Identifier" ? constInit(k, sourceCode) : null;
      return !(init && pattern.test(sourceCode.getText(init)));
    }

    function report(call: RedisCall, messageId: "plainDelete" | "getCompareDelete", key: TSESTree.Node, token: TSESTree.Node | null, race = ""): void {
      const replacement = token ? scriptCall(call, key, token, sourceCode) : null;
      context.report({
        node: call.node,
        messageId,
        data: { how: describeCall(call), key: shortText(sourceCode, key), evalForm: EVAL_FORM[call.family], race },
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

function watchedAndRead(del: RedisCall, key: TSESTree.Node, sameFunction: readonly RedisCall[]): boolean {
  const watch = sameFunction.find(
    (c) => c.command === "watch" && c.node.range[1] <= del.node.range[0] && c.args.some((a) => watchArgHas(a, key)),
  );
  if (!watch) return false;
  return sameFunction.some(
    (c) => c.command === "get" && c.node.range[0] >= watch.node.range[1] && c.node.range[1] <= del.node.range[0] && sameKey(c.args[0], key),
  );
}

function watchArgHas(arg: TSESTree.Node, key: TSESTree.Node): boolean {
  const u = unwrap(arg);
  if (u.type === "ArrayExpression") return u.elements.some((e) => !!e && e.type !== "SpreadElement" && sameKey(e, key));
  return sameKey(u, key);
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
  const candidates = acquisitions
    .filter((a) => sameKey(a.set.key, key) && a.set.value)
    .sort((a, b) => Number(b.call.fn === del.fn) - Number(a.call.fn === del.fn));
  for (const a of candidates) {
    const value = unwrap(a.set.value!);
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
    if ((n.type === "FunctionDeclaration" || n.type === "FunctionExpression") && n.parent?.type !== "MethodDefinition") return null;
    n = n.parent;
  }
  return null;
}

/** The compare-and-delete script in the dialect's eval call shape, or null. */
function scriptCall(call: RedisCall, key: TSESTree.Node, token: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | null {
  if (call.receiver !== "client") return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.optional || call.node.optional) return null;
  const recv = sourceCode.getText(callee.object);
  const k = sourceCode.getText(key);
  const t = sourceCode.getText(token);
  const script = JSON.stringify(COMPARE_AND_DELETE_SCRIPT);
  switch (call.family) {
    case "ioredis":
      return `${recv}.eval(${script}, 1, ${k}, ${t})`;
    case "node-redis":
      return `${recv}.eval(${script}, { keys: [${k}], arguments: [${t}] })`;
    case "upstash":
      return `${recv}.eval(${script}, [${k}], [${t}])`;
    case "glide": {
      const Script = importedValueName(sourceCode.ast, GLIDE, "Script");
      return Script ? `${recv}.invokeScript(new ${Script}(${script}), { keys: [${k}], args: [${t}] })` : null;
    }
    case "bun":
      return `${recv}.send("EVAL", [${script}, "1", ${k}, ${t}])`;
    default:
      return null;
  }
}

