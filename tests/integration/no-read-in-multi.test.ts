/**
 * no-read-in-multi: a read queued in MULTI is not its value. The docs' incorrect examples take
 * the ioredis Pipeline, the node-redis multi builder, or raw MULTI's "QUEUED" for the seat
 * count, and book a seat of a sold-out event; the correct examples do not.
 */
import { Pipeline } from "ioredis";
import { expect, it, vi } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-read-in-multi/ioredis.incorrect.js";
import * as ioredisRawMulti from "../../docs/examples/no-read-in-multi/ioredis.incorrect.raw-multi.js";
import * as ioredisCorrect from "../../docs/examples/no-read-in-multi/ioredis.correct.js";
import * as ioredisExecResult from "../../docs/examples/no-read-in-multi/ioredis.correct.exec-result.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-read-in-multi/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-read-in-multi/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

type BookSeat = (client: never, eventId: string, userId: string) => Promise<boolean>;

const READS = new Set(["get", "GET"]);

/**
 * A view of `client` that records what the example's reads evaluate to: for a read on the
 * builder returned by `multi()`, the value of the call expression (and the builder itself); for
 * a read on the client, what the promise resolves to.
 */
function recordReads<T extends object>(client: T) {
  const seen: { value: unknown; builder?: unknown }[] = [];
  const builderView = (builder: object) =>
    new Proxy(builder, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        if (typeof prop === "string" && READS.has(prop)) {
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            seen.push({ value: result, builder: target });
            return result;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  const view = new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop === "multi") {
        return (...args: unknown[]) => {
          const result = fn.apply(target, args);
          // ioredis multi({ pipeline: false }) returns a promise: the connection itself is in MULTI.
          return result !== null && typeof result === "object" && !("then" in result) ? builderView(result) : result;
        };
      }
      if (typeof prop === "string" && READS.has(prop)) {
        return async (...args: unknown[]) => {
          const result = await fn.apply(target, args);
          seen.push({ value: result });
          return result;
        };
      }
      return fn.bind(target);
    },
  });
  return { view, seen };
}

/** Creates an event with `seats` seats; returns its id. */
async function createEvent(name: string, seats: number): Promise<string> {
  const eventId = uniqueId(name);
  await (await ioredis()).set(`event:${eventId}:seats`, seats);
  return eventId;
}

async function state(eventId: string) {
  const redis = await ioredis();
  return {
    seats: Number(await redis.get(`event:${eventId}:seats`)),
    attendees: (await redis.smembers(`event:${eventId}:attendees`)).sort(),
  };
}

/**
 * A view of `client` on which another buyer takes the last seat right after our first GET,
 * between our WATCH and our EXEC (also inside redis v4's `executeIsolated`).
 */
function withInterloper<T extends object>(client: T, eventId: string): T {
  let done = false;
  const interlope = async () => {
    if (done) return;
    done = true;
    const other = await ioredis();
    await other.multi().decr(`event:${eventId}:seats`).sadd(`event:${eventId}:attendees`, "mallory").exec();
  };
  const view = <U extends object>(target: U): U =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as (...a: unknown[]) => unknown;
        if (prop === "get" || prop === "GET") {
          return async (...args: unknown[]) => {
            const result = await fn.apply(obj, args);
            await interlope();
            return result;
          };
        }
        if (prop === "executeIsolated") {
          return (cb: (isolated: object) => unknown) => fn.call(obj, (isolated: object) => cb(view(isolated)));
        }
        return fn.bind(obj);
      },
    });
  return view(client);
}

