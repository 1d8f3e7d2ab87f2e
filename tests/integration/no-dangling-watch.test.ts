/**
 * no-dangling-watch: an early `return` (or `throw`) after WATCH leaves the connection watching.
 * Someone then touches the watched key, and the next, unrelated transaction on that connection
 * aborts: ioredis exec() resolves to null, node-redis (v5 and v4) rejects with WatchError, and the
 * order is never written. The correct examples clear the WATCH on every way out.
 */
import { WatchError } from "redis";
import { WatchError as WatchError4 } from "redis4";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-dangling-watch/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-dangling-watch/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-dangling-watch/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-dangling-watch/node-redis.correct.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

type Redeem = typeof nodeRedisCorrect.redeemCoupon;

describeRedis("no-dangling-watch examples", () => {
  it("ioredis: after the early return, the next unrelated transaction on the connection resolves to null", async () => {
    const connection = await ioredis(); // dedicated: this flow and the next use it
    const admin = await ioredis();
    const code = uniqueId("no-dangling-watch-io-incorrect");
    const order = `${keyPrefix("no-dangling-watch-io-incorrect")}order`;

    expect(await ioredisIncorrect.redeemCoupon(connection, code)).toBe("unknown code");
    // The coupon is created meanwhile: the key that connection still watches changes.
    await admin.set(`coupon:${code}:uses-left`, "3");
    // An unrelated transaction, later, on the same connection.
    expect(await connection.multi().set(order, "paid").exec()).toBeNull();
    expect(await admin.exists(order)).toBe(0);
  });

  it("ioredis: the correct example clears the WATCH on its early returns", async () => {
    const connection = await ioredis();
    const admin = await ioredis();
    const code = uniqueId("no-dangling-watch-io-correct");
    const key = `coupon:${code}:uses-left`;
    const order = `${keyPrefix("no-dangling-watch-io-correct")}order`;

    expect(await ioredisCorrect.redeemCoupon(connection, code)).toBe("unknown code");
    await admin.set(key, "0");
    expect(await connection.multi().set(order, "paid").exec()).toEqual([[null, "OK"]]);
    expect(await ioredisCorrect.redeemCoupon(connection, code)).toBe("used up");
    await admin.set(key, "2");
    expect(await connection.multi().set(order, "shipped").exec()).toEqual([[null, "OK"]]);
    expect(await ioredisCorrect.redeemCoupon(connection, code)).toBe("redeemed");
    expect(await admin.get(key)).toBe("1");
    expect(await admin.get(order)).toBe("shipped");
  });

  for (const [label, connect, watchError] of [
    ["v5", nodeRedis, WatchError],
    ["v4", nodeRedis4, WatchError4],
  ] as const) {
    it(`node-redis ${label}: after the early return or the throw, the next unrelated transaction rejects with WatchError`, async () => {
      const client = await connect();
      const admin = await ioredis();
      const code = uniqueId(`no-dangling-watch-nr${label}-incorrect`);
      const key = `coupon:${code}:uses-left`;
      const order = `${keyPrefix(`no-dangling-watch-nr${label}-incorrect`)}order`;
      const redeem = nodeRedisIncorrect.redeemCoupon as Redeem as (c: unknown, code: string) => ReturnType<Redeem>;

      expect(await redeem(client, code)).toBe("unknown code");
      await admin.set(key, "0");
      await expect(client.multi().set(order, "paid").exec()).rejects.toBeInstanceOf(watchError);
      expect(await admin.exists(order)).toBe(0);

      // The throw path: the coupon is used up, and the WATCH stays behind as well.
      await expect(redeem(client, code)).rejects.toThrow(/used up/);
      await admin.set(key, "5");
      await expect(client.multi().set(order, "paid").exec()).rejects.toBeInstanceOf(watchError);
      expect(await admin.exists(order)).toBe(0);
    });

    it(`node-redis ${label}: the correct example's finally clears the WATCH on every way out`, async () => {
      const client = await connect();
      const admin = await ioredis();
      const code = uniqueId(`no-dangling-watch-nr${label}-correct`);
      const key = `coupon:${code}:uses-left`;
      const order = `${keyPrefix(`no-dangling-watch-nr${label}-correct`)}order`;
      const redeem = nodeRedisCorrect.redeemCoupon as (c: unknown, code: string) => ReturnType<Redeem>;

      expect(await redeem(client, code)).toBe("unknown code");
      await admin.set(key, "0");
      expect(await client.multi().set(order, "paid").exec()).toEqual(["OK"]);

      await expect(redeem(client, code)).rejects.toThrow(/used up/);
      await admin.set(key, "2");
      expect(await client.multi().set(order, "shipped").exec()).toEqual(["OK"]);

      expect(await redeem(client, code)).toBe("redeemed");
      expect(await admin.get(key)).toBe("1");
    });
  }
});
