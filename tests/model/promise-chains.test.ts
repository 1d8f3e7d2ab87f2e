/**
 * Promise chains (issue #14 item 5): `promiseLandings` (src/ast/usage.ts), where a promise's
 * resolved value lands, and the value flow (src/model/flow.ts) following a value returned from a
 * `.then` callback into the next `.then`, as no-nonatomic-read-modify-write reads it.
 */
import { describe, expect, it } from "vitest";
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import type { TSESTree } from "@typescript-eslint/utils";
import { type RedisCall, type Taint, flowOf } from "../../src/model/index.js";
import { promiseLandings } from "../../src/ast/usage.js";
import rmw from "../../src/rules/no-nonatomic-read-modify-write.js";
import { type Snapshot, lintForModel } from "./harness.js";

const IO = `import Redis from "ioredis"; const redis = new Redis();\n`;

function call(a: Snapshot, command: string, nth = 0): RedisCall {
  const found = a.model.calls.filter((c) => c.command === command)[nth];
  if (!found) throw new Error(`no ${command} #${nth}`);
  return found;
}

/** Each landing of the first `command` call's promise, as text: `param <p>` or `<use of the expression>`. */
function landings(code: string, command: string): string[] {
  const a = lintForModel(IO + code);
  return promiseLandings(call(a, command).node, a.sourceCode).map((l) =>
    l.kind === "callback"
      ? `param ${l.fn.params[0] ? a.sourceCode.getText(l.fn.params[0]) : "(none)"}`
      : a.sourceCode.getText(l.node.parent as TSESTree.Node),
  );
}

describe("promiseLandings", () => {
  it("the promise itself, where there is no chain", () => {
    expect(landings(`async function f(k) { const v = await redis.get(k); }`, "get")).toEqual(["await redis.get(k)"]);
  });
  it("the `.then` callback's parameter, directly and through .catch() / .finally()", () => {
    expect(landings(`redis.get("k").then((v) => v);`, "get")).toEqual(["param v"]);
    expect(landings(`redis.get("k").catch(() => null).finally(() => 1).then((w) => w);`, "get")).toEqual(["param w"]);
  });
  it("returned from a `.then` callback: the next `.then`'s parameter", () => {
    expect(landings(`redis.watch("k").then(() => redis.get("k")).then((v) => v);`, "get")).toEqual(["param v"]);
    expect(landings(`redis.watch("k").then(() => { return redis.get("k"); }).then((v) => v);`, "get")).toEqual([
      "param v",
    ]);
    expect(landings(`redis.watch("k").then(async () => await redis.get("k")).then(([a]) => a);`, "get")).toEqual([
      "param [a]",
    ]);
  });
  it("a named callback: `.then(f)` returning the promise, `.then(g)` receiving it", () => {
    expect(
      landings(`function f() { return redis.get("k"); } function g(v) {} redis.watch("k").then(f).then(g);`, "get"),
    ).toEqual(["param v"]);
  });
  it("the chain's end when it goes on otherwise (awaited, returned, a callback we cannot see: none)", () => {
    expect(
      landings(`async function h() { const x = await redis.watch("k").then(() => redis.get("k")); }`, "get"),
    ).toEqual(['await redis.watch("k").then(() => redis.get("k"))']);
    expect(landings(`function h() { return redis.watch("k").then(() => redis.get("k")); }`, "get")).toEqual([
      'return redis.watch("k").then(() => redis.get("k"));',
    ]);
    expect(landings(`function h(done) { redis.get("k").then(done); }`, "get")).toEqual([]);
  });
  it("a callback passed to something else than `.then` is not followed", () => {
    expect(landings(`function h() { return retry(() => redis.get("k")).then((v) => v); }`, "get")).toEqual([
      '() => redis.get("k")',
    ]);
  });
});

const kinds = (taints: Taint[]) => taints.map((t) => `${t.kind}${t.derived ? "+derived" : ""}`);