describeRedis("no-read-in-multi examples", () => {
  it("ioredis: the read is the Pipeline, so a sold-out event is booked anyway", async () => {
    const eventId = await createEvent("rim-io-bad", 0);
    const { view, seen } = recordReads(await ioredis());
    const booked = await ioredisIncorrect.bookSeat(view, eventId, "alice");
    expect(seen).toHaveLength(1);
    expect(seen[0].value).toBeInstanceOf(Pipeline);
    expect(seen[0].value).toBe(seen[0].builder); // the transaction itself, not "0"
    expect(booked).toBe(true);
    expect(await state(eventId)).toEqual({ seats: -1, attendees: ["alice"] }); // oversold
  });

  it('ioredis raw MULTI: the read resolves to "QUEUED", so a sold-out event is booked anyway', async () => {
    const eventId = await createEvent("rim-io-raw", 0);
    const { view, seen } = recordReads(await ioredis());
    const booked = await ioredisRawMulti.bookSeat(view, eventId, "alice");
    expect(seen.map((s) => s.value)).toEqual(["QUEUED"]);
    expect(booked).toBe(true);
    expect(await state(eventId)).toEqual({ seats: -1, attendees: ["alice"] });
  });

  it("ioredis, correct: a sold-out event is not booked, and concurrent bookings never oversell", async () => {
    const soldOut = await createEvent("rim-io-good-0", 0);
    expect(await ioredisCorrect.bookSeat(await ioredis(), soldOut, "alice")).toBe(false);
    expect(await state(soldOut)).toEqual({ seats: 0, attendees: [] });

    // 6 buyers, 3 seats, each buyer on its own connection (WATCH is per connection).
    const eventId = await createEvent("rim-io-good-3", 3);
    const buyers = ["a", "b", "c", "d", "e", "f"];
    const clients = await Promise.all(buyers.map(() => ioredis()));
    const results = await Promise.all(buyers.map((u, i) => ioredisCorrect.bookSeat(clients[i], eventId, u)));
    expect(results.filter(Boolean)).toHaveLength(3);
    const after = await state(eventId);
    expect(after.seats).toBe(0);
    expect(after.attendees).toEqual(buyers.filter((_, i) => results[i]).sort());
  });

  it("ioredis, correct: a booking between our WATCH and EXEC aborts ours; the retry finds it sold out", async () => {
    const eventId = await createEvent("rim-io-good-race", 1);
    expect(await ioredisCorrect.bookSeat(withInterloper(await ioredis(), eventId), eventId, "alice")).toBe(false);
    expect(await state(eventId)).toEqual({ seats: 0, attendees: ["mallory"] });
  });

  it("ioredis, correct: values queued in MULTI are read from exec()'s result", async () => {
    const eventId = await createEvent("rim-io-exec", 5);
    const redis = await ioredis();
    await redis.sadd(`event:${eventId}:attendees`, "alice", "bob");
    expect(await ioredisExecResult.eventStatus(redis, eventId)).toEqual({ left: 5, attendees: 2 });
  });

  for (const [label, connect] of [
    ["v5", nodeRedis],
    ["v4", nodeRedis4],
  ] as const) {
    it(`node-redis ${label}: the read is the multi builder, so a sold-out event is booked anyway`, async () => {
      const eventId = await createEvent(`rim-nr${label}-bad`, 0);
      const { view, seen } = recordReads(await connect());
      const booked = await (nodeRedisIncorrect.bookSeat as BookSeat)(view as never, eventId, "alice");
      expect(seen).toHaveLength(1);
      expect(seen[0].value).toBe(seen[0].builder); // the builder multi() returned, not "0"
      expect(typeof (seen[0].value as { exec?: unknown }).exec).toBe("function");
      expect(booked).toBe(true);
      expect(await state(eventId)).toEqual({ seats: -1, attendees: ["alice"] });
    });
  }

  it("node-redis v5, correct: a sold-out event is not booked, and concurrent bookings never oversell", async () => {
    const soldOut = await createEvent("rim-nrv5-good-0", 0);
    const bookSeat = nodeRedisCorrect.bookSeat as BookSeat;
    expect(await bookSeat((await nodeRedis()) as never, soldOut, "alice")).toBe(false);
    expect(await state(soldOut)).toEqual({ seats: 0, attendees: [] });

    // Each buyer on its own connection (WATCH is per connection).
    const eventId = await createEvent("rim-nrv5-good-2", 2);
    const buyers = ["a", "b", "c", "d", "e"];
    const clients = await Promise.all(buyers.map(() => nodeRedis()));
    const results = await Promise.all(buyers.map((u, i) => bookSeat(clients[i] as never, eventId, u)));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect((await state(eventId)).seats).toBe(0);

    // A booking between our WATCH and EXEC: EXEC throws WatchError, the retry finds it sold out.
    const race = await createEvent("rim-nrv5-good-race", 1);
    expect(await bookSeat(withInterloper(await nodeRedis(), race) as never, race, "alice")).toBe(false);
    expect(await state(race)).toEqual({ seats: 0, attendees: ["mallory"] });
  });

  it("node-redis v4, correct: executeIsolated bookings on one shared client never oversell", async () => {
    // The v4 example imports WatchError from "redis", which is redis v4 in a v4 project.
    vi.doMock("redis", () => vi.importActual("redis4"));
    const v4 = await import("../../docs/examples/no-read-in-multi/node-redis-v4.correct.js");
    vi.doUnmock("redis");
    const client = await nodeRedis4();
    const bookSeat = v4.bookSeat as BookSeat;

    const soldOut = await createEvent("rim-nrv4-good-0", 0);
    expect(await bookSeat(client as never, soldOut, "alice")).toBe(false);

    const eventId = await createEvent("rim-nrv4-good-2", 2);
    const buyers = ["a", "b", "c", "d", "e"];
    const results = await Promise.all(buyers.map((u) => bookSeat(client as never, eventId, u)));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect((await state(eventId)).seats).toBe(0);

    // A booking between our WATCH and EXEC: EXEC throws v4's WatchError, the retry finds it sold out.
    const race = await createEvent("rim-nrv4-good-race", 1);
    expect(await bookSeat(withInterloper(client, race) as never, race, "alice")).toBe(false);
    expect(await state(race)).toEqual({ seats: 0, attendees: ["mallory"] });
  });
});
