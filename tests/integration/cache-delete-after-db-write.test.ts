/**
 * cache-delete-after-db-write: the docs' examples against a real redis-server and a real database
 * (SQLite in memory through better-sqlite3, with Kysely as in the examples). The interleavings of
 * the doc are run step by step, not by timing: a client wrapper stops one request at a chosen
 * command (`pausedAt`) until the test lets it go on, so each run takes exactly the same steps.
 *
 * - Delete before the write: the writer deletes the key and stops; a reader misses, reads the old
 *   rows and stops before its SET; the writer inserts; the reader caches the old list. Stale.
 * - Set after the write: writer A inserts, reads its list and stops before its SET; writer B runs
 *   to the end; A sets its older list last. Stale.
 * - The correct example (write, then delete), stopped at the same points: the cache ends empty or
 *   fresh, and the next read returns the database's list.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, expect, it } from "vitest";
import * as ioredisCorrect from "../../docs/examples/cache-delete-after-db-write/ioredis.correct.js";
import * as ioredisIncorrect from "../../docs/examples/cache-delete-after-db-write/ioredis.incorrect.js";
import * as ioredisWriteThrough from "../../docs/examples/cache-delete-after-db-write/ioredis.incorrect.write-through.js";
import * as nodeRedisCorrect from "../../docs/examples/cache-delete-after-db-write/node-redis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/cache-delete-after-db-write/node-redis.incorrect.js";
import * as nodeRedisWriteThrough from "../../docs/examples/cache-delete-after-db-write/node-redis.incorrect.write-through.js";
import type { Db } from "../../docs/examples/cache-delete-after-db-write/schema.js";
import { describeRedis, ioredis, nodeRedis, uniqueId } from "../support/redis.js";

type AddFriend = (db: Kysely<Db>, redis: never, userId: string, friendId: string) => Promise<void>;
type FriendsOf = (db: Kysely<Db>, redis: never, userId: string) => Promise<string[]>;

const open: Kysely<Db>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.destroy()));
});

/** A fresh in-memory SQLite database where `userId` has one friend, "carol". */
function database(userId: string): Kysely<Db> {
  const sqlite = new Database(":memory:");
  sqlite.exec(
    `CREATE TABLE friendships (user_id TEXT NOT NULL, friend_id TEXT NOT NULL, PRIMARY KEY (user_id, friend_id))`,
  );
  sqlite.prepare("INSERT INTO friendships (user_id, friend_id) VALUES (?, 'carol')").run(userId);
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
  open.push(db);
  return db;
}

async function rows(db: Kysely<Db>, userId: string): Promise<string[]> {
  const list = await db
    .selectFrom("friendships")
    .select("friend_id")
    .where("user_id", "=", userId)
    .orderBy("friend_id")
    .execute();
  return list.map((r) => r.friend_id);
}

/** One step of a request, stopped: `reached` resolves when it gets there, `release()` lets it go on. */
interface Pause<T> {
  client: T;
  reached: Promise<void>;
  release(): void;
}

/**
 * The client, except that the first call of `method` stops `when` it runs (before it is sent, or
 * after its reply) until `release()`. Every other call goes straight through.
 */
function pausedAt<T extends object>(client: T, method: string, when: "before" | "after"): Pause<T> {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  let used = false;
  const proxy = new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      if (prop !== method || used) return fn.bind(target);
      return async (...args: unknown[]) => {
        used = true;
        if (when === "before") {
          arrive();
          await gate;
          return fn.apply(target, args);
        }
        const result = await fn.apply(target, args);
        arrive();
        await gate;
        return result;
      };
    },
  });
  return { client: proxy, reached, release };
}

interface Cache {
  get(key: string): Promise<string | null>;
}

/**
 * A writer adds "bob" while a reader reads the list. The writer stops between its two steps
 * (`writerStop`); the reader misses the cache, reads the database and stops before its SET; then
 * the writer finishes, then the reader. Returns the cached list and the database's list.
 */
