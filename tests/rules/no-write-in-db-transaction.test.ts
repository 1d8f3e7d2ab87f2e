import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-write-in-db-transaction.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE_REDIS = `import { createClient } from "redis"; const client = createClient();`;

/** The message data: what was written, inside which transaction, and the after-commit hint. */
const data = (what: string, transaction: string, hook = "") => ({ what, transaction, hook });

ruleTester.run("no-write-in-db-transaction", rule, {
  valid: [
    // --- The fix: the write after the awaited transaction.
    `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => { await tx.product.update({ where: { id }, data: { name } }); });
  await redis.del(\`product:\${id}\`);
}`,
    `${NODE_REDIS} import knex from "knex"; const db = knex({ client: "pg" });
export async function pay(id: number) {
  const order = await db.transaction(async (trx) => trx("orders").where({ id }).update({ paid: true }).returning("*"));
  await client.set(\`order:\${id}\`, JSON.stringify(order));
}`,
    // --- Sequelize after-commit hooks.
    `${IOREDIS} import { Sequelize } from "sequelize"; const sequelize = new Sequelize("sqlite::memory:");
await sequelize.transaction(async (t) => {
  await sequelize.query("UPDATE users SET name = 'x'", { transaction: t });
  t.afterCommit(() => redis.del("user:1"));
  t.afterCommit(async () => { await redis.publish("users", "1"); await redis.set("user:1:dirty", "0"); });
});`,
    // --- Reads are fine inside.
    `${IOREDIS} import { db } from "./db";
await db.transaction(async (tx) => {
  const cached = await redis.get("price:1");
  const all = await redis.hgetall("prices");
  const n = await redis.exists("lock:1");
  await tx.insert(prices).values({ cached, all, n });
});`,
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); import { prisma } from "./db"; await prisma.$transaction(async (tx) => { const v = await redis.get("k"); await tx.log.create({ data: { v } }); });`,
    // --- Look-alikes: not a database transaction.
    // IndexedDB and Dexie take store names and modes.
    `${IOREDIS} const idb = await openDatabase(); const tx = idb.transaction("store", "readwrite"); tx.objectStore("store").put({ id: 1 }); await redis.set("a", "1");`,
    `${IOREDIS} import Dexie from "dexie"; const db = new Dexie("app"); await db.transaction("rw", db.friends, async () => { await redis.set("k", "1"); });`,
    // A Redis client's own transactions.
    `${IOREDIS} await redis.multi().set("a", "1").exec(); const redisDb = redis; await redisDb.multi().set("b", "1").exec();`,
    `${IOREDIS} export async function f(r: Redis) { await r.watch("k"); await r.multi().set("k", "v").exec(); }`,
    // Something called `transaction` that is not a database handle, in a file with no database import.
    `${IOREDIS} const queue = makeQueue(); await queue.transaction(async () => { await redis.set("k", "v"); });`,
    `${IOREDIS} import { getDatabase, ref, runTransaction } from "firebase/database"; const counterRef = ref(getDatabase(), "n"); counterRef.transaction((n) => { void redis.incr("n"); return n + 1; });`,
    // Not a callback written here (knowingly not followed).
    `${IOREDIS} import { db } from "./db"; async function work(tx) { await redis.set("k", "v"); } await db.transaction(work);`,
    // pg-promise `db.tx` / `db.multi`, Map#set, lodash, express.
    `${IOREDIS} import pgp from "pg-promise"; const db = pgp()("postgres://"); await db.multi("select 1; select 2"); const m = new Map(); m.set("a", 1);`,
    `import { prisma } from "./db"; const cache = new Map(); await prisma.$transaction(async (tx) => { cache.set("k", 1); await tx.user.findMany(); });`,
    `import _ from "lodash"; import { db } from "./db"; await db.transaction(async (tx) => { _.set({}, "a", 1); const store = { set() {}, del() {} }; store.set(); store.del(); });`,
    `import express from "express"; import { db } from "./db"; const app = express(); app.post("/x", async (req, res) => { await db.transaction(async (tx) => { res.set("X-Id", "1"); }); res.send("ok"); });`,
    // The array form of Prisma `$transaction` has no callback.
    `${IOREDIS} import { prisma } from "./db"; await prisma.$transaction([prisma.user.deleteMany()]); await redis.del("users");`,
    // A write outside, before the transaction.
    `${IOREDIS} import { db } from "./db"; await redis.set("started", "1"); await db.transaction(async (tx) => { await tx.execute("select 1"); });`,
    // Review: writes kept for after the commit (a job list, a listener), run once the transaction is done.
    `${IOREDIS} import { prisma } from "./db"; export async function f(id: string) { const onCommit: (() => Promise<unknown>)[] = []; await prisma.$transaction(async (tx) => { await tx.user.update({ where: { id }, data: {} }); onCommit.push(() => redis.del(\`user:\${id}\`)); }); await Promise.all(onCommit.map((job) => job())); }`,
    `${IOREDIS} import { DataSource } from "typeorm"; const ds = new DataSource({}); export async function f(id: string, events: { once(e: string, f: () => void): void }) { await ds.transaction(async (em) => { await em.query("update users set a = 1"); events.once("committed", () => void redis.set(\`u:\${id}\`, "1")); }); }`,
    `${NODE_REDIS} import knex from "knex"; const db = knex({}); export async function f(id: string) { await db.transaction(async (trx) => { await trx("users").update({ a: 1 }); setTimeout(() => void client.del(id), 0); }); }`,
    // Review: a lock taken and released inside the callback is coordination, not data to roll back.
    `${IOREDIS} import { prisma } from "./db"; const RELEASE = 'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end'; export async function f(id: string, token: string) { await prisma.$transaction(async (tx) => { const ok = await redis.set(\`lock:\${id}\`, token, "PX", 5000, "NX"); if (!ok) throw new Error("busy"); try { await tx.order.update({ where: { id }, data: {} }); } finally { await redis.eval(RELEASE, 1, \`lock:\${id}\`, token); } }); }`,
    `${NODE_REDIS} import knex from "knex"; const db = knex({}); export async function f(id: string) { await db.transaction(async (trx) => { if (!(await client.set(\`lock:\${id}\`, "1", { NX: true, PX: 5000 }))) return; try { await trx("a").update({ b: 1 }); } finally { await client.del(\`lock:\${id}\`); } }); }`,
  ],
  invalid: [
    // --- Review: callbacks that run inside the transaction (array methods, an awaited helper, a local function that is called).
    {
      code: `${IOREDIS} import { prisma } from "./db"; export async function f(ids: string[]) { await prisma.$transaction(async (tx) => { await tx.user.deleteMany({ where: { id: { in: ids } } }); await Promise.all(ids.map((id) => redis.del(\`user:\${id}\`))); }); }`,
      errors: [{ messageId: "writeInTransaction", data: data("ioredis del()", "Prisma `$transaction()`") }],
    },
    {
      code: `${IOREDIS} import { prisma } from "./db"; export async function f(id: string) { await prisma.$transaction(async (tx) => { await tx.user.delete({ where: { id } }); await withRetry(() => redis.del(id)); }); }`,
      errors: [{ messageId: "writeInTransaction" }],
    },
    {
      code: `${IOREDIS} import { prisma } from "./db"; export async function f(id: string) { await prisma.$transaction(async (tx) => { const invalidate = () => redis.del(id); await tx.user.delete({ where: { id } }); await invalidate(); }); }`,
      errors: [{ messageId: "writeInTransaction" }],
    },
    {
      // Review: an idempotency key set with NX inside the callback and never released stays when the transaction rolls back.
      code: `${IOREDIS} import { prisma } from "./db"; export async function f(id: string) { await prisma.$transaction(async (tx) => { const fresh = await redis.set(\`idem:\${id}\`, "1", "EX", 86400, "NX"); if (!fresh) return; await tx.payment.create({ data: { id } }); }); }`,
      errors: [{ messageId: "writeInTransaction", data: data("ioredis set()", "Prisma `$transaction()`") }],
    },
    // --- Prisma, ioredis.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.product.update({ where: { id }, data: { name } });
    await redis.del(\`product:\${id}\`);
  });
}`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 5,
          data: data("ioredis del()", "Prisma `$transaction()`"),
          suggestions: [],
        },
      ],
    },
    // iovalkey, raw command, and a MULTI inside: one report for the transaction.
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); import { prisma } from "./db";
await prisma.$transaction(async (tx) => {
  await valkey.call("SET", "k", "v");
  await valkey.multi().set("a", "1").incr("b").get("c").exec();
  await valkey.pipeline().hset("h", "f", "v").exec();
});`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 3,
          data: data("ioredis a raw SET", "Prisma `$transaction()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          line: 4,
          data: data("ioredis MULTI/EXEC with SET, INCR", "Prisma `$transaction()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          line: 5,
          data: data("ioredis pipeline with HSET", "Prisma `$transaction()`"),
          suggestions: [],
        },
      ],
    },
    // --- Sequelize, with the after-commit suggestion (node-redis v4 and v5 option shapes).
    {
      code: `${NODE_REDIS} import { Sequelize } from "sequelize"; const sequelize = new Sequelize("sqlite::memory:");
await sequelize.transaction(async (t) => {
  await sequelize.query("UPDATE users SET name = 'x'", { transaction: t });
  await client.set("user:1", "x", { EX: 60 });
  await client.set("user:2", "y", { expiration: { type: "EX", value: 60 } });
});`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 4,
          data: data("node-redis set()", "`sequelize.transaction()`", ", or in `t.afterCommit(...)`"),
          suggestions: [
            {
              messageId: "moveToAfterCommit",
              data: { param: "t" },
              output: `${NODE_REDIS} import { Sequelize } from "sequelize"; const sequelize = new Sequelize("sqlite::memory:");
await sequelize.transaction(async (t) => {
  await sequelize.query("UPDATE users SET name = 'x'", { transaction: t });
  t.afterCommit(() => client.set("user:1", "x", { EX: 60 }));
  await client.set("user:2", "y", { expiration: { type: "EX", value: 60 } });
});`,
            },
          ],
        },
        {
          messageId: "writeInTransaction",
          line: 5,
          data: data("node-redis set()", "`sequelize.transaction()`", ", or in `t.afterCommit(...)`"),
          suggestions: [
            {
              messageId: "moveToAfterCommit",
              data: { param: "t" },
              output: `${NODE_REDIS} import { Sequelize } from "sequelize"; const sequelize = new Sequelize("sqlite::memory:");
await sequelize.transaction(async (t) => {
  await sequelize.query("UPDATE users SET name = 'x'", { transaction: t });
  await client.set("user:1", "x", { EX: 60 });
  t.afterCommit(() => client.set("user:2", "y", { expiration: { type: "EX", value: 60 } }));
});`,
            },
          ],
        },
      ],
    },
    // Sequelize with options before the callback; CommonJS.
    {
      code: `const { Sequelize, Transaction } = require("sequelize"); const Redis = require("ioredis"); const redis = new Redis(); const sequelize = new Sequelize();
sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (transaction) => { redis.hincrby("stats", "orders", 1); });`,
      errors: [
        {
          messageId: "writeInTransaction",
          data: data("ioredis hincrby()", "`sequelize.transaction()`", ", or in `transaction.afterCommit(...)`"),
          suggestions: [
            {
              messageId: "moveToAfterCommit",
              data: { param: "transaction" },
              output: `const { Sequelize, Transaction } = require("sequelize"); const Redis = require("ioredis"); const redis = new Redis(); const sequelize = new Sequelize();
sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (transaction) => { transaction.afterCommit(() => redis.hincrby("stats", "orders", 1)); });`,
            },
          ],
        },
      ],
    },
    // --- TypeORM: DataSource, EntityManager, with an isolation level first.
    {
      code: `${IOREDIS} import { DataSource } from "typeorm";
export class Orders {
  constructor(private readonly dataSource: DataSource) {}
  async place(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert("orders", { id });
      await redis.sadd("orders:open", String(id));
    });
    await this.dataSource.manager.transaction("SERIALIZABLE", async (em) => {
      await redis.expire("orders:open", 60);
    });
  }
}`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 7,
          data: data("ioredis sadd()", "`dataSource.transaction()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          line: 10,
          data: data("ioredis expire()", "`manager.transaction()`"),
          suggestions: [],
        },
      ],
    },
    // No database import: the receiver's name says it (`getManager()`, `AppDataSource`).
    {
      code: `${IOREDIS} await getManager().transaction(async (m) => { await redis.lpush("q", "1"); }); await AppDataSource.transaction(async (m) => { await redis.rpush("q", "2"); });`,
      errors: [
        {
          messageId: "writeInTransaction",
          data: data("ioredis lpush()", "`getManager.transaction()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          data: data("ioredis rpush()", "`AppDataSource.transaction()`"),
          suggestions: [],
        },
      ],
    },
    // --- Knex, node-redis, a write in a nested callback too.
    {
      code: `${NODE_REDIS} import knex from "knex"; const db = knex({ client: "pg" });
await db.transaction(async (trx) => {
  const ids = await trx("items").insert([{ a: 1 }, { a: 2 }]).returning("id");
  await Promise.all(ids.map(async ({ id }) => client.del(\`item:\${id}\`)));
});`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 4,
          data: data("node-redis del()", "`db.transaction()`"),
          suggestions: [],
        },
      ],
    },
    // Knex without `async`, then-chained; the write is still inside.
    {
      code: `${IOREDIS} import Knex from "knex"; const knex = Knex({ client: "pg" }); knex.transaction(function (trx) { return trx("a").update({ b: 1 }).then(() => redis.set("a", "1")); });`,
      errors: [
        { messageId: "writeInTransaction", data: data("ioredis set()", "`knex.transaction()`"), suggestions: [] },
      ],
    },
    // --- Drizzle (options after the callback) and Kysely.
    {
      code: `import { redis } from "bun"; import { drizzle } from "drizzle-orm/node-postgres"; const db = drizzle(process.env.DATABASE_URL!);
await db.transaction(async (tx) => { await tx.execute("select 1"); await redis.set("k", "v"); await redis.send("DEL", ["k2"]); }, { isolationLevel: "serializable" });`,
      errors: [
        {
          messageId: "writeInTransaction",
          data: data("Bun's RedisClient set()", "`db.transaction()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          data: data("Bun's RedisClient a raw DEL", "`db.transaction()`"),
          suggestions: [],
        },
      ],
    },
    {
      code: `import type { Kysely } from "kysely"; import type { RedisClientType } from "redis";
export async function archive(db: Kysely<Db>, client: RedisClientType, id: number) {
  await db.transaction().setIsolationLevel("serializable").execute(async (trx) => {
    await trx.deleteFrom("posts").where("id", "=", id).execute();
    await client.zRem("posts:recent", String(id));
  });
  await db.transaction().execute(async (trx) => client.hDel("posts", String(id)));
}`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 5,
          data: data("node-redis zRem()", "Kysely `transaction().execute()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          line: 7,
          data: data("node-redis hDel()", "Kysely `transaction().execute()`"),
          suggestions: [],
        },
      ],
    },
    // --- Mongoose / MongoDB `withTransaction`, MikroORM `transactional`.
    {
      code: `import mongoose from "mongoose"; import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();
const session = await mongoose.startSession();
await session.withTransaction(async () => {
  await Order.create([{ sku: "a" }], { session });
  await redis.decr("stock:a");
});`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 5,
          data: data("@upstash/redis decr()", "MongoDB `withTransaction()`"),
          suggestions: [],
        },
      ],
    },
    {
      code: `import { kv } from "@vercel/kv"; import { db } from "./db"; await db.transaction(async (tx) => { await kv.set("k", "v"); });`,
      errors: [
        { messageId: "writeInTransaction", data: data("@upstash/redis set()", "`db.transaction()`"), suggestions: [] },
      ],
    },
    {
      code: `import { GlideClient, Batch } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });
export async function save(em) {
  await em.transactional(async (fork) => {
    await client.set("k", "v");
    const batch = new Batch(true).set("a", "1").incr("n");
    await client.exec(batch, true);
  });
}`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 4,
          data: data("valkey-glide set()", "MikroORM `transactional()`"),
          suggestions: [],
        },
        {
          messageId: "writeInTransaction",
          line: 6,
          data: data("valkey-glide MULTI/EXEC with SET, INCR", "MikroORM `transactional()`"),
          suggestions: [],
        },
      ],
    },
    // An after-commit hook of another transaction does not help the write beside it.
    {
      code: `${IOREDIS} import { Sequelize } from "sequelize"; const sequelize = new Sequelize();
await sequelize.transaction(async (t) => {
  t.afterCommit(() => redis.del("a"));
  void redis.del("b");
});`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 4,
          data: data("ioredis del()", "`sequelize.transaction()`", ", or in `t.afterCommit(...)`"),
          // `void x` is not a plain statement to move.
          suggestions: [],
        },
      ],
    },
    // Class field client, written in a transaction opened through `this.prisma`.
    {
      code: `import type { Redis } from "ioredis"; import type { PrismaClient } from "@prisma/client";
export class Accounts {
  constructor(private readonly redis: Redis, private readonly prisma: PrismaClient) {}
  async close(id: string) {
    return this.prisma.$transaction(async (tx) => {
      await this.redis.unlink(\`account:\${id}\`);
      return tx.account.delete({ where: { id } });
    });
  }
}`,
      errors: [
        {
          messageId: "writeInTransaction",
          line: 6,
          data: data("ioredis unlink()", "Prisma `$transaction()`"),
          suggestions: [],
        },
      ],
    },
  ],
});
