/**
 * `--format gitlab`: a GitLab Code Quality report, for `artifacts: reports: codequality:`. A JSON
 * array with one issue per message:
 *
 *   { "description": "KEYS (ioredis keys()) walks…", "check_name": "redis/no-keys",
 *     "fingerprint": "<sha256 hex>", "severity": "major",
 *     "location": { "path": "src/keys.ts", "lines": { "begin": 7 } } }
 *
 * Spec: "Code Quality report format" in https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 * (required: description, check_name, fingerprint, severity — one of info, minor, major, critical,
 * blocker —, location.path relative to the repository, location.lines.begin; a subset of
 * https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md#data-types).
 * No BOM, one array. GitLab publishes no JSON schema for it (as of writing).
 *
 * Severity: ESLint error → `major`, warning → `minor`, a file that could not be parsed (fatal,
 * nothing in it was checked) → `critical`.
 *
 * Fingerprint: GitLab compares the fingerprints of the merge request's report with the target
 * branch's to tell new findings from fixed ones, and shows findings with equal fingerprints once.
 * So it must survive unrelated edits and tell apart two equal findings in one file: the sha256 of
 * the rule id, the path, the reported source text with its whitespace collapsed (the reported
 * range, or its line when ESLint gives no end), and the finding's index among the findings with
 * the same rule, path and text in that file. Not the line number: a line inserted above a finding
 * must not turn it into a "new" one. Paths are relative to the working directory: run the CLI from
 * the repository root.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ESLint, Linter } from "eslint";
import { type Formatter, checkName, isError, relativePath } from "./common.js";

export type Severity = "info" | "minor" | "major" | "critical" | "blocker";

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: Severity;
  location: { path: string; lines: { begin: number } };
}

export function severity(message: Linter.LintMessage): Severity {
  if (message.fatal) return "critical";
  return isError(message) ? "major" : "minor";
}

/** ESLint's line breaks (the same as in its `SourceCode#lines`). */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** The text ESLint reported on (offsets are the text's without a BOM), or null when unreadable. */
function sourceOf(result: ESLint.LintResult): string | null {
  let text = result.output ?? result.source;
  if (text === undefined) {
    try {
      text = readFileSync(result.filePath, "utf8");
    } catch {
      return null;
    }
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** Offsets of the starts of the lines of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK)) starts.push(match.index + match[0].length);
  return starts;
}

/** The reported range (or line) of `message`, whitespace collapsed; "" when there is none. */
export function reportedText(text: string, starts: number[], message: Linter.LintMessage): string {
  const line = message.line;
  if (!(line >= 1 && line <= starts.length)) return "";
  const lineStart = starts[line - 1];
  const lineEnd = line < starts.length ? starts[line] : text.length;
  let snippet: string;
  const { endLine, endColumn } = message;
  if (
    endLine !== undefined &&
    endColumn !== undefined &&
    endLine >= line &&
    endLine <= starts.length &&
    message.column >= 1
  ) {
    const from = lineStart + message.column - 1;
    const to = starts[endLine - 1] + endColumn - 1;
    snippet = to > from ? text.slice(from, to) : "";
    // An empty range (a position, not a span) says little: take the whole line.
    if (!snippet.trim()) snippet = text.slice(lineStart, lineEnd);
  } else {
    snippet = text.slice(lineStart, lineEnd);
  }
  return snippet.replace(/\s+/g, " ").trim();
}

export function fingerprint(checkName: string, path: string, text: string, occurrence: number): string {
  return createHash("sha256")
    .update(JSON.stringify([checkName, path, text, occurrence]))
    .digest("hex");
}

export const formatGitlab: Formatter = (results, { cwd }) => {
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const path = relativePath(cwd, result.filePath);
    const text = sourceOf(result);
    const starts = text === null ? [] : lineStarts(text);
    const seen = new Map<string, number>();
    for (const message of result.messages) {
      const name = checkName(message);
      const snippet = text === null ? "" : reportedText(text, starts, message);
      const key = JSON.stringify([name, snippet]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      issues.push({
        description: message.message,
        check_name: name,
        fingerprint: fingerprint(name, path, snippet, occurrence),
        severity: severity(message),
        location: { path, lines: { begin: Math.max(1, message.line || 1) } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
