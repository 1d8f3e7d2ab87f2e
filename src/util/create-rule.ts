import { ESLintUtils } from "@typescript-eslint/utils";
import { getModel } from "../model/file-model.js";

export interface RedisRuleDocs {
  description: string;
  /** In the `recommended` preset. */
  recommended?: boolean;
  /** Needs type information to do its full job. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE = "https://github.com/eslint-plugin-redis/eslint-plugin-redis/blob/main/docs/rules/";

const ruleCreator = ESLintUtils.RuleCreator<RedisRuleDocs>((name) => `${DOCS_BASE}${name}.md`);

/**
 * typescript-eslint's RuleCreator, plus the plugin's early exit in front of every rule: in a file
 * with no Redis in it (one cached answer per file, see `getModel`), a rule returns no listeners
 * before RuleCreator merges its options or the rule's own `create` runs.
 */
export const createRule = ((spec: Parameters<typeof ruleCreator>[0]) => {
  const rule = ruleCreator(spec);
  const create = rule.create;
  return {
    ...rule,
    create(context: Parameters<typeof create>[0]) {
      return getModel(context as unknown as Parameters<typeof getModel>[0]).hasRedis ? create(context) : {};
    },
  };
}) as typeof ruleCreator;

