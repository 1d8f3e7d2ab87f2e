import type { TSESLint } from "@typescript-eslint/utils";
import * as parser from "./parser.js";
import { rules } from "./rules/index.js";

type FlatConfig = TSESLint.FlatConfig.Config;
type Severity = TSESLint.SharedConfig.RuleLevel;

export const FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];

/** Rule options that differ between presets. */
const STRICT_OPTIONS: Record<string, unknown[]> = {
  "no-read-in-multi": [{ allowReadsInMulti: false }],
  "no-unchecked-exec": [{ requireNullCheck: "always" }],
};

function entries(
  ruleNames: readonly string[],
  pick: (name: string) => Severity | undefined,
  withOptions = false,
): FlatConfig["rules"] {
  const out: NonNullable<FlatConfig["rules"]> = {};
  for (const name of ruleNames) {
    const level = pick(name);
    if (!level) continue;
    const opts = withOptions ? STRICT_OPTIONS[name] : undefined;
    out[`redis/${name}`] = opts ? [level, ...opts] : level;
  }
  return out;
}

/** A rule's severity in `recommended`: its `meta.docs.recommended` (absent: not in the preset). */
function recommendedLevel(name: string): Severity | undefined {
  return rules[name].meta.docs?.recommended;
}

/**
 * The presets, over the registered rules (src/rules/index.ts), from each rule's
 * `meta.docs.recommended`: `recommended` (and `recommended-type-checked`) at that severity,
 * `strict` every rule at its `meta.docs.strict` severity, else that severity, else `"error"`, with
 * the strict options, `all` every rule as
 * an error.
 */
export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin) {
  const names = Object.keys(rules);
  const base = (name: string, ruleEntries: FlatConfig["rules"], extra: Partial<FlatConfig> = {}): FlatConfig => ({
    name: `redis/${name}`,
    files: FILES,
    plugins: { redis: plugin },
    languageOptions: {
      parser: parser as unknown as TSESLint.FlatConfig.Parser,
      ...extra.languageOptions,
    },
    ...(extra.settings && { settings: extra.settings }),
    rules: ruleEntries,
  });
  const recommendedRules = entries(names, recommendedLevel);
  return {
    recommended: base("recommended", recommendedRules),
    strict: base(
      "strict",
      entries(names, (n) => rules[n].meta.docs?.strict ?? recommendedLevel(n) ?? "error", true),
    ),
    all: base(
      "all",
      entries(names, () => "error"),
    ),
    "recommended-type-checked": base("recommended-type-checked", recommendedRules, {
      languageOptions: { parserOptions: { projectService: true } },
      settings: { redis: { typeAware: true } },
    }),
  };
}
