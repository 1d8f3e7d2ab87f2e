/**
 * require-lock-ttl: a lock taken without an expiry outlives its owner. The owner "crashes"
 * between taking the lock and releasing it (crashAfter lets the SET through and stops the
 * process before the release): the incorrect examples leave the key with TTL -1 and every later
 * owner is locked out; the correct examples' lock expires by itself and the next owner gets it.
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/require-lock-ttl/ioredis.incorrect.js";
import * as ioredisIncorrectSetnx from "../../docs/examples/require-lock-ttl/ioredis.incorrect.setnx.js";
import * as ioredisCorrect from "../../docs/examples/require-lock-ttl/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/require-lock-ttl/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/require-lock-ttl/node-redis.correct.js";
import * as nodeRedis4Incorrect from "../../docs/examples/require-lock-ttl/node-redis-v4.incorrect.js";
import * as nodeRedis4Correct from "../../docs/examples/require-lock-ttl/node-redis-v4.correct.js";
import {
  SimulatedCrash,
  crashAfter,
  describeRedis,
  ioredis,
  keyPrefix,
  nodeRedis,
  nodeRedis4,
} from "../support/redis.js";

type WithLock = (client: never, resource: string, job: () => Promise<void>, ttlMs?: number) => Promise<boolean>;

/** The TTL given to the correct examples, short enough to wait for. */
const TTL_MS = 50;

/** The owner takes the lock, then its process stops before the release. */
async function crashWhileHolding(client: object, withLock: WithLock, resource: string): Promise<void> {
  let ran = false;
  const job = async () => {
    ran = true;
  };
  await expect(withLock(crashAfter(client, 1) as never, resource, job, TTL_MS)).rejects.toBeInstanceOf(SimulatedCrash);
  expect(ran).toBe(true);
}

/** Another owner tries to take the lock, for at most `ms`; true when it got it. */
async function nextOwnerGetsIt(client: object, withLock: WithLock, resource: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await withLock(client as never, resource, async () => {}, TTL_MS)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function expectLockedForever(client: object, withLock: WithLock, test: string) {
  const admin = await ioredis();
  const resource = `${keyPrefix(test)}nightly-report`;
  await crashWhileHolding(client, withLock, resource);
  expect(await admin.pttl(`lock:${resource}`)).toBe(-1); // no TTL: nothing will ever free it
  expect(await nextOwnerGetsIt(client, withLock, resource, 4 * TTL_MS)).toBe(false);
  expect(await admin.pttl(`lock:${resource}`)).toBe(-1);
}

async function expectLockExpires(client: object, withLock: WithLock, test: string) {
  const admin = await ioredis();
  const resource = `${keyPrefix(test)}nightly-report`;
  await crashWhileHolding(client, withLock, resource);
  const ttl = await admin.pttl(`lock:${resource}`);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(TTL_MS);
  expect(await nextOwnerGetsIt(client, withLock, resource, 2000)).toBe(true);
}

describeRedis("require-lock-ttl examples", () => {
  it("ioredis: SET NX without an expiry outlives its crashed owner", async () => {
    await expectLockedForever(await ioredis(), ioredisIncorrect.withLock, "require-lock-ttl-io-bad");
  });

  it("ioredis: SETNX without an expiry outlives its crashed owner", async () => {
    await expectLockedForever(await ioredis(), ioredisIncorrectSetnx.withLock, "require-lock-ttl-io-setnx");
  });

  it("ioredis: SET PX NX frees itself after its owner crashed", async () => {
    await expectLockExpires(await ioredis(), ioredisCorrect.withLock, "require-lock-ttl-io-good");
  });

  it("node-redis v5: { condition: NX } without expiration outlives its crashed owner", async () => {
    await expectLockedForever(await nodeRedis(), nodeRedisIncorrect.withLock, "require-lock-ttl-nr-bad");
  });

  it("node-redis v5: { condition: NX, expiration } frees itself", async () => {
    await expectLockExpires(await nodeRedis(), nodeRedisCorrect.withLock, "require-lock-ttl-nr-good");
  });

  it("node-redis v4: { NX: true } without PX outlives its crashed owner", async () => {
    await expectLockedForever(await nodeRedis4(), nodeRedis4Incorrect.withLock, "require-lock-ttl-nr4-bad");
  });

  it("node-redis v4: { NX: true, PX } frees itself", async () => {
    await expectLockExpires(await nodeRedis4(), nodeRedis4Correct.withLock, "require-lock-ttl-nr4-good");
  });

  it("the v5 shape is silently ignored by redis v4: no NX, no TTL (why node-redis-v4.correct.ts exists)", async () => {
    const client = await nodeRedis4();
    const admin = await ioredis();
    const resource = `${keyPrefix("require-lock-ttl-nr4-v5-shape")}nightly-report`;
    await admin.set(`lock:${resource}`, "someone-else", "PX", 10_000, "NX");
    // Someone else holds the lock, yet the v5-shaped SET "acquires" it: no NX was sent.
    let ran = false;
    const acquired = await nodeRedisCorrect.withLock(
      client as never,
      resource,
      async () => {
        ran = true;
        expect(await admin.pttl(`lock:${resource}`)).toBe(-1); // and no expiry either
      },
      TTL_MS,
    );
    expect(acquired).toBe(true);
    expect(ran).toBe(true);
  });
});
