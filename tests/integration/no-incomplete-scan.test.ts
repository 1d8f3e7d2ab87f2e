/**
 * no-incomplete-scan: with 1,000 matching keys among 5,000 others, one SCAN with COUNT 100 (the
 * docs' incorrect examples) returns a small part of them; the correct examples, which pass the
 * cursor back until it is "0", return all 1,000.
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-incomplete-scan/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-incomplete-scan/ioredis.correct.js";
import * as ioredisLoop from "../../docs/examples/no-incomplete-scan/ioredis.correct.loop.js";
import * as ioredisPaging from "../../docs/examples/no-incomplete-scan/ioredis.correct.paging.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-incomplete-scan/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-incomplete-scan/node-redis.correct.js";
import * as nodeRedis4Correct from "../../docs/examples/no-incomplete-scan/node-redis-v4.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

const MATCHING = 1000;
const OTHERS = 5000;

/** Stores 1,000 session keys of a new user and 5,000 other keys; returns the user and the sorted session keys. */
async function populate(name: string): Promise<{ userId: string; expected: string[] }> {
  const redis = await ioredis();
  const userId = uniqueId(name);
  const expected = Array.from({ length: MATCHING }, (_, i) => `session:${userId}:${i}`);
  const others = Array.from({ length: OTHERS }, (_, i) => `cache:${userId}:${i}`);
  const pipeline = redis.pipeline();
  for (const key of [...expected, ...others]) pipeline.set(key, "1");
  await pipeline.exec();
  return { userId, expected: expected.sort() };
}

/** One page holds far fewer than the 1,000 matches (about COUNT / 6 of them on this keyspace). */
function expectIncomplete(keys: string[], expected: string[]): void {
  expect(keys.every((k) => expected.includes(k))).toBe(true);
  expect(keys.length).toBeLessThan(MATCHING / 2);
}

function expectComplete(keys: string[], expected: string[]): void {
  // SCAN may return a key twice in general; not on a keyspace that does not change meanwhile.
  expect([...new Set(keys)].sort()).toEqual(expected);
}

describeRedis("no-incomplete-scan examples", () => {
  it("ioredis: one SCAN page misses most of the 1,000 keys; scanStream and the cursor loop find all", async () => {
    const { userId, expected } = await populate("no-incomplete-scan-ioredis");
    const redis = await ioredis();
    expectIncomplete(await ioredisIncorrect.sessionKeys(redis, userId), expected);
    expectComplete(await ioredisCorrect.sessionKeys(redis, userId), expected);
    expectComplete(await ioredisLoop.sessionKeys(redis, userId), expected);
  });

  it("ioredis: the paging API gives every key to a caller that follows its cursor", async () => {
    const { userId, expected } = await populate("no-incomplete-scan-paging");
    const redis = await ioredis();
    const keys: string[] = [];
    let page = await ioredisPaging.sessionPage(redis, userId);
    keys.push(...page.keys);
    while (!page.done) {
      page = await ioredisPaging.sessionPage(redis, userId, page.cursor);
      keys.push(...page.keys);
    }
    expectComplete(keys, expected);
  });

  it("node-redis v5: one SCAN page misses most of the 1,000 keys; scanIterator finds all", async () => {
    const { userId, expected } = await populate("no-incomplete-scan-node-redis");
    const client = await nodeRedis();
    expectIncomplete(await nodeRedisIncorrect.sessionKeys(client as never, userId), expected);
    expectComplete(await nodeRedisCorrect.sessionKeys(client as never, userId), expected);
  });

  it("node-redis v4: one SCAN page misses most of the 1,000 keys; scanIterator finds all", async () => {
    const { userId, expected } = await populate("no-incomplete-scan-node-redis4");
    const client = await nodeRedis4();
    expectIncomplete(await nodeRedisIncorrect.sessionKeys(client as never, userId), expected);
    expectComplete(await nodeRedis4Correct.sessionKeys(client as never, userId), expected);
  });
});
