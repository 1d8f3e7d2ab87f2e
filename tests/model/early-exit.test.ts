/**
 * The early exit (src/model/early-exit.ts) may say "Redis" where the model finds none, never
 * "no Redis" where the model finds a call. `npm run model:equivalence` checks this on a corpus;
 * these are the cases it found.
 */
import { describe, expect, it } from "vitest";
import { buildModelForTest, earlyExitAdmits } from "../../src/model/index.js";
import { readSettings } from "../../src/model/settings.js";
import { lintForModel } from "./harness.js";

describe("the early exit", () => {
  it("admits Bun's `redis` when the client names do not include it", () => {
    const redis = { clientNames: ["client", "cache", "store"], defaultFamily: "ioredis" };
    const code = `import { redis } from "bun";\nexport const drop = (id: string) => redis.del(\`friends:\${id}\`);`;
    const { sourceCode } = lintForModel(code, { redis });
    const settings = readSettings({ redis });
    expect(buildModelForTest(sourceCode, settings).calls.map((c) => c.command)).toEqual(["del"]);
    expect(earlyExitAdmits(sourceCode, settings)).toBe(true);
  });

  it("still says no for a file whose only `redis` is in a comment", () => {
    const { sourceCode } = lintForModel(`// no redis here\nexport const f = (m: Map<string, number>) => m.get("k");`);
    expect(earlyExitAdmits(sourceCode, readSettings(undefined))).toBe(false);
  });
});
