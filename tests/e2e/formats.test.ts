/**
 * The CLI's CI formats besides SARIF (sarif.test.ts): `--format github` (GitHub Actions workflow
 * commands) and `--format gitlab` (GitLab Code Quality report), run through the BUILT bin on
 * copies of tests/fixtures/where-users-run, and checked against ESLint's own results for the
 * same files (`--format json`).
 *
 * - github: every line is a workflow command `::error|warning key=value,...::message` as
 *   https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands describes
 *   it, escaped as @actions/core does (`escapeData` / `escapeProperty` in
 *   https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts); the lines are
 *   parsed back here the way the runner does and compared field by field.
 * - gitlab: every issue has the fields "Code Quality report format"
 *   (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format) requires, with
 *   their types. GitLab publishes no JSON schema for the report, so CODE_QUALITY_SCHEMA below is
 *   that docs table written as a JSON schema (validated with ajv), plus explicit checks. Its
 *   fingerprints are stable across runs and across lines inserted above a finding, and distinct
 *   for two identical findings in one file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import type { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { annotation, escapeData, escapeProperty } from "../../src/formats/github.js";
import { type BuiltPlugin, builtPlugin, cleanUp, project, runBin } from "./support.js";

// Real processes on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

let plugin: BuiltPlugin;
/** A read-only copy of the fixture, for the runs that do not write. */
let dir: string;

beforeAll(async () => {
  plugin = await builtPlugin();
  dir = project("where-users-run");
}, 180_000);
afterAll(cleanUp);

function json(cwd: string, args: string[] = []): ESLint.LintResult[] {
  return JSON.parse(runBin(["--format", "json", ...args], cwd).stdout) as ESLint.LintResult[];
}

const relative = (cwd: string, file: string): string => file.slice(cwd.length + 1);

// -------------------------------------------------------------------------------------------------
// GitHub workflow commands

interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Undoes escapeProperty / escapeData (`%25` last, so that an escaped `%` stays one). */
const unescape = (s: string): string =>
  s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

/**
 * Parses one line as the runner does: `::` + command name, optionally a space and `key=value`
 * pairs separated by `,` (a value cannot hold a raw `,` or `:`: they are escaped), then `::` and
 * the message (which may hold raw `:`). Returns null for a line that is not a command.
 */
function parseCommand(line: string): Command | null {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return null;
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? "").split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    expect(eq, `property "${pair}" has a key=value form`).toBeGreaterThan(0);
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  expect(m[3], "no raw line break in a command").not.toMatch(/[\r\n]/);
  return { command: m[1]!, properties, message: unescape(m[3]!) };
}

