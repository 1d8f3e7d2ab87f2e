/**
 * no-ttl-unit-mismatch: the docs' examples against a real server. A TTL in milliseconds given
 * where Redis takes seconds makes the key live 1,000 times longer (and an absolute time in
 * milliseconds, for ever in practice); an absolute time in seconds given where Redis takes
 * milliseconds is in 1970, so the key is deleted at once; SETEX with the value second is
 * rejected. The correct examples give the intended TTL. (Margins are wide: no timing.)
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-ttl-unit-mismatch/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-ttl-unit-mismatch/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-ttl-unit-mismatch/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-ttl-unit-mismatch/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, uniqueId } from "../support/redis.js";

const TEN_YEARS_S = 10 * 365 * 24 * 3600;
const FIFTEEN_MINUTES_S = 15 * 60;
const HOUR_MS = 3600 * 1000;

interface Examples {
  storeResetToken(client: never, token: string, userId: string): Promise<void>;
  expireSessionAt(client: never, sessionId: string, deadline: Date): Promise<void>;
  extendHoldUntil(client: never, seatId: string, until: Date): Promise<void>;
}

/** TTL (s) of the reset token, TTL (s) of the session, and whether the hold still exists with its PTTL. */
async function run(client: unknown, examples: Examples, id: string) {
  const redis = await ioredis();
  const c = client as never;
  await examples.storeResetToken(c, id, "user-1");
  await redis.set(`session:${id}`, "user-1");
  await examples.expireSessionAt(c, id, new Date(Date.now() + HOUR_MS));
  await redis.set(`hold:${id}`, "held");
  await examples.extendHoldUntil(c, id, new Date(Date.now() + HOUR_MS));
  return {
    resetTtl: await redis.ttl(`reset:${id}`),
    sessionTtl: await redis.ttl(`session:${id}`),
    holdExists: await redis.exists(`hold:${id}`),
    holdPttl: await redis.pttl(`hold:${id}`),
  };
}

