/** The integration helpers themselves: clients connect, keys are unique, crashAfter counts round trips. */
import { expect, it } from "vitest";
import {
  SimulatedCrash,
  crashAfter,
  describeRedis,
  ioredis,
  keyPrefix,
  nodeRedis,
  nodeRedis4,
  uniqueId,
} from "./redis.js";

it("uniqueId / keyPrefix are unique and glob-safe", () => {
  const a = uniqueId("a test: with *glob*");
  expect(a).toMatch(/^a-test-with-glob-[0-9a-f]{8}$/);
  expect(uniqueId("x")).not.toBe(uniqueId("x"));
  expect(keyPrefix("x")).toMatch(/^x-[0-9a-f]{8}:$/);
});

describeRedis("crashAfter", () => {
  it("ioredis: commands, raw commands and exec() count; queued commands do not", async () => {
    const p = keyPrefix("crash-ioredis");
    const redis = crashAfter(await ioredis(), 3);
    await redis.set(`${p}a`, "1");
    await redis.call("SET", `${p}b`, "2");
    await redis.multi().set(`${p}c`, "3").incr(`${p}a`).exec();
    expect(() => redis.get(`${p}a`)).toThrow(SimulatedCrash);
    await expect((async () => redis.set(`${p}d`, "4"))()).rejects.toBeInstanceOf(SimulatedCrash);
    const check = await ioredis();
    expect(await check.mget(`${p}a`, `${p}b`, `${p}c`, `${p}d`)).toEqual(["2", "2", "3", null]);
  });

  it("ioredis: the crash stops exec() of a pipeline, and duplicate() shares the count", async () => {
    const p = keyPrefix("crash-ioredis-dup");
    const redis = crashAfter(await ioredis(), 1);
    const other = redis.duplicate();
    await other.set(`${p}a`, "1");
    const tx = redis.multi().set(`${p}b`, "2");
    expect(() => tx.exec()).toThrow(SimulatedCrash);
    other.disconnect();
    expect(await (await ioredis()).exists(`${p}b`)).toBe(0);
  });

  it("node-redis v5: camelCase, UPPER-CASE, sendCommand and multi().exec()", async () => {
    const p = keyPrefix("crash-node-redis");
    const client = crashAfter(await nodeRedis(), 3);
    await client.setNX(`${p}a`, "1");
    await client.SET(`${p}b`, "2");
    await client.multi().set(`${p}c`, "3").incr(`${p}a`).exec();
    expect(() => client.sendCommand(["GET", `${p}a`])).toThrow(SimulatedCrash);
    expect(await (await nodeRedis()).mGet([`${p}a`, `${p}b`, `${p}c`])).toEqual(["2", "2", "3"]);
  });

  it("node-redis v4", async () => {
    const p = keyPrefix("crash-node-redis4");
    const client = crashAfter(await nodeRedis4(), 1);
    await client.set(`${p}a`, "1");
    await expect((async () => client.multi().set(`${p}b`, "2").exec())()).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await (await nodeRedis4()).exists(`${p}b`)).toBe(0);
  });
});
