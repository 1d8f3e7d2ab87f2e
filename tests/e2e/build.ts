/**
 * Makes sure dist/ holds a build of the current sources, for tests that load the built package.
 * CI builds before testing, so this is normally one stat() per source file; after a plain
 * `npm test` on a fresh clone (or after editing src/) it runs `npx tsdown` once. A lock
 * directory keeps parallel test files from building at the same time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST_ENTRY = join(ROOT, "dist", "index.mjs");
const INPUTS = [join(ROOT, "package.json"), join(ROOT, "tsdown.config.ts")];
const LOCK = join(ROOT, "node_modules", ".cache", "eslint-plugin-redis-build.lock");
const LOCK_STALE_MS = 120_000;

function newestInput(): number {
  let newest = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(ROOT, "src"));
  for (const file of INPUTS) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

export function distIsStale(): boolean {
  return !existsSync(DIST_ENTRY) || statSync(DIST_ENTRY).mtimeMs < newestInput();
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  mkdirSync(join(LOCK, ".."), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left behind by a killed run.
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 2 * LOCK_STALE_MS) throw new Error(`timed out waiting for ${LOCK}`, { cause: error });
      sleep(200);
    }
  }
}

/** Builds with `npx tsdown` when dist/ is missing or older than src/. Returns whether it built. */
export function ensureBuilt(): boolean {
  if (!distIsStale()) return false;
  acquireLock();
  try {
    // Another test file may have built while we waited.
    if (!distIsStale()) return false;
    execFileSync("npx", ["--no-install", "tsdown"], {
      cwd: ROOT,
      stdio: "pipe",
      env: { ...process.env, NO_COLOR: "1" },
    });
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