describe("the value flow along a promise chain", () => {
  it("a value computed in one `.then` and written in the next is the value, derived", () => {
    const a = lintForModel(
      IO + `function f(k) { return redis.get(k).then((v) => Number(v) + 1).then((n) => redis.set(k, n)); }`,
    );
    const get = call(a, "get");
    expect(kinds(flowOf(a.sourceCode, get.fn).valueFrom(get.node).within(call(a, "set").args[1]))).toEqual([
      "value+derived",
    ]);
  });
  it("a value that is not carried on (the callback returns something else) does not reach the next `.then`", () => {
    const a = lintForModel(IO + `function f(k) { return redis.get(k).then((v) => 1).then((n) => redis.set(k, n)); }`);
    const get = call(a, "get");
    expect(flowOf(a.sourceCode, get.fn).valueFrom(get.node).within(call(a, "set").args[1])).toEqual([]);
  });
});

/** no-nonatomic-read-modify-write's messages on `code`. */
function rmwFindings(code: string): number {
  const linter = new Linter({ configType: "flat" });
  return linter
    .verify(
      IO + code,
      [
        {
          files: ["**/*.ts"],
          languageOptions: { parser: tsParser as Linter.Parser },
          plugins: { t: { rules: { rmw: rmw as never } } },
          rules: { "t/rmw": "error" },
        },
      ],
      "file.ts",
    )
    .filter((m) => m.ruleId === "t/rmw").length;
}

describe("no-nonatomic-read-modify-write on promise chains", () => {
  it("the await form, the one-step and the two-step chain are reported alike", () => {
    expect(
      rmwFindings(
        `export async function f(k) { const v = await redis.get(k); const n = Number(v) + 1; await redis.set(k, n); }`,
      ),
    ).toBe(1);
    expect(rmwFindings(`export function f(k) { return redis.get(k).then((v) => redis.set(k, Number(v) + 1)); }`)).toBe(
      1,
    );
    expect(
      rmwFindings(
        `export function f(k) { return redis.get(k).then((v) => Number(v) + 1).then((n) => redis.set(k, n)); }`,
      ),
    ).toBe(1);
    expect(
      rmwFindings(
        `export function f(k) { return redis.get(k).then((v) => { const n = Number(v) + 1; return n; }).then((n) => redis.set(k, n)); }`,
      ),
    ).toBe(1);
    expect(
      rmwFindings(
        `export function f(k) { return redis.get(k).catch(() => "0").then((v) => redis.set(k, Number(v) + 1)); }`,
      ),
    ).toBe(1);
  });
  it("a value computed in a `.then` callback and awaited (@medusajs/event-bus-redis, TRIAGE row 47)", () => {
    expect(
      rmwFindings(
        `export async function f(k) { const n = await redis.get(k).then((v) => Number(v) + 1); await redis.set(k, n); }`,
      ),
    ).toBe(1);
    expect(
      rmwFindings(
        `export async function clear(k, names) { const keep = await redis.lrange(k, 0, -1).then((result) => result.map((s) => JSON.parse(s)).filter((e) => !names.includes(e.name))); const p = redis.pipeline(); p.del(k); if (keep.length > 0) p.rpush(k, ...keep.map((e) => JSON.stringify(e))); await p.exec(); }`,
      ),
    ).toBe(1);
  });
  it("look-alikes: another key, a value from elsewhere, a WATCHed read, a value not carried on", () => {
    expect(
      rmwFindings(
        `export function f(k) { return redis.get(k).then((v) => Number(v) + 1).then((n) => redis.set("other", n)); }`,
      ),
    ).toBe(0);
    expect(
      rmwFindings(
        `export function f(k, url) { return fetch(url).then((r) => r.json()).then((n) => redis.set(k, n)); }`,
      ),
    ).toBe(0);
    expect(
      rmwFindings(`export function f(k) { return redis.get(k).then((v) => 1).then((n) => redis.set(k, n)); }`),
    ).toBe(0);
    expect(
      rmwFindings(
        `export function f(k) { return redis.watch(k).then(() => redis.get(k)).then((v) => redis.multi().set(k, Number(v) + 1).exec()).then((res) => res?.length); }`,
      ),
    ).toBe(0);
  });
});