describeRedis("no-ttl-unit-mismatch examples", () => {
  for (const [client, incorrect, correct, connect] of [
    ["ioredis", ioredisIncorrect, ioredisCorrect, ioredis],
    ["node-redis v5", nodeRedisIncorrect, nodeRedisCorrect, nodeRedis],
  ] as const) {
    it(`${client}: EX given milliseconds lives 1,000 times longer; EXPIREAT given milliseconds lives for ages; PEXPIREAT given seconds deletes the key at once`, async () => {
      const r = await run(await connect(), incorrect, uniqueId(`no-ttl-unit-mismatch-${client}-bad`));
      // 15 minutes meant; 900,000 seconds (over ten days) set.
      expect(r.resetTtl).toBeGreaterThan(FIFTEEN_MINUTES_S * 999);
      expect(r.resetTtl).toBeLessThanOrEqual(FIFTEEN_MINUTES_S * 1000);
      // An hour meant; tens of thousands of years set.
      expect(r.sessionTtl).toBeGreaterThan(TEN_YEARS_S);
      // An hour meant; deleted at once.
      expect(r.holdExists).toBe(0);
    });

    it(`${client}: the correct example gives the intended TTLs`, async () => {
      const r = await run(await connect(), correct, uniqueId(`no-ttl-unit-mismatch-${client}-good`));
      expect(r.resetTtl).toBeGreaterThan(FIFTEEN_MINUTES_S - 60);
      expect(r.resetTtl).toBeLessThanOrEqual(FIFTEEN_MINUTES_S);
      expect(r.sessionTtl).toBeGreaterThan(3600 - 120);
      expect(r.sessionTtl).toBeLessThanOrEqual(3600);
      expect(r.holdExists).toBe(1);
      expect(r.holdPttl).toBeGreaterThan(HOUR_MS - 120_000);
      expect(r.holdPttl).toBeLessThanOrEqual(HOUR_MS);
    });
  }

  it("EXPIREAT given Date.now() sets a TTL of tens of thousands of years; EXPIREAT given Math.floor(Date.now() / 1000) + 60 a minute", async () => {
    const redis = await ioredis();
    const id = uniqueId("no-ttl-unit-mismatch-now");
    // eslint-disable-next-line redis/no-setnx-expire -- a plain key for EXPIREAT to act on: what it does is measured
    await redis.set(`${id}:a`, "1");
    // eslint-disable-next-line redis/no-setnx-expire -- a plain key for EXPIREAT to act on: what it does is measured
    await redis.set(`${id}:b`, "1");
    // eslint-disable-next-line redis/no-ttl-unit-mismatch -- the mistake this test measures
    await redis.expireat(`${id}:a`, Date.now());
    await redis.expireat(`${id}:b`, Math.floor(Date.now() / 1000) + 60);
    expect(await redis.ttl(`${id}:a`)).toBeGreaterThan(TEN_YEARS_S * 1000);
    const b = await redis.ttl(`${id}:b`);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThanOrEqual(60);
  });

  it("ioredis: SETEX with the value second is rejected and stores nothing; the correct order stores it for an hour", async () => {
    const redis = await ioredis();
    const id = uniqueId("no-ttl-unit-mismatch-setex");
    await expect(ioredisIncorrect.cacheProfile(redis as never, id, { name: "Ada" })).rejects.toThrow(
      /value is not an integer or out of range/,
    );
    expect(await redis.exists(`profile:${id}`)).toBe(0);
    await ioredisCorrect.cacheProfile(redis as never, id, { name: "Ada" });
    expect(await redis.get(`profile:${id}`)).toBe('{"name":"Ada"}');
    const ttl = await redis.ttl(`profile:${id}`);
    expect(ttl).toBeGreaterThan(3600 - 120);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it("node-redis v5: a Date given to expireAt or GETEX's EXAT is converted to seconds; SET's EXAT rejects it; GETEX's { type: \"PXAT\" } converts it to seconds too, and with getTime() keeps the key", async () => {
    const client = await nodeRedis();
    const id = uniqueId("no-ttl-unit-mismatch-date");
    const inAnHour = () => new Date(Date.now() + HOUR_MS);
    // eslint-disable-next-line redis/no-setnx-expire -- a plain key for EXPIREAT to act on: what it does is measured
    await client.set(`${id}:a`, "1");
    await client.expireAt(`${id}:a`, inAnHour());
    await client.set(`${id}:b`, "1");
    await client.getEx(`${id}:b`, { type: "EXAT", value: inAnHour() });
    for (const key of [`${id}:a`, `${id}:b`]) {
      const ttl = await client.ttl(key);
      expect(ttl).toBeGreaterThan(3600 - 120);
      expect(ttl).toBeLessThanOrEqual(3600);
    }
    await expect(client.set(`${id}:c`, "1", { EXAT: inAnHour() as unknown as number })).rejects.toThrow(
      /value is not an integer or out of range/,
    );
    // GETEX PXAT with a Date: node-redis writes the Date in seconds, a time in 1970.
    await client.set(`${id}:d`, "1");
    await client.getEx(`${id}:d`, { type: "PXAT", value: inAnHour() });
    expect(await client.exists(`${id}:d`)).toBe(0);
    // The rule's fix, `.getTime()`: milliseconds, and the key lives an hour.
    await client.set(`${id}:e`, "1");
    expect(await client.getEx(`${id}:e`, { type: "PXAT", value: inAnHour().getTime() })).toBe("1");
    const pttl = await client.pTTL(`${id}:e`);
    expect(pttl).toBeGreaterThan(HOUR_MS - 120_000);
    expect(pttl).toBeLessThanOrEqual(HOUR_MS);
  });

  it('node-redis v5: readHoldUntil as written (a Date given to GETEX\'s { type: "PXAT" }) deletes the hold at once; as fixed (until.getTime()) keeps it for an hour', async () => {
    const client = await nodeRedis();
    const id = uniqueId("no-ttl-unit-mismatch-getex-pxat");
    const until = new Date(Date.now() + HOUR_MS);
    await client.set(`hold:${id}:bad`, "held");
    // The value is read, then the key is gone: PXAT got a time in seconds, in January 1970.
    expect(await nodeRedisIncorrect.readHoldUntil(client as never, `${id}:bad`, until)).toBe("held");
    expect(await client.exists(`hold:${id}:bad`)).toBe(0);
    await client.set(`hold:${id}:good`, "held");
    expect(await nodeRedisCorrect.readHoldUntil(client as never, `${id}:good`, until)).toBe("held");
    expect(await client.exists(`hold:${id}:good`)).toBe(1);
    const pttl = await client.pTTL(`hold:${id}:good`);
    expect(pttl).toBeGreaterThan(HOUR_MS - 120_000);
    expect(pttl).toBeLessThanOrEqual(HOUR_MS);
  });
});
