/**
 * A read of a key (GET, HGET, ...) and a later write of the same key that is computed from the
 * value read, or guarded by a comparison of it, in two round trips: another client can change
 * the key in between (lost update, overselling).
 *
 * The value read is followed through the variables it flows into (the model's value flow,
 * `flowOf`), from the callback it is handed to in the callback APIs (node_redis v2 / v3, ioredis:
 * `get(k, (err, v) => set(k, ...))`, where only the callback runs after the read), so that
 * cache-aside code (read, miss check, write a fresh value) and WATCH / lock / Lua protected code
 * stay silent.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, contains, isFunction, unwrap } from "../ast/nodes.js";
import {
  type RedisCall,
  type ValueFlow,
  flowOf,
  inLockCallback,
  isUnsafeLockReleasePattern,
  keyArguments,
  keyShape,
  lockHeldBetween,
  lockKeyRegex,
  runsOnResult,
  watchedBefore,
  watchedByCallback,
  writesByKeyShape,
} from "../model/index.js";
import { dialectOf, incrementRewrite } from "../dialects/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "computed" | "guarded" | "useAtomic";

/** Commands that return a stored value (not metadata such as TTL, TYPE or EXISTS). */
const READS = new Set([
  "get",
  "getrange",
  "substr",
  "strlen",
  "getbit",
  "bitcount",
  "bitpos",
  "mget",
  "hget",
  "hmget",
  "hgetall",
  "hlen",
  "hexists",
  "hkeys",
  "hvals",
  "hstrlen",
  "lindex",
  "lrange",
  "llen",
  "lpos",
  "scard",
  "smembers",
  "sismember",
  "smismember",
  "zscore",
  "zmscore",
  "zrank",
  "zrevrank",
  "zcard",
  "zcount",
  "zrange",
  "zrangebyscore",
  "zrevrange",
  "zrevrangebyscore",
  "pfcount",
  "xlen",
]);

/** Writes whose effect does not depend on the check before them: trims to bounds given in the call. */
const SELF_LIMITING = new Set(["ltrim", "xtrim", "zremrangebyrank", "zremrangebyscore", "zremrangebylex"]);

// -------------------------------------------------------------------------------------------------
// Checks that add no race

/**
 * `if (v && !isExpired(v)) return v;` before the write: a cache hit that is still fresh returns
 * the value read, and the write on the other path fills the cache with a fresh value (not
 * computed from the read). Two callers that both refresh write two fresh values: no update is
 * lost. The test must include a presence check of the value (`v &&`), and the `return` must
 * give back what was read.
 */
function isFreshHitReturn(test: Node, write: Node, flow: ValueFlow): boolean {
  const stmt = test.parent;
  if (stmt?.type !== "IfStatement" || stmt.test !== test || stmt.alternate || contains(stmt, write)) return false;
  const body =
    stmt.consequent.type === "BlockStatement" ? stmt.consequent.body[stmt.consequent.body.length - 1] : stmt.consequent;
  if (body?.type !== "ReturnStatement" || !body.argument) return false;
  const returned = body.argument;
  if (flow.usesIn(returned).length === 0) return false;
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
    const taints = flow.asCondition(o);
    return taints.length > 0 && taints.every((t) => t.kind === "miss");
  });
}

/**
 * `if (cur !== desired) set(k, desired)` (or `if (cur === desired) return;` before it): the write
 * stores the very value the read was compared with. Had the key changed in between, the write
 * would store the same value it would store without the check: the check adds no race.
 */
function isWriteIfDifferent(test: Node, write: RedisCall, flow: ValueFlow): boolean {
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
  const sides: Node[] = [t.left, t.right];
  return sides.some((side, i) => {
    const taints = flow.within(side);
    return (
      taints.length > 0 &&
      taints.every((x) => x.kind === "value" && !x.derived) &&
      keyShape(sides[1 - i]) === keyShape(value)
    );
  });
}

// -------------------------------------------------------------------------------------------------
// Messages and the atomic rewrite

