/**
 * `--format github`: GitHub Actions workflow commands, one line per message, which the runner
 * turns into annotations on the pull request (no upload, no permissions, no code scanning):
 *
 *   ::error file=src/keys.ts,line=7,col=10,endLine=7,endColumn=27,title=redis/no-keys::KEYS (ioredis keys()) walks…
 *
 * Warnings use `::warning`. Paths are relative to the working directory (the runner resolves them
 * against the checkout, so run the CLI from the repository root). Messages without a rule are
 * titled `parse-error` or `eslint` (see common.ts).
 *
 * Spec: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 * ("Setting an error message", "Setting a warning message"), and for the escaping the toolkit's
 * own implementation, `escapeData` / `escapeProperty` in
 * https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
 * (command format `::name key=value,key=value::message`).
 *
 * GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job); the rest
 * stay in the log. See docs/ci/github-annotations.md.
 */
import type { Linter } from "eslint";
import { type Formatter, checkName, isError, relativePath } from "./common.js";

/** The command's message (after `::`): as `escapeData` in @actions/core. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value (`file=`, `title=`): as `escapeProperty` in @actions/core. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command for one ESLint message in `file` (relative path). */
export function annotation(file: string, message: Linter.LintMessage): string {
  const properties: [string, string | number | undefined][] = [
    ["file", file],
    ["line", message.line > 0 ? message.line : undefined],
    ["col", message.line > 0 && message.column > 0 ? message.column : undefined],
    ["endLine", message.endLine],
    ["endColumn", message.endLine !== undefined ? message.endColumn : undefined],
    ["title", checkName(message)],
  ];
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== null)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${isError(message) ? "error" : "warning"} ${props}::${escapeData(message.message)}`;
}

export const formatGithub: Formatter = (results, { cwd }) =>
  results
    .flatMap((result) => {
      const file = relativePath(cwd, result.filePath);
      return result.messages.map((m) => `${annotation(file, m)}\n`);
    })
    .join("");
