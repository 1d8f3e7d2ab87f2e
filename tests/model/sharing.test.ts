/** src/model/sharing.ts: raw MULTI / WATCH on shared clients, and the other uses that interfere. */
import { describe, expect, it } from "vitest";
import { sharedTransactions } from "../../src/model/index.js";
import { lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; export const r = new Redis();`;
const connectionState = () => true;

function shared(code: string, parametersShared = false) {
  const { model, sourceCode } = lintForModel(code);
  const found = sharedTransactions(model, sourceCode, { parametersShared, connectionState });
  return {
    openers: found.openers.map((o) => `${o.kind}:${o.call.method}@${o.call.node.loc.start.line}`),
    uses: found.uses.map(
      (u) => `${u.kind}:${u.call.method}@${u.call.node.loc.start.line}→${u.opener.node.loc.start.line}`,
    ),
  };
}

describe("sharedTransactions", () => {
  it("finds a WATCH on a shared client and an EXEC elsewhere that clears it", () => {
    expect(
      shared(
        `${IOREDIS}\nexport async function a(k) { await r.watch(k); const v = await r.get(k); await r.multi().set(k, v).exec(); }\nexport async function b() { await r.unwatch(); }`,
      ),
    ).toEqual({ openers: ["watch:watch@2"], uses: ["clearsWatch:unwatch@3→2"] });
  });

  it("finds a raw MULTI and commands elsewhere that may be queued into it", () => {
    expect(
      shared(
        `${IOREDIS}\nexport async function a() { await r.call("MULTI"); await r.set("a", 1); await r.call("EXEC"); }\nexport async function b() { await r.get("a"); }`,
      ),
    ).toEqual({
      openers: ["multi:call@2"],
      uses: ["duringMulti:get@3→2"],
    });
  });

  it("parameters count as shared only when asked; the answer is cached per option", () => {
    const code = `import Redis from "ioredis";\nexport async function a(r: Redis, k) { await r.watch(k); }`;
    expect(shared(code).openers).toEqual([]);
    expect(shared(code, true).openers).toEqual(["watch:watch@2"]);
    const { model, sourceCode } = lintForModel(code);
    const once = sharedTransactions(model, sourceCode, { parametersShared: true, connectionState });
    expect(sharedTransactions(model, sourceCode, { parametersShared: true, connectionState })).toBe(once);
  });
});
