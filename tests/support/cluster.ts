/**
 * A throw-away three-node Redis Cluster on 127.0.0.1 for the integration tests that need one
 * (tests/integration/no-cross-slot.test.ts): three `redis-server --cluster-enabled yes` processes
 * in a temporary directory, joined by `redis-cli --cluster create`, with no persistence.
 *
 *   import { describeCluster, startCluster } from "../support/cluster.js";
 *
 *   describeCluster("no-cross-slot", () => {
 *     let cluster: RunningCluster | null = null;
 *     beforeAll(async () => { cluster = await startCluster(); });
 *     afterAll(async () => { await cluster?.stop(); });
 *   });
 *
 * Skipped (not failed) when `redis-server` is absent; under `process.env.CI` a cluster that
 * cannot start (no `redis-cli`, ports, timeouts) fails the suite instead. Ports are free ones picked at random, each
 * with its cluster bus port (port + 10000) free too.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "vitest";

const SERVER = process.env.REDIS_SERVER_BIN ?? "redis-server";
const CLI = process.env.REDIS_CLI_BIN ?? "redis-cli";
const HOST = "127.0.0.1";

function available(binary: string): boolean {
  const r = spawnSync(binary, ["--version"], { stdio: "ignore" });
  return !r.error && r.status === 0;
}

/** Whether redis-server is installed (redis-cli is checked when the cluster starts). */
export const hasClusterBinaries = available(SERVER);

/** A `describe` that is skipped when redis-server is not installed. */
export function describeCluster(name: string, fn: () => void): void {
  describe.skipIf(!hasClusterBinaries)(name, fn);
}

export interface RunningCluster {
  /** The nodes' addresses, for `new Cluster(nodes)` / `createCluster({ rootNodes })`. */
  nodes: Array<{ host: string; port: number }>;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

/** A port P with P and P + 10000 (the cluster bus) free, not among `taken`. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 35000);
    if (taken.has(port) || taken.has(port + 10000) || taken.has(port - 10000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
  throw new Error("no free port pair for a cluster node");
}

function cli(port: number, args: string[], timeout = 20_000): { ok: boolean; out: string } {
  const r = spawnSync(CLI, ["-h", HOST, "-p", String(port), ...args], { encoding: "utf8", timeout });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (test()) return;
    await sleep(100);
  }
  throw new Error(`cluster: timed out waiting for ${what}`);
}

async function tryStart(): Promise<RunningCluster> {
  if (!available(CLI)) throw new Error(`${CLI} not found`);
  const dir = mkdtempSync(join(tmpdir(), "redis-cluster-"));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freeClusterPort(taken);
      taken.add(port);
      ports.push(port);
    }
    for (const port of ports) {
      const child = spawn(
        SERVER,
        [
          "--port",
          String(port),
          "--bind",
          HOST,
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          join(dir, `nodes-${port}.conf`),
          "--dir",
          dir,
          "--save",
          "",
          "--appendonly",
          "no",
        ],
        { stdio: "ignore" },
      );
      children.push(child);
    }
    for (const port of ports) await waitFor(`PING on ${port}`, () => cli(port, ["ping"]).out.includes("PONG"), 15_000);
    const create = cli(ports[0], [
      "--cluster",
      "create",
      ...ports.map((p) => `${HOST}:${p}`),
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    if (!create.ok) throw new Error(`redis-cli --cluster create failed: ${create.out.slice(-500)}`);
    for (const port of ports) {
      await waitFor(
        `cluster_state:ok on ${port}`,
        () => cli(port, ["cluster", "info"]).out.includes("cluster_state:ok"),
        30_000,
      );
    }
    return { nodes: ports.map((port) => ({ host: HOST, port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the cluster, or gives null when it cannot (the suite then skips its tests); under
 * `process.env.CI` a failure to start throws, since the binaries are there.
 */
export async function startCluster(): Promise<RunningCluster | null> {
  if (!hasClusterBinaries) return null;
  try {
    return await tryStart();
  } catch (error) {
    if (process.env.CI) throw error;
    console.warn(`no-cross-slot: no cluster (${(error as Error).message}); skipping`);
    return null;
  }
}
