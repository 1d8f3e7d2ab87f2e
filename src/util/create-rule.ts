import { ESLintUtils, type TSESLint } from "@typescript-eslint/utils";
import { type FileModel, getModel } from "../model/index.js";
import { aliasedCalls, withoutFixesOn } from "./alias-fixes.js";

/** A rule's severity in the `recommended` preset. */
export type RecommendedLevel = "error" | "warn";

export interface RedisRuleDocs {
  description: string;
  /**
   * The rule's severity in the `recommended` and `recommended-type-checked` presets, and in
   * `strict` (absent: not in `recommended`, and `"error"` in `strict`). The presets are built
   * from this (src/configs.ts); it is their only source.
   */
  recommended?: RecommendedLevel;
  /**
   * The rule's severity in `strict` when it differs from `recommended` (a rule that only warns in
   * `recommended` but is an error for teams that opt into `strict`).
   */
  strict?: RecommendedLevel;
  /** Needs type information to do its full job. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE = "https://github.com/eslint-plugin-redis/eslint-plugin-redis/blob/main/docs/rules/";

const ruleCreator = ESLintUtils.RuleCreator<RedisRuleDocs>((name) => `${DOCS_BASE}${name}.md`);

type CreatorSpec<Options extends readonly unknown[], MessageIds extends string> = Parameters<
  typeof ruleCreator<Options, MessageIds>
>[0];

/** What a rule gives `createRule`: RuleCreator's spec, with a `create` that also gets the file's model. */
export type RedisRuleSpec<Options extends readonly unknown[], MessageIds extends string> = Omit<
  CreatorSpec<Options, MessageIds>,
  "create"
> & {
  /**
   * Called only for a file with Redis in it (`model.hasRedis`), with the options merged with the
   * rule's defaults by RuleCreator and the file's model (see `getModel`).
   */
  create(
    context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    options: Readonly<Options>,
    model: FileModel,
  ): TSESLint.RuleListener;
};

/**
 * typescript-eslint's RuleCreator, plus the plugin's early exit in front of every rule: in a file
 * with no Redis in it (one cached answer per file, see `getModel`), a rule returns no listeners
 * before RuleCreator merges its options or the rule's own `create` runs. Otherwise the rule's
 * `create` gets the merged options and the file's model (the second `getModel` is answered from
 * its one-entry cache).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  create,
  ...spec
}: Readonly<RedisRuleSpec<Options, MessageIds>>) {
  const rule = ruleCreator<Options, MessageIds>({
    ...spec,
    create: (context, options) => {
      const model = getModel(context);
      const aliased = aliasedCalls(model);
      return create(aliased.length ? withoutFixesOn(context, aliased) : context, options, model);
    },
  });
  return {
    ...rule,
    create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>): TSESLint.RuleListener {
      return getModel(context).hasRedis ? rule.create(context) : {};
    },
  };
}
