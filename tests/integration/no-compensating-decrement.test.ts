/**
 * no-compensating-decrement: the docs' examples against a real redis-server, with stock 1.
 *
 * - Buyer A wants 2 (too many), buyer B wants 1. Step by step: A's DECRBY, then B's whole
 *   purchase, then A's compensating INCRBY. With the incorrect example B is refused although one
 *   unit is there; A and B both leave empty-handed and the unit is still in stock.
 * - A crash between A's DECRBY and its INCRBY (`crashAfter(client, 1)`) leaves the stock at -1
 *   for good: B, and every buyer after, is refused, and the unit is never sold.
 * - The correct example (one Lua script) sells B its unit in both runs and never lets the stock
 *   go below 0.
 *
 * The steps are made explicit by a gate in front of A's second command: A's reserve() runs up to
 * the INCRBY (so its DECRBY has been answered), B runs to the end, then the gate opens.
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-compensating-decrement/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-compensating-decrement/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-compensating-decrement/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-compensating-decrement/node-redis.correct.js";
import { checkedDecrementScript } from "../../src/dialects/compensation.js";
import {
  SimulatedCrash,
  crashAfter,
  describeRedis,
  ioredis,
  nodeRedis,
  nodeRedis4,
  uniqueId,
} from "../support/redis.js";

type Reserve = (client: never, sku: string, qty: number) => Promise<boolean>;

/**
 * A proxy of `client` whose counter and EVAL methods wait, after the first `pass` of them, until
 * `open()` is called; `reached` resolves when the first one is held there.
 */
function gated<T extends object>(client: T, pass: number) {
  let sent = 0;
  let open!: () => void;
  let reach!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (reach = r));
  const COMMANDS = /^(?:decrby|decrBy|incrby|incrBy|eval|EVAL)$/;
  const proxy = new Proxy(client, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== "function") return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(obj);
      if (typeof prop !== "string" || !COMMANDS.test(prop)) return fn;
      return async (...args: unknown[]) => {
        if (sent++ >= pass) {
          reach();
          await gate;
        }
        return fn(...args);
      };
    },
  });
  return { client: proxy, reached, open: () => open() };
}

interface Run {
  aGot: boolean;
  bGot: boolean;
  /** The stock B saw refused (or took). */
  stockAfter: number;
  /** The stock while A's decrement had been applied and its compensation not. */
  stockInWindow: number;
  /** A finished before B started (one command: no window). */
  aFinishedAlone: boolean;
}

/** A (wants 2) decrements, B (wants 1) buys in full, then A goes on: with stock 1. */
async function interleaved(
  client: object,
  reserve: Reserve,
  read: (k: string) => Promise<number>,
  sku: string,
): Promise<Run> {
  const a = gated(client, 1);
  const aRun = reserve(a.client as never, sku, 2);
  // A is held before its second command, or (one script) finished with its only command.
  const aFinishedAlone = await Promise.race([a.reached.then(() => false), aRun.then(() => true)]);
  const stockInWindow = await read(`stock:${sku}`);
  const bGot = await reserve(client as never, sku, 1);
  a.open();
  const aGot = await aRun;
  return { aGot, bGot, stockInWindow, stockAfter: await read(`stock:${sku}`), aFinishedAlone };
}

