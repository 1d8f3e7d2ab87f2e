/** Lints a snippet with every plugin rule on, through ESLint's Linter (the way users run it). */
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import plugin from "../../src/index.js";

export const allRulesOn = Object.fromEntries(
  Object.keys(plugin.rules).map((name) => [`redis/${name}`, "error" as const]),
);

const linter = new Linter({ configType: "flat" });

export function lintWithAllRules(
  code: string,
  filename = "fuzz.ts",
  settings: Record<string, unknown> = {},
): Linter.LintMessage[] {
  return linter.verify(
    code,
    [
      {
        files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
        languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "module" },
        plugins: { redis: plugin as never },
        settings,
        rules: allRulesOn,
      },
    ],
    filename,
  );
}
