import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type RedisCall,
  type SetOptions,
  deletedKeys,
  lastWord,
  isLockLikeKey,
  keyShape,
  lockKeyRegex,
  readSetOptions,
  LOCK_RULE_SCHEMA,
  isSortedByEnd,
  positionsBy,
  shapeOf,
} from "../model/index.js";
import { type Dialect, GLIDE_PACKAGE, dialectsFor, expiryProperty, rawSetForm } from "../dialects/index.js";
import { enclosingFunctionName, importedValueName, unwrap } from "../ast/nodes.js";
import { usesOfVariable, useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "setNoTtl" | "setKeepTtl" | "setnxNoTtl" | "addExpiry" | "useSetWithExpiry";
type Options = [{ lockKeyPattern?: string }];

/** The TTL the suggestions write: 30 s, in milliseconds. */
const TTL_MS = 30000;
const EXPIRY_COMMANDS = new Set(["expire", "pexpire", "expireat", "pexpireat"]);
/** The TTL as messages and fixes write it; Bun's typed `set` takes it as a string. */
const TTL = { text: String(TTL_MS), str: `"${TTL_MS}"` };

/** How the atomic form is written in the call's dialect, for the message; node-redis in the shape already written, else its version's. */
function atomicForm(dialect: Dialect, shape: SetOptions["shape"], raw: boolean): string {
  if (raw) return rawSetForm("token", "PX", TTL);
  return dialect.atomicSetForm("token", "PX", TTL, shape);
}

function shortText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node | null): string {
  if (!node) return "key";
  let text = sourceCode.getText(node).replace(/\s+/g, " ");
  if (text.length > 48) text = `${text.slice(0, 45)}...`;
  return /^["'`]/.test(text) ? text : `\`${text}\``;
}

export default createRule<Options, MessageIds>({
  name: "require-lock-ttl",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require an expiry on every lock acquired with SET NX or SETNX, so a crashed owner cannot hold it forever",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: LOCK_RULE_SCHEMA,
    defaultOptions: [{}],
    messages: {
      setNoTtl:
        "{{how}} takes the lock {{key}} with NX but gives it no expiry: if the owner crashes before releasing it, the key stays forever (TTL -1) and nobody can take the lock again. Set the expiry in the same command: {{form}}.",
      setKeepTtl:
        "{{how}} takes the lock {{key}} with NX and KEEPTTL: KEEPTTL keeps the TTL of an existing key, and with NX the key did not exist, so the lock gets no TTL (TTL -1) and outlives a crashed owner. Use a real expiry instead: {{form}}.",
      setnxNoTtl:
        "{{how}} takes the lock {{key}} with SETNX and never gives it an expiry: if the owner crashes before releasing it, the key stays forever (TTL -1) and nobody can take the lock again. Acquire it with one atomic {{form}}.",
      addExpiry: "Give the lock a 30-second expiry ({{form}}); pick a TTL longer than the work the lock protects.",
      useSetWithExpiry:
        "Acquire with {{form}} (a 30-second expiry; pick a TTL longer than the work the lock protects).",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const pattern = lockKeyRegex(options.lockKeyPattern);
    // Which node-redis option shape a SETNX rewrite uses: the version pinned in settings, else the installed `redis`.
    const dialects = dialectsFor(context, model);

    return {
      "Program:exit"() {
        // Keys released with DEL / UNLINK somewhere in the file are locks, whatever their name;
        // not a DEL that rolls a marker back in a `catch`, nor one in a function that deletes
        // data (`deleteAccount`, `removeUser`): those keys are records, meant to stay.
        const released = new Set<string>();
        for (const call of model.calls) {
          if (!isRelease(call.node, pattern)) continue;
          for (const k of deletedKeys(call)) {
            const shape = keyShape(k);
            if (shape) released.add(shape);
          }
        }

        for (const call of model.calls) {
          if (call.command !== "set" && call.command !== "setnx") continue;
          const set = readSetOptions(call, sourceCode);
          if (!set?.nx || set.expiry) continue;
          if (set.partial && !set.keepTtl) continue;
          // An EXPIRE on the key later in the function: the two-step form, reported by no-setnx-expire.
          if (expiredLater(call, set, model.callsByFunction.get(call.fn) ?? [])) continue;
          const shape = keyShape(set.key);
          if (!isLockLikeKey(set.key, sourceCode, pattern) && !(shape && released.has(shape))) continue;

          const dialect = dialects(call.family);
          const form = atomicForm(dialect, set.shape, call.raw);
          const data = { how: dialect.describeCall(call), key: shortText(sourceCode, set.key), form };
          if (set.command === "setnx") {
            const fix = setnxFix(call, set, sourceCode, dialect);
            context.report({
              node: call.node,
              messageId: "setnxNoTtl",
              data,
              suggest: fix ? [{ messageId: "useSetWithExpiry", data: { form }, fix }] : [],
            });
            continue;
          }
          const fix = addExpiryFix(call, set, sourceCode, dialect);
          context.report({
            node: call.node,
            messageId: set.keepTtl ? "setKeepTtl" : "setNoTtl",
            data,
            suggest: fix ? [{ messageId: "addExpiry", data: { form }, fix }] : [],
          });
        }
      },
    };
  },
});

/** A function name that says it deletes data, not that it releases something. */
const DATA_DELETION =
  /^(?:delete|remove|destroy|purge|clear|drop|reset|evict|invalidate|unregister|cleanup|clean|wipe|erase|forget|revoke|cancel)(?![a-z])/;

/**
 * A DEL that can be a release: not in a `catch` block, and not in a function that deletes data
 * (`deleteAccount`; but `removeLock` and `clearLease` release).
 */
function isRelease(node: TSESTree.Node, pattern: RegExp): boolean {
  for (let n: TSESTree.Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === "CatchClause") return false;
    if (n.type === "FunctionDeclaration" || n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression") {
      const name = enclosingFunctionName(node);
      return !name || !DATA_DELETION.test(name) || pattern.test(lastWord(name));
    }
  }
  return true;
}

