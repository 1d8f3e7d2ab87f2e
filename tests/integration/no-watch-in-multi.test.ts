/**
 * no-watch-in-multi: WATCH queued on the transaction builder is sent after MULTI and protects
 * nothing. Five tickets are sold by another connection between the example's read and its EXEC:
 * - ioredis drops the "WATCH inside MULTI is not allowed" error and commits: the stock goes back
 *   up from 5 to 9, the five concurrent sales are overwritten, and the caller is told "sold";
 * - node-redis v4 rejects, but only after the SET was committed: the stock is 9 as well;
 * - with WATCH on the connection before the read (the correct examples) the transaction is
 *   aborted and the stock stays 5.
 */
import { WatchError } from "redis";
import { WatchError as WatchError4 } from "redis4";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-watch-in-multi/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-watch-in-multi/ioredis.correct.js";
import * as nodeRedis4Incorrect from "../../docs/examples/no-watch-in-multi/node-redis-v4.incorrect.js";
import * as nodeRedis4Correct from "../../docs/examples/no-watch-in-multi/node-redis-v4.correct.js";
import * as nodeRedisCorrect from "../../docs/examples/no-watch-in-multi/node-redis.correct.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4 } from "../support/redis.js";

/**
 * A proxy of `client` that runs `between` once, right after the first GET: another connection's
 * write lands between the example's read and its EXEC.
 */
function afterFirstGet<T extends object>(client: T, between: () => Promise<unknown>): T {
  let fired = false;
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop !== "get") return fn.bind(target);
      return async (...args: unknown[]) => {
        const result = await fn.apply(target, args);
        if (!fired) {
          fired = true;
          await between();
        }
        return result;
      };
    },
  });
}

describeRedis("no-watch-in-multi examples", () => {
  it("ioredis: multi().watch() does not stop a concurrent write from being overwritten", async () => {
    const redis = await ioredis();
    const other = await ioredis();
    const stock = `${keyPrefix("no-watch-in-multi-io-incorrect")}stock`;
    await other.set(stock, "10");
    // Five tickets sold elsewhere while this sale is between its read and its EXEC.
    const client = afterFirstGet(redis, () => other.decrby(stock, 5));

    expect(await ioredisIncorrect.sellTicket(client, stock)).toBe("sold");
    // 10 - 1: the five concurrent sales were overwritten.
    expect(await other.get(stock)).toBe("9");
  });

  it("ioredis: WATCH on the connection before the read aborts the transaction", async () => {
    const redis = await ioredis();
    const other = await ioredis();
    const stock = `${keyPrefix("no-watch-in-multi-io-correct")}stock`;
    await other.set(stock, "10");
    const client = afterFirstGet(redis, () => other.decrby(stock, 5));

    expect(await ioredisCorrect.sellTicket(client, stock)).toBe("conflict");
    expect(await other.get(stock)).toBe("5");
    // Retried without interference, the sale goes through.
    expect(await ioredisCorrect.sellTicket(redis, stock)).toBe("sold");
    expect(await other.get(stock)).toBe("4");
    await other.set(stock, "0");
    expect(await ioredisCorrect.sellTicket(redis, stock)).toBe("sold out");
  });

  it("node-redis v4: exec() rejects, but only after the SET was committed over the concurrent write", async () => {
    const client = await nodeRedis4();
    const other = await ioredis();
    const stock = `${keyPrefix("no-watch-in-multi-nr4-incorrect")}stock`;
    await other.set(stock, "10");
    const proxied = afterFirstGet(client, () => other.decrby(stock, 5));

    await expect(nodeRedis4Incorrect.sellTicket(proxied as never, stock)).rejects.toThrow(
      /WATCH inside MULTI is not allowed/,
    );
    expect(await other.get(stock)).toBe("9");
  });

  it("node-redis v4: WATCH on the connection makes exec() reject with WatchError, writing nothing", async () => {
    const client = await nodeRedis4();
    const other = await ioredis();
    const stock = `${keyPrefix("no-watch-in-multi-nr4-correct")}stock`;
    await other.set(stock, "10");
    const proxied = afterFirstGet(client, () => other.decrby(stock, 5));

    await expect(nodeRedis4Correct.sellTicket(proxied as never, stock)).rejects.toBeInstanceOf(WatchError4);
    expect(await other.get(stock)).toBe("5");
    expect(await nodeRedis4Correct.sellTicket(client as never, stock)).toBe("sold");
    expect(await other.get(stock)).toBe("4");
  });

  it("node-redis v5: the builder has no watch() at all; WATCH on the client holds", async () => {
    const client = await nodeRedis();
    const other = await ioredis();
    const stock = `${keyPrefix("no-watch-in-multi-nr5")}stock`;
    await other.set(stock, "10");
    expect((client.multi() as unknown as { watch?: unknown }).watch).toBeUndefined();
    // The v4 code fails on v5 with a TypeError before EXEC.
    await expect(nodeRedis4Incorrect.sellTicket(client as never, stock)).rejects.toBeInstanceOf(TypeError);

    const proxied = afterFirstGet(client, () => other.decrby(stock, 5));
    await expect(nodeRedisCorrect.sellTicket(proxied as never, stock)).rejects.toBeInstanceOf(WatchError);
    expect(await other.get(stock)).toBe("5");
    expect(await nodeRedisCorrect.sellTicket(client as never, stock)).toBe("sold");
    expect(await other.get(stock)).toBe("4");
  });
});
