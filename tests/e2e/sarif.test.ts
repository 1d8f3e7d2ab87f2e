/**
 * PR annotations through SARIF (GitHub code scanning's `upload-sarif`): the log the CLI writes
 * with `--format sarif` (its own writer, src/formats/sarif.ts), and the one ESLint itself writes
 * with `--format @microsoft/eslint-formatter-sarif` from a project's eslint.config.mjs, are
 * validated with ajv against the official SARIF 2.1.0 JSON schema (shipped by
 * @microsoft/jest-sarif), and carry the rule ids, the locations ESLint reports, and each rule's
 * `meta.docs.url` as help URI. The CLI's log also names the plugin's version, and its locations are
 * relative to `%SRCROOT%` (the working directory, in `originalUriBaseIds`); ESLint's formatter
 * writes absolute `file:` URIs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parse as parseYaml } from "yaml";
import type { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type BuiltPlugin,
  NODE_MODULES,
  ROOT,
  builtPlugin,
  cleanUp,
  project,
  run,
  runBin,
  versionOf,
} from "./support.js";

// Real processes (ESLint, oxlint, git, npm) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

const SCHEMA = join(NODE_MODULES, "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json");

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string; index: number };
  region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
}

interface Notification {
  descriptor: { id: string };
  level: "error" | "warning";
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
}

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        semanticVersion?: string;
        informationUri?: string;
        rules: { id: string; helpUri: string; shortDescription?: { text: string } }[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations?: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: Notification[];
      toolConfigurationNotifications?: Notification[];
    }[];
    artifacts?: { location: { uri: string; uriBaseId?: string } }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: "error" | "warning";
      message: { text: string };
      locations: { physicalLocation: PhysicalLocation }[];
    }[];
  }[];
}

/**
 * The schema says draft-04 (`$schema` draft-04, `id`); its keywords are the ones draft-07 kept, so
 * ajv's default (draft-07) class compiles it once `id` is read as `$id`. One of its patterns (the
 * language tag) is not valid with the `u` flag: `unicodeRegExp: false`. ajv-formats is not a
 * dependency, so the three formats it uses are defined here.
 */
function sarifValidator(): ValidateFunction {
  const {
    $schema: _draft04,
    id,
    ...schema
  } = JSON.parse(readFileSync(SCHEMA, "utf8")) as { $schema: string; id: string } & Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (s: string) => URL.canParse(s) && /^[a-z][a-z0-9+.-]*:/i.test(s));
  ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  return ajv.compile({ $id: id, ...schema });
}

let plugin: BuiltPlugin;
let validate: ValidateFunction;
let dir: string;

beforeAll(async () => {
  plugin = await builtPlugin();
  validate = sarifValidator();
  dir = project("where-users-run", { packages: ["eslint", "@microsoft/eslint-formatter-sarif"] });
}, 180_000);
afterAll(cleanUp);

/**
 * The file a SARIF artifact location points to: through `originalUriBaseIds` when it has a
 * `uriBaseId` (the CLI's relative locations), else its absolute `file:` URI (ESLint's formatter).
 */
function fileOf(log: SarifLog, location: { uri: string; uriBaseId?: string }): string {
  const base = location.uriBaseId === undefined ? undefined : log.runs[0]!.originalUriBaseIds![location.uriBaseId]!.uri;
  return fileURLToPath(new URL(location.uri, base));
}

/**
 * Checks a SARIF log against the schema and against ESLint's own results for the same files.
 * `relative`: the CLI's log, whose locations must be relative to `%SRCROOT%` (the working
 * directory `cwd`), with forward slashes; otherwise ESLint's formatter's absolute `file:` URIs.
 */
function checkSarif(log: SarifLog, results: ESLint.LintResult[], { relative = false, cwd = dir } = {}): void {
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  expect(log.version).toBe("2.1.0");
  expect(log.runs).toHaveLength(1);
  const [only] = log.runs;
  const { rules } = only!.tool.driver;

  // Every rule that reported is described once, with its docs URL as help URI.
  const reported = new Set(results.flatMap((r) => r.messages.flatMap((m) => (m.ruleId ? [m.ruleId] : []))));
  expect(rules.map((r) => r.id).sort()).toEqual([...reported].sort());
  for (const rule of rules) {
    const meta = plugin.rules[rule.id.replace(/^redis\//, "")]!.meta;
    expect(rule.helpUri).toBe(meta.docs!.url);
    expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/.+\/docs\/rules\/[a-z-]+\.md$/);
    expect(rule.shortDescription?.text).toBe(meta.docs!.description);
  }

  // One SARIF result per ESLint message of a rule: same rule, file, position, level and text.
  const uriOf = (file: string): string =>
    relative
      ? file
          .slice(cwd.length + 1)
          .split(sep)
          .join("/")
      : pathToFileURL(file).href;
  const fromSarif = only!.results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(only!.artifacts![loc.artifactLocation.index]!.location.uri).toBe(loc.artifactLocation.uri);
    if (relative) {
      expect(loc.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(only!.artifacts![loc.artifactLocation.index]!.location.uriBaseId).toBe("%SRCROOT%");
    }
    return [
      r.ruleId,
      fileOf(log, loc.artifactLocation),
      loc.artifactLocation.uri,
      loc.region.startLine,
      loc.region.startColumn,
      loc.region.endLine,
      loc.region.endColumn,
      r.level,
      r.message.text,
    ];
  });
  const fromEslint = results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId)
      .map((m) => [
        m.ruleId,
        r.filePath,
        uriOf(r.filePath),
        m.line,
        m.column,
        m.endLine,
        m.endColumn,
        m.severity === 2 ? "error" : "warning",
        m.message,
      ]),
  );
  expect(fromSarif).toEqual(fromEslint);
}

