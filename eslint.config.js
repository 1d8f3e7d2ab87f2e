// The project's own lint: typescript-eslint's recommended rules for src/, tests/ and scripts/,
// and eslint-plugin-eslint-plugin's rule-authoring checks for src/rules/.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import eslintPlugin from "eslint-plugin-eslint-plugin";
import tseslint from "typescript-eslint";
import globals from "globals";

export default defineConfig([
  // Only src/, tests/ and scripts/ are linted; fixtures are sample code for the plugin itself.
  globalIgnores(["*", "!src/", "!tests/", "!scripts/", "tests/fixtures/"], "redis/ignores"),
  {
    name: "redis/sources",
    files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    name: "redis/rules",
    files: ["src/rules/**/*.ts"],
    extends: [eslintPlugin.configs["rules-recommended"]],
  },
]);
