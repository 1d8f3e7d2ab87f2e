/**
 * Every rule has a doc that follows
 * docs/TEMPLATE.md, and its meta points at it.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rules } from "../src/rules/index.js";
import { ruleInfos } from "./support/docs.js";

const SECTIONS = ["Why", "Examples", "Options", "When not to use it", "Further reading"];

/** The text of the `## name` section, up to the next `## ` heading. */
function section(doc: string, name: string): string | undefined {
  const parts = doc.split(/^## /m);
  const hit = parts.find((p) => p.split("\n", 1)[0].trim() === name);
  return hit?.slice(name.length);
}

function hasOptions(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.length > 0;
  return !!schema && typeof schema === "object" && Object.keys(schema).length > 0;
}

describe.each(ruleInfos().map((r) => [r.name, r] as const))("%s", (name, info) => {
  const meta = rules[name].meta;

  it("has a docs/rules doc with the required sections", () => {
    expect(existsSync(info.docPath), `docs/rules/${name}.md is missing (copy docs/TEMPLATE.md)`).toBe(true);
    const doc = readFileSync(info.docPath, "utf8");

    const lines = doc.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^# .+ \\(\`redis/${name}\`\\)$`));
    expect(doc).toContain("<!-- end auto-generated rule header -->");

    for (const heading of SECTIONS) {
      expect(section(doc, heading), `missing "## ${heading}"`).toBeDefined();
    }
    const examples = section(doc, "Examples")!;
    expect(examples).toContain("❌");
    expect(examples).toContain("✅");
    expect(examples).toContain("<!-- example: ");

    if (hasOptions(meta.schema)) {
      expect(section(doc, "Options")).toContain("<!-- begin auto-generated rule options list -->");
    }
  });

  it("meta.docs points at the doc and has a description", () => {
    expect(meta.docs?.url).toMatch(new RegExp(`docs/rules/${name}\\.md$`));
    expect(meta.docs?.description).toBeTruthy();
    expect(meta.docs?.description).not.toBe("TODO");
  });
});
