/**
 * require-error-listener: a Redis blip in a child Node.js process. The docs' `lib/redis` modules
 * (compiled to CommonJS) connect through a port that the child then closes
 * (fixtures/require-error-listener/blip.mjs): node-redis (v5, v4, v3) with no `error` listener
 * throws the event and the process dies, and so do v5 pools and duplicates; with the listener it
 * is still alive after the first error and exits 0 when told. ioredis with no listener logs and stays alive.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { describeRedis, redisUrl } from "../support/redis.js";

const require = createRequire(import.meta.url);
const BLIP = fileURLToPath(new URL("fixtures/require-error-listener/blip.mjs", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../../docs/examples/require-error-listener/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "require-error-listener-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A docs example as a CommonJS module in the temp dir, its client package resolved to `pkg` (`redis4`: the same code on v4). */
function compile(example: string, pkg?: string): string {
  const source = readFileSync(join(EXAMPLES, example), "utf8");
  let { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  outputText = outputText.replace(/require\("(redis|ioredis)"\)/g, (_, name: string) =>
    JSON.stringify(require.resolve(pkg ?? name))
      .replace(/^/, "require(")
      .replace(/$/, ")"),
  );
  const out = join(dir, `${example.replace(/\W/g, "_")}-${pkg ?? "default"}.cjs`);
  writeFileSync(out, outputText);
  return out;
}

/** node-redis v3 (`redis3`): the same module in v3's API, which connects on its own. */
function v3Module(listener: boolean): string {
  const out = join(dir, `v3-${listener}.cjs`);
  writeFileSync(
    out,
    `const redis = require(${JSON.stringify(require.resolve("redis3"))});
exports.redis = redis.createClient({ url: process.env.REDIS_URL });
${listener ? `exports.redis.on("error", (err) => console.error("Redis client error", err));` : ""}
exports.ping = () => new Promise((resolve, reject) => exports.redis.ping((e, r) => (e ? reject(e) : resolve(r))));
exports.connectRedis = () => new Promise((resolve) => exports.redis.once("ready", resolve));`,
  );
  return out;
}

/** node-redis v5 `createClientPool()` or `client.duplicate()` (the original has a listener, the duplicate `listener` or none). */
function v5Module(made: "pool" | "duplicate", listener: boolean): string {
  const out = join(dir, `v5-${made}-${listener}.cjs`);
  const create =
    made === "pool"
      ? `redis.createClientPool({ url: process.env.REDIS_URL })`
      : `(() => { const c = redis.createClient({ url: process.env.REDIS_URL }); c.on("error", () => {}); return c.duplicate(); })()`;
  writeFileSync(
    out,
    `const redis = require(${JSON.stringify(require.resolve("redis"))});
exports.redis = ${create};
${listener ? `exports.redis.on("error", (err) => console.error("Redis client error", err));` : ""}
exports.connectRedis = async () => { await exports.redis.connect(); };`,
  );
  return out;
}

interface Outcome {
  /** Exit code; null when the child was killed by the test's timeout. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Generous: the child needs a second or two on a loaded machine; this only bounds a hang. */
const TIMEOUT = 30_000;

/**
 * Runs the child on `module`: it connects, then the port closes. `aliveAfter`: a text whose
 * appearance on the child's stderr after "blip" shows it handled the first error; the child is
 * then told to exit.
 */
function blip(module: string, aliveAfter: string | null): Promise<Outcome> {
  const port = new URL(redisUrl ?? "redis://127.0.0.1:6379").port;
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [BLIP, module, port], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let told = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT);
    const check = () => {
      if (!told && aliveAfter !== null && stdout.includes("blip") && stderr.includes(aliveAfter)) {
        told = true;
        child.stdin?.write("exit\n");
      }
    };
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The process died of the `error` event: after the blip, with Node.js's "Unhandled 'error' event". */
function expectDied(o: Outcome) {
  expect(o.stdout).toContain("ready");
  expect(o.code).not.toBe(0);
  expect(o.code).not.toBeNull();
  expect(o.stderr).toContain("Unhandled 'error' event");
}

/** Alive after the first error (logged on stderr), then exits 0 when told. */
function expectSurvived(o: Outcome, logged: string) {
  expect(o.stdout).toContain("blip");
  expect(o.stderr).toContain(logged);
  expect(o.stderr).not.toContain("Unhandled 'error' event");
  expect(o.code).toBe(0);
}

describeRedis("require-error-listener examples", () => {
  it(
    "node-redis v5: without a listener the process dies when the connection drops; with it, it survives",
    async () => {
      expectDied(await blip(compile("node-redis.incorrect.ts"), null));
      expectSurvived(await blip(compile("node-redis.correct.ts"), "Redis client error"), "Redis client error");
    },
    2 * TIMEOUT,
  );

  it.each(["pool", "duplicate"] as const)(
    "node-redis v5 %s: without a listener the process dies when the connection drops; with it, it survives",
    async (made) => {
      expectDied(await blip(v5Module(made, false), null));
      expectSurvived(await blip(v5Module(made, true), "Redis client error"), "Redis client error");
    },
    2 * TIMEOUT,
  );

  it(
    "node-redis v4: the same modules on redis@4 die and survive alike",
    async () => {
      expectDied(await blip(compile("node-redis.incorrect.ts", "redis4"), null));
      expectSurvived(
        await blip(compile("node-redis.correct.ts", "redis4"), "Redis client error"),
        "Redis client error",
      );
    },
    2 * TIMEOUT,
  );

  it(
    "node-redis v3: without a listener the process dies when the connection drops; with it, it survives",
    async () => {
      expectDied(await blip(v3Module(false), null));
      expectSurvived(await blip(v3Module(true), "Redis client error"), "Redis client error");
    },
    2 * TIMEOUT,
  );

  it(
    "ioredis: without a listener it logs [ioredis] Unhandled error event and stays alive",
    async () => {
      const o = await blip(compile("ioredis.correct.ts"), "[ioredis] Unhandled error event");
      expectSurvived(o, "[ioredis] Unhandled error event");
    },
    TIMEOUT,
  );
});
