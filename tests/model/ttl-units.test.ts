/** src/model/ttl-units.ts: the GETEX `{ type, value }` slot, and a Date given to node-redis v5+ GETEX's PXAT. */
import { describe, expect, it } from "vitest";
import { expirySlots, pxatDateInSeconds } from "../../src/model/index.js";
import { type ModelOptions, callOf, lintForModel } from "./harness.js";

const NODE = `import { createClient } from "redis"; const client = createClient();`;

/** What `pxatDateInSeconds` gives for the first `getEx` of `code`: the Date's text, or null. */
function dateOf(code: string, major: number | null, options: ModelOptions & { typeAware?: boolean } = {}) {
  const { model, sourceCode } = lintForModel(code, options);
  const call = callOf(model, "getEx");
  const found = expirySlots(call, sourceCode)
    .map((s) => pxatDateInSeconds(call, s, major, sourceCode, options.typeAware === true))
    .filter((n) => n !== null);
  return found.length ? sourceCode.getText(found[0]) : null;
}

describe("expirySlots: getexTyped", () => {
  it("marks GETEX's own { type, value } object, not v4's { PXAT } nor SET's expiration", () => {
    const { model, sourceCode } = lintForModel(
      `${NODE} await client.getEx("a", { type: "PXAT", value: 1 }); await client.getEx("b", { PXAT: 1 }); await client.set("c", "v", { expiration: { type: "PXAT", value: 1 } });`,
    );
    const flags = ["getEx", "getEx", "set"].map((m, i) =>
      expirySlots(callOf(model, m, m === "getEx" ? i : 0), sourceCode).map((s) => s.getexTyped === true),
    );
    expect(flags).toEqual([[true], [false], [false]]);
  });
});

describe("pxatDateInSeconds", () => {
  it("finds a Date written so: new Date, a const holding one, a name declared : Date, ?? and ?: of Dates", () => {
    expect(dateOf(`${NODE} await client.getEx("k", { type: "PXAT", value: new Date(Date.now() + 1000) });`, 5)).toBe(
      "new Date(Date.now() + 1000)",
    );
    expect(dateOf(`${NODE} const d = new Date(); await client.getEx("k", { type: "PXAT", value: d });`, 5)).toBe("d");
    expect(
      dateOf(`${NODE} const d = new Date(); const e = d; await client.getEx("k", { type: "PXAT", value: e });`, 6),
    ).toBe("e");
    expect(
      dateOf(
        `${NODE} export async function f(d: Date) { await client.getEx("k", { type: "PXAT", value: d as any }); }`,
        5,
      ),
    ).toBe("d");
    expect(
      dateOf(
        `${NODE} export async function f(d: Date | undefined) { await client.getEx("k", { type: "PXAT", value: d || new Date() }); }`,
        5,
      ),
    ).toBe("d || new Date()");
  });

  it("in JavaScript, with Date declared as a global", () => {
    expect(
      dateOf(`${NODE} await client.getEx("k", { type: "PXAT", value: new Date() });`, 5, {
        filename: "file.js",
        parser: "plugin",
        globals: { Date: "readonly" },
      }),
    ).toBe("new Date()");
  });

  it("nothing for another major, another option, a number, or a name that is not certainly a Date", () => {
    const code = `${NODE} await client.getEx("k", { type: "PXAT", value: new Date() });`;
    expect([null, 3, 4].map((major) => dateOf(code, major))).toEqual([null, null, null]);
    for (const value of [
      `{ type: "EXAT", value: new Date() }`,
      `{ type: "pxat", value: new Date() }`,
      `{ PXAT: new Date() }`,
      `{ type: "PXAT", value: new Date().getTime() }`,
      `{ type: "PXAT", value: expiresAt }`,
      `{ type: "PXAT", value: cond ? new Date() : Date.now() }`,
      `{ type: "PXAT", value: maybe ?? new Date() }`,
    ])
      expect(dateOf(`${NODE} await client.getEx("k", ${value});`, 5)).toBeNull();
    expect(dateOf(`${NODE} class Date {} await client.getEx("k", { type: "PXAT", value: new Date() });`, 5)).toBeNull();
    expect(
      dateOf(`${NODE} export async function f(d?: Date) { await client.getEx("k", { type: "PXAT", value: d }); }`, 5),
    ).toBeNull();
  });
});
