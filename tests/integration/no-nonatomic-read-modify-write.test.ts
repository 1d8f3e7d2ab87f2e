/**
 * no-nonatomic-read-modify-write: N concurrent clients run the docs' examples against the real
 * server. GET-then-DECRBY sells more than the stock and GET-then-SET loses increments; the Lua
 * (ioredis and node-redis v4/v5 `eval`) and WATCH/MULTI versions sell exactly the stock, and INCRBY
 * keeps every increment. (DECRBY then a compensating INCRBY is no-compensating-decrement's case.)
 *
 * The callback APIs (node_redis v3, ioredis): express-limiter's GET, then SET from the GET's
 * callback (corpus ledger L17), on one shared client as a web app has it. That one is
 * deterministic: the concurrent requests' GETs are all written to the connection before any
 * reply is read (the SETs are only sent from the replies' callbacks), and Redis serves one
 * connection's commands in order, so every GET sees the value before any SET.
 */
import { expect, it, vi } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-nonatomic-read-modify-write/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-nonatomic-read-modify-write/ioredis.correct.js";
import * as ioredisWatch from "../../docs/examples/no-nonatomic-read-modify-write/ioredis.correct.watch.js";
import * as ioredisCounterIncorrect from "../../docs/examples/no-nonatomic-read-modify-write/ioredis.incorrect.counter.js";
import * as ioredisCounterCorrect from "../../docs/examples/no-nonatomic-read-modify-write/ioredis.correct.counter.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-nonatomic-read-modify-write/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-nonatomic-read-modify-write/node-redis.correct.js";
import * as nodeRedisWatch from "../../docs/examples/no-nonatomic-read-modify-write/node-redis.correct.watch.js";
import {
  type NodeRedis3Client,
  describeRedis,
  ioredis,
  nodeRedis,
  nodeRedis3,
  nodeRedis4,
  uniqueId,
} from "../support/redis.js";

/** Concurrent buyers, each on its own connection. */
const BUYERS = 20;
/** Units in stock: fewer than the buyers. */
const STOCK = 5;
/** The race is not scheduled by us: give the incorrect version a few chances to show it (it takes one in practice). */
const ROUNDS = 5;

type Reserve = (client: never, sku: string, qty: number) => Promise<boolean>;

async function connections<T>(make: () => Promise<T>, n = BUYERS): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, () => make()));
}

/** Every buyer tries to reserve one unit at the same time; returns how many succeeded and the stock left. */
async function sale(reserve: Reserve, buyers: unknown[], name: string): Promise<{ sold: number; left: number }> {
  const admin = await ioredis();
  const sku = uniqueId(name);
  await admin.set(`stock:${sku}`, STOCK);
  const results = await Promise.all(buyers.map((b) => reserve(b as never, sku, 1)));
  const left = Number(await admin.get(`stock:${sku}`));
  return { sold: results.filter(Boolean).length, left };
}

async function expectOversold(reserve: Reserve, buyers: unknown[], name: string) {
  let outcome = { sold: 0, left: STOCK };
  for (let round = 0; round < ROUNDS && outcome.sold <= STOCK; round++) outcome = await sale(reserve, buyers, name);
  // More units sold than there were: the stock went negative.
  expect(outcome.sold).toBeGreaterThan(STOCK);
  expect(outcome.left).toBeLessThan(0);
  expect(outcome.left).toBe(STOCK - outcome.sold);
}

async function expectExactlySold(reserve: Reserve, buyers: unknown[], name: string) {
  for (let round = 0; round < 2; round++) {
    const { sold, left } = await sale(reserve, buyers, name);
    expect(sold).toBe(STOCK);
    expect(left).toBe(0);
  }
}

/** Imports a module written for redis v4 with "redis" resolved to the v4 package (this repository's "redis" is v5). */
async function withRedis4<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  vi.doMock("redis", async () => await import("redis4"));
  try {
    return await load();
  } finally {
    vi.doUnmock("redis");
  }
}

