/**
 * no-write-in-db-transaction: a real database transaction (SQLite in memory through the
 * better-sqlite3 driver, with Kysely's transaction API, as in the docs' examples) rolls back
 * when its last insert breaks a CHECK constraint. The incorrect example has already written the
 * new price to Redis by then: the database says 10, the cache says 99. The correct example deletes
 * the cached row after the commit, so a rollback leaves the cache as it was (matching the database)
 * and a commit empties it for the next read to fill.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-write-in-db-transaction/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-write-in-db-transaction/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-write-in-db-transaction/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-write-in-db-transaction/node-redis.correct.js";
import type { Db } from "../../docs/examples/no-write-in-db-transaction/schema.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

type ChangePrice = (db: Kysely<Db>, redis: never, id: number, price: number, changedBy: string) => Promise<void>;

const open: Kysely<Db>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()));
});

/** A fresh in-memory SQLite database with one product at price 10. */
function database(): Kysely<Db> {
  const sqlite = new Database(":memory:");
  sqlite.exec(`
    CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL);
    CREATE TABLE price_changes (
      product_id INTEGER NOT NULL REFERENCES products (id),
      price INTEGER NOT NULL,
      changed_by TEXT NOT NULL CHECK (length(changed_by) > 0)
    );
    INSERT INTO products (id, name, price) VALUES (1, 'kettle', 10);
  `);
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
  open.push(db);
  return db;
}

async function price(db: Kysely<Db>): Promise<number> {
  const row = await db.selectFrom("products").select("price").where("id", "=", 1).executeTakeFirstOrThrow();
  return row.price;
}

interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

/**
 * Runs `changePrice` twice through a client whose keys live under a unique prefix: once with an
 * empty `changedBy` (the CHECK fails, the transaction rolls back), once with a valid one.
 * Returns what the database and the cache hold after each.
 */
async function run(changePrice: ChangePrice, redis: object, cache: Cache) {
  const db = database();
  const id = 1;
  const key = `product:${id}`;
  // The product as read and cached before any change.
  await cache.set(key, cached(10));
  await expect(changePrice(db, redis as never, id, 99, "")).rejects.toThrow(/CHECK constraint failed/);
  const afterRollback = { db: await price(db), cache: await cache.get(key) };
  await changePrice(db, redis as never, id, 42, "ops@example.com");
  const afterCommit = { db: await price(db), cache: await cache.get(key) };
  return { afterRollback, afterCommit };
}

/** A proxy that puts every key the example touches under `prefix` (tests share one server). */
function prefixed<T extends object>(client: T, prefix: string): T {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "set" || prop === "get" || prop === "del")
        return (key: string, ...rest: unknown[]) =>
          (value as (...a: unknown[]) => unknown).call(target, prefix + key, ...rest);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const cached = (price: number) => JSON.stringify({ id: 1, name: "kettle", price });

describeRedis("no-write-in-db-transaction examples", () => {
  it("ioredis: the rolled-back price stays in the cache", async () => {
    const p = `${uniqueId("no-write-in-db-transaction-ioredis")}:`;
    const redis = prefixed(await ioredis(), p);
    const result = await run(ioredisIncorrect.changePrice, redis, redis);
    expect(result.afterRollback).toEqual({ db: 10, cache: cached(99) });
    expect(result.afterCommit).toEqual({ db: 42, cache: cached(42) });
  });

  it("ioredis: deleted after the commit, the cache only holds committed rows", async () => {
    const p = `${uniqueId("no-write-in-db-transaction-ioredis-ok")}:`;
    const redis = prefixed(await ioredis(), p);
    const result = await run(ioredisCorrect.changePrice, redis, redis);
    expect(result.afterRollback).toEqual({ db: 10, cache: cached(10) });
    expect(result.afterCommit).toEqual({ db: 42, cache: null });
  });

  it("node-redis 5 and 4: the rolled-back price stays in the cache", async () => {
    for (const [name, client] of [
      ["v5", await nodeRedis()],
      ["v4", await nodeRedis4()],
    ] as const) {
      const p = `${uniqueId(`no-write-in-db-transaction-node-redis-${name}`)}:`;
      const redis = prefixed(client, p);
      const result = await run(nodeRedisIncorrect.changePrice, redis, redis);
      expect(result.afterRollback, name).toEqual({ db: 10, cache: cached(99) });
      expect(result.afterCommit, name).toEqual({ db: 42, cache: cached(42) });
    }
  });

  it("node-redis 5 and 4: deleted after the commit, the cache only holds committed rows", async () => {
    for (const [name, client] of [
      ["v5", await nodeRedis()],
      ["v4", await nodeRedis4()],
    ] as const) {
      const p = `${uniqueId(`no-write-in-db-transaction-node-redis-${name}-ok`)}:`;
      const redis = prefixed(client, p);
      const result = await run(nodeRedisCorrect.changePrice, redis, redis);
      expect(result.afterRollback, name).toEqual({ db: 10, cache: cached(10) });
      expect(result.afterCommit, name).toEqual({ db: 42, cache: null });
    }
  });
});
