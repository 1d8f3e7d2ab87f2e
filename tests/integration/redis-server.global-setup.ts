/**
 * Vitest globalSetup: one throw-away `redis-server` for the whole run, on 127.0.0.1 and a free
 * port, with no persistence and its own temporary directory. Tests read its URL with
 * `inject("redisUrl")` (see tests/support/redis.ts); it is `null` when no server could be started,
 * and the integration suites are then skipped.
 *
 * Always started (it takes ~50 ms): simpler than guessing which test files were selected.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the test server, or `null` when there is none. */
    redisUrl: string | null;
  }
}

const BINARY = process.env.REDIS_SERVER_BIN ?? "redis-server";
const HOST = "127.0.0.1";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** One PING over a raw socket: true when the server answers `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

interface Server {
  child: ChildProcess;
  url: string;
}

/** Starts the server and waits for PING; rejects with a short reason. */
async function start(dir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    BINARY,
    ["--bind", HOST, "--port", String(port), "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"],
    { stdio: "ignore" },
  );
  let failure: string | undefined;
  child.on("error", (err: NodeJS.ErrnoException) => {
    failure = err.code === "ENOENT" ? "not found" : err.message;
  });
  child.on("exit", (code, signal) => {
    failure ??= `exited early (${signal ?? `code ${code}`})`;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (failure) break;
    if (await ping(port)) return { child, url: `redis://${HOST}:${port}` };
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  throw new Error(failure ?? "did not answer PING within 10 s");
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "eslint-plugin-redis-test-"));
  let server: Server | undefined;
  let reason = "";
  // The free port may be taken between our probe and redis' bind: try a few times.
  for (let attempt = 0; attempt < 3 && !server; attempt++) {
    try {
      server = await start(dir);
    } catch (err) {
      reason = (err as Error).message;
      if (reason === "not found") break;
    }
  }

  const cleanup = () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    // Keep the default behaviour (terminate) unless someone else (vitest) handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  process.once("exit", cleanup);
  for (const s of signals) process.once(s, onSignal);

  if (!server) {
    console.warn(
      reason === "not found"
        ? "integration tests skipped: redis-server not found; install it with apt-get install redis-server"
        : `integration tests skipped: redis-server failed to start (${reason})`,
    );
    project.provide("redisUrl", null);
  } else {
    project.provide("redisUrl", server.url);
  }

  return async function teardown() {
    process.off("exit", cleanup);
    for (const s of signals) process.off(s, onSignal);
    const child = server?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 2_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
