import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type Family,
  type RedisCall,
  type SetOptions,
  FAMILY_LABEL,
  deletedKeys,
  enclosingFunctionName,
  getModel,
  lastWord,
  importedValueName,
  isLockLikeKey,
  keyShape,
  lockKeyRegex,
  readSetOptions,
  sameKey,
  unwrap,
  usesOfVariable,
  useOf,
} from "../model/index.js";
import { installedMajor, nodeRedisMajor as nodeRedisMajorOf } from "../model/versions.js";
import { LOCK_RULE_SCHEMA } from "../model/locks.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "setNoTtl" | "setKeepTtl" | "setnxNoTtl" | "addExpiry" | "useSetWithExpiry";
type Options = [{ lockKeyPattern?: string }];

/** The TTL the suggestions write: 30 s, in milliseconds. */
const TTL_MS = 30000;
const EXPIRY_COMMANDS = new Set(["expire", "pexpire", "expireat", "pexpireat"]);
const GLIDE = "@valkey/valkey-glide";

/** How the atomic form is written in each dialect, for the message. */
function atomicForm(family: Family, shape: SetOptions["shape"], raw: boolean, nodeRedisMajor: number | undefined): string {
  if (raw) return `SET key token NX PX ${TTL_MS}`;
  switch (family) {
    case "ioredis":
      return `set(key, token, "PX", ${TTL_MS}, "NX")`;
    case "node-redis":
      return shape === "node-redis-v5" || (shape !== "node-redis-v4" && (nodeRedisMajor ?? 0) >= 5)
        ? `set(key, token, { condition: "NX", expiration: { type: "PX", value: ${TTL_MS} } })`
        : `set(key, token, { NX: true, PX: ${TTL_MS} })`;
    case "upstash":
      return `set(key, token, { nx: true, px: ${TTL_MS} })`;
    case "glide":
      return `set(key, token, { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Milliseconds, count: ${TTL_MS} } })`;
    case "bun":
      return `set(key, token, "NX", "PX", "${TTL_MS}")`;
    default:
      return `SET key token NX PX ${TTL_MS}`;
  }
}

function shortText(sourceCode: TSESLint.SourceCode, node: TSESTree.Node | null): string {
  if (!node) return "key";
  let text = sourceCode.getText(node).replace(/\s+/g, " ");
  if (text.length > 48) text = `${text.slice(0, 45)}...`;
  return /^["'`]/.test(text) ? text : `\`${text}\``;
}

function describeCall(call: RedisCall): string {
  if (call.raw) return `${FAMILY_LABEL[call.family]} raw ${call.method}(...)`;
  const where = call.receiver === "client" ? "" : ` queued on a ${call.receiver}`;
  return `${FAMILY_LABEL[call.family]} ${call.method}()${where}`;
}

export default createRule<Options, MessageIds>({
  name: "require-lock-ttl",
  meta: {
    type: "problem",
    docs: {
      description: "Require an expiry on every lock acquired with SET NX or SETNX, so a crashed owner cannot hold it forever",
      recommended: true,
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
      useSetWithExpiry: "Acquire with {{form}} (a 30-second expiry; pick a TTL longer than the work the lock protects).",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const model = getModel(context);
    if (!model.hasRedis) return {};
    const sourceCode = context.sourceCode;
    const pattern = lockKeyRegex(options.lockKeyPattern);
    // Which node-redis option shape a SETNX rewrite uses: pinned in settings, else installed.
    let major: number | null | undefined;
    const nodeRedisVersion = (): number | undefined => {
      if (major === undefined) major = model.settings.versions.redis ?? nodeRedisMajorOf("redis", installedMajor(context, "redis"));
      return major ?? undefined;
    };

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

          const nodeRedisMajor = call.family === "node-redis" ? nodeRedisVersion() : undefined;
          const form = atomicForm(call.family, set.shape, call.raw, nodeRedisMajor);
          const data = { how: describeCall(call), key: shortText(sourceCode, set.key), form };
          if (set.command === "setnx") {
            const fix = setnxFix(call, set, sourceCode, nodeRedisMajor);
            context.report({
              node: call.node,
              messageId: "setnxNoTtl",
              data,
              suggest: fix ? [{ messageId: "useSetWithExpiry", data: { form }, fix }] : [],
            });
            continue;
          }
          const fix = addExpiryFix(call, set, sourceCode);
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
const DATA_DELETION = /^(?:delete|remove|destroy|purge|clear|drop|reset|evict|invalidate|unregister|cleanup|clean|wipe|erase|forget|revoke|cancel)(?![a-z])/;

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
  return sameFunction.some(
    (c) =>
      c.node.range[1] > call.node.range[1] &&
      c.command !== null &&
      EXPIRY_COMMANDS.has(c.command) &&
      sameKey(c.args[0], set.key),
  );
}

type Fix = TSESLint.ReportFixFunction;

/** Adds (or, for KEEPTTL, substitutes) a 30-second expiry in the shape the call already uses. */
function addExpiryFix(call: RedisCall, set: SetOptions, sourceCode: TSESLint.SourceCode): Fix | null {
  if (set.shape === "tokens") {
    if (!set.nxNode) return null;
    const nx = set.nxNode;
    // ioredis typings want the expiry before NX; everything else takes strings after it.
    const ioredisTyped = !call.raw && call.family === "ioredis";
    if (set.keepTtl && set.keepTtlNode) {
      const ttl = ioredisTyped ? `"PX", ${TTL_MS}` : `"PX", "${TTL_MS}"`;
      const keep = set.keepTtlNode;
      return (fixer) => fixer.replaceText(keep, ttl);
    }
    if (ioredisTyped) return (fixer) => fixer.insertTextBefore(nx, `"PX", ${TTL_MS}, `);
    return (fixer) => fixer.insertTextAfter(nx, `, "PX", "${TTL_MS}"`);
  }
  // Objects: only when written in the call itself (a shared `const` may serve other calls).
  if (!set.options || !call.node.arguments.some((a) => unwrap(a) === set.options) || !set.nxNode) return null;
  let prop: string;
  switch (set.shape) {
    case "node-redis-v4":
      prop = `PX: ${TTL_MS}`;
      break;
    case "node-redis-v5":
      prop = `expiration: { type: "PX", value: ${TTL_MS} }`;
      break;
    case "upstash":
      prop = `px: ${TTL_MS}`;
      break;
    case "glide": {
      const timeUnit = importedValueName(sourceCode.ast, GLIDE, "TimeUnit");
      if (!timeUnit) return null;
      prop = `expiry: { type: ${timeUnit}.Milliseconds, count: ${TTL_MS} }`;
      break;
    }
    default:
      return null;
  }
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
function setnxFix(call: RedisCall, set: SetOptions, sourceCode: TSESLint.SourceCode, nodeRedisMajor: number | undefined): Fix | null {
  if (call.raw || call.receiver !== "client" || call.node.arguments.length !== 2) return null;
  if (!truthinessOnly(call.node, sourceCode)) return null;
  let options: string;
  switch (call.family) {
    case "ioredis":
      options = `"PX", ${TTL_MS}, "NX"`;
      break;
    case "node-redis":
      options =
        (nodeRedisMajor ?? 0) >= 5
          ? `{ condition: "NX", expiration: { type: "PX", value: ${TTL_MS} } }`
          : `{ NX: true, PX: ${TTL_MS} }`;
      break;
    case "upstash":
      options = `{ nx: true, px: ${TTL_MS} }`;
      break;
    case "bun":
      options = `"NX", "PX", "${TTL_MS}"`;
      break;
    default:
      return null;
  }
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  const property = callee.property;
  const value = set.value!;
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
