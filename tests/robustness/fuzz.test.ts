/**
 * Generated and mutated snippets built from Redis-like calls, chains, awaits and odd shapes go
 * through every rule: no rule may throw. Parse errors of mutated snippets are fine (they are the
 * parser's business); a thrown exception from a rule is not.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutated, program } from "./fuzz-gen.js";
import { lintWithAllRules } from "./lint-all.js";

function noRuleThrows(code: string): void {
  let messages;
  try {
    messages = lintWithAllRules(code);
  } catch (error) {
    throw new Error(`a rule threw on:\n${code}\n\n${(error as Error).stack}`, { cause: error });
  }
  // A fatal message is a parse error; anything else must come from a rule of ours.
  for (const m of messages) {
    if (!m.fatal) expect(m.ruleId).toMatch(/^redis\//);
  }
}

describe("fuzzing every rule", () => {
  it("most generated programs parse (the generator itself is sound)", () => {
    const samples = fc.sample(program, { numRuns: 200, seed: 7 });
    const parsed = samples.filter((code) => !lintWithAllRules(code).some((m) => m.fatal)).length;
    expect(parsed / samples.length).toBeGreaterThan(0.9);
  });
  it("generated programs", () => {
    fc.assert(
      fc.property(program, (code) => noRuleThrows(code)),
      { numRuns: 1000, seed: 20261122 },
    );
  });
  it("mutated programs", () => {
    fc.assert(
      fc.property(mutated, (code) => noRuleThrows(code)),
      { numRuns: 400, seed: 4242 },
    );
  });
  it("odd shapes", () => {
    const odd = [
      `import Redis from "ioredis"; const r = new Redis(); r[Symbol.iterator](); r[k](); r.call(...args); r.call(); r.sendCommand(); r.sendCommand([]); r.sendCommand([, "GET"]);`,
      `import Redis from "ioredis"; class A extends Redis { async f() { await super.get("k"); await super.multi().get("k").exec(); } }`,
      `import Redis from "ioredis"; const r = new Redis(); const { get } = r; get("k"); (0, r.get)("k"); r.get?.("k"); r?.multi?.().get?.("k").exec?.();`,
      `import Redis from "ioredis"; const r = new Redis(); r.multi().exec().then((res) => res[0]); new r.constructor().keys("*");`,
      `import { createClient } from "redis"; const c = createClient(); c.multi().addCommand(["GET", "k"]).exec(); c.executeIsolated(); c.executeIsolated(async () => {});`,
      `import Redis from "ioredis"; let r; r = new Redis(); r = r; r.watch(); r.watch(...[]); r.set(); r.setnx(); r.expire();`,
      `import { Batch } from "@valkey/valkey-glide"; const b = new Batch(); b.get(); client.exec(); client.exec(b);`,
      `label: { break label; } with_ = 1; async function* g() { yield* r.keys(); }`,
      `import Redis from "ioredis"; export default class { static r = new Redis(); static { this.r.keys("*"); } #p = new Redis(); m() { return this.#p.watch("k"); } }`,
    ];
    for (const code of odd) noRuleThrows(code);
  });
});
