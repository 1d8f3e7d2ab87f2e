/** src/model/flow.ts: where the value a command returns goes, and the conditions a write runs under. */
import { describe, expect, it } from "vitest";
import {
  type RedisCall,
  type Taint,
  conditionsOn,
  flowOf,
  inLockCallback,
  keyArguments,
  keyShape,
  lockHeldBetween,
  lockKeyRegex,
  resultCallback,
  runsOnResult,
  watchedBefore,
  watchedByCallback,
  watchesOf,
  writesByKeyShape,
} from "../../src/model/index.js";
import { type Snapshot, identifiersNamed, lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();\n`;

function analyse(code: string): Snapshot {
  return lintForModel(IOREDIS + code);
}

function call(a: Snapshot, command: string, nth = 0): RedisCall {
  const found = a.model.calls.filter((c) => c.command === command)[nth];
  if (!found) throw new Error(`no ${command} #${nth}`);
  return found;
}

/** The flow of what the first GET returns. */
function getFlow(a: Snapshot) {
  const get = call(a, "get");
  return flowOf(a.sourceCode, get.fn).valueFrom(get.node);
}

/** The value argument of the first SET, as the flow sees it. */
function setValue(a: Snapshot): Taint[] {
  return getFlow(a).within(call(a, "set").args[1]);
}

const kinds = (taints: Taint[]) => taints.map((t) => `${t.kind}${t.derived ? "+derived" : ""}`);

describe("ValueFlow.within: what the value has become in an expression", () => {
  it("the value written back as read is the raw value", () => {
    const a = analyse(`async function f(k: string) { const v = await redis.get(k); await redis.set(k, v!); }`);
    expect(kinds(setValue(a))).toEqual(["value"]);
  });

  it("arithmetic, conversions and defaults: derived by arithmetic, not by Number() or ??", () => {
    const a = analyse(
      `async function f(k: string) { const v = await redis.get(k); await redis.set(k, Number(v ?? 0)); await redis.set(k, Number(v) + 1, "EX", 10); }`,
    );
    const flow = getFlow(a);
    expect(kinds(flow.within(call(a, "set", 0).args[1]))).toEqual(["value"]);
    expect(kinds(flow.within(call(a, "set", 1).args[1]))).toEqual(["value+derived"]);
  });

  it("follows the value through variables and compound assignments", () => {
    const a = analyse(
      `async function f(k: string) { const v = await redis.get(k); let n = Number(v); n += 1; const m = n; await redis.set(k, m); }`,
    );
    expect(kinds(setValue(a))).toEqual(["value+derived"]);
  });

  it("a key argument does not see the value", () => {
    const a = analyse(`async function f(k: string) { const v = await redis.get(k); await redis.set(k, "fresh"); }`);
    expect(getFlow(a).within(call(a, "set").args[0])).toEqual([]);
    expect(setValue(a)).toEqual([]);
  });

  it("is flow-sensitive: an unconditional reassignment hides the value read, a conditional one does not", () => {
    const hidden = analyse(
      `async function f(k: string) { let v = await redis.get(k); v = "fresh"; await redis.set(k, v); }`,
    );
    expect(setValue(hidden)).toEqual([]);
    const maybe = analyse(
      `async function f(k: string, c: boolean) { let v = await redis.get(k); if (c) v = "fresh"; await redis.set(k, v!); }`,
    );
    expect(kinds(setValue(maybe))).toEqual(["value"]);
  });

  it("Promise.all: only the element of the read", () => {
    const a = analyse(
      `async function f(k: string) { const [x, y] = await Promise.all([redis.get(k), redis.get("other")]); await redis.set(k, y!); await redis.set("x", x!); }`,
    );
    const flow = getFlow(a);
    expect(flow.within(call(a, "set", 0).args[1])).toEqual([]);
    expect(kinds(flow.within(call(a, "set", 1).args[1]))).toEqual(["value"]);
  });

  it(".then((v) => ...): the callback's parameter holds the value", () => {
    const a = analyse(`function f(k: string) { return redis.get(k).then((v) => redis.set(k, v + "!")); }`);
    expect(kinds(setValue(a))).toEqual(["value+derived"]);
  });

  it("the value reaches closures", () => {
    const a = analyse(
      `async function f(k: string) { const v = await redis.get(k); const g = async () => { await redis.set(k, v + 1); }; await g(); }`,
    );
    expect(kinds(setValue(a))).toEqual(["value+derived"]);
  });
});

