/**
 * Pre-commit hooks, each run for real in a `git init` repository in a temporary directory: a
 * staged file with a Redis mistake blocks `git commit` (non-zero exit, no new commit), a clean
 * staged file is committed.
 *
 * 1. husky + lint-staged, as the README sets them up (`husky init`, `.husky/pre-commit` running
 *    `npx lint-staged`, a lint-staged config calling the package's bin): the real husky and
 *    lint-staged binaries, run by git itself.
 * 2. The pre-commit framework (.pre-commit-hooks.yaml). Its Python tool cannot be installed here,
 *    so the test does what it does: checks the manifest against pre-commit's schema, installs
 *    the package the way its `node` language does (`npm pack`, then the tarball as a global
 *    package whose bin is on PATH; the dependencies come from this repository's node_modules
 *    instead of the registry), and runs `entry` + `args` + the staged file names that match
 *    `files`, from the repository root, as the repository's git pre-commit hook.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NODE_MODULES, ROOT, builtPlugin, cleanUp, git, project, run, tempDir, versionOf } from "./support.js";

// Real processes (ESLint, oxlint, git, npm) on a shared machine: generous per-test time.
vi.setConfig({ testTimeout: 120_000 });

const LINT_STAGED_GLOB = "*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}";

beforeAll(async () => {
  await builtPlugin();
}, 180_000);
afterAll(cleanUp);

/** Makes `dir` a git repository with one commit holding everything but src/. */
function initRepo(dir: string): void {
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--", ".gitignore", ...["package.json", ".husky/pre-commit"].filter((f) => existsSync(join(dir, f))));
  git(dir, "commit", "--quiet", "--no-verify", "-m", "initial");
}

const head = (dir: string): string => git(dir, "rev-parse", "HEAD").stdout.trim();
const staged = (dir: string): string[] => git(dir, "diff", "--cached", "--name-only").stdout.split("\n").filter(Boolean);

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
    expect((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.prepare).toBe("husky");
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
    expect(git(dir, "show", "--name-only", "--format=", "HEAD").stdout.split("\n").filter(Boolean).sort()).toEqual(["src/Dashboard.tsx", "src/clean.mts"]);
  });

  it("blocks a file with an autofixable error too (the hook reports; it does not fix)", () => {
    const r = commit(dir, ["src/lock.js"]);
    expect(r.committed).toBe(false);
    expect(r.output).toContain("redis/no-setnx-expire");
    expect(staged(dir)).toEqual([]);
  });
});

interface ManifestHook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  types?: string[];
  types_or?: string[];
  args?: string[];
  additional_dependencies?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
  minimum_pre_commit_version?: string;
  description?: string;
}

/** The keys pre-commit 4.x accepts in a .pre-commit-hooks.yaml hook (clientlib.MANIFEST_HOOK_DICT). */
const MANIFEST_KEYS = new Set([
  "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
  "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
  "language_version", "log_file", "require_serial", "stages", "verbose", "minimum_pre_commit_version",
]);

/** The Python regular expression of `files`, as JavaScript (the subset it uses is the same). */
const pythonRegex = (re: string): RegExp => new RegExp(re);

/** `shlex.split` for the simple entries used here (no quotes). */
const shlexSplit = (s: string): string[] => s.trim().split(/\s+/);

