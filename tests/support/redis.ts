/**
 * Helpers for the integration tests in tests/integration: clients connected to the throw-away
 * server of redis-server.global-setup.ts, unique key names, and a simulated crash.
 *
 *   import { describeRedis, ioredis, nodeRedis, keyPrefix, crashAfter, SimulatedCrash } from "../support/redis.js";
 *
 *   describeRedis("no-keys", () => {
 *     it("...", async () => {
 *       const redis = await ioredis();          // connected; quit after this test file
 *       const p = keyPrefix("no-keys");         // "no-keys-3f9a1c:"; its keys deleted after the file
 *       await redis.set(`${p}a`, "1");
 *       await expect(transfer(crashAfter(redis, 1), p)).rejects.toBeInstanceOf(SimulatedCrash);
 *     });
 *   });
 *
 * Every test file shares one server and test files run in parallel: put every key under a
 * `keyPrefix()` / `uniqueId()` and never FLUSHALL / FLUSHDB.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { createClient as createClient4 } from "redis4";
import { afterAll, describe, inject } from "vitest";
import { normaliseCommand } from "../../src/model/commands.js";

/** URL of the test server, or `null` when redis-server is not available. */
export const redisUrl: string | null = inject("redisUrl");

/** Whether a test server is running. */
export const hasRedis = redisUrl !== null;

/** A `describe` that is skipped when no test server is running. */
export function describeRedis(name: string, fn: () => void): void {
  describe.skipIf(!hasRedis)(name, fn);
}

function url(): string {
  if (!redisUrl) throw new Error("no test redis-server: wrap the test in describeRedis()");
  return redisUrl;
}

// ---------------------------------------------------------------------------------------------
// Clients, closed after the test file.

const closers: Array<() => Promise<unknown>> = [];
const ids: string[] = [];

afterAll(async () => {
  if (ids.length > 0 && hasRedis) {
    const redis = new Redis(url(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      for (const id of ids.splice(0)) {
        for await (const batch of redis.scanStream({ match: `*${id}*`, count: 1000 })) {
          if ((batch as string[]).length > 0) await redis.unlink(...(batch as string[]));
        }
      }
    } finally {
      redis.disconnect();
    }
  }
  await Promise.allSettled(closers.splice(0).map((close) => close()));
});

/** An ioredis 5 client connected to the test server; quit after the test file. */
export async function ioredis(): Promise<Redis> {
  const client = new Redis(url(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  closers.push(() => client.quit().catch(() => client.disconnect()));
  await client.connect();
  return client;
}

export type NodeRedisClient = ReturnType<typeof createClient>;
export type NodeRedis4Client = ReturnType<typeof createClient4>;

/** A node-redis 5 client (package `redis`) connected to the test server; closed after the test file. */
export async function nodeRedis(): Promise<NodeRedisClient> {
  const client = createClient({ url: url() });
  client.on("error", () => {});
  closers.push(async () => {
    if (client.isOpen) await client.close();
  });
  await client.connect();
  return client;
}

/** A node-redis 4 client (devDependency alias `redis4`) connected to the test server; closed after the test file. */
export async function nodeRedis4(): Promise<NodeRedis4Client> {
  const client = createClient4({ url: url() });
  client.on("error", () => {});
  closers.push(async () => {
    if (client.isOpen) await client.quit();
  });
  await client.connect();
  return client;
}

/** A node-redis 3 transaction (`client.multi()`), typed as far as the tests use it (`redis3` ships no types). */
export interface NodeRedis3Multi {
  set(key: string, value: string | undefined): NodeRedis3Multi;
  expire(key: string, seconds: number): NodeRedis3Multi;
  incr(key: string): NodeRedis3Multi;
  sadd(key: string, member: string): NodeRedis3Multi;
  hget(key: string, field: string): NodeRedis3Multi;
  exec(
    callback: (err: (Error & { code?: string; errors?: Error[] }) | null, replies?: unknown[] | null) => void,
  ): boolean;
}

/** A node-redis 3 client: callbacks, no promises, no `connect()`. Other commands through `send_command`. */
export interface NodeRedis3Client {
  multi(): NodeRedis3Multi;
  send_command(command: string, args: unknown[], callback: (err: Error | null, reply: unknown) => void): boolean;
  quit(callback?: () => void): boolean;
  on(event: string, listener: (...args: unknown[]) => void): NodeRedis3Client;
  once(event: string, listener: (...args: unknown[]) => void): NodeRedis3Client;
}

/** A node-redis 3 client (devDependency alias `redis3`) connected to the test server; quit after the test file. */
export async function nodeRedis3(): Promise<NodeRedis3Client> {
  const redis3 = createRequire(import.meta.url)("redis3") as { createClient(url: string): NodeRedis3Client };
  const client = redis3.createClient(url());
  client.on("error", () => {});
  closers.push(() => new Promise<void>((resolve) => client.quit(() => resolve())));
  await new Promise((resolve) => client.once("ready", resolve));
  return client;
}

/** A command on a node-redis 3 client, as a promise. */
export function send3(client: NodeRedis3Client, command: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) =>
    client.send_command(command, args, (err, reply) => (err ? reject(err) : resolve(reply))),
  );
}

// ---------------------------------------------------------------------------------------------
// Key names that never collide between test files.

/**
 * A name unique to this run and call, like `no-keys-3f9a1c`: safe inside key names and glob
 * patterns. Every key containing it is deleted after the test file.
 */
export function uniqueId(testName: string): string {
  const name = testName.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "");
  const id = `${name}-${randomBytes(4).toString("hex")}`;
  ids.push(id);
  return id;
}

