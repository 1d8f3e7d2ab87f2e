/** src/model/exec-checks.ts: which exec() results may be null, and whether the code checks them. */
import { describe, expect, it } from "vitest";
import { type ExecFacts, execNullCandidates, execResultFinding } from "../../src/model/index.js";
import { lintForModel } from "./harness.js";

const IOREDIS = `import Redis from "ioredis"; const r = new Redis();`;
const facts: ExecFacts = { execNullOnAbort: () => true, execOnClient: () => false };

function check(body: string, mode: "watched" | "always" = "watched") {
  const { model, sourceCode } = lintForModel(`${IOREDIS}\nexport async function f(k) {\n${body}\n}`);
  return execNullCandidates(model, mode, facts).map(({ exec, watch }) => {
    const finding = execResultFinding(exec, sourceCode);
    return { watch: watch?.node.loc.start.line ?? null, finding: finding && `${finding.kind}: ${finding.how}` };
  });
}

describe("execNullCandidates", () => {
  it("an exec after a WATCH on its connection; in always mode, one without", () => {
    expect(check(`await r.watch(k);\nconst res = await r.multi().set(k, 1).exec();\nif (!res) return;`)).toEqual([
      { watch: 3, finding: null },
    ]);
    expect(check(`const res = await r.multi().set(k, 1).exec();`)).toEqual([]);
    expect(check(`const res = await r.multi().set(k, 1).exec(); return res[0];`, "always")).toEqual([
      { watch: null, finding: "unchecked: indexed (as `res`)" },
    ]);
  });

  it("an UNWATCH on every path between them ends the WATCH; the answer is cached", () => {
    expect(check(`await r.watch(k);\nawait r.unwatch();\nawait r.multi().set(k, 1).exec();`)).toEqual([]);
    const { model } = lintForModel(
      `${IOREDIS} export async function f(k) { await r.watch(k); await r.multi().exec(); }`,
    );
    expect(execNullCandidates(model, "watched", facts)).toBe(execNullCandidates(model, "watched", facts));
  });
});

describe("execNullCandidates: null replies of exec(callback) only (node-redis v2 / v3)", () => {
  const callbackOnly: ExecFacts = {
    execNullOnAbort: () => false,
    execOnClient: () => false,
    execCallbackNullOnAbort: () => true,
  };
  const V3 = `const redis = require("redis"); const c = redis.createClient();`;

  it("an exec(callback) after a WATCH; not exec() without one, exec(done) or execAsPipeline", () => {
    const { model, sourceCode } = lintForModel(
      `${V3}\nfunction f(k, done) {\nc.watch(k);\nc.multi().incr(k).exec((err, replies) => done(replies[0]));\nc.multi().incr(k).exec();\nc.multi().incr(k).exec(done);\nc.multi().incr(k).execAsPipeline((err, r) => r[0]);\n}`,
      { filename: "file.js", parser: "plugin", sourceType: "commonjs" },
    );
    const found = execNullCandidates(model, "watched", callbackOnly).map(({ exec, watch }) => ({
      line: exec.node.loc.start.line,
      watch: watch?.node.loc.start.line ?? null,
      finding: execResultFinding(exec, sourceCode)?.how ?? null,
    }));
    expect(found).toEqual([{ line: 4, watch: 3, finding: "indexed (as `replies`)" }]);
    // Without the fact, nothing (node-redis v4 and later throw WatchError instead).
    expect(execNullCandidates(model, "always", { ...callbackOnly, execCallbackNullOnAbort: () => false })).toEqual([]);
  });
});

describe("execResultFinding", () => {
  it.each([
    [`await r.watch(k);\nconst [[, v]] = await r.multi().get(k).exec();`, "unchecked: destructured"],
    [`await r.watch(k);\nawait r.multi().set(k, 1).exec();`, "ignored: discarded"],
    [`await r.watch(k);\nconst res = await r.multi().set(k, 1).exec();`, "ignored: stored in `res` and never read"],
    [
      `await r.watch(k);\nconst res = await r.multi().get(k).exec();\nif (res === null) throw new Error("retry");\nreturn res[0];`,
      null,
    ],
    [`await r.watch(k);\nconst res = await r.multi().get(k).exec();\nreturn res?.[0];`, null],
  ])("%s", (body, expected) => {
    expect(check(body)[0]?.finding ?? null).toBe(expected);
  });
});
