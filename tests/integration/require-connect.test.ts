/**
 * require-connect: a node-redis v4 or v5 client, pool or duplicate sends nothing before
 * `connect()`. The docs' incorrect examples misbehave on a real server: the never-connected
 * counter's INCR rejects with ClientClosedError, and the never-connected subscriber's SUBSCRIBE
 * never settles, so a published message reaches nobody. The correct examples work. Why the rule
 * stays silent elsewhere: ioredis (also with `lazyConnect`) and node-redis v3 connect on their own.
 */
import { createRequire } from "node:module";
import { Redis } from "ioredis";
import { createClient, createClientPool } from "redis";
import { createClient as createClient4 } from "redis4";
import { expect, it } from "vitest";
import * as ioredisCorrect from "../../docs/examples/require-connect/ioredis.correct.js";
import * as counterIncorrect from "../../docs/examples/require-connect/node-redis.incorrect.counter.js";
import * as counterCorrect from "../../docs/examples/require-connect/node-redis.correct.counter.js";
import * as chatIncorrect from "../../docs/examples/require-connect/node-redis.incorrect.js";
import * as chatCorrect from "../../docs/examples/require-connect/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, redisUrl, uniqueId } from "../support/redis.js";

/** node-redis 3 (devDependency alias `redis3`), untyped here. */
interface Redis3Client {
  get(key: string, cb: (err: Error | null, value: string | null) => void): void;
  set(key: string, value: string, cb: (err: Error | null, reply: string) => void): void;
  quit(): void;
}
const redis3 = createRequire(import.meta.url)("redis3") as { createClient(url: string): Redis3Client };

const CLOSED = "The client is closed";

/** node-redis's ClientClosedError (its `name` property says "Error"; its class says which). */
async function rejectsClosed(p: Promise<unknown>): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).constructor.name).toBe("ClientClosedError");
  expect((error as Error).message).toBe(CLOSED);
}

/** What a promise has done after `ms` (generous: a hang is "pending" however long one waits). */
async function stateAfter(p: Promise<unknown>, ms: number): Promise<"resolved" | "rejected" | "pending"> {
  const settled = p.then(
    () => "resolved" as const,
    () => "rejected" as const,
  );
  return Promise.race([settled, new Promise<"pending">((r) => setTimeout(() => r("pending"), ms))]);
}

describeRedis("require-connect examples", () => {
  it("node-redis v5: the never-connected counter's INCR rejects with ClientClosedError", async () => {
    const page = uniqueId("require-connect-v5");
    await rejectsClosed(counterIncorrect.countVisit(redisUrl!, page));
    expect(await (await ioredis()).exists(`visits:${page}`)).toBe(0);
  });

  it("node-redis v5: connected first, the counter counts", async () => {
    const page = uniqueId("require-connect-v5-ok");
    expect(await counterCorrect.countVisit(redisUrl!, page)).toBe(1);
    expect(await counterCorrect.countVisit(redisUrl!, page)).toBe(2);
  });

  it("node-redis v4: a client never connected rejects with ClientClosedError, and works once connected", async () => {
    const key = `${uniqueId("require-connect-v4")}:n`;
    const client = createClient4({ url: redisUrl! });
    client.on("error", () => {});
    await rejectsClosed(client.incr(key));
    await client.connect();
    expect(await client.incr(key)).toBe(1);
    await client.quit();
  });

  for (const [version, connected] of [
    ["v5", nodeRedis],
    ["v4", nodeRedis4],
  ] as const) {
    it(`node-redis ${version}: a duplicate() of a connected client is closed; its GET rejects`, async () => {
      const client = await connected();
      const dup = client.duplicate();
      expect(client.isOpen).toBe(true);
      expect(dup.isOpen).toBe(false);
      await rejectsClosed(dup.get("require-connect:any"));
    });

    it(`node-redis ${version}: the never-connected subscriber never subscribes; a message reaches nobody`, async () => {
      const room = uniqueId(`require-connect-chat-${version}`);
      const received: string[] = [];
      const joining = chatIncorrect.joinRoom((await connected()) as never, room, (m) => received.push(m));
      expect(await stateAfter(joining, 500)).toBe("pending");
      expect(await (await ioredis()).publish(`room:${room}`, "hello")).toBe(0);
      expect(received).toEqual([]);
    });

    // The example closes with destroy(), which node-redis 4 does not have: v5 only.
    it.skipIf(version === "v4")(
      `node-redis ${version}: the connected subscriber receives the room's messages`,
      async () => {
        const room = uniqueId(`require-connect-chat-ok-${version}`);
        const received: string[] = [];
        const leave = await chatCorrect.joinRoom((await connected()) as never, room, (m) => received.push(m));
        try {
          expect(await (await ioredis()).publish(`room:${room}`, "hello")).toBe(1);
          for (let i = 0; i < 400 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
          expect(received).toEqual(["hello"]);
        } finally {
          await leave();
        }
      },
    );
  }

  it("node-redis v5: a createClientPool() never connected rejects too", async () => {
    const pool = createClientPool({ url: redisUrl! });
    pool.on("error", () => {});
    await rejectsClosed(pool.get("require-connect:any"));
    await pool.connect();
    expect(await pool.ping()).toBe("PONG");
    pool.destroy();
  });

  it("node-redis v5: a client whose connect() is not awaited still runs the commands sent after it", async () => {
    const client = createClient({ url: redisUrl! });
    client.on("error", () => {});
    const connecting = client.connect();
    expect(await client.ping()).toBe("PONG");
    await connecting;
    client.destroy();
  });

  it("ioredis 5 with lazyConnect: the first command connects; no connect() needed", async () => {
    const page = uniqueId("require-connect-ioredis");
    expect(await ioredisCorrect.countVisit(redisUrl!, page)).toBe(1);
    const lazy = new Redis(redisUrl!, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const dup = lazy.duplicate();
    try {
      expect(await dup.incr(`visits:${page}`)).toBe(2);
    } finally {
      lazy.disconnect();
      dup.disconnect();
    }
  });

  it("node-redis v3 connects on its own: no connect() (it has none)", async () => {
    const key = `${uniqueId("require-connect-v3")}:k`;
    const client = redis3.createClient(redisUrl!);
    expect((client as unknown as { connect?: unknown }).connect).toBeUndefined();
    const reply = await new Promise<string>((resolve, reject) =>
      client.set(key, "v", (err, r) => (err ? reject(err) : resolve(r))),
    );
    expect(reply).toBe("OK");
    client.quit();
  });
});