describeRedis("no-compensating-decrement examples", () => {
  const clients = [
    {
      name: "ioredis",
      connect: ioredis,
      incorrect: ioredisIncorrect.reserve as Reserve,
      correct: ioredisCorrect.reserve as Reserve,
    },
    {
      name: "node-redis v5",
      connect: nodeRedis,
      incorrect: nodeRedisIncorrect.reserve as Reserve,
      correct: nodeRedisCorrect.reserve as Reserve,
    },
    {
      name: "node-redis v4",
      connect: nodeRedis4,
      incorrect: nodeRedisIncorrect.reserve as Reserve,
      correct: nodeRedisCorrect.reserve as Reserve,
    },
  ];

  for (const { name, connect, incorrect, correct } of clients) {
    it(`${name}: between DECRBY and the compensating INCRBY, a buyer is refused although 1 unit is in stock`, async () => {
      const redis = await ioredis();
      const read = async (k: string) => Number(await redis.get(k));
      const client = await connect();
      const sku = uniqueId(`ncd-window-${name}`);
      await redis.set(`stock:${sku}`, "1");
      const run = await interleaved(client, incorrect, read, sku);
      expect(run.aFinishedAlone).toBe(false); // A was held between its two commands
      expect(run.stockInWindow).toBe(-1); // what B found: 1 unit, shown as -1
      expect(run.bGot).toBe(false); // refused although 1 unit was there
      expect(run.aGot).toBe(false);
      expect(run.stockAfter).toBe(1); // the unit is back, unsold: nobody got it
    });

    it(`${name}: the Lua script sells B its unit in the same steps, and the stock never goes below 0`, async () => {
      const redis = await ioredis();
      const read = async (k: string) => Number(await redis.get(k));
      const client = await connect();
      const sku = uniqueId(`ncd-window-lua-${name}`);
      await redis.set(`stock:${sku}`, "1");
      const run = await interleaved(client, correct, read, sku);
      expect(run.aFinishedAlone).toBe(true); // one command: there is no "between"
      expect(run.stockInWindow).toBe(1);
      expect(run.aGot).toBe(false);
      expect(run.bGot).toBe(true);
      expect(run.stockAfter).toBe(0);
    });

    it(`${name}: a crash between DECRBY and INCRBY loses the unit for good; the Lua script loses nothing`, async () => {
      const redis = await ioredis();
      const read = async (k: string) => Number(await redis.get(k));
      const client = await connect();

      const sku = uniqueId(`ncd-crash-${name}`);
      await redis.set(`stock:${sku}`, "1");
      await expect(incorrect(crashAfter(client, 1) as never, sku, 2)).rejects.toBeInstanceOf(SimulatedCrash);
      expect(await read(`stock:${sku}`)).toBe(-1);
      // Every later buyer is refused: the unit is never sold.
      expect(await incorrect(client as never, sku, 1)).toBe(false);
      expect(await read(`stock:${sku}`)).toBe(-1);

      const luaSku = uniqueId(`ncd-crash-lua-${name}`);
      await redis.set(`stock:${luaSku}`, "1");
      // The same crash point: after one command. The script is that one command, so A completes.
      expect(await correct(crashAfter(client, 1) as never, luaSku, 2)).toBe(false);
      expect(await read(`stock:${luaSku}`)).toBe(1);
      // A crash before the script: nothing happened.
      await expect(correct(crashAfter(client, 0) as never, luaSku, 2)).rejects.toBeInstanceOf(SimulatedCrash);
      expect(await read(`stock:${luaSku}`)).toBe(1);
      expect(await correct(client as never, luaSku, 1)).toBe(true);
      expect(await read(`stock:${luaSku}`)).toBe(0);
    });
  }

  it("the suggestion's script: takes only what is there, answers what the decrement would leave, as a number in every client", async () => {
    const redis = await ioredis();
    const clients = [await nodeRedis(), await nodeRedis4()];
    const p = uniqueId("ncd-script");
    const script = checkedDecrementScript(false);
    const hashScript = checkedDecrementScript(true);
    await redis.set(`${p}:s`, "1");
    expect(await redis.eval(script, 1, `${p}:s`, 2)).toBe(-1); // refused: would leave -1
    expect(await redis.get(`${p}:s`)).toBe("1"); // nothing taken
    expect(await redis.eval(script, 1, `${p}:s`, 1)).toBe(0);
    expect(await redis.get(`${p}:s`)).toBe("0");
    expect(await redis.eval(script, 1, `${p}:missing`, 1)).toBe(-1); // a missing key is 0
    expect(await redis.exists(`${p}:missing`)).toBe(0);
    await redis.hset(`${p}:h`, "sku", "3");
    expect(await redis.eval(hashScript, 1, `${p}:h`, 5, "sku")).toBe(-2);
    expect(await redis.hget(`${p}:h`, "sku")).toBe("3");
    expect(await redis.eval(hashScript, 1, `${p}:h`, 2, "sku")).toBe(1);
    expect(await redis.hget(`${p}:h`, "sku")).toBe("1");
    for (const client of clients) {
      await redis.set(`${p}:n`, "1");
      expect(await client.eval(script, { keys: [`${p}:n`], arguments: ["2"] })).toBe(-1);
      expect(await client.eval(script, { keys: [`${p}:n`], arguments: ["1"] })).toBe(0);
    }
    // DECRBY and HINCRBY themselves go below zero: Redis has no floor.
    await redis.set(`${p}:d`, "1");
    expect(await redis.decrby(`${p}:d`, 2)).toBe(-1);
    expect(await redis.hincrby(`${p}:h`, "sku", -2)).toBe(-1);
  });
});
