/**
 * no-unchecked-exec: WATCH, then a write from a second connection, makes ioredis exec() resolve
 * to null; the unchecked example still reports the transfer as done, the checked one reports the
 * conflict. node-redis v4 and later reject with WatchError instead (why they are out of the rule's
 * scope); node-redis v3 calls exec(callback) with null replies, as ioredis resolves to null.
 */
import type { Redis } from "ioredis";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-unchecked-exec/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-unchecked-exec/ioredis.correct.js";
import * as nodeRedisCorrect from "../../docs/examples/no-unchecked-exec/node-redis.correct.js";
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import rule from "../../src/rules/no-unchecked-exec.js";
import {
  type NodeRedis3Client,
  describeRedis,
  ioredis,
  keyPrefix,
  nodeRedis,
  nodeRedis3,
  nodeRedis4,
  send3,
} from "../support/redis.js";

/** node-redis v3 (issue #14 item 4): WATCH, then exec(callback) whose replies are used unchecked, or checked. */
const V3_UNCHECKED = `function (err, replies) {
    if (err) return callback(err);
    callback(null, replies[0]);
  }`;
const V3_CHECKED = `function (err, replies) {
    if (err) return callback(err);
    if (replies === null) return callback(new Error("conflict"));
    callback(null, replies[0]);
  }`;
const v3Take = (onExec: string) => `const redis = require("redis");
const client = redis.createClient();
function take(key, callback) {
  client.watch(key);
  client.multi().decr(key).exec(${onExec});
}`;

/** The rule's messages on `code`, linted as a node-redis v3 file. */
function lintV3(code: string): Linter.LintMessage[] {
  return new Linter({ configType: "flat" }).verify(
    code,
    [
      {
        files: ["**/*.js"],
        languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "commonjs" },
        plugins: {
          redis: { rules: { "no-unchecked-exec": rule } } as unknown as NonNullable<Linter.Config["plugins"]>[string],
        },
        rules: { "redis/no-unchecked-exec": "error" },
        settings: { redis: { versions: { redis: 3 } } },
      },
    ],
    { filename: "take.js" },
  );
}

/** `exec(callback)` of a node-redis 3 transaction, as a promise of what the callback received. */
function exec3(multi: ReturnType<NodeRedis3Client["multi"]>): Promise<{ err: unknown; replies: unknown }> {
  return new Promise((resolve) => multi.exec((err, replies) => resolve({ err, replies })));
}

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

  it("node-redis v3: a WATCH abort calls exec(callback) with null replies; the reported callback throws on them, the checked one reports the conflict", async () => {
    expect(lintV3(v3Take(V3_UNCHECKED)).map((m) => `${m.line} ${m.messageId}`)).toEqual(["5 unchecked"]);
    expect(lintV3(v3Take(V3_CHECKED))).toEqual([]);

    const client = await nodeRedis3();
    const other = await nodeRedis3();
    const key = `${keyPrefix("no-unchecked-exec-node-redis3")}stock`;
    await send3(client, "SET", key, "5");
    await send3(client, "WATCH", key);
    await send3(other, "SET", key, "4"); // another caller's write between WATCH and EXEC
    const { err, replies } = await exec3(client.multi().incr(key));
    expect(err).toBeNull(); // nothing in err...
    expect(replies).toBeNull(); // ...and null replies
    expect(await send3(client, "GET", key)).toBe("4"); // the queued INCR never ran

    // The two callbacks, run on what the real abort gave.
    const results: unknown[][] = [];
    const callback = (...args: unknown[]) => results.push(args);
    const load = (onExec: string) =>
      new Function("callback", `return ${onExec};`)(callback) as (e: unknown, r: unknown) => void;
    expect(() => load(V3_UNCHECKED)(err, replies)).toThrow(TypeError);
    load(V3_CHECKED)(err, replies);
    expect(results).toEqual([[new Error("conflict")]]);
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

/**
 * Issue #14 item 5: the `.then` chain form of a WATCH transaction. Its source is linted as an
 * ioredis file (the rule follows the result from the callback returning exec() into the next
 * `.then`), then run on a real connection, where the WATCH abort hands that `.then` null.
 */
const chainTransfer = (onResult: string) => `function transfer(from, to, amount) {
  return redis
    .watch(from)
    .then(() => redis.get(from))
    .then((balance) => redis.multi().decrby(from, amount).incrby(to, amount).exec())
    .then(${onResult});
}`;
const CHAIN_UNCHECKED = `(res) => {
      res.forEach(([err]) => {
        if (err) throw err;
      });
      return "done";
    }`;
const CHAIN_CHECKED = `(res) => (res === null ? "conflict" : "done")`;

/** The rule's messages on `fn`, linted as an ioredis file. */
function lintIoredis(fn: string): Linter.LintMessage[] {
  return new Linter({ configType: "flat" }).verify(
    `import Redis from "ioredis";\nconst redis = new Redis();\nexport ${fn}`,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "module" },
        plugins: {
          redis: { rules: { "no-unchecked-exec": rule } } as unknown as NonNullable<Linter.Config["plugins"]>[string],
        },
        rules: { "redis/no-unchecked-exec": "error" },
      },
    ],
    { filename: "transfer.ts" },
  );
}

/** `fn`'s source as a function of a client. */
function load(fn: string, redis: unknown): (from: string, to: string, amount: number) => Promise<unknown> {
  return new Function("redis", `return ${fn};`)(redis) as never;
}

describeRedis("no-unchecked-exec: promise chains (issue #14 item 5)", () => {
  it("ioredis: the `.then` after a WATCH abort receives null; the reported chain throws on it, the checked one reports the conflict", async () => {
    expect(lintIoredis(chainTransfer(CHAIN_UNCHECKED)).map((m) => `${m.line} ${m.messageId}`)).toEqual(["7 unchecked"]);
    expect(lintIoredis(chainTransfer(CHAIN_CHECKED))).toEqual([]);

    const redis = await ioredis();
    const other = await ioredis();
    const { from, to } = await wallets(redis, "no-unchecked-exec-chain", 100);

    // A deposit from another connection between the chain's WATCH and its EXEC.
    const unchecked = interleave(redis, () => other.incrby(from, 50));
    await expect(load(chainTransfer(CHAIN_UNCHECKED), unchecked.client)(from, to, 30)).rejects.toThrow(TypeError);
    expect(unchecked.execResults).toEqual([null]); // the `.then` read null
    expect(await redis.get(from)).toBe("150"); // only the deposit was applied
    expect(await redis.get(to)).toBe("0");

    const checked = interleave(redis, () => other.incrby(from, 50));
    expect(await load(chainTransfer(CHAIN_CHECKED), checked.client)(from, to, 30)).toBe("conflict");
    expect(checked.execResults).toEqual([null]);
    expect(await redis.get(from)).toBe("200");

    // Without interference, both chains apply the transfer.
    expect(await load(chainTransfer(CHAIN_UNCHECKED), redis)(from, to, 30)).toBe("done");
    expect(await load(chainTransfer(CHAIN_CHECKED), redis)(from, to, 30)).toBe("done");
    expect(await redis.get(from)).toBe("140");
    expect(await redis.get(to)).toBe("60");
  });
});