describe("ValueFlow.asCondition: how a condition depends on the value", () => {
  function testOf(code: string): Taint[] {
    const a = analyse(code);
    const set = call(a, "set");
    const conditions = flowOf(a.sourceCode, call(a, "get").fn).conditionsOn(set.node);
    return conditions.flatMap((c) => getFlow(a).asCondition(c.test));
  }

  it("a presence check is a miss check", () => {
    expect(
      kinds(testOf(`async function f(k: string) { const v = await redis.get(k); if (!v) await redis.set(k, "1"); }`)),
    ).toEqual(["miss"]);
    expect(
      kinds(
        testOf(
          `async function f(k: string) { const v = await redis.get(k); if (v === null) await redis.set(k, "1"); }`,
        ),
      ),
    ).toEqual(["miss+derived"]);
  });

  it("a comparison is a guard", () => {
    expect(
      kinds(
        testOf(
          `async function f(k: string) { const v = await redis.get(k); if (Number(v) > 5) await redis.set(k, "1"); }`,
        ),
      ),
    ).toEqual(["guard+derived"]);
  });

  it("the truthiness of a value computed from the read is a guard", () => {
    expect(
      kinds(
        testOf(
          `async function f(k: string) { const v = await redis.get(k); const left = Number(v) - 1; if (left) await redis.set(k, "1"); }`,
        ),
      ),
    ).toEqual(["guard+derived"]);
  });

  it("a condition on something else does not depend on it", () => {
    expect(
      testOf(
        `async function f(k: string, c: boolean) { const v = await redis.get(k); if (c) await redis.set(k, "1"); }`,
      ),
    ).toEqual([]);
  });
});

describe("ValueFlow.uses / usesIn", () => {
  it("lists the source and the identifiers that see the value", () => {
    const a = analyse(`async function f(k: string) { const v = await redis.get(k); const w = v; return [w, k]; }`);
    const flow = getFlow(a);
    const get = call(a, "get");
    const [, vRead] = identifiersNamed(a.ast, "v");
    const [, wRead] = identifiersNamed(a.ast, "w");
    expect([...flow.uses.keys()]).toEqual([get.node, vRead, wRead]);
    expect(flow.usesIn(wRead.parent!)).toEqual([wRead]);
    expect(flow.usesIn(identifiersNamed(a.ast, "k").at(-1)!)).toEqual([]);
    expect(flow.source).toBe(get.node);
  });
});

describe("conditionsOn: what decides whether a node runs", () => {
  function conditions(code: string) {
    const a = analyse(code);
    const set = call(a, "set");
    return flowOf(a.sourceCode, set.fn)
      .conditionsOn(set.node)
      .map((c) => `${a.sourceCode.getText(c.test)}${c.switch ? " (switch)" : ""}`);
  }

  it("if, ?:, && and loops around the node, innermost first", () => {
    expect(
      conditions(
        `async function f(a: boolean, b: boolean, n: number) { while (n > 0) { if (a) { b && (await redis.set("k", "1")); } } }`,
      ),
    ).toEqual(["b", "a", "n > 0"]);
  });

  it("earlier statements that leave when a test holds, and assertions", () => {
    expect(
      conditions(
        `async function f(a: number) { if (a < 1) throw new Error("no"); assert(a > 2, "msg"); await redis.set("k", "1"); }`,
      ),
    ).toEqual(["a < 1", "a > 2", '"msg"']);
    expect(
      conditions(`async function f(a: number) { if (a < 1) console.log("no"); await redis.set("k", "1"); }`),
    ).toEqual([]);
  });

  it("a switch: its discriminant (marked) and the case test", () => {
    expect(conditions(`async function f(a: string) { switch (a) { case "x": await redis.set("k", "1"); } }`)).toEqual([
      "a (switch)",
      '"x"',
    ]);
  });

  it("stops at the given node", () => {
    const a = analyse(
      `async function f(a: boolean) { if (a) { const g = async (b: boolean) => { if (b) await redis.set("k", "1"); }; } }`,
    );
    const set = call(a, "set");
    expect(conditionsOn(set.node, set.fn).map((c) => a.sourceCode.getText(c.test))).toEqual(["b"]);
    expect(conditionsOn(set.node, a.ast).map((c) => a.sourceCode.getText(c.test))).toEqual(["b", "a"]);
  });
});

