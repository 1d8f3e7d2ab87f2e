import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/model/index.js";
import { ruleTester } from "../rule-tester.js";
import rule from "../../src/rules/no-cross-slot.js";

const IO_CLUSTER = `import Redis from "ioredis"; const cluster = new Redis.Cluster([{ host: "127.0.0.1", port: 7000 }]);`;
const IO_NAMED = `import { Cluster } from "ioredis"; const cluster = new Cluster([{ host: "127.0.0.1", port: 7000 }]);`;
const NR_CLUSTER = `import { createCluster } from "redis"; const cluster = createCluster({ rootNodes: [{ url: "redis://127.0.0.1:7000" }] }); await cluster.connect();`;
const GLIDE_CLUSTER = `import { GlideClusterClient } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [{ host: "127.0.0.1", port: 7000 }] });`;
const CLUSTER_SETTINGS = { redis: { cluster: true } };

/** The message data of a cross-slot command. */
const cmd = (how: string, client: string, first: string, second: string) => ({ how, client, first, second });

ruleTester.run("no-cross-slot", rule, {
  valid: [
    // Single-node clients: multi-key commands across "slots" are fine.
    `import Redis from "ioredis"; const redis = new Redis(); await redis.mget("user:1", "order:1");`,
    `import { createClient } from "redis"; const client = createClient(); await client.connect(); await client.mGet(["user:1", "order:1"]);`,
    `import { createClient } from "redis"; const client = createClient(); await client.connect(); await client.multi().set("user:1", "a").set("order:1", "b").exec();`,
    `import { GlideClient } from "@valkey/valkey-glide"; const client = await GlideClient.createClient({ addresses: [] }); await client.customCommand(["MGET", "user:1", "order:1"]);`,
    `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); await redis.mget("user:1", "order:1");`,
    // Hash-tagged keys share a slot.
    `${IO_CLUSTER} await cluster.mget("{user:1}:profile", "{user:1}:orders");`,
    `${NR_CLUSTER} await cluster.mGet(["{cart:42}", "{cart:42}:items"]);`,
    `${IO_CLUSTER} await cluster.multi().set("{user:1}:a", "1").incr("{user:1}:b").exec();`,
    `${IO_CLUSTER} export async function f(id) { await cluster.mget(\`{user:\${id}}:profile\`, \`{user:\${id}}:orders\`); }`,
    // Keys whose hashed part is dynamic: the slots cannot be told.
    `${IO_CLUSTER} export async function f(id) { await cluster.mget(\`user:\${id}\`, \`order:\${id}\`); }`,
    `${IO_CLUSTER} export async function f(a, b) { await cluster.del(a, b); }`,
    `${NR_CLUSTER} export async function f(keys) { await cluster.del(keys); }`,
    `${IO_CLUSTER} export async function f(id) { await cluster.rename(\`{\${id}}:a\`, "{x}:b"); }`,
    `${IO_CLUSTER} export async function f(keys) { await cluster.mget(...keys); }`,
    // A dynamic part hashed with a literal key: cannot be told.
    `${IO_CLUSTER} export async function f(day) { await cluster.mget(\`stats:\${day}\`, "stats:total"); }`,
    // A tag closed before the dynamic part, on both keys: one slot.
    `${NR_CLUSTER} export async function f(day) { await cluster.rename(\`{stats}:\${day}\`, "{stats}:total"); }`,
    // A non-atomic GLIDE batch is a pipeline, split per slot (MGET too).
    `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); await client.exec(new ClusterBatch(false).mget(["user:1", "order:1"]), true);`,
    `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); await client.exec(new ClusterBatch(false).set("user:1", "a").set("order:1", "b"), true);`,
    // An empty first tag followed by a `}`: cluster-key-slot and the server disagree (docs/semantics.md §10).
    `${IO_CLUSTER} await cluster.mget("a{}{b}", "c");`,
    // A key prefix changes what is hashed (ioredis `keyPrefix`, also in a Cluster's `redisOptions`).
    `import { Cluster } from "ioredis"; const cluster = new Cluster([], { keyPrefix: "{app}:" }); await cluster.mget("user:1", "order:1");`,
    `import { Cluster } from "ioredis"; const cluster = new Cluster([], { redisOptions: { keyPrefix: "{app}:" } }); await cluster.mget("user:1", "order:1");`,
    `import { Cluster } from "ioredis"; import { options } from "./config"; const cluster = new Cluster([], options); await cluster.mget("user:1", "order:1");`,
    // The same slot without a tag: "u" and "{u}".
    `${IO_CLUSTER} await cluster.mget("u", "{u}");`,
    // One key.
    `${IO_CLUSTER} await cluster.del("user:1"); await cluster.exists("order:1");`,
    `${IO_CLUSTER} await cluster.eval("return 1", 1, "user:1", "order:1");`,
    `${NR_CLUSTER} await cluster.eval("return 1", { keys: ["user:1"], arguments: ["order:1"] });`,
    // MSET values are not keys.
    `${NR_CLUSTER} await cluster.mSet(["{u}a", "user:1", "{u}b", "order:1"]);`,
    `${IO_CLUSTER} await cluster.mset({ "{u}a": "user:1", "{u}b": "order:1" });`,
    // SMOVE's member is not a key.
    `${IO_CLUSTER} await cluster.smove("{s}:a", "{s}:b", "order:1");`,
    // GLIDE's cluster client splits MGET / MSET / DEL / EXISTS / UNLINK / TOUCH / WATCH per slot.
    `${GLIDE_CLUSTER} await client.mget(["user:1", "order:1"]); await client.del(["user:1", "order:1"]);`,
    `${GLIDE_CLUSTER} await client.mset({ "user:1": "a", "order:1": "b" });`,
    // Pipelines are not refused when the keys are on one node (docs/semantics.md §10).
    `${IO_CLUSTER} await cluster.pipeline().set("user:1", "a").set("order:1", "b").exec();`,
    `${NR_CLUSTER} await cluster.multi().set("user:1", "a").set("order:1", "b").execAsPipeline();`,
    // Commands queued in a branch: both may never be in one transaction.
    `${IO_CLUSTER} export async function f(admin) { const tx = cluster.multi(); if (admin) tx.set("user:1", "a"); else tx.set("order:1", "b"); await tx.exec(); }`,
    `${IO_CLUSTER} export async function f(ids) { const tx = cluster.multi(); tx.set("user:1", "a"); for (const id of ids) tx.del("order:1"); await tx.exec(); }`,
    // The setting does not make Upstash (one HTTP endpoint) a cluster client.
    {
      code: `import { Redis } from "@upstash/redis"; const redis = Redis.fromEnv(); await redis.mget("user:1", "order:1");`,
      settings: CLUSTER_SETTINGS,
    },
    // Clients arriving as parameters, without the setting: not visibly a cluster.
    `export async function f(client) { await client.mget("user:1", "order:1"); await client.hgetall("h"); }`,
    `export class Repo { constructor(redis) { this.redis = redis; } get() { return this.redis.mget("user:1", "order:1"); } }`,
    `import { redis } from "./lib/redis"; await redis.del("user:1", "order:1");`,
    // Look-alikes.
    `const cluster = new Map(); cluster.delete("user:1");`,
    `const cache = { mget(...k) { return k; } }; cache.mget("user:1", "order:1");`,
    `import knex from "knex"; const db = knex({}); await db("users").del("user:1", "order:1");`,
    `import { PrismaClient } from "@prisma/client"; const db = new PrismaClient(); await db.user.delete({ where: { id: "user:1" } });`,
    `import LRU from "lru-cache"; const cluster = new LRU({ max: 10 }); cluster.del("user:1", "order:1");`,
    `import axios from "axios"; await axios.delete("user:1", "order:1");`,
    `const fs = { rename(a, b) {} }; fs.rename("user:1", "order:1");`,
  ],
  invalid: [
    {
      code: `${IO_CLUSTER} await cluster.mget("user:1", "order:1");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mget()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      name: "a shared prefix gives the obvious hash tag",
      code: `${IO_NAMED} await cluster.del("cart:42", "cart:42:items");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("del()", "ioredis", "`cart:42` is in slot 15749", "`cart:42:items` is in slot 6635"),
          suggestions: [
            {
              messageId: "useHashTag",
              data: { tag: "cart:42", renamed: "`{cart:42}`, `{cart:42}:items`" },
              output: `${IO_NAMED} await cluster.del("{cart:42}", "{cart:42}:items");`,
            },
          ],
        },
      ],
    },
    {
      code: `const Redis = require("iovalkey"); const cluster = new Redis.Cluster([]); cluster.sinterstore("dest", "s1", "s2");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("sinterstore()", "ioredis", "`dest` is in slot 161", "`s1` is in slot 15224"),
        },
      ],
    },
    {
      code: `${IO_CLUSTER} await cluster.eval("return redis.call('GET', KEYS[1])", 2, "user:1", "order:1");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("eval()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${IO_CLUSTER} await cluster.call("MGET", "k1", "k2");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd('call("MGET")', "ioredis", "`k1` is in slot 12706", "`k2` is in slot 449"),
        },
      ],
    },
    {
      name: "hash tags that differ",
      code: `${IO_CLUSTER} export async function move(id) { await cluster.rename(\`{user:1}:\${id}\`, \`{order:1}:\${id}\`); }`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd(
            "rename()",
            "ioredis",
            "`{user:1}:${id}` is in slot 10778 (hash tag `user:1`)",
            "`{order:1}:${id}` is in slot 14374 (hash tag `order:1`)",
          ),
        },
      ],
    },
    {
      name: "constants",
      code: `${IO_CLUSTER} const SRC = "src"; const DST = "dst"; await cluster.lmove(SRC, DST, "LEFT", "RIGHT");`,
      errors: [
        { messageId: "crossSlot", data: cmd("lmove()", "ioredis", "`src` is in slot 13222", "`dst` is in slot 9394") },
      ],
    },
    {
      name: "an empty tag `{}` hashes the whole key",
      code: `${IO_CLUSTER} await cluster.watch("{}user:1", "{}order:1");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("watch()", "ioredis", "`{}user:1` is in slot 8914", "`{}order:1` is in slot 12590"),
        },
      ],
    },
    {
      code: `${IO_CLUSTER} await cluster.mset({ "user:1": "a", "order:1": "b" });`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mset()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      name: "a key whose slot is unknown does not hide two that differ (no suggestion then)",
      code: `${IO_CLUSTER} export const f = (id) => cluster.del("user:1", \`tmp:\${id}\`, "order:1");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("del()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
          suggestions: [],
        },
      ],
    },
    {
      name: "options without a key prefix",
      code: `import { Cluster } from "ioredis"; const cluster = new Cluster([], { scaleReads: "slave", redisOptions: { password: "x" } }); await cluster.mget("user:1", "order:1");`,
      errors: [{ messageId: "crossSlot" }],
    },
    {
      code: `${IO_CLUSTER} await cluster.bitop("OR", "dest", "user:1", "order:1");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("bitop()", "ioredis", "`dest` is in slot 161", "`user:1` is in slot 10778"),
        },
      ],
    },
    {
      name: "one cross-slot command in a pipeline still fails",
      code: `${IO_CLUSTER} const [[err, values]] = await cluster.pipeline().mget("user:1", "order:1").exec();`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mget()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      name: "one cross-slot command in a MULTI is reported once, on the command",
      code: `${IO_CLUSTER} await cluster.multi().del("user:1", "order:1").exec();`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("del()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    // --- node-redis createCluster.
    {
      code: `${NR_CLUSTER} await cluster.sendCommand("user:1", true, ["MGET", "user:1", "order:1"]);`,
      errors: [{ messageId: "crossSlot" }],
    },
    {
      code: `${NR_CLUSTER} await cluster.fCall("merge", { keys: ["user:1", "order:1"], arguments: [] });`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("fCall()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.mGet(["user:1", "order:1"]);`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mGet()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.mSet({ "user:1": "a", "order:1": "b" });`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mSet()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.mSetNX([["user:1", "a"], ["order:1", "b"]]);`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mSetNX()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.zUnionStore("dest", ["x", "y"]);`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("zUnionStore()", "node-redis", "`dest` is in slot 161", "`x` is in slot 16287"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.eval("return 1", { keys: ["user:1", "order:1"], arguments: [] });`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("eval()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${NR_CLUSTER} await cluster.pfMerge("hll:all", ["hll:a", "hll:b"]);`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("pfMerge()", "node-redis", "`hll:all` is in slot 11727", "`hll:a` is in slot 13762"),
          suggestions: [
            {
              messageId: "useHashTag",
              data: { tag: "hll", renamed: "`{hll}:all`, `{hll}:a`, `{hll}:b`" },
              output: `${NR_CLUSTER} await cluster.pfMerge("{hll}:all", ["{hll}:a", "{hll}:b"]);`,
            },
          ],
        },
      ],
    },
    {
      name: "node-redis v4 cluster",
      code: `import { createCluster } from "redis"; const cluster = createCluster({ rootNodes: [] }); await cluster.sUnion(["s1", "s2"]);`,
      settings: { redis: { versions: { redis: 4 } } },
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("sUnion()", "node-redis", "`s1` is in slot 15224", "`s2` is in slot 2843"),
        },
      ],
    },
    {
      name: "node-redis cluster transaction",
      code: `${NR_CLUSTER} await cluster.multi().set("user:1", "a").set("order:1", "b").exec();`,
      errors: [
        {
          messageId: "crossSlotTransaction",
          data: {
            client: "node-redis",
            first: "`user:1` is in slot 10778",
            firstCall: "set()",
            second: "`order:1` is in slot 14374",
            secondCall: "set()",
          },
        },
      ],
    },
    {
      name: "ioredis cluster transaction, statements",
      code: `${IO_CLUSTER} export async function checkout() { const tx = cluster.multi(); tx.decr("stock:1"); tx.rpush("orders", "1"); return tx.exec(); }`,
      errors: [{ messageId: "crossSlotTransaction" }],
    },
    // --- GLIDE: commands it does not split.
    {
      code: `${GLIDE_CLUSTER} await client.msetnx({ "user:1": "a", "order:1": "b" });`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("msetnx()", "valkey-glide", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `${GLIDE_CLUSTER} await client.customCommand(["MGET", "user:1", "order:1"]);`,
      errors: [{ messageId: "crossSlot" }],
    },
    {
      code: `${GLIDE_CLUSTER} await client.smove("s1", "s2", "member");`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("smove()", "valkey-glide", "`s1` is in slot 15224", "`s2` is in slot 2843"),
        },
      ],
    },
    {
      name: "GLIDE splits MGET, but not in an atomic batch",
      code: `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); await client.exec(new ClusterBatch(true).mget(["user:1", "order:1"]), true);`,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mget()", "valkey-glide", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      name: "GLIDE atomic ClusterBatch",
      code: `import { GlideClusterClient, ClusterBatch } from "@valkey/valkey-glide"; const client = await GlideClusterClient.createClient({ addresses: [] }); await client.exec(new ClusterBatch(true).set("user:1", "a").set("order:1", "b"), true);`,
      errors: [{ messageId: "crossSlotTransaction" }],
    },
    // --- settings.redis.cluster: clients that are cluster-backed without showing it.
    {
      code: `export class Repo { constructor(redis) { this.redis = redis; } get() { return this.redis.mget("user:1", "order:1"); } }`,
      settings: CLUSTER_SETTINGS,
      errors: [{ messageId: "crossSlot" }],
    },
    {
      code: `import { redis } from "./lib/redis"; await redis.del("user:1", "order:1");`,
      settings: CLUSTER_SETTINGS,
      errors: [{ messageId: "crossSlot" }],
    },
    {
      code: `import type { Redis } from "ioredis"; export class Repo { constructor(private readonly redis: Redis) {} get() { return this.redis.mget("user:1", "order:1"); } }`,
      settings: CLUSTER_SETTINGS,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("mget()", "ioredis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      code: `import { createClient } from "redis"; const client = createClient(); await client.connect(); await client.rename("user:1", "order:1");`,
      settings: CLUSTER_SETTINGS,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd("rename()", "node-redis", "`user:1` is in slot 10778", "`order:1` is in slot 14374"),
        },
      ],
    },
    {
      name: "Bun's RedisClient, cluster-backed by the setting",
      code: `import { RedisClient } from "bun"; const client = new RedisClient(); await client.send("SUNIONSTORE", ["dest", "s1", "s2"]);`,
      settings: CLUSTER_SETTINGS,
      errors: [
        {
          messageId: "crossSlot",
          data: cmd('send("SUNIONSTORE")', "Bun's RedisClient", "`dest` is in slot 161", "`s1` is in slot 15224"),
        },
      ],
    },
  ],
});

describe("settings.redis.cluster", () => {
  it("is read only when it is `true`", () => {
    expect(readSettings({ redis: { cluster: true } }).cluster).toBe(true);
    expect(readSettings({ redis: { cluster: "yes" } }).cluster).toBeUndefined();
    expect(readSettings({ redis: {} }).cluster).toBeUndefined();
  });
});
