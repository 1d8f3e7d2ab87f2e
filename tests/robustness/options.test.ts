/** Every rule's option schema rejects bad options with ESLint's own validation error. */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";

const linter = new Linter({ configType: "flat" });

function configure(rule: string, options: unknown[]) {
  return () =>
    linter.verify("const a = 1;", [
      { plugins: { redis: plugin as never }, rules: { [`redis/${rule}`]: ["error", ...options] as Linter.RuleEntry } },
    ]);
}

describe("rule option schemas", () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    describe(name, () => {
      it("accepts no options", () => {
        expect(configure(name, [])).not.toThrow();
      });
      it("rejects an unknown option key", () => {
        expect(configure(name, [{ notAnOption: true }])).toThrow(
          new RegExp(`Key "redis/${name}":[\\s\\S]*(?:additional properties|more than 0 items)`),
        );
      });
      it("rejects a value of the wrong kind", () => {
        expect(configure(name, [42])).toThrow(new RegExp(`Key "redis/${name}":`));
      });
      const schema = (rule.meta.schema ?? []) as unknown as {
        properties?: Record<string, { type?: string; enum?: unknown[] }>;
      }[];
      for (const [prop, def] of Object.entries(schema[0]?.properties ?? {})) {
        it(`rejects a bad value for "${prop}"`, () => {
          const bad = def.type === "string" || def.enum ? 12345 : "not-valid";
          expect(configure(name, [{ [prop]: bad }])).toThrow(new RegExp(`Key "redis/${name}":`));
        });
      }
    });
  }
});
