/**
 * no-unsafe-lock-release: our lock expires while the job still runs (PEXPIRE of a few ms) and
 * another owner takes it. Releasing with a plain DEL, or with GET-compare-DEL in two round
 * trips, deletes the other owner's lock; the compare-and-delete Lua script leaves it alone.
 */
import type { Redis } from "ioredis";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-unsafe-lock-release/ioredis.incorrect.js";
import * as ioredisIncorrectGetCompare from "../../docs/examples/no-unsafe-lock-release/ioredis.incorrect.get-compare.js";
import * as ioredisCorrect from "../../docs/examples/no-unsafe-lock-release/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-unsafe-lock-release/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-unsafe-lock-release/node-redis.correct.js";
import * as nodeRedis4Incorrect from "../../docs/examples/no-unsafe-lock-release/node-redis-v4.incorrect.js";
import * as nodeRedis4Correct from "../../docs/examples/no-unsafe-lock-release/node-redis-v4.correct.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4 } from "../support/redis.js";

type WithLock = (client: never, resource: string, job: () => Promise<void>, ttlMs?: number) => Promise<boolean>;
type ReleaseLock = (client: never, lockKey: string, token: string) => Promise<boolean>;

const OTHER = "token-of-the-next-owner";

/** Our lock expires (a few ms of PEXPIRE stand for a job that ran too long), then another owner takes it. */
async function expireAndTakeOver(admin: Redis, lockKey: string): Promise<void> {
  expect(await admin.pexpire(lockKey, 5)).toBe(1);
  const deadline = Date.now() + 2000;
  while ((await admin.exists(lockKey)) === 1) {
    if (Date.now() > deadline) throw new Error(`${lockKey} did not expire`);
    await new Promise((r) => setTimeout(r, 2));
  }
  expect(await admin.set(lockKey, OTHER, "PX", 10_000, "NX")).toBe("OK");
}

/** Runs `withLock` with a job during which our lock expires and changes hands; returns the lock's value afterwards. */
async function lockAfterRelease(client: object, withLock: WithLock, test: string): Promise<string | null> {
  const admin = await ioredis();
  const resource = `${keyPrefix(test)}invoice-42`;
  const lockKey = `lock:${resource}`;
  const acquired = await withLock(client as never, resource, () => expireAndTakeOver(admin, lockKey), 10_000);
  expect(acquired).toBe(true);
  return admin.get(lockKey);
}

describeRedis("no-unsafe-lock-release examples", () => {
  it("ioredis: the plain DEL deletes the next owner's lock", async () => {
    expect(await lockAfterRelease(await ioredis(), ioredisIncorrect.withLock, "unsafe-release-io-bad")).toBeNull();
  });

  it("ioredis: the Lua compare-and-delete leaves the next owner's lock", async () => {
    expect(await lockAfterRelease(await ioredis(), ioredisCorrect.withLock, "unsafe-release-io-good")).toBe(OTHER);
  });

  it("node-redis v5: the plain DEL deletes the next owner's lock", async () => {
    expect(await lockAfterRelease(await nodeRedis(), nodeRedisIncorrect.withLock, "unsafe-release-nr-bad")).toBeNull();
  });

  it("node-redis v5: eval with { keys, arguments } leaves the next owner's lock", async () => {
    expect(await lockAfterRelease(await nodeRedis(), nodeRedisCorrect.withLock, "unsafe-release-nr-good")).toBe(OTHER);
  });

  it("node-redis v4: the plain DEL deletes the next owner's lock", async () => {
    expect(
      await lockAfterRelease(await nodeRedis4(), nodeRedis4Incorrect.withLock, "unsafe-release-nr4-bad"),
    ).toBeNull();
  });

  it("node-redis v4: eval with { keys, arguments } leaves the next owner's lock", async () => {
    expect(await lockAfterRelease(await nodeRedis4(), nodeRedis4Correct.withLock, "unsafe-release-nr4-good")).toBe(
      OTHER,
    );
  });

  it("ioredis: GET-compare-DEL deletes the lock taken over between the GET and the DEL", async () => {
    const redis = await ioredis();
    const admin = await ioredis();
    const lockKey = `lock:${keyPrefix("unsafe-release-io-get-compare")}invoice-42`;
    const token = "our-token";
    expect(await redis.set(lockKey, token, "PX", 10_000, "NX")).toBe("OK");
    // Between the two round trips, our lock expires and the next owner takes it.
    const interleaved = new Proxy(redis, {
      get(target, prop, receiver) {
        if (prop === "get") {
          return async (key: string) => {
            const value = await target.get(key);
            await expireAndTakeOver(admin, lockKey);
            return value;
          };
        }
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const release: ReleaseLock = ioredisIncorrectGetCompare.releaseLock;
    expect(await release(interleaved as never, lockKey, token)).toBe(true); // "released", it says
    expect(await admin.get(lockKey)).toBeNull(); // but the lock it deleted was the next owner's
  });

  it("ioredis: the Lua release of an expired, taken-over lock deletes nothing", async () => {
    const redis = await ioredis();
    const admin = await ioredis();
    const lockKey = `lock:${keyPrefix("unsafe-release-io-lua")}invoice-42`;
    const token = "our-token";
    expect(await redis.set(lockKey, token, "PX", 10_000, "NX")).toBe("OK");
    await expireAndTakeOver(admin, lockKey);
    const release: ReleaseLock = ioredisCorrect.releaseLock;
    expect(await release(redis as never, lockKey, token)).toBe(false);
    expect(await admin.get(lockKey)).toBe(OTHER);
    // And while we still own it, it releases.
    const ours = `${lockKey}:ours`;
    await redis.set(ours, token, "PX", 10_000, "NX");
    expect(await release(redis as never, ours, token)).toBe(true);
    expect(await admin.exists(ours)).toBe(0);
  });
});
