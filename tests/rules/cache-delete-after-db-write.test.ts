import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/cache-delete-after-db-write.js";

const IOREDIS = `import Redis from "ioredis"; const redis = new Redis();`;
const NODE_REDIS = `import { createClient } from "redis"; const client = createClient();`;
const UPSTASH = `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv();`;
const GLIDE = `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] });`;

const del = (what: string, key: string, db: string) => ({
  messageId: "deleteBeforeWrite" as const,
  data: { what, key, db },
});
const set = (what: string, key: string, db: string) => ({
  messageId: "setAfterWrite" as const,
  data: { what, key, db },
});

ruleTester.run("cache-delete-after-db-write", rule, {
  valid: [
    // --- The fix: write the database, then delete the cache key.
    `${IOREDIS} import { prisma } from "./db";
export async function addFriend(userId: string, friendId: string) {
  await prisma.friendship.create({ data: { userId, friendId } });
  await redis.del(\`friends:\${userId}\`);
}`,
    `${NODE_REDIS} import knex from "knex"; const db = knex({ client: "pg" });
export async function rename(id: number, name: string) {
  await db("users").where({ id }).update({ name });
  await client.del(\`user:\${id}\`);
}`,
    `${UPSTASH} import { db } from "./db"; import { users } from "./schema"; import { eq } from "drizzle-orm";
export async function rename(id: number, name: string) { await db.update(users).set({ name }).where(eq(users.id, id)); await redis.del(\`user:\${id}\`); }`,
    `${GLIDE} import type { Kysely } from "kysely";
export async function rename(db: Kysely<any>, id: number, name: string) { await db.updateTable("users").set({ name }).where("id", "=", id).execute(); await client.del([\`user:\${id}\`]); }`,
    `import { redis } from "bun"; import { User } from "./models";
export async function rename(id: string, name: string) { await User.updateOne({ _id: id }, { name }); await redis.del(\`user:\${id}\`); }`,
    // --- Delayed double delete: a second delete after the write, here or in a timer.
    `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await redis.del(\`user:\${id}\`);
  await prisma.user.update({ where: { id }, data: { name } });
  await redis.del(\`user:\${id}\`);
}`,
    `${IOREDIS} import { pool } from "./db";
export async function rename(id: string, name: string) {
  await redis.del(\`user:\${id}\`);
  await pool.query("UPDATE users SET name = $1 WHERE id = $2", [name, id]);
  setTimeout(() => void redis.del(\`user:\${id}\`), 500);
}`,
    // An invalidation helper called after the write.
    `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await redis.unlink(\`user:\${id}\`);
  await prisma.user.update({ where: { id }, data: { name } });
  await invalidateUser(id);
}`,
    // --- Read-through fills after a database READ.
    `${IOREDIS} import { prisma } from "./db";
export async function getUser(id: string) {
  const cached = await redis.get(\`user:\${id}\`);
  if (cached) return JSON.parse(cached);
  const user = await prisma.user.findUnique({ where: { id } });
  await redis.set(\`user:\${id}\`, JSON.stringify(user), "EX", 300);
  return user;
}`,
    `${NODE_REDIS} import { pool } from "./db";
export async function getUser(id: string) {
  const { rows } = await pool.query("SELECT * FROM users WHERE id = $1", [id]);
  await client.set(\`user:\${id}\`, JSON.stringify(rows[0]), { EX: 300 });
  return rows[0];
}`,
    // --- Keys that are no copy of the written rows: locks, counters, rate limits, sessions, queues, tokens.
    `${IOREDIS} import { prisma } from "./db";
export async function pay(orderId: string) {
  const ok = await redis.set(\`lock:order:\${orderId}\`, "1", "PX", 5000, "NX");
  if (!ok) return;
  await prisma.order.update({ where: { id: orderId }, data: { paid: true } });
  await redis.del(\`lock:order:\${orderId}\`);
}`,
    `${IOREDIS} import { prisma } from "./db";
export async function login(user: { id: string }) {
  await redis.del(\`ratelimit:login:\${user.id}\`);
  await prisma.user.update({ where: { id: user.id }, data: { lastLogin: new Date() } });
  await redis.set(\`session:\${user.id}\`, JSON.stringify(user), "EX", 3600);
}`,
    `${NODE_REDIS} import { prisma } from "./db";
export async function register(email: string, token: string) {
  const user = await prisma.user.create({ data: { email, token } });
  await client.set(\`verify:\${token}\`, user.id, { EX: 3600 });
  await client.incr("users:count");
  await client.lPush("queue:welcome-mails", JSON.stringify(user));
}`,
    `${IOREDIS} import { prisma } from "./db";
export async function order(userId: string, items: string[]) {
  const order = await prisma.order.create({ data: { userId, items } });
  await redis.set(\`idempotency:\${userId}:\${order.id}\`, JSON.stringify(order), "EX", 86400);
  await redis.xadd("stream:orders", "*", "id", order.id);
}`,
    // A constant flag, not the data written.
    `${IOREDIS} import { prisma } from "./db";
export async function touch(id: string) { await prisma.user.update({ where: { id }, data: { active: true } }); await redis.set(\`user:\${id}:active\`, "1"); }`,
    // Cache SETs of data in no database (the write is of something else).
    `${IOREDIS} import { prisma } from "./db";
export async function audit(orderId: string, weather: object) {
  await prisma.auditLog.create({ data: { orderId } });
  await redis.set("weather:today", JSON.stringify(weather));
}`,
    // --- Inside a database transaction callback: no-write-in-db-transaction's call.
    `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await redis.del(\`user:\${id}\`);
    await tx.user.update({ where: { id }, data: { name } });
  });
}`,
    `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await prisma.$transaction(async (tx) => { await tx.user.update({ where: { id }, data: { name } }); });
  await redis.del(\`user:\${id}\`);
}`,
    // A write to another table with no word or variable in common with the key.
    `${IOREDIS} import { prisma } from "./db";
export async function log(orderId: string, page: string) { await redis.del(\`page:\${page}\`); await prisma.auditLog.create({ data: { orderId } }); }`,
    // A helper's own set()/del() that the model does not take for Redis.
    `import { db } from "./db"; import { myCache } from "./my-cache";
export async function rename(id: string, name: string) { await myCache.del(\`user:\${id}\`); await db("users").where({ id }).update({ name }); }`,
    // A DEL of a lock released before the write, and a SET NX after it (a first-writer marker).
    `${NODE_REDIS} import { prisma } from "./db";
export async function settle(id: string) { await client.del(\`mutex:\${id}\`); const p = await prisma.payment.update({ where: { id }, data: { settled: true } }); await client.set(\`payment:\${id}\`, JSON.stringify(p), { NX: true }); }`,
    // --- Different branches: one or the other runs.
    `${IOREDIS} import { prisma } from "./db";
export async function save(id: string, name: string | null) {
  if (name === null) await redis.del(\`user:\${id}\`);
  else await prisma.user.update({ where: { id }, data: { name } });
}`,
    `${IOREDIS} import { prisma } from "./db";
export async function save(id: string, stale: boolean, name: string) {
  if (stale) { await redis.del(\`user:\${id}\`); return; }
  await prisma.user.update({ where: { id }, data: { name } });
}`,
    // --- Option: write-through accepted knowingly.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  const user = await prisma.user.update({ where: { id }, data: { name } });
  await redis.set(\`user:\${id}\`, JSON.stringify(user));
}`,
      options: [{ allowWriteThrough: true }],
    },
    // --- Writes in different functions (each function does one of them).
    `${IOREDIS} import { prisma } from "./db";
export async function clear(id: string) { await redis.del(\`user:\${id}\`); }
export async function rename(id: string, name: string) { await prisma.user.update({ where: { id }, data: { name } }); }`,
    // --- Look-alikes: Map, LRU cache, a Keyv / cache-manager store, an HTTP client, an object with the same names.
    `import { prisma } from "./db"; const cache = new Map<string, unknown>();
export async function rename(id: string, name: string) { cache.delete(\`user:\${id}\`); await prisma.user.update({ where: { id }, data: { name } }); }`,
    `import { LRUCache } from "lru-cache"; import { prisma } from "./db"; const lru = new LRUCache<string, object>({ max: 100 });
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); lru.set(\`user:\${id}\`, user); }`,
    `import { pool } from "./db"; import axios from "axios";
export async function rename(id: string, name: string) { await axios.delete(\`/cache/user/\${id}\`); await pool.query("UPDATE users SET name = $1 WHERE id = $2", [name, id]); }`,
    `import { db } from "./db"; const store = { set(k: string, v: string) {}, del(k: string) {} };
export async function rename(id: string, name: string) { store.del(\`user:\${id}\`); await db("users").where({ id }).update({ name }); store.set(\`user:\${id}\`, name); }`,
    // A SELECT through query() is no write.
    `${IOREDIS} import { pool } from "./db";
export async function rename(id: string) { await redis.del(\`user:\${id}\`); await pool.query(\`SELECT * FROM users WHERE id = \${id}\`); }`,
    // Object.create / Map#delete / a Redis call named like an ORM write are no database writes.
    `${IOREDIS} export async function f(id: string) { await redis.del(\`user:\${id}\`); const o = Object.create(null); o.user = id; }`,
    // --- Clients arriving as parameters, the write in the right order.
    `import type { Redis } from "ioredis"; import type { Kysely } from "kysely";
export async function rename(db: Kysely<any>, redis: Redis, id: number, name: string) { await db.updateTable("users").set({ name }).where("id", "=", id).execute(); await redis.del(\`user:\${id}\`); }`,
    `import { redis } from "./lib/redis"; import { prisma } from "./lib/db";
export class Users { async rename(id: string, name: string) { await prisma.user.update({ where: { id }, data: { name } }); await redis.del(\`user:\${id}\`); } }`,
  ],
  invalid: [
    // --- Delete before the write, per client.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function addFriend(userId: string, friendId: string) {
  await redis.del(\`friends:\${userId}\`);
  await prisma.friendship.create({ data: { userId, friendId } });
}`,
      errors: [del("ioredis del()", "`friends:${userId}`", "`prisma.friendship.create()`")],
    },
    {
      code: `${NODE_REDIS} import knex from "knex"; const db = knex({ client: "pg" });
export async function rename(id: number, name: string) {
  await client.del(\`user:\${id}\`);
  await db("users").where({ id }).update({ name });
}`,
      errors: [del("node-redis del()", "`user:${id}`", '`db("users").where({ id }).update()`')],
    },
    {
      code: `${UPSTASH} import { db } from "./db"; import { users } from "./schema"; import { eq } from "drizzle-orm";
export async function rename(id: number, name: string) { await redis.del(\`user:\${id}\`); await db.update(users).set({ name }).where(eq(users.id, id)); }`,
      errors: [del("@upstash/redis del()", "`user:${id}`", "`db.update()`")],
    },
    {
      code: `${GLIDE} import type { Kysely } from "kysely";
export async function rename(db: Kysely<any>, id: number, name: string) { await client.del([\`user:\${id}\`]); await db.updateTable("users").set({ name }).where("id", "=", id).execute(); }`,
      errors: [del("valkey-glide del()", "`user:${id}`", "`db.updateTable()`")],
    },
    {
      code: `import { redis } from "bun"; import { User } from "./models";
export async function rename(id: string, name: string) { await redis.del(\`user:\${id}\`); await User.updateOne({ _id: id }, { name }); }`,
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
    // UNLINK, raw SQL through query() / execute() / prepare().run(), Sequelize, TypeORM, Mongoose, MikroORM.
    {
      code: `${IOREDIS} import { pool } from "./db";
export async function rename(id: string, name: string) { await redis.unlink(\`user:\${id}\`); await pool.query("UPDATE users SET name = $1 WHERE id = $2", [name, id]); }`,
      errors: [del("ioredis unlink()", "`user:${id}`", "an UPDATE through `pool.query()`")],
    },
    {
      code: `${IOREDIS} import mysql from "mysql2/promise"; const conn = await mysql.createConnection({});
export async function unfriend(userId: number, friendId: number) { await redis.del(\`friends:\${userId}\`); await conn.execute(\`DELETE FROM friendships WHERE user_id = ? AND friend_id = ?\`, [userId, friendId]); }`,
      errors: [del("ioredis del()", "`friends:${userId}`", "a DELETE through `conn.execute()`")],
    },
    {
      code: `${IOREDIS} import Database from "better-sqlite3"; const db = new Database("app.db");
export async function rename(id: number, name: string) { await redis.del(\`user:\${id}\`); db.prepare("UPDATE users SET name = ? WHERE id = ?").run(name, id); }`,
      errors: [del("ioredis del()", "`user:${id}`", "an UPDATE through `db.prepare().run()`")],
    },
    {
      code: `${NODE_REDIS} import { User } from "./models";
export async function rename(id: number, name: string) { await client.del(\`user:\${id}\`); await User.update({ name }, { where: { id } }); }`,
      errors: [del("node-redis del()", "`user:${id}`", "`User.update()`")],
    },
    {
      code: `${IOREDIS} import { AppDataSource } from "./data-source"; import { User } from "./entity";
export async function rename(id: number, name: string) { await redis.del(\`user:\${id}\`); await AppDataSource.getRepository(User).update(id, { name }); }`,
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
    {
      code: `${IOREDIS} import type { EntityManager } from "@mikro-orm/core";
export async function rename(em: EntityManager, user: { id: number }, name: string) { await redis.del(\`user:\${user.id}\`); await em.nativeUpdate("User", { id: user.id }, { name }); }`,
      errors: [del("ioredis del()", "`user:${user.id}`", "`em.nativeUpdate()`")],
    },
    {
      code: `${IOREDIS} import { sql } from "./db";
export async function rename(id: number, name: string) { await redis.del(\`user:\${id}\`); await sql\`UPDATE users SET name = \${name} WHERE id = \${id}\`; }`,
      errors: [del("ioredis del()", "`user:${id}`", "an UPDATE through the `sql` tag")],
    },
    // A literal key naming the table.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function addProduct(name: string) { await redis.del("products:all"); await prisma.product.create({ data: { name } }); }`,
      errors: [del("ioredis del()", '`"products:all"`', "`prisma.product.create()`")],
    },
    // --- Write the new value after the write, per client.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  const user = await prisma.user.update({ where: { id }, data: { name } });
  await redis.set(\`user:\${id}\`, JSON.stringify(user), "EX", 3600);
}`,
      errors: [set("ioredis set()", "`user:${id}`", "`prisma.user.update()`")],
    },
    {
      code: `${NODE_REDIS} import { pool } from "./db";
export async function addFriend(userId: number, friendId: number) {
  await pool.query("INSERT INTO friendships (user_id, friend_id) VALUES ($1, $2)", [userId, friendId]);
  const { rows } = await pool.query("SELECT friend_id FROM friendships WHERE user_id = $1", [userId]);
  await client.set(\`friends:\${userId}\`, JSON.stringify(rows), { EX: 3600 });
}`,
      errors: [set("node-redis set()", "`friends:${userId}`", "an INSERT through `pool.query()`")],
    },
    {
      code: `${NODE_REDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); await client.hSet(\`user:\${id}\`, { name: user.name }); }`,
      errors: [set("node-redis hSet()", "`user:${id}`", "`prisma.user.update()`")],
    },
    {
      code: `${UPSTASH} import { prisma } from "./db";
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); await redis.set(\`user:\${id}\`, user, { ex: 60 }); }`,
      errors: [set("@upstash/redis set()", "`user:${id}`", "`prisma.user.update()`")],
    },
    {
      code: `${GLIDE} import { prisma } from "./db";
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); await client.set(\`user:\${id}\`, JSON.stringify(user)); }`,
      errors: [set("valkey-glide set()", "`user:${id}`", "`prisma.user.update()`")],
    },
    {
      code: `import { redis } from "bun"; import { prisma } from "./db";
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); await redis.set(\`user:\${id}\`, JSON.stringify(user)); }`,
      errors: [{ messageId: "setAfterWrite" }],
    },
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) { await prisma.user.update({ where: { id }, data: { name } }); await redis.setex(\`user:\${id}\`, 60, name); }`,
      errors: [set("ioredis setex()", "`user:${id}`", "`prisma.user.update()`")],
    },
    // --- Clients arriving as parameters, this.redis, a client imported from ./lib/redis.
    {
      code: `import type { Redis } from "ioredis"; import type { Kysely } from "kysely";
export async function rename(db: Kysely<any>, redis: Redis, id: number, name: string) { await redis.del(\`user:\${id}\`); await db.updateTable("users").set({ name }).where("id", "=", id).execute(); }`,
      errors: [del("ioredis del()", "`user:${id}`", "`db.updateTable()`")],
    },
    {
      code: `import type { Redis } from "ioredis"; import { prisma } from "./db";
export class Users { constructor(private redis: Redis) {}
  async rename(id: string, name: string) { await this.redis.del(\`user:\${id}\`); await prisma.user.update({ where: { id }, data: { name } }); } }`,
      errors: [del("ioredis del()", "`user:${id}`", "`prisma.user.update()`")],
    },
    {
      code: `import { redis } from "./lib/redis"; import { prisma } from "./lib/db";
export async function rename(id: string, name: string) { await redis.del(\`user:\${id}\`); await prisma.user.update({ where: { id }, data: { name } }); }`,
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
    // A delete before a transaction that writes (the transaction is the write).
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await redis.del(\`user:\${id}\`);
  await prisma.$transaction(async (tx) => { await tx.user.update({ where: { id }, data: { name } }); await tx.auditLog.create({ data: { id } }); });
}`,
      errors: [del("ioredis del()", "`user:${id}`", "Prisma `$transaction()`")],
    },
    // iovalkey, @vercel/kv, node-redis v3 (callback style).
    {
      code: `import Valkey from "iovalkey"; const valkey = new Valkey(); import { prisma } from "./db";
export async function rename(id: string, name: string) { await valkey.del(\`user:\${id}\`); await prisma.user.update({ where: { id }, data: { name } }); }`,
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
    {
      code: `import { kv } from "@vercel/kv"; import { prisma } from "./db";
export async function rename(id: string, name: string) { const user = await prisma.user.update({ where: { id }, data: { name } }); await kv.set(\`user:\${id}\`, user); }`,
      errors: [{ messageId: "setAfterWrite" }],
    },
    {
      code: `const redis = require("redis"); const client = redis.createClient(); const { pool } = require("./db");
async function rename(id, name) { client.del(\`user:\${id}\`, () => {}); await pool.query("UPDATE users SET name = $1 WHERE id = $2", [name, id]); }`,
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
    // Both wrong orders in one function.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) {
  await redis.del(\`user:\${id}\`);
  const user = await prisma.user.update({ where: { id }, data: { name } });
  await redis.set(\`user:\${id}\`, JSON.stringify(user));
}`,
      errors: [{ messageId: "deleteBeforeWrite" }, { messageId: "setAfterWrite" }],
    },
    // The option keeps the delete-before-write report.
    {
      code: `${IOREDIS} import { prisma } from "./db";
export async function rename(id: string, name: string) { await redis.del(\`user:\${id}\`); await prisma.user.update({ where: { id }, data: { name } }); }`,
      options: [{ allowWriteThrough: true }],
      errors: [{ messageId: "deleteBeforeWrite" }],
    },
  ],
});
