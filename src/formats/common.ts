/**
 * What the CI formats (sarif.ts, github.ts, gitlab.ts) share: the context the CLI hands them,
 * paths relative to the working directory, and names for ESLint's messages without a rule.
 *
 * ESLint reports two kinds of messages with `ruleId: null`:
 * - fatal ones (`fatal: true`): the file could not be parsed, so it was not analysed at all;
 * - the others: problems with comment directives in the file (an `eslint-disable` comment that
 *   suppresses nothing, for example), severity per `linterOptions.reportUnusedDisableDirectives`.
 * The line formats (github, gitlab) name them `parse-error` and `eslint`; SARIF turns them into
 * notifications rather than results (see sarif.ts).
 */
import path from "node:path";
import type { ESLint, Linter, Rule } from "eslint";

export interface FormatContext {
  /** The working directory: paths in the output are relative to it. */
  cwd: string;
  /** `eslint.getRulesMetaForResults(results)`. */
  rulesMeta: Record<string, Rule.RuleMetaData>;
  /** The plugin's version (`plugin.meta.version`). */
  version: string;
}

export type Formatter = (results: ESLint.LintResult[], context: FormatContext) => string;

/** `file` relative to `cwd`, with forward slashes on every platform. */
export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join("/");
}

export const PARSE_ERROR = "parse-error";
export const DIRECTIVE = "eslint";

/** The rule id of a message (`redis/no-keys`), or `parse-error` / `eslint` for one without a rule. */
export function checkName(message: Linter.LintMessage): string {
  return message.ruleId ?? (message.fatal ? PARSE_ERROR : DIRECTIVE);
}

export function isError(message: Linter.LintMessage): boolean {
  return message.fatal === true || message.severity === 2;
}