/** `uniqueId(testName) + ":"`: a prefix for the keys of one test. */
export function keyPrefix(testName: string): string {
  return `${uniqueId(testName)}:`;
}

// ---------------------------------------------------------------------------------------------
// "The process stops between two calls."

/** What a `crashAfter` proxy throws in place of the command that the crash prevented. */
export class SimulatedCrash extends Error {
  constructor(
    readonly command: string,
    readonly sent: number,
  ) {
    super(`simulated crash: the process stopped before ${command} (after ${sent} command(s))`);
    this.name = "SimulatedCrash";
  }
}

/** Raw-command methods, and GLIDE's `exec(batch)`: each call is a round trip. */
const ROUND_TRIPS = new Set(["call", "send_command", "sendCommand", "customCommand", "send", "exec"]);
/** Builders: calling them sends nothing; what they return is wrapped so its `exec()` counts. */
const BUILDERS = new Set(["multi", "pipeline", "MULTI", "duplicate"]);
/** Connection management, never counted. */
const LIFECYCLE = new Set(["connect", "quit", "QUIT", "disconnect", "close", "destroy", "on", "once", "off"]);

/**
 * A proxy of `client` that behaves like it for the first `n` commands, then throws
 * `SimulatedCrash` (synchronously, before anything is sent) on the (n+1)-th and on every later
 * command: the process died between two calls.
 *
 * Counted: calls on the proxy of Redis command methods of any client (`set`, `hSet`, `setNX`,
 * `evalsha`, ...), raw commands (`call`, `sendCommand`, `customCommand`, `send`) and `exec()` /
 * `execAsPipeline()` of transactions and pipelines made from the proxy (`multi()`, `pipeline()`,
 * which themselves send nothing; queued commands are not counted). `duplicate()` returns a proxy
 * sharing the same count. Not counted: commands a client method issues internally
 * (`scanIterator`, `scanStream`), connection methods (`connect`, `quit`, `on`, ...).
 */
export function crashAfter<T extends object>(client: T, n: number): T {
  return wrap(client, n, { sent: 0 }, false);
}

/** Exec-like methods of transactions and pipelines: the one round trip of a builder. */
const BUILDER_ROUND_TRIPS = new Set(["exec", "execAsPipeline", "execTyped", "EXEC"]);

function wrap<T extends object>(target: T, n: number, state: { sent: number }, builder: boolean): T {
  const proxy: T = new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof prop !== "string" || typeof value !== "function" || LIFECYCLE.has(prop)) {
        return typeof value === "function" ? value.bind(obj) : value;
      }
      const fn = value as (...args: unknown[]) => unknown;
      const counted = builder
        ? BUILDER_ROUND_TRIPS.has(prop)
        : ROUND_TRIPS.has(prop) || (!BUILDERS.has(prop) && normaliseCommand(prop) !== null);
      return (...args: unknown[]) => {
        if (counted) {
          if (state.sent >= n) throw new SimulatedCrash(prop, state.sent);
          state.sent++;
        }
        const result = fn.apply(obj, args);
        if (result === obj) return proxy; // chaining: `multi().set(...).exec()`
        if (!builder && BUILDERS.has(prop) && result !== null && typeof result === "object" && !("then" in result)) {
          // `duplicate()` gives another client; `multi()` / `pipeline()` a builder.
          return wrap(result, n, state, prop !== "duplicate");
        }
        return result;
      };
    },
  });
  return proxy;
}
