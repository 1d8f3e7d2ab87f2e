/**
 * No fix or suggestion touches a call made through a copy of a client's method (`setnxAsync(k, v)`
 * of `promisify(client.setnx).bind(client)`, bluebird's `client.setnxAsync(k, v)`: `RedisCall.alias`).
 * Every rule writes its fixes for `receiver.method(...)`; for a copy, a rewrite of the method or its
 * arguments would call another function, or drop the promise the code awaits. Such a report keeps
 * its message and loses its fixes, here, for every rule at once.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import type { FileModel, RedisCall } from "../model/index.js";

type Range = readonly [number, number];

const cache = new WeakMap<FileModel, Range[]>();

/** The ranges of the file's calls made through a copy of a method (cached per model). */
export function aliasedCalls(model: FileModel): Range[] {
  let ranges = cache.get(model);
  if (!ranges) {
    ranges = model.calls.filter((c: RedisCall) => c.alias !== null).map((c) => c.node.range);
    cache.set(model, ranges);
  }
  return ranges;
}

type FixFunction = TSESLint.ReportFixFunction;

/** The edits `fix` makes, or null when one of them is at or inside one of `ranges`. */
function guarded(fix: FixFunction, ranges: readonly Range[]): FixFunction {
  return (fixer) => {
    const result = fix(fixer);
    if (!result) return result;
    const edits: TSESLint.RuleFix[] = "range" in result ? [result] : [...result];
    const touches = edits.some((e) => ranges.some(([s, end]) => e.range[0] <= end && e.range[1] >= s));
    return touches ? null : edits;
  };
}

/** `context`, whose `report` drops the fixes and suggestions that would edit one of `ranges`. */
export function withoutFixesOn<C extends TSESLint.RuleContext<string, readonly unknown[]>>(
  context: C,
  ranges: readonly Range[],
): C {
  const report = (descriptor: TSESLint.ReportDescriptor<string>): void => {
    const d = { ...descriptor };
    if (d.fix) d.fix = guarded(d.fix, ranges);
    if (d.suggest) d.suggest = d.suggest.map((s) => ({ ...s, fix: guarded(s.fix, ranges) }));
    context.report(d);
  };
  return Object.create(context, { report: { value: report } }) as C;
}