/** The CLI's own additions: the plugin's version, %SRCROOT% = the working directory, relative artifacts. */
function checkCliRun(log: SarifLog, cwd: string): void {
  const [only] = log.runs;
  const { driver } = only!.tool;
  expect(driver.name).toBe("eslint-plugin-redis");
  expect(driver.version).toBe(plugin.meta.version);
  expect(driver.semanticVersion).toBe(plugin.meta.version);
  expect(driver.informationUri).toMatch(/^https:\/\/github\.com\//);
  expect(only!.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `${pathToFileURL(cwd).href}/` } });
  for (const { location } of only!.artifacts!) {
    expect(location.uriBaseId).toBe("%SRCROOT%");
    expect(location.uri).not.toMatch(/^[a-z]+:|^\/|\\/);
    expect(fileOf(log, location).startsWith(cwd + sep)).toBe(true);
  }
}

function keysIn(log: SarifLog): string[] {
  return log.runs[0]!.results.filter((r) => r.ruleId === "redis/no-keys")
    .map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      const file = fileOf(log, loc.artifactLocation)
        .slice(dir.length + 1)
        .split(sep)
        .join("/");
      return `${file}:${loc.region.startLine}:${loc.region.startColumn}`;
    })
    .sort();
}

describe(`SARIF 2.1.0 (the CLI's own writer; @microsoft/eslint-formatter-sarif ${versionOf("@microsoft/eslint-formatter-sarif")}; ajv ${versionOf("ajv")})`, () => {
  it("the validator is real: it rejects a log with a broken location", () => {
    const log = JSON.parse(runBin(["--format", "sarif", "src/keys.ts"], dir).stdout) as SarifLog;
    expect(validate(log)).toBe(true);
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe("/runs/0/results/0/locations/0/physicalLocation/region/startLine");
  });

  it("CLI --format sarif: valid, with rule ids, locations and help URIs (meta.docs.url)", () => {
    const sarif = runBin(["--format", "sarif"], dir);
    expect(sarif.status).toBe(1);
    const results = JSON.parse(runBin(["--format", "json"], dir).stdout) as ESLint.LintResult[];
    const log = JSON.parse(sarif.stdout) as SarifLog;
    checkSarif(log, results, { relative: true });
    checkCliRun(log, dir);
    expect(keysIn(log)).toEqual(["src/jobs.cjs:9:10", "src/keys.ts:7:10"]);
    const keys = log.runs[0]!.results.find(
      (r) => r.ruleId === "redis/no-keys" && r.locations[0]!.physicalLocation.artifactLocation.uri === "src/keys.ts",
    );
    expect(keys?.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    expect(log.runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
    // Files without findings are listed as artifacts too: code scanning knows they were analysed.
    expect(log.runs[0]!.artifacts!.map((a) => a.location)).toContainEqual({
      uri: "src/clean.mts",
      uriBaseId: "%SRCROOT%",
    });
  });

  it("CLI --format sarif from a sub-directory: %SRCROOT% is the working directory, paths relative to it", () => {
    const sub = join(dir, "src");
    const log = JSON.parse(runBin(["--format", "sarif", "keys.ts"], sub).stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    checkCliRun(log, sub);
    expect(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["keys.ts"]);
  });

  it("CLI --format sarif: a file that does not parse is a tool execution notification, an unused disable comment a configuration one", () => {
    const work = project("where-users-run");
    writeFileSync(join(work, "src", "broken.ts"), `export const x = ;\n`);
    writeFileSync(
      join(work, "src", "directive.js"),
      `// eslint-disable-next-line redis/no-keys\nexport const y = 1;\n`,
    );
    const r = runBin(["--format", "sarif", "src/broken.ts", "src/directive.js", "src/keys.ts"], work);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    checkCliRun(log, work);
    const [run0] = log.runs;
    expect(run0!.results.map((x) => x.ruleId)).toEqual(["redis/no-keys"]);
    const [invocation] = run0!.invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    const where = (n: Notification) => [
      n.descriptor.id,
      n.level,
      n.locations[0]!.physicalLocation.artifactLocation.uri,
      n.locations[0]!.physicalLocation.region.startLine,
    ];
    expect(invocation!.toolExecutionNotifications!.map(where)).toEqual([["parse-error", "error", "src/broken.ts", 1]]);
    expect(invocation!.toolExecutionNotifications![0]!.message.text).toMatch(/^Parsing error/);
    expect(invocation!.toolConfigurationNotifications!.map(where)).toEqual([
      ["eslint", "warning", "src/directive.js", 1],
    ]);
    expect(invocation!.toolConfigurationNotifications![0]!.message.text).toMatch(/^Unused eslint-disable directive/);
  });

  it("CLI --format sarif on clean files: a valid log with an empty results array", () => {
    const r = runBin(["--format", "sarif", "src/clean.mts"], dir);
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
    checkCliRun(log, dir);
  });

  it("ESLint's own CLI with the project's eslint.config.mjs and --format @microsoft/eslint-formatter-sarif", () => {
    // .mjs: the fixture's package.json may say "type": "commonjs" (as `npm init -y` writes it).
    writeFileSync(
      join(dir, "eslint.config.mjs"),
      `import redis from "eslint-plugin-redis";\n\nexport default [redis.configs.recommended];\n`,
    );
    const eslintBin = createRequire(join(dir, "package.json"))
      .resolve("eslint/package.json")
      .replace(/package\.json$/, "bin/eslint.js");
    const out = join(dir, "eslint-results.sarif");
    const r = run(
      process.execPath,
      [eslintBin, "--format", "@microsoft/eslint-formatter-sarif", "--output-file", out, "src"],
      dir,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const json = run(process.execPath, [eslintBin, "--format", "json", "src"], dir);
    const log = JSON.parse(readFileSync(out, "utf8")) as SarifLog;
    checkSarif(log, JSON.parse(json.stdout) as ESLint.LintResult[]);
    expect(keysIn(log)).toEqual(["src/jobs.cjs:9:10", "src/keys.ts:7:10"]);
  });
});

/**
 * The problem-matcher route: actions/setup-node registers the "eslint-stylish" matcher
 * (.github/eslint-stylish.json in actions/setup-node, copied here), and the runner turns every
 * line it matches into an annotation. Emulated on the CLI's stylish output.
 */
const ESLINT_STYLISH = [
  { regexp: /^\s*([^\s].*)$/, file: 1 },
  {
    regexp: /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.*)\s\s+(.*)$/,
    line: 1,
    column: 2,
    severity: 3,
    message: 4,
    code: 5,
  },
] as const;

function annotations(stylish: string): string[] {
  const out: string[] = [];
  let file: string | null = null;
  for (const line of stylish.split("\n")) {
    const problem = file !== null ? ESLINT_STYLISH[1].regexp.exec(line) : null;
    if (problem) {
      // stylish pads the messages of one file to one width, and the greedy message group keeps
      // that padding (but for the two spaces before the rule id): compare without it.
      out.push(`${file}:${problem[1]}:${problem[2]} ${problem[3]} ${problem[5]} ${problem[4]!.trimEnd()}`);
      continue;
    }
    const header = ESLINT_STYLISH[0].regexp.exec(line);
    file = header ? header[1]! : null;
  }
  return out;
}

describe("CI annotations without SARIF (actions/setup-node's eslint-stylish problem matcher)", () => {
  it("every finding in the CLI's stylish output becomes an annotation with file, line, column, severity and rule", () => {
    const stylish = runBin([], dir);
    expect(stylish.status).toBe(1);
    const results = JSON.parse(runBin(["--format", "json"], dir).stdout) as ESLint.LintResult[];
    const expected = results.flatMap((r) =>
      // (stylish drops a message's final period)
      r.messages.map(
        (m) =>
          `${r.filePath}:${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.ruleId} ${m.message.replace(/\.$/, "")}`,
      ),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(annotations(stylish.stdout)).toEqual(expected);
  });

  it("docs/ci/github-actions.yml has both routes: upload-sarif with security-events: write, and annotations from --format github", () => {
    const workflow = parseYaml(readFileSync(join(ROOT, "docs", "ci", "github-actions.yml"), "utf8")) as {
      jobs: Record<
        string,
        {
          permissions?: Record<string, string>;
          steps: { uses?: string; run?: string; with?: Record<string, string> }[];
        }
      >;
    };
    const sarifJob = workflow.jobs.sarif!;
    expect(sarifJob.permissions?.["security-events"]).toBe("write");
    const upload = sarifJob.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    const producer = sarifJob.steps.find((s) => s.run?.includes("--format sarif"));
    expect(producer?.run).toContain(`> ${upload?.with?.sarif_file}`);
    const annotate = workflow.jobs.annotations!.steps;
    const setupNode = annotate.findIndex((s) => s.uses?.startsWith("actions/setup-node@"));
    const lint = annotate.findIndex((s) => s.run?.startsWith("npx eslint-plugin-redis"));
    expect(setupNode).toBeGreaterThanOrEqual(0);
    expect(lint).toBeGreaterThan(setupNode);
    // Workflow commands need no problem matcher: the runner reads them from the step's output.
    expect(annotate[lint]!.run).toMatch(/--format github\b/);
  });
});
