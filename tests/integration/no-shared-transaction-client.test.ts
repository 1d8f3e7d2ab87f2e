/**
 * no-shared-transaction-client:
 * - while one flow holds the shared client in raw MULTI, another caller's INCR resolves to
 *   "QUEUED" (ioredis `multi({ pipeline: false })`, node-redis v5 and v4 `sendCommand(["MULTI"])`);
 *   the pipelined multi() of the correct examples leaves the other caller a number;
 * - WATCH on a shared client is silently cleared by another flow's `multi().exec()`: a concurrent
 *   deposit is overwritten (lost update); on a dedicated connection the WATCH holds.
 */
import { createClientPool } from "redis";
import { describe, expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-shared-transaction-client/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-shared-transaction-client/ioredis.correct.js";
import * as ioredisIncorrectWatch from "../../docs/examples/no-shared-transaction-client/ioredis.incorrect.watch.js";
import * as ioredisCorrectWatch from "../../docs/examples/no-shared-transaction-client/ioredis.correct.watch.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-shared-transaction-client/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-shared-transaction-client/node-redis.correct.js";
import * as nodeRedisIncorrectWatch from "../../docs/examples/no-shared-transaction-client/node-redis.incorrect.watch.js";
import * as nodeRedisCorrectWatch from "../../docs/examples/no-shared-transaction-client/node-redis.correct.watch.js";
import * as nodeRedis4CorrectWatch from "../../docs/examples/no-shared-transaction-client/node-redis-v4.correct.watch.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4, redisUrl } from "../support/redis.js";

/** Methods that hand out another connection: what they give is wrapped too. */
const LENDERS = new Set(["duplicate", "execute", "executeIsolated"]);

/**
 * A proxy of `client` that runs `between` once, right after the first GET (on it or on a
 * connection it lends: `duplicate()`, `pool.execute(fn)`, `executeIsolated(fn)`): other flows
 * act between the example's WATCH and its EXEC.
 */
function interleave<T extends object>(client: T, between: () => Promise<unknown>): T {
  const state = { fired: false };
  const wrap = <U extends object>(target: U): U =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === "get") {
          return async (...args: unknown[]) => {
            const result = await fn.apply(obj, args);
            if (!state.fired) {
              state.fired = true;
              await between();
            }
            return result;
          };
        }
        if (typeof prop === "string" && LENDERS.has(prop)) {
          return (...args: unknown[]) => {
            if (prop === "duplicate") return wrap(fn.apply(obj, args) as object);
            const [task, ...rest] = args as [(c: object) => unknown, ...unknown[]];
            return fn.apply(obj, [(c: object) => task(wrap(c)), ...rest]);
          };
        }
        return fn.bind(obj);
      },
    });
  return wrap(client);
}

