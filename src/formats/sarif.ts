/**
 * `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning (`github/codeql-action/upload-sarif`)
 * and other SARIF viewers, written here rather than by @microsoft/eslint-formatter-sarif (which
 * pulls in eslint@8 and a floating `jschardet`; it stays a devDependency, for the tests of
 * ESLint's own CLI).
 *
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html, schema
 * https://json.schemastore.org/sarif-2.1.0.json (the tests validate against sarif-2.1.0-rtm.5),
 * and GitHub's notes on what code scanning reads:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 *
 * One run:
 * - `tool.driver`: name, `version` and `semanticVersion` (the plugin's), informationUri, and one
 *   reportingDescriptor per rule with results: id `redis/<rule>`, shortDescription
 *   (`meta.docs.description`), helpUri (`meta.docs.url`). `ruleIndex` points into it.
 * - Locations are relative to `%SRCROOT%`, the working directory (`run.originalUriBaseIds`),
 *   so a log written in CI is the same on every machine, and code scanning maps it onto the
 *   repository. Files outside the working directory keep an absolute `file:` URI.
 * - `artifacts`: every linted file, with or without results (code scanning then knows they were
 *   analysed). Columns are ESLint's, UTF-16 code units (`columnKind`).
 *
 * Messages without a rule (see common.ts) are not results: a result is a finding of a rule, and
 * code scanning needs a rule id for each. Instead:
 * - a fatal message (the file could not be parsed, so it was not analysed) is a
 *   `toolExecutionNotification` of level error in `invocations[0]`, whose `executionSuccessful`
 *   is then false (code scanning lists it on the tool's status page; the CLI's exit code is 1);
 * - another one (an `eslint-disable` comment that suppresses nothing: the file's inline
 *   configuration) is a `toolConfigurationNotification`, with ESLint's level.
 * Both keep the message, location and a descriptor id (`parse-error`, `eslint`).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Linter } from "eslint";
import { type Formatter, checkName, isError, relativePath } from "./common.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const INFORMATION_URI = "https://github.com/eslint-plugin-redis/eslint-plugin-redis";
const SRCROOT = "%SRCROOT%";

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface Location {
  physicalLocation: { artifactLocation: ArtifactLocation; region?: Region };
}

interface ReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: "error" | "warning";
  message: { text: string };
  locations: Location[];
}

interface Notification {
  descriptor: { id: string };
  level: "error" | "warning";
  message: { text: string };
  locations: Location[];
}

/** A file's URI: relative to %SRCROOT% (percent-encoded per segment), or absolute outside it. */
function artifactLocation(cwd: string, file: string): ArtifactLocation {
  const relative = relativePath(cwd, file);
  if (relative === "" || relative === ".." || relative.startsWith("../") || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(file).href };
  }
  return { uri: relative.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function region(message: Linter.LintMessage): Region | undefined {
  if (!(message.line > 0)) return undefined;
  const r: Region = { startLine: message.line };
  if (message.column > 0) r.startColumn = message.column;
  if (message.endLine !== undefined && message.endLine > 0) {
    r.endLine = message.endLine;
    if (message.endColumn !== undefined && message.endColumn > 0) r.endColumn = message.endColumn;
  }
  return r;
}

function baseUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith("/") ? href : `${href}/`;
}

export const formatSarif: Formatter = (results, { cwd, rulesMeta, version }) => {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: { location: ArtifactLocation }[] = [];
  const sarifResults: Result[] = [];
  const executionNotifications: Notification[] = [];
  const configurationNotifications: Notification[] = [];

  for (const result of results) {
    const index = artifacts.length;
    const artifact = artifactLocation(cwd, result.filePath);
    artifacts.push({ location: artifact });
    for (const message of result.messages) {
      const physicalLocation: Location["physicalLocation"] = { artifactLocation: { ...artifact, index } };
      const r = region(message);
      if (r) physicalLocation.region = r;
      const level: Result["level"] = isError(message) ? "error" : "warning";
      const text = { text: message.message };

      if (message.ruleId === null) {
        const notification: Notification = {
          descriptor: { id: checkName(message) },
          level,
          message: text,
          locations: [{ physicalLocation }],
        };
        (message.fatal ? executionNotifications : configurationNotifications).push(notification);
        continue;
      }

      let ruleAt = ruleIndex.get(message.ruleId);
      if (ruleAt === undefined) {
        ruleAt = rules.length;
        ruleIndex.set(message.ruleId, ruleAt);
        const docs = rulesMeta[message.ruleId]?.docs;
        rules.push({
          id: message.ruleId,
          ...(docs?.description && { shortDescription: { text: docs.description } }),
          ...(docs?.url && { helpUri: docs.url }),
        });
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: ruleAt,
        level,
        message: text,
        locations: [{ physicalLocation }],
      });
    }
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "eslint-plugin-redis",
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: executionNotifications.length === 0,
            ...(executionNotifications.length > 0 && { toolExecutionNotifications: executionNotifications }),
            ...(configurationNotifications.length > 0 && {
              toolConfigurationNotifications: configurationNotifications,
            }),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri(cwd) } },
        artifacts,
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
