/** What the docs tests need to know about the rules, their docs and their examples. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLE_FILE, ROOT } from "../../scripts/embed-examples.mjs";
import { rules } from "../../src/rules/index.js";

export { ROOT };

export interface RuleInfo {
  name: string;
  docPath: string;
  examplesDir: string;
}

export function ruleInfos(): RuleInfo[] {
  return Object.keys(rules).map((name) => ({
    name,
    docPath: join(ROOT, "docs/rules", `${name}.md`),
    examplesDir: join(ROOT, "docs/examples", name),
  }));
}

export interface ExampleFile {
  /** Path relative to the repository root, as written in `<!-- example: ... -->`. */
  path: string;
  client: string;
  kind: "incorrect" | "correct";
}

/** The example files of a rule (`<client>.incorrect[.suffix].ts`, `<client>.correct[.suffix].ts`). */
export function exampleFiles(rule: string): ExampleFile[] {
  const dir = join(ROOT, "docs/examples", rule);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const m = EXAMPLE_FILE.exec(file);
      return m ? [{ path: `docs/examples/${rule}/${file}`, client: m[1], kind: m[2] as ExampleFile["kind"] }] : [];
    });
}