describe("--format github (GitHub Actions workflow commands)", () => {
  describe("escaping, as @actions/core's escapeData and escapeProperty", () => {
    it("escapeData: % → %25, CR → %0D, LF → %0A, and nothing else (`:` and `,` stay)", () => {
      expect(escapeData("100% sure: a, b\r\nnext\nline")).toBe("100%25 sure: a, b%0D%0Anext%0Aline");
      // `%` first: an input that looks escaped stays distinguishable.
      expect(escapeData("%0A")).toBe("%250A");
      expect(escapeData("plain text")).toBe("plain text");
    });

    it("escapeProperty: also : → %3A and , → %2C", () => {
      expect(escapeProperty("100% sure: a, b\r\nnext")).toBe("100%25 sure%3A a%2C b%0D%0Anext");
      expect(escapeProperty("redis/no-keys")).toBe("redis/no-keys");
      expect(escapeProperty("%3A")).toBe("%253A");
    });

    it("a message with %, :, , and a line break, in a file whose name has them too, round-trips through the runner's parsing", () => {
      const message = {
        ruleId: "redis/no-keys",
        severity: 2 as const,
        message: "50% of keys: a, b\nthen SCAN",
        line: 3,
        column: 5,
        endLine: 4,
        endColumn: 9,
      };
      const line = annotation("src/100%,a:b.ts", message);
      expect(line).toBe(
        "::error file=src/100%25%2Ca%3Ab.ts,line=3,col=5,endLine=4,endColumn=9,title=redis/no-keys::50%25 of keys: a, b%0Athen SCAN",
      );
      expect(line).not.toMatch(/\n/);
      expect(parseCommand(line)).toEqual({
        command: "error",
        properties: {
          file: "src/100%,a:b.ts",
          line: "3",
          col: "5",
          endLine: "4",
          endColumn: "9",
          title: "redis/no-keys",
        },
        message: message.message,
      });
    });

    it("a warning is ::warning; a position without an end has no endLine/endColumn", () => {
      expect(annotation("a.js", { ruleId: "redis/x", severity: 1, message: "m", line: 2, column: 1 })).toBe(
        "::warning file=a.js,line=2,col=1,title=redis/x::m",
      );
    });
  });

  it("one command per ESLint message: file (relative, /), line, col, endLine, endColumn, title = rule id, the message", () => {
    const r = runBin(["--format", "github"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    const commands = lines.map((line) => {
      const c = parseCommand(line);
      expect(c, line).not.toBeNull();
      expect(line).toMatch(
        /^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=redis\/[a-z-]+::/,
      );
      return c!;
    });
    const expected = json(dir).flatMap((result) =>
      result.messages.map((m) => ({
        command: m.severity === 2 ? "error" : "warning",
        properties: {
          file: relative(dir, result.filePath),
          line: String(m.line),
          col: String(m.column),
          endLine: String(m.endLine),
          endColumn: String(m.endColumn),
          title: m.ruleId!,
        },
        message: m.message,
      })),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.some((c) => c.command === "warning")).toBe(true);
    expect(commands).toEqual(expected);
    expect(
      commands.find((c) => c.properties.title === "redis/no-keys" && c.properties.file === "src/keys.ts")?.properties,
    ).toMatchObject({ line: "7", col: "10" });
    // Messages with `:` and `,` (most of them) keep them raw: only properties escape them.
    expect(lines.some((l) => /[:,]/.test(l.slice(l.indexOf("::", 2) + 2)))).toBe(true);
  });

  it("paths are relative to the working directory; special characters in them are escaped; a parse error is titled parse-error", () => {
    const work = project("where-users-run");
    writeFileSync(join(work, "src", "100%,a:b.ts"), readFileSync(join(work, "src", "keys.ts"), "utf8"));
    writeFileSync(join(work, "src", "broken.ts"), "export const x = ;\n");
    const r = runBin(["--format", "github", "src/100%,a:b.ts", "src/broken.ts"], work);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=src\/100%25%2Ca%3Ab\.ts,line=7,col=10,endLine=7,endColumn=\d+,title=redis\/no-keys::KEYS /,
    );
    expect(lines[1]).toMatch(/^::error file=src\/broken\.ts,line=1,col=\d+,title=parse-error::Parsing error: /);
    expect(parseCommand(lines[0]!)!.properties.file).toBe("src/100%,a:b.ts");

    // From a sub-directory: relative to it.
    const sub = runBin(["--format", "github", "keys.ts"], join(work, "src"));
    expect(sub.stdout).toMatch(/^::error file=keys\.ts,line=7,col=10,/);
  });

  it("clean files: no output, exit code 0", () => {
    const r = runBin(["--format", "github", "src/clean.mts"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
  });
});

// -------------------------------------------------------------------------------------------------
// GitLab Code Quality

/**
 * The docs table "Code Quality report format" as a JSON schema: a single array; each object has at
 * least description, check_name, fingerprint (strings), severity (info|minor|major|critical|blocker),
 * location.path (string) and location.lines.begin or location.positions.begin.line (integer).
 * Other properties are allowed (GitLab ignores them).
 */
const CODE_QUALITY_SCHEMA = {
  type: "array",
  items: {
    type: "object",
    required: ["description", "check_name", "fingerprint", "severity", "location"],
    properties: {
      description: { type: "string", minLength: 1 },
      check_name: { type: "string", minLength: 1 },
      fingerprint: { type: "string", minLength: 1 },
      severity: { enum: ["info", "minor", "major", "critical", "blocker"] },
      location: {
        type: "object",
        required: ["path"],
        properties: {
          path: { type: "string", minLength: 1, not: { pattern: "^/|\\\\" } },
          lines: { type: "object", required: ["begin"], properties: { begin: { type: "integer", minimum: 1 } } },
          positions: {
            type: "object",
            required: ["begin"],
            properties: {
              begin: { type: "object", required: ["line"], properties: { line: { type: "integer", minimum: 1 } } },
            },
          },
        },
        anyOf: [{ required: ["lines"] }, { required: ["positions"] }],
      },
    },
  },
};

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

const validateCodeQuality = new Ajv({ allErrors: true }).compile(CODE_QUALITY_SCHEMA);

function gitlab(cwd: string, args: string[] = []): Issue[] {
  const r = runBin(["--format", "gitlab", ...args], cwd);
  expect(r.stderr).toBe("");
  // No BOM (GitLab's parser rejects one), a single JSON array.
  expect(r.stdout.charCodeAt(0)).toBe("[".charCodeAt(0));
  const issues = JSON.parse(r.stdout) as Issue[];
  expect(validateCodeQuality(issues), JSON.stringify(validateCodeQuality.errors, null, 2)).toBe(true);
  return issues;
}

const byPath = (issues: Issue[], path: string): Issue[] => issues.filter((i) => i.location.path === path);

describe("--format gitlab (GitLab Code Quality report)", () => {
  it("the schema is real: it rejects an issue without check_name, a bad severity, a missing line", () => {
    const good = {
      description: "d",
      check_name: "redis/no-keys",
      fingerprint: "f",
      severity: "major",
      location: { path: "a.js", lines: { begin: 1 } },
    };
    expect(validateCodeQuality([good])).toBe(true);
    const { check_name: _, ...noName } = good;
    expect(validateCodeQuality([noName])).toBe(false);
    expect(validateCodeQuality([{ ...good, severity: "error" }])).toBe(false);
    expect(validateCodeQuality([{ ...good, location: { path: "a.js" } }])).toBe(false);
    expect(validateCodeQuality([{ ...good, location: { path: "a.js", lines: { begin: "1" } } }])).toBe(false);
    expect(validateCodeQuality(good)).toBe(false);
  });

  it("one issue per ESLint message: description, check_name (rule id), severity (error → major, warning → minor), relative path, line", () => {
    const issues = gitlab(dir);
    const expected = json(dir).flatMap((result) =>
      result.messages.map((m) => ({
        description: m.message,
        check_name: m.ruleId,
        severity: m.severity === 2 ? "major" : "minor",
        location: { path: relative(dir, result.filePath), lines: { begin: m.line } },
      })),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(issues.map(({ fingerprint: _, ...rest }) => rest)).toEqual(expected);
    // Every field GitLab requires, with its type (besides the schema).
    for (const issue of issues) {
      expect(typeof issue.description).toBe("string");
      expect(issue.check_name).toMatch(/^redis\/[a-z-]+$/);
      expect(plugin.rules[issue.check_name.slice("redis/".length)]).toBeDefined();
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(["major", "minor"]).toContain(issue.severity);
      expect(issue.location.path).toMatch(/^src\/[^\\]+$/);
      expect(Number.isInteger(issue.location.lines.begin)).toBe(true);
    }
    expect(byPath(issues, "src/keys.ts").map((i) => [i.check_name, i.location.lines.begin])).toEqual([
      ["redis/no-keys", 7],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it("fingerprints are stable across runs and when unrelated lines are inserted above the finding", () => {
    const first = gitlab(dir);
    expect(gitlab(dir)).toEqual(first);

    const work = project("where-users-run");
    const keys = join(work, "src", "keys.ts");
    writeFileSync(keys, `// a comment\n\nexport const unrelated = 1;\n${readFileSync(keys, "utf8")}`);
    const moved = gitlab(work);
    const before = byPath(first, "src/keys.ts");
    const after = byPath(moved, "src/keys.ts");
    expect(after.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 3));
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    // The other files' issues are untouched too.
    expect(moved.filter((i) => i.location.path !== "src/keys.ts")).toEqual(
      first.filter((i) => i.location.path !== "src/keys.ts"),
    );
  });

  it("two identical findings in one file get distinct fingerprints, each stable when lines are inserted above", () => {
    const work = project("where-users-run");
    const body = (prefix: string) =>
      `${prefix}import Redis from "ioredis";\n\nconst redis = new Redis();\n\n` +
      `export async function a() {\n  return redis.keys("session:*");\n}\n\n` +
      `export async function b() {\n  return redis.keys("session:*");\n}\n`;
    const file = join(work, "src", "twice.ts");
    writeFileSync(file, body(""));
    const twice = byPath(gitlab(work, ["src/twice.ts"]), "src/twice.ts");
    expect(twice.map((i) => [i.check_name, i.location.lines.begin])).toEqual([
      ["redis/no-keys", 6],
      ["redis/no-keys", 10],
    ]);
    expect(twice[0]!.fingerprint).not.toBe(twice[1]!.fingerprint);

    writeFileSync(file, body("// header\n// more header\n"));
    const shifted = byPath(gitlab(work, ["src/twice.ts"]), "src/twice.ts");
    expect(shifted.map((i) => i.location.lines.begin)).toEqual([8, 12]);
    expect(shifted.map((i) => i.fingerprint)).toEqual(twice.map((i) => i.fingerprint));

    // The same finding in another file is another finding.
    writeFileSync(join(work, "src", "twice-copy.ts"), body(""));
    const copy = byPath(gitlab(work, ["src/twice-copy.ts"]), "src/twice-copy.ts");
    expect(copy.map((i) => i.fingerprint).filter((f) => twice.some((t) => t.fingerprint === f))).toEqual([]);
  });

  it("after --fix, issues point at the fixed file's text (fingerprints of the same findings as without --fix)", () => {
    const work = project("where-users-run");
    const plain = gitlab(work, ["src/keys.ts"]);
    const fixed = gitlab(work, ["--fix", "src/keys.ts", "src/lock.js"]);
    expect(byPath(fixed, "src/keys.ts")).toEqual(plain);
    expect(byPath(fixed, "src/lock.js")).toEqual([]);
  });

  it("a file that does not parse is a critical parse-error issue; an unused disable comment an `eslint` one", () => {
    const work = project("where-users-run");
    writeFileSync(join(work, "src", "broken.ts"), "export const x = ;\n");
    writeFileSync(
      join(work, "src", "directive.js"),
      "// eslint-disable-next-line redis/no-keys\nexport const y = 1;\n",
    );
    const r = runBin(["--format", "gitlab", "src/broken.ts", "src/directive.js"], work);
    expect(r.status).toBe(1);
    const issues = JSON.parse(r.stdout) as Issue[];
    expect(validateCodeQuality(issues), JSON.stringify(validateCodeQuality.errors)).toBe(true);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ["parse-error", "critical", "src/broken.ts", 1],
      ["eslint", "minor", "src/directive.js", 1],
    ]);
  });

  it("clean files: an empty array, exit code 0", () => {
    const r = runBin(["--format", "gitlab", "src/clean.mts"], dir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe("--help and bad formats", () => {
  it("--help lists every format", () => {
    const help = runBin(["--help"], dir).stdout;
    for (const format of ["stylish", "json", "sarif", "github", "gitlab"]) expect(help).toContain(format);
  });

  it("an unknown format names the valid ones", () => {
    const r = runBin(["--format", "junit"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`unknown format "junit" (use stylish, json, sarif, github or gitlab)`);
  });
});
