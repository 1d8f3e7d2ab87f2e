/**
 * no-keys: the docs' incorrect and correct examples return the same keys. (That KEYS blocks
 * the server is documented by Redis; this test does not time it.)
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-keys/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-keys/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-keys/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-keys/node-redis.correct.js";
import * as nodeRedis4Correct from "../../docs/examples/no-keys/node-redis-v4.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

type SessionKeys = (client: never, userId: string) => Promise<string[]>;

/** Stores 250 session keys of `userId` (more than one SCAN batch) and some keys that must not match. */
async function populate(userId: string): Promise<string[]> {
  const redis = await ioredis();
  const expected = Array.from({ length: 250 }, (_, i) => `session:${userId}:${i}`);
  await redis.mset(...expected.flatMap((k) => [k, "1"]));
  await redis.mset(`session:${userId}x:0`, "1", `user:${userId}:0`, "1", `session:other-${userId}:0`, "1");
  return expected.sort();
}

async function check(client: unknown, userId: string, expected: string[], ...impls: SessionKeys[]) {
  for (const sessionKeys of impls) {
    const keys = await sessionKeys(client as never, userId);
    expect(keys.length).toBe(expected.length); // SCAN may repeat a key; not on an unchanging keyspace
    expect([...keys].sort()).toEqual(expected);
  }
}

describeRedis("no-keys examples", () => {
  it("ioredis: KEYS and scanStream return the same keys", async () => {
    const userId = uniqueId("no-keys-ioredis");
    const expected = await populate(userId);
    await check(await ioredis(), userId, expected, ioredisIncorrect.sessionKeys, ioredisCorrect.sessionKeys);
  });

  it("node-redis v5: KEYS and scanIterator return the same keys", async () => {
    const userId = uniqueId("no-keys-node-redis");
    const expected = await populate(userId);
    await check(await nodeRedis(), userId, expected, nodeRedisIncorrect.sessionKeys, nodeRedisCorrect.sessionKeys);
  });

  it("node-redis v4: KEYS and scanIterator return the same keys", async () => {
    const userId = uniqueId("no-keys-node-redis4");
    const expected = await populate(userId);
    await check(await nodeRedis4(), userId, expected, nodeRedisIncorrect.sessionKeys, nodeRedis4Correct.sessionKeys);
  });

  it("the v5 example is wrong on v4 (why node-redis-v4.correct.ts exists)", async () => {
    const userId = uniqueId("no-keys-node-redis4-v5-code");
    const expected = await populate(userId);
    const keys = await nodeRedisCorrect.sessionKeys((await nodeRedis4()) as never, userId);
    expect(keys).not.toEqual(expect.arrayContaining(expected));
  });
});
