import type { TSESLint } from "@typescript-eslint/utils";
import pkg from "../package.json" with { type: "json" };
import { rules } from "./rules/index.js";
import { buildConfigs } from "./configs.js";

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "redis" },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
} satisfies TSESLint.FlatConfig.Plugin & { meta: { namespace: string } };

plugin.configs = buildConfigs(plugin);

/**
 * Also as named exports, so the module namespace is itself a complete plugin: that is what
 * `require("eslint-plugin-redis")` returns on Node >= 20.19 (require of an ES module), and what
 * tools that `require()` a plugin (eslint-doc-generator) read.
 */
export const { meta, configs } = plugin;
export { rules };
export default plugin;
