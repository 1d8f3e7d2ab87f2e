/**
 * no-setnx-expire: when the process stops between SETNX and EXPIRE, the lock is left with no
 * TTL (-1) and nobody can take it again; the atomic SET NX EX leaves a TTL. Also: SETNX and
 * EXPIRE in one MULTI extend another owner's lock, and INCR then EXPIRE leaves a counter that
 * never expires, and a plain SET then EXPIRE leaves a value that never expires (issue #14, corpus
 * L8), where SET ... EX never does.
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-setnx-expire/ioredis.incorrect.js";
import * as ioredisInMulti from "../../docs/examples/no-setnx-expire/ioredis.incorrect.in-multi.js";
import * as ioredisCounter from "../../docs/examples/no-setnx-expire/ioredis.incorrect.counter.js";
import * as ioredisCorrect from "../../docs/examples/no-setnx-expire/ioredis.correct.js";
import * as ioredisCorrectCounter from "../../docs/examples/no-setnx-expire/ioredis.correct.counter.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-setnx-expire/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-setnx-expire/node-redis.correct.js";
import * as nodeRedis4Correct from "../../docs/examples/no-setnx-expire/node-redis-v4.correct.js";
import * as ioredisSetIncorrect from "../../docs/examples/no-setnx-expire/ioredis.incorrect.set.js";
import * as ioredisSetCorrect from "../../docs/examples/no-setnx-expire/ioredis.correct.set.js";
import * as nodeRedisSetIncorrect from "../../docs/examples/no-setnx-expire/node-redis.incorrect.set.js";
import * as nodeRedisSetCorrect from "../../docs/examples/no-setnx-expire/node-redis.correct.set.js";
import {
  SimulatedCrash,
  crashAfter,
  describeRedis,
  ioredis,
  nodeRedis,
  nodeRedis4,
  uniqueId,
} from "../support/redis.js";

type AcquireLock = (client: never, name: string, owner: string, ttlSeconds: number) => Promise<boolean>;
type SaveSession = (client: never, id: string, data: string, ttlSeconds: number) => Promise<void>;

async function ttlOf(key: string): Promise<number> {
  return (await ioredis()).ttl(key);
}

async function valueOf(key: string): Promise<string | null> {
  return (await ioredis()).get(key);
}

describeRedis("no-setnx-expire examples", () => {
  it("ioredis: a crash between SETNX and EXPIRE leaves the lock with TTL -1, held forever", async () => {
    const name = uniqueId("sne-io-bad");
    const redis = await ioredis();
    // The process stops after its first command (SETNX), before EXPIRE.
    await expect(ioredisIncorrect.acquireLock(crashAfter(redis, 1), name, "worker-1", 30)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect(await ttlOf(`lock:${name}`)).toBe(-1);
    expect(await valueOf(`lock:${name}`)).toBe("worker-1");
    // Every later worker is locked out, and no TTL will ever end it.
    expect(await ioredisIncorrect.acquireLock(redis, name, "worker-2", 30)).toBe(false);
    expect(await ttlOf(`lock:${name}`)).toBe(-1);
  });

  it("ioredis, correct: the same crash point cannot split SET NX EX; the lock has a TTL", async () => {
    const name = uniqueId("sne-io-good");
    const redis = await ioredis();
    // One command: with a crash after it the lock is complete, with a crash before it there is none.
    expect(await ioredisCorrect.acquireLock(crashAfter(redis, 1), name, "worker-1", 30)).toBe(true);
    const ttl = await ttlOf(`lock:${name}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
    expect(await ioredisCorrect.acquireLock(redis, name, "worker-2", 30)).toBe(false);

    const never = uniqueId("sne-io-good-crash0");
    await expect(ioredisCorrect.acquireLock(crashAfter(redis, 0), never, "worker-1", 30)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect(await ttlOf(`lock:${never}`)).toBe(-2); // no key at all
  });

  it("ioredis, SETNX and EXPIRE in one MULTI: the loser extends the owner's lock", async () => {
    const name = uniqueId("sne-io-multi");
    const redis = await ioredis();
    expect(await ioredisCorrect.acquireLock(redis, name, "owner", 5)).toBe(true);
    // A second worker fails to take the lock ...
    expect(await ioredisInMulti.acquireLock(redis, name, "intruder", 3600)).toBe(false);
    // ... but its EXPIRE ran anyway: the owner's 5 s lock now lasts an hour.
    expect(await valueOf(`lock:${name}`)).toBe("owner");
    expect(await ttlOf(`lock:${name}`)).toBeGreaterThan(3000);
  });

  it("ioredis, INCR then EXPIRE: a crash in between leaves a counter that never expires", async () => {
    const client = uniqueId("sne-io-rate-bad");
    const redis = await ioredis();
    await expect(ioredisCounter.allowRequest(crashAfter(redis, 1), client, 10, 60)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect(await valueOf(`rate:${client}`)).toBe("1");
    expect(await ttlOf(`rate:${client}`)).toBe(-1);
    // The window never ends: later requests keep counting on a key without TTL.
    expect(await ioredisCounter.allowRequest(redis, client, 10, 60)).toBe(true);
    expect(await ttlOf(`rate:${client}`)).toBe(-1);
  });

  it("ioredis, correct: INCR and EXPIRE NX in one MULTI always leave a TTL", async () => {
    const client = uniqueId("sne-io-rate-good");
    const redis = await ioredis();
    // exec() is the one round trip: a crash after it leaves a complete counter.
    expect(await ioredisCorrectCounter.allowRequest(crashAfter(redis, 1), client, 2, 60)).toBe(true);
    expect(await ttlOf(`rate:${client}`)).toBeGreaterThan(0);
    expect(await ioredisCorrectCounter.allowRequest(redis, client, 2, 60)).toBe(true);
    expect(await ioredisCorrectCounter.allowRequest(redis, client, 2, 60)).toBe(false);
    expect(await valueOf(`rate:${client}`)).toBe("3");
    const ttl = await ttlOf(`rate:${client}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  for (const [label, connect] of [
    ["v5", nodeRedis],
    ["v4", nodeRedis4],
  ] as const) {
    it(`node-redis ${label}: a crash between setNX and EXPIRE leaves the lock with TTL -1`, async () => {
      const name = uniqueId(`sne-nr${label}-bad`);
      const client = await connect();
      const acquire = nodeRedisIncorrect.acquireLock as AcquireLock;
      await expect(acquire(crashAfter(client, 1) as never, name, "worker-1", 30)).rejects.toBeInstanceOf(
        SimulatedCrash,
      );
      expect(await ttlOf(`lock:${name}`)).toBe(-1);
      expect(await acquire(client as never, name, "worker-2", 30)).toBe(false);
    });
  }

  it("node-redis v5, correct: SET with condition NX and an expiration is atomic and has a TTL", async () => {
    const name = uniqueId("sne-nrv5-good");
    const client = await nodeRedis();
    const acquire = nodeRedisCorrect.acquireLock as AcquireLock;
    expect(await acquire(crashAfter(client, 1) as never, name, "worker-1", 30)).toBe(true);
    expect(await ttlOf(`lock:${name}`)).toBeGreaterThan(0);
    expect(await acquire(client as never, name, "worker-2", 30)).toBe(false);
  });

  it("node-redis v4, correct: SET with { NX, EX } is atomic and has a TTL", async () => {
    const name = uniqueId("sne-nrv4-good");
    const client = await nodeRedis4();
    const acquire = nodeRedis4Correct.acquireLock as AcquireLock;
    expect(await acquire(crashAfter(client, 1) as never, name, "worker-1", 30)).toBe(true);
    expect(await ttlOf(`lock:${name}`)).toBeGreaterThan(0);
    expect(await acquire(client as never, name, "worker-2", 30)).toBe(false);
    // { NX, EX } also works on v5 (deprecated there): the shape the autofix writes.
    const other = uniqueId("sne-nrv4-good-on-v5");
    expect(await acquire((await nodeRedis()) as never, other, "worker-1", 30)).toBe(true);
    expect(await ttlOf(`lock:${other}`)).toBeGreaterThan(0);
  });

  it("the v5 option shape on redis v4 is a plain SET: no NX, no TTL (why node-redis-v4.correct.ts exists)", async () => {
    const name = uniqueId("sne-nrv4-v5-shape");
    const client = await nodeRedis4();
    const acquire = nodeRedisCorrect.acquireLock as AcquireLock;
    expect(await acquire(client as never, name, "worker-1", 30)).toBe(true);
    expect(await ttlOf(`lock:${name}`)).toBe(-1);
    // And no NX: a second worker "takes" the held lock.
    expect(await acquire(client as never, name, "worker-2", 30)).toBe(true);
    expect(await valueOf(`lock:${name}`)).toBe("worker-2");
  });

  // -- A plain SET, then EXPIRE (issue #14, corpus L8: node-resque QueueLock.ts:24-25).

  it("ioredis, plain SET then EXPIRE: a crash in between leaves the value with TTL -1, for good", async () => {
    const id = uniqueId("sne-io-set-bad");
    const redis = await ioredis();
    await expect(ioredisSetIncorrect.saveSession(crashAfter(redis, 1), id, "data", 30)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    expect(await valueOf(`sess:${id}`)).toBe("data");
    expect(await ttlOf(`sess:${id}`)).toBe(-1);
    // Without the crash the same function leaves a TTL: the window is the only difference.
    const ok = uniqueId("sne-io-set-bad-nocrash");
    await ioredisSetIncorrect.saveSession(redis, ok, "data", 30);
    expect(await ttlOf(`sess:${ok}`)).toBeGreaterThan(0);
  });

  it("ioredis, SET ... EX (the autofix's output): no crash point leaves the value without TTL", async () => {
    const redis = await ioredis();
    for (const sent of [0, 1]) {
      const id = uniqueId(`sne-io-set-good-${sent}`);
      const run = ioredisSetCorrect.saveSession(crashAfter(redis, sent), id, "data", 30);
      if (sent === 0) {
        await expect(run).rejects.toBeInstanceOf(SimulatedCrash);
        expect(await ttlOf(`sess:${id}`)).toBe(-2); // no key at all
      } else {
        await run;
        const ttl = await ttlOf(`sess:${id}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(30);
      }
    }
  });

  for (const [label, connect] of [
    ["v5", nodeRedis],
    ["v4", nodeRedis4],
  ] as const) {
    it(`node-redis ${label}, plain SET then EXPIRE: a crash in between leaves TTL -1; SET { EX } never does`, async () => {
      const client = await connect();
      const bad = uniqueId(`sne-nr${label}-set-bad`);
      await expect(
        (nodeRedisSetIncorrect.saveSession as SaveSession)(crashAfter(client, 1) as never, bad, "data", 30),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      expect(await ttlOf(`sess:${bad}`)).toBe(-1);

      // { EX } (what the autofix writes for node-redis) is read by v4 and v5 alike.
      const good = uniqueId(`sne-nr${label}-set-good`);
      await (nodeRedisSetCorrect.saveSession as SaveSession)(crashAfter(client, 1) as never, good, "data", 30);
      expect(await valueOf(`sess:${good}`)).toBe("data");
      const ttl = await ttlOf(`sess:${good}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30);
    });
  }

  it("EXPIRE's flags after a plain SET: NX and LT set the TTL, XX and GT never do (why only those are paired)", async () => {
    const redis = await ioredis();
    const replies: Record<string, number> = {};
    for (const flag of ["NX", "LT", "XX", "GT"] as const) {
      const key = `${uniqueId(`sne-flag-${flag}`)}`;
      await redis.set(key, "v");
      replies[flag] = (await redis.call("EXPIRE", key, 30, flag)) as number;
      replies[`${flag} ttl`] = await redis.ttl(key);
    }
    expect(replies.NX).toBe(1);
    expect(replies.LT).toBe(1);
    expect(replies.XX).toBe(0);
    expect(replies.GT).toBe(0);
    expect(replies["XX ttl"]).toBe(-1);
    expect(replies["GT ttl"]).toBe(-1);
  });

  it("SET drops a TTL; SET ... XX EX and SET ... GET EX keep their condition and reply (the message's 'keeping its other options')", async () => {
    const redis = await ioredis();
    const key = uniqueId("sne-set-drops-ttl");
    await redis.set(key, "old", "EX", 100);
    await redis.set(key, "new", "XX");
    expect(await ttlOf(key)).toBe(-1);
    expect(await redis.call("SET", key, "newer", "XX", "EX", 30)).toBe("OK");
    expect(await ttlOf(key)).toBeGreaterThan(0);
    expect(await redis.call("SET", key, "newest", "GET", "EX", 30)).toBe("newer");
    expect(await ttlOf(key)).toBeGreaterThan(0);
    const absent = uniqueId("sne-set-xx-absent");
    expect(await redis.call("SET", absent, "v", "XX", "EX", 30)).toBeNull();
    expect(await ttlOf(absent)).toBe(-2);
  });
});
