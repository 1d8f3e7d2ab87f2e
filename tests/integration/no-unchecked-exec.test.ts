/**
 * no-unchecked-exec: WATCH, then a write from a second connection, makes ioredis exec() resolve
 * to null; the unchecked example still reports the transfer as done, the checked one reports the
 * conflict. node-redis rejects with WatchError instead (why it is out of the rule's scope).
 */
import type { Redis } from "ioredis";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-unchecked-exec/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-unchecked-exec/ioredis.correct.js";
import * as nodeRedisCorrect from "../../docs/examples/no-unchecked-exec/node-redis.correct.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4 } from "../support/redis.js";

/**
 * A proxy of `client` that runs `between` once, right after the first GET: another connection's
 * write lands between the example's WATCH and its EXEC. Records what every exec() resolved to.
 */
function interleave<T extends object>(client: T, between: () => Promise<unknown>) {
  const execResults: unknown[] = [];
  let fired = false;
  const proxy = new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === "get") {
        return async (...args: unknown[]) => {
          const result = await fn.apply(target, args);
          if (!fired) {
            fired = true;
            await between();
          }
          return result;
        };
      }
      if (prop === "multi") {
        return (...args: unknown[]) => {
          const tx = fn.apply(target, args) as { exec: (...a: unknown[]) => Promise<unknown> };
          const exec = tx.exec.bind(tx);
          tx.exec = async (...a: unknown[]) => {
            const result = await exec(...a);
            execResults.push(result);
            return result;
          };
          return tx;
        };
      }
      return fn.bind(target);
    },
  });
  return { client: proxy, execResults };
}

async function wallets(redis: Redis, test: string, balance: number) {
  const p = keyPrefix(test);
  const from = `${p}wallet:alice`;
  const to = `${p}wallet:bob`;
  await redis.set(from, String(balance));
  await redis.set(to, "0");
  return { from, to };
}

describeRedis("no-unchecked-exec examples", () => {
  it("ioredis: exec() resolves to null after a concurrent write, and the unchecked example reports success", async () => {
    const redis = await ioredis();
    const other = await ioredis();
    const { from, to } = await wallets(redis, "no-unchecked-exec-incorrect", 100);
    // A deposit from another connection between WATCH and EXEC.
    const { client, execResults } = interleave(redis, () => other.incrby(from, 50));

    const outcome = await ioredisIncorrect.transfer(client, from, to, 30);

    expect(execResults).toEqual([null]); // the transaction was aborted...
    expect(outcome).toBe("done"); // ...yet the caller is told the money moved
    expect(await redis.get(to)).toBe("0"); // nothing reached bob
    expect(await redis.get(from)).toBe("150"); // only the deposit was applied
  });

  it("ioredis: the checked example reports the conflict, and transfers when nothing interferes", async () => {
    const redis = await ioredis();
    const other = await ioredis();
    const { from, to } = await wallets(redis, "no-unchecked-exec-correct", 100);
    const { client, execResults } = interleave(redis, () => other.incrby(from, 50));

    expect(await ioredisCorrect.transfer(client, from, to, 30)).toBe("conflict");
    expect(execResults).toEqual([null]);
    expect(await redis.get(from)).toBe("150");
    expect(await redis.get(to)).toBe("0");

    // Retried without interference, the transfer applies.
    expect(await ioredisCorrect.transfer(redis, from, to, 30)).toBe("done");
    expect(await redis.get(from)).toBe("120");
    expect(await redis.get(to)).toBe("30");
    expect(await ioredisCorrect.transfer(redis, from, to, 500)).toBe("insufficient");
  });

  it("node-redis v5: exec() rejects with WatchError instead of resolving to null (out of the rule's scope)", async () => {
    const client = await nodeRedis();
    const other = await ioredis();
    const { from, to } = await wallets(other, "no-unchecked-exec-node-redis", 100);
    const { client: proxied } = interleave(client, () => other.incrby(from, 50));

    expect(await nodeRedisCorrect.transfer(proxied as never, from, to, 30)).toBe("conflict");
    expect(await other.get(from)).toBe("150");
    expect(await nodeRedisCorrect.transfer(client as never, from, to, 30)).toBe("done");
    expect(await other.get(to)).toBe("30");
  });

  it("node-redis v4: exec() rejects as well", async () => {
    const client = await nodeRedis4();
    const other = await ioredis();
    const p = keyPrefix("no-unchecked-exec-node-redis4");
    await client.set(`${p}k`, "1");
    await client.watch(`${p}k`);
    await other.set(`${p}k`, "2");
    await expect(client.multi().set(`${p}k`, "3").exec()).rejects.toThrow(/watched keys has been changed/);
    expect(await other.get(`${p}k`)).toBe("2");
  });
});
