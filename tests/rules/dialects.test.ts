/**
 * The client dialects (src/dialects/): one object per family, node-redis per major version, and
 * no rule that switches on the client family instead of asking its dialect.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asWritten, dialectOf } from "../../src/dialects/index.js";
import type { Family } from "../../src/model/index.js";
import { ROOT } from "../support/docs.js";

const FAMILIES: Family[] = ["ioredis", "node-redis", "upstash", "glide", "bun", "unknown"];

describe("dialectOf", () => {
  it("gives each family its own dialect", () => {
    for (const family of FAMILIES) expect(dialectOf(family).family).toBe(family);
    expect(new Set(FAMILIES.map((f) => dialectOf(f))).size).toBe(FAMILIES.length);
    expect(FAMILIES.filter((f) => !dialectOf(f).known)).toEqual(["unknown"]);
  });

  it("keeps one node-redis dialect per major version", () => {
    expect(dialectOf("node-redis", 5)).toBe(dialectOf("node-redis", 5));
    expect(dialectOf("node-redis")).toBe(dialectOf("node-redis", null));
    expect(dialectOf("node-redis", 4).version).toBe(4);
    expect(dialectOf("ioredis", 4)).toBe(dialectOf("ioredis"));
  });

  it("writes SET NX with an expiry in the version's shape", () => {
    const ttl = asWritten("30000");
    expect(dialectOf("node-redis", 4).setNxOptions("PX", ttl)).toBe("{ NX: true, PX: 30000 }");
    expect(dialectOf("node-redis", 6).setNxOptions("PX", ttl)).toBe(
      '{ condition: "NX", expiration: { type: "PX", value: 30000 } }',
    );
    expect(dialectOf("node-redis", 6).setNxOptions("PX", ttl, "node-redis-v4")).toBe("{ NX: true, PX: 30000 }");
    expect(dialectOf("unknown").atomicSetForm("token", "PX", ttl)).toBe("SET key token NX PX 30000");
  });

  it("offers the dedicated connection each node-redis version has", () => {
    expect(dialectOf("node-redis", 4).executeIsolated).toBe(true);
    expect(dialectOf("node-redis", 4).duplicate?.forTransactions).toBe(false);
    expect(dialectOf("node-redis", 5).executeIsolated).toBe(false);
    expect(dialectOf("node-redis", 5).duplicate?.close("c")).toBe("await c.close();");
    expect(dialectOf("node-redis").duplicate?.close("c")).toBe("await c.disconnect();");
    expect(dialectOf("node-redis").setnxReplyFromSet).toBeNull();
  });
});

describe("rules ask the dialect", () => {
  const dir = join(ROOT, "src", "rules");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
    it(`${file} does not switch on the client family`, () => {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).not.toMatch(/Record<Family|FAMILY_LABEL|family\s*[!=]==\s*"|switch\s*\([^)]*family/);
      expect(text).not.toMatch(/case "(?:ioredis|node-redis|upstash|glide|bun|unknown)":/);
    });
  }
});