describe("flowOf: computed once per function", () => {
  it("returns the same function flow and the same value flow when asked again", () => {
    const a = analyse(`async function f(k: string) { const v = await redis.get(k); await redis.set(k, v!); }`);
    const get = call(a, "get");
    const flow = flowOf(a.sourceCode, get.fn);
    expect(flowOf(a.sourceCode, get.fn)).toBe(flow);
    expect(flow.fn).toBe(get.fn);
    expect(flow.valueFrom(get.node)).toBe(flow.valueFrom(get.node));
  });
});

describe("the queries a read-modify-write check asks beside the flow", () => {
  it("keyArguments and writesByKeyShape: the keys of a call, and the writes by key", () => {
    const a = analyse(
      `async function f(k: string) { await redis.mset("a", "1", "b", "2"); await redis.set(k, "1"); await redis.watch(k); await redis.get(k); }`,
    );
    expect(keyArguments(call(a, "mset")).map((n) => a.sourceCode.getText(n))).toEqual(['"a"', '"b"']);
    const index = writesByKeyShape(a.model);
    expect([...index.values()].map((calls) => calls.map((c) => c.command))).toEqual([["mset"], ["mset"], ["set"]]);
    expect(writesByKeyShape(a.model)).toBe(index);
  });

  it("watchedBefore: a WATCH of the key before the call, here or in a local helper", () => {
    const shapesOf = (c: RedisCall) => keyArguments(c).map((n) => keyShape(n)!);
    const direct = analyse(`async function f(k: string) { await redis.watch(k); const v = await redis.get(k); }`);
    expect(watchesOf(direct.model).map((w) => [w.shapes.length, w.opaque])).toEqual([[1, false]]);
    expect(watchedBefore(direct.model, direct.sourceCode, call(direct, "get"), shapesOf(call(direct, "get")))).toBe(
      true,
    );
    const other = analyse(`async function f(k: string) { await redis.watch("other"); const v = await redis.get(k); }`);
    expect(watchedBefore(other.model, other.sourceCode, call(other, "get"), shapesOf(call(other, "get")))).toBe(false);
    const late = analyse(`async function f(k: string) { const v = await redis.get(k); await redis.watch(k); }`);
    expect(watchedBefore(late.model, late.sourceCode, call(late, "get"), shapesOf(call(late, "get")))).toBe(false);
    const helper = analyse(
      `class S { async w(key: string) { return redis.watch(key); } async f(k: string) { await this.w(k); return redis.get(k); } }`,
    );
    expect(watchedBefore(helper.model, helper.sourceCode, call(helper, "get"), shapesOf(call(helper, "get")))).toBe(
      true,
    );
  });

  it("lockHeldBetween and inLockCallback: code that runs under a lock", () => {
    const a = analyse(
      `async function f(k: string) { await acquireLock("l"); const v = await redis.get(k); await redis.set(k, v + 1); await releaseLock("l"); }`,
    );
    const get = call(a, "get");
    const set = call(a, "set");
    expect(lockHeldBetween(a.model, a.sourceCode, get.node, set.node, get.fn, lockKeyRegex(undefined))).toBe(true);
    const open = analyse(`async function f(k: string) { const v = await redis.get(k); await redis.set(k, v + 1); }`);
    expect(
      lockHeldBetween(
        open.model,
        open.sourceCode,
        call(open, "get").node,
        call(open, "set").node,
        call(open, "get").fn,
        lockKeyRegex(undefined),
      ),
    ).toBe(false);
    const cb = analyse(
      `async function f(k: string) { await redlock.using(["l"], 5000, async () => { await redis.get(k); }); }`,
    );
    expect(inLockCallback(call(cb, "get").node, cb.sourceCode)).toBe(true);
    expect(inLockCallback(call(open, "get").node, open.sourceCode)).toBe(false);
  });
});