describe("pre-commit framework (.pre-commit-hooks.yaml)", () => {
  const manifest = parseYaml(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as ManifestHook[];
  const hook = manifest.find((h) => h.id === "eslint-plugin-redis")!;
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    name: string;
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };

  it("is a valid manifest exposing the hook `eslint-plugin-redis` (language node)", () => {
    expect(Array.isArray(manifest)).toBe(true);
    expect(hook).toBeDefined();
    for (const h of manifest) {
      expect(Object.keys(h).filter((k) => !MANIFEST_KEYS.has(k)), `unknown keys in hook ${h.id}`).toEqual([]);
      for (const required of ["id", "name", "entry", "language"] as const) expect(typeof h[required]).toBe("string");
    }
    expect(hook.language).toBe("node");
    expect(hook.pass_filenames ?? true).toBe(true);
    // The files it selects: every extension the presets lint, nothing else.
    const files = pythonRegex(hook.files!);
    const lintable = ["a.js", "b.mjs", "c.cjs", "d.jsx", "e.ts", "f.mts", "g.cts", "h.tsx", "dir/i.d.ts"];
    const other = ["a.json", "b.md", "c.vue", "d.js.map", "e.jsonc", "f.tsbuildinfo", "g.yaml"];
    expect(lintable.filter((f) => !files.test(f))).toEqual([]);
    expect(other.filter((f) => files.test(f))).toEqual([]);
    // The TypeScript parser is an optional peer: the hook's environment must get it.
    expect(hook.additional_dependencies?.some((d) => /^typescript@/.test(d))).toBe(true);
  });

  it("its entry is the package's bin", () => {
    const [command] = shlexSplit(hook.entry);
    expect(pkg.bin[command!]).toBe("./bin/eslint-plugin-redis.js");
    expect(readFileSync(join(ROOT, pkg.bin[command!]!), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("the package pre-commit builds from a git checkout has a build step (npm pack runs `prepack`)", () => {
    // pre-commit clones the repository at `rev` (dist/ is not committed), runs `npm install`
    // and `npm pack`, and installs the tarball: without a build in `prepack` (or `prepare`),
    // the bin's `import "../dist/cli.mjs"` fails in every user's hook.
    const build = pkg.scripts.prepack ?? pkg.scripts.prepare;
    expect(build, 'package.json needs "prepack": "npm run build" (see tests/e2e/precommit.test.ts)').toMatch(/tsdown|npm run build/);
  });

  describe("run as pre-commit runs it", () => {
    let repo: string;
    let envBin: string;

    beforeAll(() => {
      // pre-commit's node language: `npm pack` in the hook repository, then `npm install -g` of the tarball.
      const work = tempDir();
      const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
      expect(packed.status, packed.stderr).toBe(0);
      const tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
      const env = join(work, "node_env");
      const installed = join(env, "lib", "node_modules", pkg.name);
      mkdirSync(installed, { recursive: true });
      expect(run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], work).status).toBe(0);
      // The dependencies (and the typescript of additional_dependencies) npm would fetch.
      symlinkSync(NODE_MODULES, join(installed, "node_modules"));
      envBin = join(env, "bin");
      mkdirSync(envBin);
      for (const [name, path] of Object.entries(pkg.bin)) {
        const target = join(installed, path);
        expect(existsSync(target), `${path} is in the packed tarball`).toBe(true);
        chmodSync(target, 0o755);
        symlinkSync(target, join(envBin, name));
      }
      expect(existsSync(join(installed, "dist", "cli.mjs")), "dist/cli.mjs is in the packed tarball").toBe(true);

      repo = project("where-users-run");
      // The repository's git hook does what pre-commit's does for this hook.
      const hookScript = join(repo, ".git-hook-pre-commit.mjs");
      writeFileSync(
        hookScript,
        `#!/usr/bin/env node
import { execFileSync, spawnSync } from "node:child_process";
const hook = ${JSON.stringify(hook)};
const files = new RegExp(hook.files || ""), exclude = new RegExp(hook.exclude || "^$");
const staged = execFileSync("git", ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], { encoding: "utf8" })
  .split("\\0").filter((f) => f && files.test(f) && !exclude.test(f));
if (staged.length === 0) process.exit(0);
const [command, ...entryArgs] = hook.entry.trim().split(/\\s+/);
const env = { ...process.env, PATH: ${JSON.stringify(envBin)} + ":" + process.env.PATH };
const r = spawnSync(command, [...entryArgs, ...(hook.args || []), ...staged], { stdio: "inherit", env });
process.exit(r.status ?? 1);
`,
      );
      git(repo, "init", "--quiet", "--initial-branch=main");
      mkdirSync(join(repo, ".git", "hooks"), { recursive: true });
      writeFileSync(join(repo, ".git", "hooks", "pre-commit"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(hookScript)}\n`, { mode: 0o755 });
      initRepo(repo);
    }, 120_000);

    it("blocks a commit that stages a file with an error", () => {
      const r = commit(repo, ["src/keys.ts", "src/clean.mts"]);
      expect(r.committed).toBe(false);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain("redis/no-keys");
      expect(r.output).toContain("src/keys.ts");
    });

    it("blocks .cjs files too (node-redis KEYS through sendCommand)", () => {
      const r = commit(repo, ["src/jobs.cjs"]);
      expect(r.committed).toBe(false);
      expect(r.output).toMatch(/9:10 +error .* redis\/no-keys/);
    });

    it("lets a commit with clean files through", () => {
      const r = commit(repo, ["src/clean.mts", "src/Dashboard.tsx"]);
      expect(r.output).not.toContain("redis/");
      expect(r.status).toBe(0);
      expect(r.committed).toBe(true);
    });

    it("does not run on commits without JavaScript or TypeScript", () => {
      writeFileSync(join(repo, "NOTES.md"), "KEYS * is fine here\n");
      const r = commit(repo, ["NOTES.md"]);
      expect(r.status).toBe(0);
      expect(r.committed).toBe(true);
    });
  });
});