describeRedis("no-nonatomic-read-modify-write examples", () => {
  it(`ioredis: ${BUYERS} concurrent buyers oversell ${STOCK} units with GET then DECRBY`, async () => {
    await expectOversold(ioredisIncorrect.reserve, await connections(ioredis), "rmw-ioredis-incorrect");
  });

  it("ioredis: the Lua script that checks and takes the stock sells exactly the stock", async () => {
    await expectExactlySold(ioredisCorrect.reserve, await connections(ioredis), "rmw-ioredis-lua");
  });

  it("ioredis: WATCH/MULTI with a bounded retry on a dedicated connection sells exactly the stock", async () => {
    await expectExactlySold(ioredisWatch.reserve, await connections(ioredis), "rmw-ioredis-watch");
  });

  it(`ioredis: ${BUYERS} concurrent GET-then-SET increments lose updates; INCRBY keeps them all`, async () => {
    const players = await connections(ioredis);
    const admin = await ioredis();
    let total = BUYERS;
    for (let round = 0; round < ROUNDS && total === BUYERS; round++) {
      const player = uniqueId("rmw-ioredis-counter");
      await Promise.all(players.map((c) => ioredisCounterIncorrect.addPoints(c, player, 1)));
      total = Number(await admin.get(`score:${player}`));
    }
    expect(total).toBeLessThan(BUYERS);

    const player = uniqueId("rmw-ioredis-counter-incrby");
    await Promise.all(players.map((c) => ioredisCounterCorrect.addPoints(c, player, 1)));
    expect(Number(await admin.get(`score:${player}`))).toBe(BUYERS);
  });

  it(`node-redis v5: ${BUYERS} concurrent buyers oversell with GET then DECRBY`, async () => {
    await expectOversold(
      nodeRedisIncorrect.reserve as Reserve,
      await connections(nodeRedis),
      "rmw-node-redis-incorrect",
    );
  });

  it("node-redis v5: the Lua script through eval, and WATCH on a duplicate() connection, sell exactly the stock", async () => {
    const buyers = await connections(nodeRedis);
    await expectExactlySold(nodeRedisCorrect.reserve as Reserve, buyers, "rmw-node-redis-lua");
    await expectExactlySold(nodeRedisWatch.reserve as Reserve, buyers, "rmw-node-redis-watch");
  });

  it(`node-redis v4: the same GET then DECRBY oversells; the same eval and executeIsolated WATCH do not`, async () => {
    const buyers = await connections(nodeRedis4);
    await expectOversold(nodeRedisIncorrect.reserve as Reserve, buyers, "rmw-node-redis4-incorrect");
    await expectExactlySold(nodeRedisCorrect.reserve as Reserve, buyers, "rmw-node-redis4-lua");
    const v4Watch = await withRedis4(
      () => import("../../docs/examples/no-nonatomic-read-modify-write/node-redis-v4.correct.watch.js"),
    );
    await expectExactlySold(v4Watch.reserve as Reserve, buyers, "rmw-node-redis4-watch");
  });
});

/** The commands the callback examples send, as node_redis v3 and ioredis both take them. */
interface CallbackClient {
  get(key: string, cb: (err: Error | null, value: string | null) => void): unknown;
  set(key: string, value: string, px: "PX", ms: number, cb: (err: Error | null) => void): unknown;
  incr(key: string, cb: (err: Error | null, value: number) => void): unknown;
}

/**
 * express-limiter 1.6.1's middleware (index.js:17-32), cut down: GET the request count, parse it,
 * take one off, SET it back from the GET's callback. Calls back with whether the request may pass.
 * The rule reports this SET (tests/rules: "callback: express-limiter").
 */
function limit(db: CallbackClient, key: string, total: number, done: (err: Error | null, allowed?: boolean) => void) {
  db.get(key, function (err, raw) {
    if (err) return done(err);
    const now = Date.now();
    const limit = raw ? JSON.parse(raw) : { total, remaining: total, reset: now + 60_000 };
    limit.remaining = Math.max(Number(limit.remaining) - 1, -1);
    db.set(key, JSON.stringify(limit), "PX", 60_000, (e) => done(e, limit.remaining >= 0));
  });
}

/** The atomic counter: INCR, and the limit checked on its result. */
function limitIncr(
  db: CallbackClient,
  key: string,
  total: number,
  done: (err: Error | null, allowed?: boolean) => void,
) {
  db.incr(key, (err, n) => done(err, !err && n <= total));
}

/** `requests` concurrent requests through one shared client; how many were let through. */
function requestsAllowed(
  db: CallbackClient,
  check: typeof limit,
  key: string,
  total: number,
  requests: number,
): Promise<number> {
  return Promise.all(
    Array.from(
      { length: requests },
      () =>
        new Promise<boolean>((resolve, reject) =>
          check(db, key, total, (err, allowed) => (err ? reject(err) : resolve(allowed === true))),
        ),
    ),
  ).then((results) => results.filter(Boolean).length);
}

describeRedis("no-nonatomic-read-modify-write: callback APIs (express-limiter, ledger L17)", () => {
  const LIMIT = 5;

  it(`node_redis v3: ${BUYERS} concurrent requests all pass a limit of ${LIMIT} (GET, then SET in its callback); INCR lets ${LIMIT} through`, async () => {
    const db = (await nodeRedis3()) as NodeRedis3Client & CallbackClient;
    const key = uniqueId("rmw-v3-limiter");
    expect(await requestsAllowed(db, limit, key, LIMIT, BUYERS)).toBe(BUYERS);
    // Every GET read no counter, so every SET wrote the same `remaining`: one request counted.
    const stored = await new Promise<string | null>((resolve, reject) =>
      db.get(key, (err, v) => (err ? reject(err) : resolve(v))),
    );
    expect(JSON.parse(stored!).remaining).toBe(LIMIT - 1);

    expect(await requestsAllowed(db, limitIncr, uniqueId("rmw-v3-incr"), LIMIT, BUYERS)).toBe(LIMIT);
  });

  it(`ioredis callbacks: the same ${BUYERS} requests all pass; INCR lets ${LIMIT} through`, async () => {
    const db = (await ioredis()) as unknown as CallbackClient;
    expect(await requestsAllowed(db, limit, uniqueId("rmw-ioredis-limiter"), LIMIT, BUYERS)).toBe(BUYERS);
    expect(await requestsAllowed(db, limitIncr, uniqueId("rmw-ioredis-incr"), LIMIT, BUYERS)).toBe(LIMIT);
  });
});
