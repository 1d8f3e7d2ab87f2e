import type { TSESLint } from "@typescript-eslint/utils";
import pkg from "../package.json" with { type: "json" };
import { rules as registry } from "./rules/index.js";
import { buildConfigs } from "./configs.js";

/**
 * The rules the plugin ships. A rule file whose first line is `// STUB:` is a placeholder: the
 * build (tsdown.config.ts) replaces it with `export default undefined`, and it is left out here,
 * so stubs never reach users, the presets or the generated docs. From source (tests) every
 * registered rule is present.
 */
const rules: typeof registry = Object.fromEntries(
  Object.entries(registry).filter(([, rule]) => (rule as typeof rule | undefined) !== undefined),
);

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "redis" },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
} satisfies TSESLint.FlatConfig.Plugin & { meta: { namespace: string } };

plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

/**
 * Also as named exports, so the module namespace is itself a complete plugin: that is what
 * `require("eslint-plugin-redis")` returns on Node >= 20.19 (require of an ES module), and what
 * tools that `require()` a plugin (eslint-doc-generator) read.
 */
export const { meta, configs } = plugin;
export { rules };
export default plugin;