describe("callback APIs: the value a command hands its callback (node_redis v2 / v3, ioredis)", () => {
  const shapesOf = (c: RedisCall) => keyArguments(c).map((n) => keyShape(n)!);

  it("resultCallback: the last argument, a function of (err, value)", () => {
    const a = analyse(
      `function f(k: string) { redis.get(k, (err, v) => {}); redis.set(k, "1", (err) => {}); redis.get(k, cb); redis.get(k).then((v) => v); }`,
    );
    expect(resultCallback(call(a, "get").node)).not.toBeNull();
    expect(resultCallback(call(a, "set").node)).toBeNull();
    expect(resultCallback(call(a, "get", 1).node)).toBeNull();
    expect(resultCallback(call(a, "get", 2).node)).toBeNull();
  });

  it("resultFrom follows the callback's value parameter; valueFrom does not", () => {
    const a = analyse(`function f(k: string) { redis.get(k, (err, v) => { redis.set(k, Number(v) + 1); }); }`);
    const get = call(a, "get");
    const value = call(a, "set").args[1];
    const flow = flowOf(a.sourceCode, get.fn);
    expect(flow.resultFrom(get.node).within(value)).toEqual([{ kind: "value", derived: true }]);
    expect(flow.resultFrom(get.node)).toBe(flow.resultFrom(get.node));
    expect(flow.valueFrom(get.node).within(value)).toEqual([]);
    // The error parameter is not the value.
    const e = analyse(`function f(k: string) { redis.get(k, (err, v) => { redis.set(k, String(err)); }); }`);
    expect(
      flowOf(e.sourceCode, call(e, "get").fn).resultFrom(call(e, "get").node).within(call(e, "set").args[1]),
    ).toEqual([]);
    // Without a callback, resultFrom is valueFrom.
    const p = analyse(`async function f(k: string) { const v = await redis.get(k); }`);
    const pf = flowOf(p.sourceCode, call(p, "get").fn);
    expect(pf.resultFrom(call(p, "get").node)).toBe(pf.valueFrom(call(p, "get").node));
  });

  it("a variable assigned from itself (`v = v ? JSON.parse(v) : {}`) keeps the value", () => {
    const a = analyse(
      `function f(k: string) { redis.get(k, function (err, v) { v = v ? JSON.parse(v) : {}; v.n = 1; redis.set(k, JSON.stringify(v)); }); }`,
    );
    const get = call(a, "get");
    expect(flowOf(a.sourceCode, get.fn).resultFrom(get.node).within(call(a, "set").args[1])).toEqual([
      { kind: "value", derived: true },
    ]);
  });

  it("runsOnResult: in the callback when there is one (code after the call runs before the reply), else after the call", () => {
    const a = analyse(`function f(k: string) { redis.get(k, (err, v) => { redis.set(k, "a"); }); redis.set(k, "b"); }`);
    const get = call(a, "get");
    expect(runsOnResult(get.node, call(a, "set").node, get.fn)).toBe(true);
    expect(runsOnResult(get.node, call(a, "set", 1).node, get.fn)).toBe(false);
    const p = analyse(
      `async function f(k: string) { await redis.set(k, "a"); const v = await redis.get(k); await redis.set(k, v); }`,
    );
    const pget = call(p, "get");
    expect(runsOnResult(pget.node, call(p, "set").node, pget.fn)).toBe(false);
    expect(runsOnResult(pget.node, call(p, "set", 1).node, pget.fn)).toBe(true);
  });

  it("watchedByCallback: a read in the callback of a WATCH of its key", () => {
    const watched = analyse(`function f(k: string) { redis.watch(k, (err) => { redis.get(k, (e, v) => {}); }); }`);
    expect(watchedByCallback(watched.model, call(watched, "get"), shapesOf(call(watched, "get")))).toBe(true);
    const other = analyse(`function f(k: string) { redis.watch("other", (err) => { redis.get(k, (e, v) => {}); }); }`);
    expect(watchedByCallback(other.model, call(other, "get"), shapesOf(call(other, "get")))).toBe(false);
    const after = analyse(`function f(k: string) { redis.watch(k, (err) => {}); redis.get(k, (e, v) => {}); }`);
    expect(watchedByCallback(after.model, call(after, "get"), shapesOf(call(after, "get")))).toBe(false);
  });
});
