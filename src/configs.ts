import type { TSESLint } from "@typescript-eslint/utils";
import * as parser from "./parser.js";
import { ruleLevels } from "./rules/index.js";

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

/** The presets, over the rules the plugin ships (`plugin.rules`). */
export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin) {
  const names = Object.keys(plugin.rules ?? {});
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
  const recommendedRules = entries(names, (n) => ruleLevels[n]);
  return {
    recommended: base("recommended", recommendedRules),
    strict: base("strict", entries(names, (n) => ruleLevels[n] ?? "error", true)),
    all: base("all", entries(names, () => "error")),
    "recommended-type-checked": base("recommended-type-checked", recommendedRules, {
      languageOptions: { parserOptions: { projectService: true } },
      settings: { redis: { typeAware: true } },
    }),
  };
}