function expiredLater(call: RedisCall, set: SetOptions, sameFunction: readonly RedisCall[]): boolean {
  // `sameKey` is equality of non-null shapes: only the expiry commands on the key's shape count.
  const shape = shapeOf(set.key);
  if (shape === null) return false;
  // From the last: in a list sorted by end (the model's), the last one decides.
  const positions = positionsBy(sameFunction, "expiry-key", expiryKeyShape, shape);
  const sorted = isSortedByEnd(sameFunction);
  for (let k = positions.length - 1; k >= 0; k--) {
    if (sameFunction[positions[k]].node.range[1] > call.node.range[1]) return true;
    if (sorted) return false;
  }
  return false;
}

/** The key shape an expiry command sets a TTL on (the index of expiry commands by key). */
function expiryKeyShape(c: RedisCall): (string | null)[] {
  return c.command !== null && EXPIRY_COMMANDS.has(c.command) ? [shapeOf(c.args[0])] : [];
}

type Fix = TSESLint.ReportFixFunction;

/** Adds (or, for KEEPTTL, substitutes) a 30-second expiry in the shape the call already uses. */
function addExpiryFix(call: RedisCall, set: SetOptions, sourceCode: TSESLint.SourceCode, dialect: Dialect): Fix | null {
  if (set.shape === "tokens") {
    if (!set.nxNode) return null;
    const nx = set.nxNode;
    // ioredis typings want the expiry before NX; everything else takes strings after it.
    const typed = !call.raw && dialect.expiryBeforeNx;
    if (set.keepTtl && set.keepTtlNode) {
      const ttl = typed ? `"PX", ${TTL.text}` : `"PX", ${TTL.str}`;
      const keep = set.keepTtlNode;
      return (fixer) => fixer.replaceText(keep, ttl);
    }
    if (typed) return (fixer) => fixer.insertTextBefore(nx, `"PX", ${TTL.text}, `);
    return (fixer) => fixer.insertTextAfter(nx, `, "PX", ${TTL.str}`);
  }
  // Objects: only when written in the call itself (a shared `const` may serve other calls).
  if (!set.options || !call.node.arguments.some((a) => unwrap(a) === set.options) || !set.nxNode) return null;
  // GLIDE: only with `TimeUnit` already imported.
  const prop = expiryProperty(set.shape, "PX", TTL.text, importedValueName(sourceCode.ast, GLIDE_PACKAGE, "TimeUnit"));
  if (prop === null) return null;
  if (set.keepTtl && set.keepTtlNode) {
    const keep = set.keepTtlNode;
    return (fixer) => fixer.replaceText(keep, prop);
  }
  const after = set.nxNode;
  return (fixer) => fixer.insertTextAfter(after, `, ${prop}`);
}

/**
 * `setnx(key, value)` → the dialect's atomic `set(key, value, NX + PX)`. Only when the result is
 * used for its truthiness: SETNX answers 1/0 (or true/false), SET answers "OK"/null.
 */
function setnxFix(call: RedisCall, set: SetOptions, sourceCode: TSESLint.SourceCode, dialect: Dialect): Fix | null {
  if (call.raw || call.receiver !== "client" || call.node.arguments.length !== 2) return null;
  if (!truthinessOnly(call.node, sourceCode)) return null;
  // node-redis: the shape of the version linted against (SETNX says nothing of it).
  const options = dialect.rewritesSetnx ? dialect.setNxOptions("PX", TTL, set.shape) : null;
  if (options === null) return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  const property = callee.property;
  // setnx(key, value) always has its value.
  const value = set.value;
  if (!value) return null;
  return (fixer) => [fixer.replaceText(property, "set"), fixer.insertTextAfter(value, `, ${options}`)];
}

function truthinessOnly(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const use = useOf(node, sourceCode);
  if (use.kind === "discarded" || use.kind === "condition") return true;
  if (use.kind === "variable" && use.variable) {
    const uses = usesOfVariable(use.variable, sourceCode);
    return uses.length > 0 && uses.every((u) => u.kind === "condition");
  }
  return false;
}
