/**
 * Pre-commit hooks, each run for real in a `git init` repository in a temporary directory.
 *
 * 1. husky + lint-staged, as the README sets them up (`husky init`, `.husky/pre-commit` running
 *    `npx lint-staged`, a lint-staged config calling the package's bin): the real husky and
 *    lint-staged binaries, run by git itself. A staged file with a Redis mistake blocks
 *    `git commit` (non-zero exit, no new commit), a clean staged file is committed.
 * 2. The pre-commit framework (.pre-commit-hooks.yaml), with the real tool: `pip install
 *    "pre-commit>=4.6.2,<5"` into a virtual environment kept in node_modules/.cache/pre-commit-venv
 *    (reused by later runs), then users' repositories whose .pre-commit-config.yaml points at a
 *    git repository holding this working tree (its tracked and untracked-but-not-ignored files,
 *    committed in a temporary copy, so what is on disk is what is tested; on a clean CI checkout
 *    that is HEAD). pre-commit clones it and installs it as its `node` language does
 *    (`npm install --allow-git=root --install-links -g git+file://<clone> typescript@...`, whose
 *    git-dependency preparation runs the `prepare` script that builds dist/), with PRE_COMMIT_HOME
 *    in a temporary directory, so every run installs from scratch (the npm cache is the user's).
 *    Needs python3 with venv and pip: without them the tests are skipped, except under CI, where
 *    they fail.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  FIXTURES,
  NODE_MODULES,
  ROOT,
  builtPlugin,
  cleanEnv,
  cleanUp,
  git,
  project,
  run,
  tempDir,
  versionOf,
} from "./support.js";

// Real processes (ESLint, oxlint, git, npm, pre-commit) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

const LINT_STAGED_GLOB = "*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}";

beforeAll(async () => {
  await builtPlugin();
}, 180_000);
afterAll(cleanUp);

const head = (dir: string): string => git(dir, "rev-parse", "HEAD").stdout.trim();
const staged = (dir: string): string[] =>
  git(dir, "diff", "--cached", "--name-only").stdout.split("\n").filter(Boolean);

/** Stages `files`, tries to commit, and reports what happened. */
function commit(dir: string, files: string[]): { status: number | null; output: string; committed: boolean } {
  const before = head(dir);
  git(dir, "add", "--", ...files);
  const r = run("git", ["commit", "-m", `add ${files.join(", ")}`], dir);
  const committed = head(dir) !== before;
  if (!committed) git(dir, "rm", "--cached", "--quiet", "--", ...files);
  return { status: r.status, output: r.stdout + r.stderr, committed };
}