function atomicHint(read: RedisCall, write: RedisCall, computed: boolean): string {
  const w = write.command ?? "";
  if (!computed && (w === "decrby" || w === "decr" || w === "hincrby" || w === "incrby" || w === "zincrby")) {
    const W = w.toUpperCase();
    return `Where no check is needed, use the result of ${W} instead; where the change depends on a check (enough stock, a limit), check and change in one Lua script (a ${W} undone by the opposite increment when the check fails is not atomic either: see redis/no-compensating-decrement), `;
  }
  if (computed && (w === "set" || w === "setex" || w === "psetex") && read.command === "get") {
    return "Use an atomic command instead (INCRBY / DECRBY / INCRBYFLOAT for numbers, or SET with NX / XX / GET), ";
  }
  if (
    computed &&
    (w === "hset" || w === "hmset") &&
    (read.command === "hget" || read.command === "hmget" || read.command === "hgetall")
  ) {
    return "Use an atomic command instead (HINCRBY / HINCRBYFLOAT, or HSETNX), ";
  }
  if (w.startsWith("z") && (read.command === "zscore" || read.command === "zmscore")) {
    return "Use an atomic command instead (ZADD with GT / LT to keep the best score, or ZINCRBY), ";
  }
  return "Make the read and the write one atomic step: use an atomic command where one exists, ";
}

function describeCall(call: RedisCall): string {
  return dialectOf(call.family).describeCall(call, "call");
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
      recommended: "error",
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
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    const lockKey = lockKeyRegex(undefined);
    return {
      "Program:exit"() {
        const writesByKey = writesByKeyShape(model);
        if (writesByKey.size === 0) return;

        const reported = new Set<RedisCall>();

        for (const read of model.calls) {
          if (!read.command || !READS.has(read.command) || read.receiver !== "client" || model.isRawMulti(read))
            continue;
          const keys = keyArguments(read);
          const shapes = keys.map((k) => keyShape(k)).filter((s): s is string => !!s);
          if (shapes.length === 0) continue;
          const candidates: RedisCall[] = [];
          for (const s of shapes) {
            for (const w of writesByKey.get(s) ?? []) {
              if (w === read || reported.has(w) || candidates.includes(w)) continue;
              if (!runsOnResult(read.node, w.node, read.fn)) continue;
              candidates.push(w);
            }
          }
          if (candidates.length === 0) continue;
          if (watchedBefore(model, sourceCode, read, shapes) || watchedByCallback(model, read, shapes)) continue;
          if (inLockCallback(read.node, sourceCode)) continue;

          let flow: ValueFlow | null = null;
          for (const write of candidates) {
            if (isUnsafeLockReleasePattern(read, write, model, sourceCode)) continue;
            if (lockHeldBetween(model, sourceCode, read.node, write.node, read.fn, lockKey)) continue;
            flow ??= flowOf(sourceCode, read.fn).resultFrom(read.node);
            const writeKeys = new Set(keyArguments(write));
            let computed = false;
            for (const a of write.args) {
              // The write's own callback (`set(k, v, (err) => ...)`) runs after it: not what it writes.
              if (writeKeys.has(a) || isFunction(unwrap(a))) continue;
              const taints = flow.within(a);
              // Writing back exactly the value read (a TTL refresh, a cache fill) is not a computation.
              if (taints.some((t) => t.derived || t.kind !== "value")) computed = true;
            }
            let guarded = false;
            if (!computed) {
              for (const { test, switch: isSwitch } of flowOf(sourceCode, read.fn).conditionsOn(write.node)) {
                const taints = flow.asCondition(test);
                if (isSwitch ? taints.length > 0 : taints.some((t) => t.kind === "guard")) {
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
            const rewrite = computed ? incrementRewrite(read, write, dialectOf(write.family), flow, sourceCode) : null;
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = rewrite
              ? [
                  {
                    messageId: "useAtomic",
                    data: { command: rewrite.command },
                    fix: (fixer) => [
                      fixer.removeRange(removalRange(rewrite.remove, sourceCode)),
                      fixer.replaceText(rewrite.replace, rewrite.text),
                    ],
                  },
                ]
              : [];
            context.report({
              node: write.node,
              messageId: computed ? "computed" : "guarded",
              data: {
                client: dialectOf(write.family).label,
                write: describeCall(write),
                read: describeCall(read),
                key: keyText.length > 40 ? "the key" : keyText,
                line: String(read.node.loc.start.line),
                fix: atomicHint(read, write, computed) + dialectOf(write.family).atomicAlternatives,
              },
              suggest,
            });
            break;
          }
        }
      },
    };
  },
});
