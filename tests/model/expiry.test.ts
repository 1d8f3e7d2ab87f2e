/** src/model/expiry.ts: which EXPIRE follows which SET NX / counter, and the SET NX's success branch. */
import { describe, expect, it } from "vitest";
import type { TSESTree } from "@typescript-eslint/utils";
import { expiryPairs, runsExactlyOnSuccess } from "../../src/model/index.js";
import { callOf, lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; const r = new Redis();`;

function pairs(code: string) {
  const { model, sourceCode } = lintForModel(code);
  return expiryPairs(model, sourceCode).map(
    (p) => `${p.kind}:${p.maker.method}→${p.expire.method}@${p.expire.node.loc.start.line}`,
  );
}

describe("expiryPairs", () => {
  it("pairs SET NX / SETNX and counters with the EXPIRE of the same key", () => {
    expect(
      pairs(`${IOREDIS}\nexport async function f() { await r.setnx("lock", "me");\n await r.expire("lock", 10); }`),
    ).toEqual(["set:setnx→expire@3"]);
    expect(pairs(`${IOREDIS}\nexport async function f(k) { await r.incr(k);\n await r.pexpire(k, 10); }`)).toEqual([
      "counter:incr→pexpire@3",
    ]);
  });

  it("skips SETs with an expiry, other keys, exclusive branches, and a counter queued with its EXPIRE", () => {
    expect(
      pairs(
        `${IOREDIS} export async function f() { await r.set("lock", "me", "EX", 5, "NX"); await r.expire("lock", 10); }`,
      ),
    ).toEqual([]);
    expect(
      pairs(`${IOREDIS} export async function f() { await r.setnx("a", "me"); await r.expire("b", 10); }`),
    ).toEqual([]);
    expect(
      pairs(`${IOREDIS} export async function f(c) { if (c) await r.setnx("a", 1); else await r.expire("a", 10); }`),
    ).toEqual([]);
    expect(pairs(`${IOREDIS} export async function f() { await r.multi().incr("a").expire("a", 10).exec(); }`)).toEqual(
      [],
    );
  });

  it("pairs a plain SET with an EXPIRE that always applies (no flag, NX, LT, a callback), not XX / GT or one queued with it", () => {
    expect(pairs(`${IOREDIS}\nexport async function f(k) { await r.set(k, "v");\n await r.expire(k, 10); }`)).toEqual([
      "plain:set→expire@3",
    ]);
    expect(
      pairs(`${IOREDIS} export async function f(k) { await r.set(k, "v", "XX"); await r.pexpire(k, 10, "NX"); }`),
    ).toEqual(["plain:set→pexpire@1"]);
    expect(pairs(`${IOREDIS} export function f(k, cb) { r.set(k, "v"); r.expire(k, 10, "LT", cb); }`)).toEqual([
      "plain:set→expire@1",
    ]);
    for (const flag of ['"XX"', '"GT"', "mode"])
      expect(
        pairs(`${IOREDIS} export async function f(k, mode) { await r.set(k, "v"); await r.expire(k, 10, ${flag}); }`),
      ).toEqual([]);
    expect(
      pairs(`${IOREDIS} export async function f(k) { await r.set(k, "v", "KEEPTTL"); await r.expire(k, 10); }`),
    ).toEqual([]);
    expect(
      pairs(`${IOREDIS} export async function f(k) { await r.set(k, "v", "PX", 5); await r.expire(k, 10); }`),
    ).toEqual([]);
    expect(
      pairs(`${IOREDIS} export async function f(k) { await r.multi().set(k, "v").expire(k, 10).exec(); }`),
    ).toEqual([]);
  });

  it("pairs each maker with its first EXPIRE only, and is cached per model", () => {
    const { model, sourceCode } = lintForModel(
      `${IOREDIS} export async function f() { await r.setnx("a", 1); await r.expire("a", 10); await r.expire("a", 20); }`,
    );
    const first = expiryPairs(model, sourceCode);
    expect(first).toHaveLength(1);
    expect(expiryPairs(model, sourceCode)).toBe(first);
  });
});

describe("runsExactlyOnSuccess", () => {
  const check = (body: string) => {
    const { model, sourceCode } = lintForModel(`${IOREDIS} export async function f(persistent) { ${body} }`);
    const expire = callOf(model, "expire");
    const stmt = expire.node.parent!.parent as TSESTree.Statement;
    return runsExactlyOnSuccess(stmt, callOf(model, "setnx").node, sourceCode);
  };
  it.each([
    [`const ok = await r.setnx("a", 1); if (!ok) return false; await r.expire("a", 10);`, true],
    [`if (await r.setnx("a", 1)) await r.expire("a", 10);`, true],
    [`const ok = await r.setnx("a", 1); if (ok === 1) { await r.expire("a", 10); }`, true],
    [`await r.setnx("a", 1); if (persistent) return; await r.expire("a", 10);`, false],
    [`const ok = await r.setnx("a", 1); if (ok && persistent) await r.expire("a", 10);`, false],
  ])("%s → %s", (body, expected) => {
    expect(check(body)).toBe(expected);
  });
});