describe(`husky ${versionOf("husky")} + lint-staged ${versionOf("lint-staged")}`, () => {
  let dir: string;

  beforeAll(() => {
    dir = project("where-users-run", {
      packages: ["husky", "lint-staged"],
      bins: [
        ["husky", "husky/bin.js"],
        ["lint-staged", "lint-staged/bin/lint-staged.js"],
      ],
    });
    writeFileSync(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "app", private: true, type: "module", "lint-staged": { [LINT_STAGED_GLOB]: "eslint-plugin-redis --max-warnings 0" } }, null, 2)}\n`,
    );
    git(dir, "init", "--quiet", "--initial-branch=main");
    // `npx husky init`: core.hooksPath, .husky/_, a `prepare` script and a sample pre-commit.
    const init = run(join(dir, "node_modules", ".bin", "husky"), ["init"], dir);
    expect(init.status, init.stderr).toBe(0);
    expect(
      (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts
        .prepare,
    ).toBe("husky");
    writeFileSync(join(dir, ".husky", "pre-commit"), "npx lint-staged\n");
    git(dir, "add", "--", ".gitignore", "package.json", ".husky/pre-commit");
    git(dir, "commit", "--quiet", "--no-verify", "-m", "initial");
    expect(git(dir, "config", "core.hooksPath").stdout.trim()).toBe(".husky/_");
  });

  it("blocks a commit that stages a file with an error (KEYS)", () => {
    const r = commit(dir, ["src/keys.ts"]);
    expect(r.committed).toBe(false);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("redis/no-keys");
    expect(r.output).toMatch(/husky - pre-commit script failed \(code 1\)/);
  });

  it("lets a commit with clean files through (and lints only the staged files: src/keys.ts stays unstaged)", () => {
    const r = commit(dir, ["src/clean.mts", "src/Dashboard.tsx"]);
    expect(r.output).not.toContain("redis/");
    expect(r.status).toBe(0);
    expect(r.committed).toBe(true);
    expect(git(dir, "show", "--name-only", "--format=", "HEAD").stdout.split("\n").filter(Boolean).sort()).toEqual([
      "src/Dashboard.tsx",
      "src/clean.mts",
    ]);
  });

  it("blocks a file with an autofixable error too (the hook reports; it does not fix)", () => {
    const r = commit(dir, ["src/lock.js"]);
    expect(r.committed).toBe(false);
    expect(r.output).toContain("redis/no-setnx-expire");
    expect(staged(dir)).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------
// The pre-commit framework

interface ManifestHook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  additional_dependencies?: string[];
  minimum_pre_commit_version?: string;
}

/** What the tests install; also the manifest's `minimum_pre_commit_version` (see .pre-commit-hooks.yaml). */
const PRE_COMMIT_REQUIREMENT = "pre-commit>=4.6.2,<5";
const PRE_COMMIT_VENV = join(NODE_MODULES, ".cache", "pre-commit-venv");
/** Written last, after a successful install: a venv without it is incomplete and rebuilt. */
const VENV_MARKER = join(PRE_COMMIT_VENV, "installed-requirement.txt");

type PreCommitTool = { bin: string; version: string } | { error: string };

/**
 * pre-commit in a virtual environment (`python3 -m venv`, then `pip install`), reused while it
 * was installed for the same requirement and still runs. The first install takes a minute or so.
 */
function installPreCommit(): PreCommitTool {
  const bin = join(PRE_COMMIT_VENV, "bin", "pre-commit");
  const versionOfTool = (): string | undefined => {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim().replace(/^pre-commit /, "") : undefined;
  };
  if (existsSync(VENV_MARKER) && readFileSync(VENV_MARKER, "utf8").trim() === PRE_COMMIT_REQUIREMENT) {
    const version = versionOfTool();
    if (version) return { bin, version };
  }
  const python = process.env.PYTHON ?? "python3";
  const step = (what: string, command: string, args: string[]): string | undefined => {
    const r = spawnSync(command, args, { encoding: "utf8", timeout: 600_000 });
    if (r.status === 0) return undefined;
    const output = `${r.error?.message ?? ""}\n${r.stdout ?? ""}${r.stderr ?? ""}`
      .trim()
      .split("\n")
      .slice(-15)
      .join("\n");
    return `${what} failed (${r.status ?? r.signal ?? "not run"}):\n${output}`;
  };
  // A venv is not relocatable (its scripts hold its absolute path): built in place.
  rmSync(PRE_COMMIT_VENV, { recursive: true, force: true });
  mkdirSync(dirname(PRE_COMMIT_VENV), { recursive: true });
  const error =
    step(
      `\`${python} -m venv\` (python3 with its venv module: on Debian/Ubuntu, apt-get install python3-venv)`,
      python,
      ["-m", "venv", PRE_COMMIT_VENV],
    ) ??
    step(`pip install "${PRE_COMMIT_REQUIREMENT}"`, join(PRE_COMMIT_VENV, "bin", "python"), [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      PRE_COMMIT_REQUIREMENT,
    ]);
  if (error) return { error };
  writeFileSync(VENV_MARKER, `${PRE_COMMIT_REQUIREMENT}\n`);
  const version = versionOfTool();
  return version ? { bin, version } : { error: `${bin} --version failed after a successful install` };
}

const preCommit = installPreCommit();
const npmVersion = run("npm", ["--version"], ROOT).stdout.trim();

/**
 * The environment pre-commit runs in: the test's clean git environment, PRE_COMMIT_HOME, and
 * nothing of the `npm test`/`npx vitest` around the test (its lifecycle variables, its
 * node_modules/.bin on PATH) that a user's shell would not have. npm's own configuration
 * (npm_config_registry, npm_config_cache, ...) is kept.
 */
function preCommitEnv(home: string): NodeJS.ProcessEnv {
  const env = cleanEnv({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: "never" });
  for (const k of Object.keys(env)) {
    if (/^npm_(?!config_)/i.test(k) || /^npm_config_(?:global|prefix|local_prefix)$/i.test(k) || k === "INIT_CWD")
      delete env[k];
  }
  env.PATH = (env.PATH ?? "")
    .split(":")
    .filter((p) => !p.includes(`node_modules${"/"}.bin`))
    .join(":");
  return env;
}

/** A git repository holding this working tree as one commit: what pre-commit's `rev:` points at. */
function hookRepository(): { path: string; rev: string } {
  const dir = tempDir("eslint-plugin-redis-hook-repo-");
  const files = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    .stdout.split("\0")
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all", "--force");
  git(dir, "commit", "--quiet", "--no-verify", "-m", "the working tree of eslint-plugin-redis");
  return { path: dir, rev: head(dir) };
}

