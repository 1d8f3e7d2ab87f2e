/**
 * The fix writer for a compensating decrement (`no-compensating-decrement`): the decrement and
 * its check as one Lua script, run with the dialect's `eval` (`Dialect.evalCall`), which takes
 * the units only when enough are left and answers what DECRBY would have answered, so that the
 * code's `left < 0` test still reads "refused".
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { unwrap } from "../ast/nodes.js";
import type { CounterDelta } from "../model/index.js";
import { argText } from "./base.js";
import type { ArgText, Dialect } from "./types.js";

/**
 * The script: the value the decrement would leave, and the decrement itself only when that
 * value is not negative. KEYS[1] the key, ARGV[1] the amount (positive), ARGV[2] the hash field.
 */
export function checkedDecrementScript(hash: boolean): string {
  const read = hash ? "redis.call('HGET', KEYS[1], ARGV[2])" : "redis.call('GET', KEYS[1])";
  const write = hash
    ? "redis.call('HINCRBY', KEYS[1], ARGV[2], -tonumber(ARGV[1]))"
    : "redis.call('DECRBY', KEYS[1], ARGV[1])";
  return `local left = tonumber(${read} or '0') - tonumber(ARGV[1]) if left >= 0 then ${write} end return left`;
}

/**
 * The text replacing the decrement call with that script run by the dialect's `eval` (cast to
 * `Promise<number>` in TypeScript), or null when the call or the client cannot be written for.
 */
export function checkedDecrementReplacement(
  decrement: CounterDelta,
  sourceCode: TSESLint.SourceCode,
  typescript: boolean,
  dialect: Dialect,
): string | null {
  const call = decrement.call;
  if (!dialect.known) return null;
  const callee = unwrap(call.node.callee);
  if (callee.type !== "MemberExpression" || callee.computed || callee.optional) return null;
  const hash = call.command === "hincrby";
  let amount: ArgText;
  if (decrement.amountNode) amount = argText(decrement.amountNode, sourceCode);
  else if (decrement.amountValue !== null)
    amount = { text: String(decrement.amountValue), str: JSON.stringify(String(decrement.amountValue)) };
  else return null;
  const args = [amount];
  if (hash) args.push(argText(call.args[1], sourceCode));
  const base = sourceCode.getText(callee.object);
  const script = JSON.stringify(checkedDecrementScript(hash));
  const text = dialect.evalCall(base, script, sourceCode.getText(call.args[0]), args, sourceCode, "eval");
  if (text === null) return null;
  return typescript ? `(${text} as Promise<number>)` : text;
}
