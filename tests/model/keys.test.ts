/** Key shape comparison (src/model/keys.ts) on keys parsed from real snippets. */
import { describe, expect, it } from "vitest";
import type { TSESTree } from "@typescript-eslint/utils";
import { isLiteralKey, keyShape, sameKey } from "../../src/model/index.js";
import { lintForModel } from "./harness.js";

/** The first argument of each `k(...)` call in `code`, parsed in one file (so identifiers resolve alike). */
function keys(...exprs: string[]): TSESTree.Node[] {
  const code = `import Redis from "ioredis"; const r = new Redis();\n${exprs.map((e) => `r.get(${e});`).join("\n")}`;
  const { model } = lintForModel(code);
  return model.calls.filter((c) => c.command === "get").map((c) => c.args[0]);
}

describe("key shapes", () => {
  it.each([
    ["the same string, different quotes", `"lock:a"`, `'lock:a'`],
    ["a string and a template without expressions", `"lock:a"`, "`lock:a`"],
    ["the same identifier", "id", "id"],
    ["the same member path", "user.id", "user.id"],
    ["a template and the same + concatenation", "`lock:${id}`", `"lock:" + id`],
    ["templates split differently", "`a:${id}:b`", `"a:" + id + ":b"`],
    ["a number and its string", "1", `"1"`],
    ["string pieces joined by +", `"a:" + "b"`, `"a:b"`],
    ["a nested template", "`${`a:${id}`}:b`", "`a:${id}:b`"],
    ["this paths", "this.key", "this.key"],
    ["computed literal members", `obj["k"]`, `obj["k"]`],
    ["computed identifier members", "keys[i]", "keys[i]"],
    ["type wrappers are ignored", "id as string", "id!"],
  ])("same: %s", (_name, a, b) => {
    const [x, y] = keys(a, b);
    expect(keyShape(x)).not.toBeNull();
    expect(sameKey(x, y)).toBe(true);
  });

  it.each([
    ["different strings", `"lock:a"`, `"lock:b"`],
    ["different identifiers", "a", "b"],
    ["different member paths", "user.id", "order.id"],
    ["different templates", "`lock:${id}`", "`lease:${id}`"],
    ["same parts, different order", "`${a}${b}`", "`${b}${a}`"],
    ["a variable part and its name as a string", "id", `"id"`],
    ["a literal key and a template key", `"lock:"`, "`lock:${id}`"],
  ])("different: %s", (_name, a, b) => {
    const [x, y] = keys(a, b);
    expect(sameKey(x, y)).toBe(false);
  });

  it.each([
    ["a call", "makeKey(id)"],
    ["a call inside a template", "`lock:${makeKey(id)}`"],
    ["arithmetic other than +", "id * 2"],
    ["a conditional", "a ? b : c"],
  ])("no shape: %s (never the same key, not even as itself)", (_name, expr) => {
    const [x, y] = keys(expr, expr);
    expect(keyShape(x)).toBeNull();
    expect(sameKey(x, y)).toBe(false);
  });

  it("isLiteralKey: plain strings only", () => {
    const [lit, tpl, concat, id, call] = keys(`"a:b"`, "`a:b`", `"a:" + "b"`, "id", "f()");
    expect([lit, tpl, concat].map(isLiteralKey)).toEqual([true, true, true]);
    expect([id, call].map(isLiteralKey)).toEqual([false, false]);
    expect(isLiteralKey(undefined)).toBe(false);
    expect(sameKey(null, null)).toBe(false);
  });

  it("obj.k and obj['k'] are the same key", () => {
    const [x, y] = keys("obj.k", `obj["k"]`);
    expect(sameKey(x, y)).toBe(true);
  });
});