/** A user's repository: the `where-users-run` fixture files named, committed, and the config. */
function userRepository(hookRepo: { path: string; rev: string }, files: string[]): string {
  const dir = tempDir("eslint-plugin-redis-pre-commit-user-");
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(FIXTURES, "where-users-run", f === ".gitignore" ? "gitignore" : f), join(dir, f));
  }
  writeFileSync(
    join(dir, ".pre-commit-config.yaml"),
    `repos:\n  - repo: ${JSON.stringify(hookRepo.path)}\n    rev: ${hookRepo.rev}\n    hooks:\n      - id: eslint-plugin-redis\n`,
  );
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "--no-verify", "-m", "initial");
  return dir;
}

describe("pre-commit framework: the manifest (.pre-commit-hooks.yaml) and package.json", () => {
  const manifest = parseYaml(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as ManifestHook[];
  const hook = manifest.find((h) => h.id === "eslint-plugin-redis")!;
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };

  it("exposes the hook `eslint-plugin-redis` (language node), selecting every extension the presets lint", () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe("node");
    // `files` is a Python regular expression; the subset it uses means the same in JavaScript.
    const files = new RegExp(hook.files!);
    const lintable = ["a.js", "b.mjs", "c.cjs", "d.jsx", "e.ts", "f.mts", "g.cts", "h.tsx", "dir/i.d.ts"];
    const other = ["a.json", "b.md", "c.vue", "d.js.map", "e.jsonc", "f.tsbuildinfo", "g.yaml"];
    expect(lintable.filter((f) => !files.test(f))).toEqual([]);
    expect(other.filter((f) => files.test(f))).toEqual([]);
    // The TypeScript parser is an optional peer: the hook's environment must get it.
    expect(hook.additional_dependencies?.some((d) => /^typescript@/.test(d))).toBe(true);
    expect(PRE_COMMIT_REQUIREMENT).toContain(`>=${hook.minimum_pre_commit_version},`);
  });

  it("its entry is the package's bin", () => {
    const [command] = hook.entry.trim().split(/\s+/);
    expect(pkg.bin[command!]).toBe("./bin/eslint-plugin-redis.js");
    expect(readFileSync(join(ROOT, pkg.bin[command!]!), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("builds dist/ in `prepare`, the only script npm runs in a git dependency before packing it (not `prepack`)", () => {
    expect(pkg.scripts.prepare, "see the comment at the top of .pre-commit-hooks.yaml").toMatch(
      /npm ci --global=false .*&& npm run build$/,
    );
    expect(pkg.scripts.prepack, "`npm pack` runs `prepare` already").toBeUndefined();
  });
});

const FRAMEWORK = "pre-commit framework, the real tool";
const frameworkTitle =
  "error" in preCommit ? FRAMEWORK : `${FRAMEWORK}: pre-commit ${preCommit.version}, npm ${npmVersion}`;

if ("error" in preCommit && process.env.CI) {
  // CI must run these tests: a machine without python3, venv or pip fails, loudly.
  describe(frameworkTitle, () => {
    it(`installs ${PRE_COMMIT_REQUIREMENT} with python3 -m venv and pip`, () => {
      throw new Error(`${preCommit.error}\n(CI is set: the pre-commit tests must not be skipped.)`);
    });
  });
} else if ("error" in preCommit) {
  describe.skip(`${frameworkTitle} (skipped: ${preCommit.error.split("\n")[0]})`, () => {
    it("runs the hook", () => {});
  });
} else {
  const tool = preCommit;

  describe(frameworkTitle, () => {
    let home: string;
    let hookRepo: { path: string; rev: string };
    let dirty: string;
    let clean: string;
    const preCommitIn = (cwd: string, ...args: string[]) => {
      const r = spawnSync(tool.bin, args, {
        cwd,
        env: preCommitEnv(home),
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: 1_200_000,
      });
      if (r.error) throw r.error;
      return { status: r.status, output: r.stdout + r.stderr };
    };

    beforeAll(() => {
      home = tempDir("eslint-plugin-redis-pre-commit-home-");
      hookRepo = hookRepository();
      dirty = userRepository(hookRepo, [
        ".gitignore",
        "src/keys.ts",
        "src/jobs.cjs",
        "src/lock.js",
        "src/orders.ts",
        "src/db.ts",
        "src/clean.mts",
      ]);
      clean = userRepository(hookRepo, [".gitignore", "src/clean.mts", "src/Dashboard.tsx", "src/db.ts", "README.md"]);
      // Where the time goes: the clone, `npm install -g git+file://...`, whose `prepare` installs
      // the locked devDependencies in npm's temporary clone and builds dist/ (a minute or more).
      const started = Date.now();
      const r = preCommitIn(clean, "install-hooks");
      console.log(`pre-commit ${tool.version}: install-hooks took ${((Date.now() - started) / 1000).toFixed(0)} s`);
      expect(
        r.status,
        r.output + (existsSync(join(home, "pre-commit.log")) ? readFileSync(join(home, "pre-commit.log"), "utf8") : ""),
      ).toBe(0);
    }, 1_500_000);

    it("accepts the manifest and the user's config (validate-manifest, validate-config)", () => {
      const manifest = preCommitIn(ROOT, "validate-manifest", ".pre-commit-hooks.yaml");
      expect(manifest.status, manifest.output).toBe(0);
      const config = preCommitIn(dirty, "validate-config", ".pre-commit-config.yaml");
      expect(config.status, config.output).toBe(0);
    });

    it("installed the package with its built dist/ and typescript (additional_dependencies)", () => {
      // $PRE_COMMIT_HOME/repo<random>/node_env-<language_version>: npm's global prefix for the hook.
      const env = readdirSync(home)
        .filter((d) => d.startsWith("repo"))
        .flatMap((d) =>
          readdirSync(join(home, d))
            .filter((e) => e.startsWith("node_env-"))
            .map((e) => join(home, d, e)),
        )[0];
      expect(env, `a node environment under ${home}`).toBeDefined();
      const modules = join(env!, "lib", "node_modules");
      expect(existsSync(join(modules, "eslint-plugin-redis", "dist", "cli.mjs"))).toBe(true);
      expect(existsSync(join(modules, "typescript", "package.json"))).toBe(true);
    });

    it("`pre-commit run --all-files` exits 1 and prints each finding (.ts, .cjs, .js)", () => {
      const r = preCommitIn(dirty, "run", "--all-files");
      expect(r.status, r.output).toBe(1);
      expect(r.output).toMatch(/^eslint-plugin-redis\.+Failed$/m);
      expect(r.output).toContain("- exit code: 1");
      // The TypeScript file needs the parser from `typescript` (additional_dependencies).
      expect(r.output).toMatch(/src\/keys\.ts\n\s+7:10 +error .* redis\/no-keys/);
      expect(r.output).toMatch(
        /src\/jobs\.cjs\n\s+5:16 +error .* redis\/require-error-listener\n\s+9:10 +error .* redis\/no-keys/,
      );
      expect(r.output).toMatch(/src\/lock\.js\n(?:.*\n)*?\s+\d+:\d+ +error .* redis\/no-setnx-expire/);
      expect(r.output).toMatch(/warning .* redis\/no-write-in-db-transaction/);
      expect(r.output).not.toMatch(/Parsing error|ERR_MODULE_NOT_FOUND/);
    });

    it("`pre-commit run --all-files` exits 0 on a clean repository (.mts, .tsx, .ts; README.md not linted)", () => {
      const r = preCommitIn(clean, "run", "--all-files");
      expect(r.status, r.output).toBe(0);
      expect(r.output).toMatch(/^eslint-plugin-redis\.+Passed$/m);
      expect(r.output).not.toContain("redis/");
    });

    it("blocks `git commit` of a staged file with an error once `pre-commit install` set the git hook", () => {
      const install = preCommitIn(clean, "install");
      expect(install.status, install.output).toBe(0);
      const before = head(clean);
      mkdirSync(join(clean, "src"), { recursive: true });
      cpSync(join(FIXTURES, "where-users-run", "src", "keys.ts"), join(clean, "src", "keys.ts"));
      git(clean, "add", "--", "src/keys.ts");
      const env = preCommitEnv(home);
      const r = spawnSync("git", ["commit", "-m", "add keys.ts"], {
        cwd: clean,
        env,
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      expect(r.stdout + r.stderr).toContain("redis/no-keys");
      expect(head(clean)).toBe(before);
      // And a clean file goes through.
      git(clean, "rm", "--cached", "--quiet", "--", "src/keys.ts");
      rmSync(join(clean, "src", "keys.ts"));
      writeFileSync(join(clean, "src", "more.ts"), "export const answer: number = 42;\n");
      git(clean, "add", "--", "src/more.ts");
      const ok = spawnSync("git", ["commit", "-m", "add more.ts"], {
        cwd: clean,
        env,
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      expect(head(clean)).not.toBe(before);
    });
  });
}
