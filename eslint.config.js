// The project's own lint:
// - src/: typescript-eslint's strictTypeChecked (type information from tsconfig.json);
// - tests/, scripts/, bench/: typescript-eslint's recommended rules;
// - src/rules/: eslint-plugin-eslint-plugin's rule-authoring checks;
// - the plugin's own `all` preset (from the build, dist/) over everything meant to be free of
//   Redis mistakes: the sources, tests, scripts, benchmarks and the docs' correct examples.
//   (examples/app and the docs' *.incorrect* examples are the demo of what the rules report.)
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import eslintPlugin from "eslint-plugin-eslint-plugin";
import tseslint from "typescript-eslint";
import globals from "globals";
import redis from "./dist/index.mjs";

export default defineConfig([
  // Fixtures are sample code for the plugin itself; the corpus and builds are not ours.
  globalIgnores(
    ["*", "!src/", "!tests/", "!scripts/", "!bench/", "!docs/", "tests/fixtures/", "bench/.corpus/", "**/*.incorrect*"],
    "redis/ignores",
  ),
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
    name: "redis/strict",
    files: ["src/**/*.ts"],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `node.type === "CallExpression"`: ESTree's own spelling, narrowed by TypeScript like the
      // AST_NODE_TYPES member it equals.
      "@typescript-eslint/no-unsafe-enum-comparison": "off",
      // The AST types promise parents and shapes that espree's and oxlint's trees, partly built
      // trees and the fuzz tests do not always give: the defensive `?.` and checks stay (no rule
      // may throw on valid code).
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    name: "redis/rules",
    files: ["src/rules/**/*.ts"],
    extends: [eslintPlugin.configs["rules-recommended"]],
  },
  {
    name: "redis/docs-examples-v4",
    files: ["docs/examples/**/node-redis-v4.*"],
    // Written against redis@4's API while the repository type-checks against v5: each says so on
    // its first line (hidden from the docs), and tsconfig.json leaves them out.
    rules: { "@typescript-eslint/ban-ts-comment": "off" },
  },
  {
    ...redis.configs.all,
    name: "redis/self",
    files: ["src/**/*.ts", "tests/**/*.ts", "scripts/**/*.{js,mjs,ts}", "bench/**/*.{mjs,ts}", "docs/examples/**/*.ts"],
  },
]);
