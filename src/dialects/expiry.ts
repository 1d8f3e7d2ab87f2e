/**
 * Fix writers for an expiry set after the fact (`no-setnx-expire`), over the dialect's writers:
 * SETNX / SET NX rewritten into the dialect's SET with NX and an expiry, and INCR + EXPIRE as
 * one Lua script run with the dialect's `eval`.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { COUNTER_ARITY, FLOAT_COUNTERS, type RedisCall, type SetOptions } from "../model/index.js";
import { type Node, isFunction, unwrap } from "../ast/nodes.js";
import { argText } from "./base.js";
import type { Dialect, ExpiryUnit, Fix, Fixer } from "./types.js";

/** EXPIRE → EX, PEXPIRE → PX, EXPIREAT → EXAT, PEXPIREAT → PXAT. */
export const EXPIRY_UNIT: Readonly<Record<string, ExpiryUnit>> = {
  expire: "EX",
  pexpire: "PX",
  expireat: "EXAT",
  pexpireat: "PXAT",
};

export interface SetRewrite {
  apply: (fixer: Fixer) => Fix[];
  /** For SETNX, the text of the SET call that replaces the whole call. */
  callText: string | null;
}

/**
 * Rewrites the SETNX / SET NX call into the dialect's SET with NX and an expiry, or null when the
 * call's shape is not one that can be rewritten faithfully.
 */
export function rewriteSetWithExpiry(
  call: RedisCall,
  set: SetOptions,
  unit: ExpiryUnit,
  ttl: Node,
  sourceCode: TSESLint.SourceCode,
  program: TSESTree.Program,
  dialect: Dialect,
): SetRewrite | null {
  if (call.raw || set.partial || set.get || set.keepTtl || set.xx) return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  if (call.node.arguments.some((a) => a.type === "SpreadElement" || isFunction(unwrap(a)))) return null;
  if (!set.key || !set.value) return null;

  if (set.command === "setnx") {
    if (call.node.arguments.length !== 2 || !dialect.rewritesSetnx) return null;
    // node-redis: the v4 shape, which every version reads.
    const options = dialect.setNxOptions(unit, argText(ttl, sourceCode), "node-redis-v4");
    if (options === null) return null;
    const base = sourceCode.getText(callee.object);
    const optional = callee.optional ? "?." : ".";
    const method = call.method === call.method.toUpperCase() ? "SET" : "set";
    const text = `${base}${optional}${method}(${sourceCode.getText(set.key)}, ${sourceCode.getText(set.value)}, ${options})`;
    return { apply: (fixer) => [fixer.replaceText(call.node, text)], callText: text };
  }

  // SET with NX and no expiry: add the expiry in the shape already written.
  const apply = dialect.addExpiryToSetNx(call, set, unit, ttl, { sourceCode, program });
  return apply ? { apply, callText: null } : null;
}

/**
 * Appends the dialect's expiry options to a SET written with its key and value only
 * (`set(k, v)` → `set(k, v, "EX", 30)`), or null when the call is not that shape (a raw
 * command, a callback, options, a callee that is not `client.set`) or the dialect has no such
 * form to write.
 */
export function rewritePlainSetWithExpiry(
  call: RedisCall,
  set: SetOptions,
  unit: ExpiryUnit,
  ttl: Node,
  sourceCode: TSESLint.SourceCode,
  program: TSESTree.Program,
  dialect: Dialect,
): ((fixer: Fixer) => Fix[]) | null {
  if (call.raw || set.command !== "set" || set.shape !== "none" || set.partial) return null;
  const callee = unwrap(call.node.callee);
  // A copy (bluebird's `client.setAsync(k, v)`) gets no fix from createRule (src/util/alias-fixes.ts).
  if (callee.type !== "MemberExpression" || callee.computed) return null;
  const args = call.node.arguments;
  if (args.length !== 2 || args.some((a) => a.type === "SpreadElement" || isFunction(unwrap(a)))) return null;
  const options = dialect.setExpiryOptions?.(unit, argText(ttl, sourceCode), { sourceCode, program });
  if (!options) return null;
  const last = args[1];
  return (fixer) => [...options.fixes(fixer), fixer.insertTextAfter(last, `, ${options.text}`)];
}

/** The Lua script: the counter command, then the EXPIRE only when the key has no TTL. */
export function counterExpiryScript(counterCommand: string, expireCommand: string, extraArgs: number): string {
  const args = ["KEYS[1]"];
  for (let i = 0; i < extraArgs; i++) args.push(`ARGV[${i + 2}]`);
  const cmd = counterCommand.toUpperCase();
  const exp = expireCommand.toUpperCase();
  return `local n = redis.call('${cmd}', ${args.join(", ")}) if redis.call('TTL', KEYS[1]) == -1 then redis.call('${exp}', KEYS[1], ARGV[1]) end return n`;
}

/**
 * The text replacing the counter call with that script run by the dialect's `eval` (cast to the
 * counter's reply type in TypeScript), or null when the call or the client cannot be written for.
 */
export function counterExpiryReplacement(
  counter: RedisCall,
  expire: RedisCall,
  ttl: Node,
  sourceCode: TSESLint.SourceCode,
  typescript: boolean,
  dialect: Dialect,
): string | null {
  const callee = unwrap(counter.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed || callee.optional) return null;
  const counterCommand = counter.command;
  const expireCommand = expire.command;
  // A counter call without a command has no arity in COUNTER_ARITY: no rewrite, as before.
  if (counterCommand === null || expireCommand === null) return null;
  const args = counter.node.arguments;
  if (
    args.length !== COUNTER_ARITY[counterCommand] ||
    args.some((a) => a.type === "SpreadElement" || isFunction(unwrap(a)))
  )
    return null;
  const base = sourceCode.getText(callee.object);
  const key = sourceCode.getText(args[0]);
  const script = JSON.stringify(counterExpiryScript(counterCommand, expireCommand, args.length - 1));
  const argv = [ttl, ...args.slice(1)].map((a) => argText(a, sourceCode));
  let text = dialect.evalCall(base, script, key, argv, sourceCode, "eval");
  if (text === null) return null;
  if (typescript) text = `(${text} as Promise<${FLOAT_COUNTERS.has(counterCommand) ? "string" : "number"}>)`;
  return text;
}