describeRedis("no-shared-transaction-client examples", () => {
  describe("raw MULTI on the shared client", () => {
    it('ioredis: another caller\'s INCR resolves to "QUEUED" while multi({ pipeline: false }) is open', async () => {
      const p = keyPrefix("no-shared-tx-ioredis-multi");
      const orders = new ioredisIncorrect.Orders(await ioredis());
      const reset = orders.resetDailyCounters([`${p}daily:a`, `${p}daily:b`]); // the nightly job: MULTI is sent now
      const id = await orders.nextId(`${p}orders`); // a request, meanwhile
      await reset;
      expect(id).toBe("QUEUED"); // typed `number`
      // The INCR ran later, inside the job's transaction.
      expect(await (await ioredis()).get(`sequence:${p}orders`)).toBe("1");
    });

    it("ioredis: with a pipelined multi() the other caller gets its number", async () => {
      const p = keyPrefix("no-shared-tx-ioredis-multi-ok");
      const redis = await ioredis();
      await redis.set(`${p}daily:a`, "5");
      const orders = new ioredisCorrect.Orders(redis);
      const reset = orders.resetDailyCounters([`${p}daily:a`, `${p}daily:b`]);
      const id = await orders.nextId(`${p}orders`);
      await reset;
      expect(id).toBe(1);
      expect(await redis.exists(`${p}daily:a`)).toBe(0);
    });

    for (const [version, connect] of [
      ["v5", nodeRedis],
      ["v4", nodeRedis4],
    ] as const) {
      it(`node-redis ${version}: another caller's INCR resolves to "QUEUED" while sendCommand(["MULTI"]) is open`, async () => {
        const p = keyPrefix(`no-shared-tx-node-redis-${version}-multi`);
        const orders = new nodeRedisIncorrect.Orders((await connect()) as never);
        const reset = orders.resetDailyCounters([`${p}daily:a`, `${p}daily:b`]);
        const id = await orders.nextId(`${p}orders`);
        await reset;
        expect(id).toBe("QUEUED");
      });

      it(`node-redis ${version}: with multi() the other caller gets its number`, async () => {
        const p = keyPrefix(`no-shared-tx-node-redis-${version}-multi-ok`);
        const client = await connect();
        await client.set(`${p}daily:a`, "5");
        const orders = new nodeRedisCorrect.Orders(client as never);
        const reset = orders.resetDailyCounters([`${p}daily:a`, `${p}daily:b`]);
        const id = await orders.nextId(`${p}orders`);
        await reset;
        expect(id).toBe(1);
        expect(await client.exists(`${p}daily:a`)).toBe(0);
      });
    }
  });

  describe("WATCH on the shared client", () => {
    /** Another request's transaction on the same wallets object, then a deposit from another connection. */
    function meanwhile(wallets: () => { audit(wallet: string, entry: string): Promise<void> }, wallet: string) {
      return async () => {
        await wallets().audit(wallet, "withdraw started");
        const other = await ioredis();
        await other.incrby(wallet, 50);
      };
    }

    it("ioredis: another flow's multi().exec() clears the WATCH and the deposit is overwritten", async () => {
      const wallet = `${keyPrefix("no-shared-tx-ioredis-watch")}wallet`;
      const redis = await ioredis();
      await redis.set(wallet, "100");
      const wallets: ioredisIncorrectWatch.Wallets = new ioredisIncorrectWatch.Wallets(
        interleave(
          redis,
          meanwhile(() => wallets, wallet),
        ),
      );

      expect(await wallets.withdraw(wallet, 30)).toBe("done");
      // 100 + 50 - 30 = 120 was due; the withdrawal wrote 100 - 30 over the deposit.
      expect(await redis.get(wallet)).toBe("70");
    });

    it("ioredis: on a duplicate() connection the WATCH holds and the conflict is seen", async () => {
      const wallet = `${keyPrefix("no-shared-tx-ioredis-watch-ok")}wallet`;
      const redis = await ioredis();
      await redis.set(wallet, "100");
      const wallets: ioredisCorrectWatch.Wallets = new ioredisCorrectWatch.Wallets(
        interleave(
          redis,
          meanwhile(() => wallets, wallet),
        ),
      );

      expect(await wallets.withdraw(wallet, 30)).toBe("conflict");
      expect(await redis.get(wallet)).toBe("150"); // the deposit survived
      expect(await wallets.withdraw(wallet, 30)).toBe("done"); // the retry applies
      expect(await redis.get(wallet)).toBe("120");
    });

    for (const [version, connect] of [
      ["v5", nodeRedis],
      ["v4", nodeRedis4],
    ] as const) {
      it(`node-redis ${version}: another flow's multi().exec() clears the WATCH and the deposit is overwritten`, async () => {
        const wallet = `${keyPrefix(`no-shared-tx-node-redis-${version}-watch`)}wallet`;
        const client = await connect();
        await client.set(wallet, "100");
        const wallets: nodeRedisIncorrectWatch.Wallets = new nodeRedisIncorrectWatch.Wallets(
          interleave(
            client,
            meanwhile(() => wallets, wallet),
          ) as never,
        );

        expect(await wallets.withdraw(wallet, 30)).toBe("done"); // no WatchError
        expect(await client.get(wallet)).toBe("70");
      });
    }

    it("node-redis v5: in pool.execute() the WATCH holds and exec() rejects with WatchError", async () => {
      const wallet = `${keyPrefix("no-shared-tx-node-redis-pool")}wallet`;
      const pool = createClientPool({ url: redisUrl! });
      pool.on("error", () => {});
      await pool.connect();
      try {
        await pool.set(wallet, "100");
        const wallets: nodeRedisCorrectWatch.Wallets = new nodeRedisCorrectWatch.Wallets(
          interleave(
            pool,
            meanwhile(() => wallets, wallet),
          ) as never,
        );

        await expect(wallets.withdraw(wallet, 30)).rejects.toThrow(/watched keys has been changed/);
        expect(await pool.get(wallet)).toBe("150");
        expect(await wallets.withdraw(wallet, 30)).toBe("done");
        expect(await pool.get(wallet)).toBe("120");
      } finally {
        await pool.close();
      }
    });

    it("node-redis v4: in executeIsolated() the WATCH holds and exec() rejects with WatchError", async () => {
      const wallet = `${keyPrefix("no-shared-tx-node-redis4-isolated")}wallet`;
      const client = await nodeRedis4();
      await client.set(wallet, "100");
      const wallets: nodeRedis4CorrectWatch.Wallets = new nodeRedis4CorrectWatch.Wallets(
        interleave(
          client,
          meanwhile(() => wallets, wallet),
        ) as never,
      );

      await expect(wallets.withdraw(wallet, 30)).rejects.toThrow(/watched keys has been changed/);
      expect(await client.get(wallet)).toBe("150");
      expect(await wallets.withdraw(wallet, 30)).toBe("done");
      expect(await client.get(wallet)).toBe("120");
    });
  });
});
