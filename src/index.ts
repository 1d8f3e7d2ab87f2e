import type { TSESLint } from "@typescript-eslint/utils";
import pkg from "../package.json" with { type: "json" };
import { rules } from "./rules/index.js";
import { buildConfigs } from "./configs.js";

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "redis" },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
} satisfies TSESLint.FlatConfig.Plugin & { meta: { namespace: string } };

plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

export { rules };
export default plugin;