async function readerBetweenWriterSteps(
  addFriend: AddFriend,
  friendsOf: FriendsOf,
  redis: object,
  cache: Cache,
  writerStop: "before" | "after",
) {
  const userId = uniqueId("cache-delete-after-db-write");
  const db = database(userId);
  // The list is cached before the change.
  expect(await friendsOf(db, redis as never, userId)).toEqual(["carol"]);

  const writer = pausedAt(redis, "del", writerStop);
  const writing = addFriend(db, writer.client as never, userId, "bob");
  await writer.reached;

  const reader = pausedAt(redis, "set", "before");
  const reading = friendsOf(db, reader.client as never, userId);
  // A reader that hits the cache never reaches its SET: let it finish.
  await Promise.race([reader.reached, reading]);

  writer.release();
  await writing;
  reader.release();
  await reading;

  const cached = await cache.get(`friends:${userId}`);
  return {
    cached: cached === null ? null : (JSON.parse(cached) as string[]),
    database: await rows(db, userId),
    nextRead: await friendsOf(db, redis as never, userId),
  };
}

/**
 * Two writers add "bob" (A) and "dave" (B). A stops just before its cache step (`step`: "set" for
 * write-through, "del" for delete-after-write); B runs to the end; then A finishes.
 */
async function twoWriters(addFriend: AddFriend, redis: object, cache: Cache, step: "set" | "del") {
  const userId = uniqueId("cache-delete-after-db-write");
  const db = database(userId);
  const a = pausedAt(redis, step, "before");
  const writingA = addFriend(db, a.client as never, userId, "bob");
  await a.reached;
  await addFriend(db, redis as never, userId, "dave");
  a.release();
  await writingA;
  const cached = await cache.get(`friends:${userId}`);
  return { cached: cached === null ? null : (JSON.parse(cached) as string[]), database: await rows(db, userId) };
}

describeRedis("cache-delete-after-db-write", () => {
  const clients = [
    {
      name: "ioredis",
      connect: ioredis,
      incorrect: ioredisIncorrect,
      writeThrough: ioredisWriteThrough,
      correct: ioredisCorrect,
    },
    {
      name: "node-redis",
      connect: nodeRedis,
      incorrect: nodeRedisIncorrect,
      writeThrough: nodeRedisWriteThrough,
      correct: nodeRedisCorrect,
    },
  ];

  for (const c of clients) {
    it(`${c.name}: delete before the write: a reader in between caches the old list, which stays`, async () => {
      const redis = await c.connect();
      const r = await readerBetweenWriterSteps(
        c.incorrect.addFriend as AddFriend,
        c.correct.friendsOf as FriendsOf,
        redis,
        redis,
        "after",
      );
      expect(r.database).toEqual(["bob", "carol"]);
      expect(r.cached).toEqual(["carol"]);
      // Every later read is served the old list until the key expires.
      expect(r.nextRead).toEqual(["carol"]);
    });

    it(`${c.name}: set after the write: two writers interleave and the older list stays cached`, async () => {
      const redis = await c.connect();
      const r = await twoWriters(c.writeThrough.addFriend as AddFriend, redis, redis, "set");
      expect(r.database).toEqual(["bob", "carol", "dave"]);
      expect(r.cached).toEqual(["bob", "carol"]);
    });

    it(`${c.name}: delete after the write, stopped at the same points: the next read gets the database's list`, async () => {
      const redis = await c.connect();
      const r = await readerBetweenWriterSteps(
        c.correct.addFriend as AddFriend,
        c.correct.friendsOf as FriendsOf,
        redis,
        redis,
        "before",
      );
      expect(r.database).toEqual(["bob", "carol"]);
      expect(r.cached === null || r.cached.join() === r.database.join()).toBe(true);
      expect(r.nextRead).toEqual(["bob", "carol"]);

      const w = await twoWriters(c.correct.addFriend as AddFriend, redis, redis, "del");
      expect(w.database).toEqual(["bob", "carol", "dave"]);
      expect(w.cached).toBeNull();
    });
  }
});
