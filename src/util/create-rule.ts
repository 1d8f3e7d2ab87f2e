import { ESLintUtils } from "@typescript-eslint/utils";

export interface RedisRuleDocs {
  description: string;
  /** In the `recommended` preset. */
  recommended?: boolean;
  /** Needs type information to do its full job. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE = "https://github.com/eslint-plugin-redis/eslint-plugin-redis/blob/main/docs/rules/";

export const createRule = ESLintUtils.RuleCreator<RedisRuleDocs>((name) => `${DOCS_BASE}${name}.md`);
