/** Transactions and pipelines: multi(), pipeline(), GLIDE batches, chains and variables. */
import { describe, expect, it } from "vitest";
import { callOf, identifiersNamed, lintForModel, modelOf } from "./harness.js";

describe("transactions and pipelines", () => {
  it("multi() chain: queued commands in order, exec() as the sender", () => {
    const m = modelOf(`import Redis from "ioredis"; const r = new Redis(); await r.multi().incr("a").get("a").exec();`);
    expect(m.transactions).toHaveLength(1);
    const [tx] = m.transactions;
    expect(tx).toMatchObject({ family: "ioredis", atomic: true });
    expect(tx.client?.family).toBe("ioredis");
    expect(tx.queued.map((c) => c.command)).toEqual(["incr", "get"]);
    expect(tx.execs.map((c) => c.method)).toEqual(["exec"]);
    expect(callOf(m, "incr")).toMatchObject({ receiver: "transaction", tx });
    expect(callOf(m, "get").readonly).toBe(true);
    expect(callOf(m, "incr").write).toBe(true);
  });

  it("pipeline() through a variable", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const r = new Redis();
      export async function f() {
        const p = r.pipeline();
        p.set("a", 1);
        p.expire("a", 10);
        return p.exec();
      }
    `);
    const [tx] = m.transactions;
    expect(tx.atomic).toBe(false);
    expect(callOf(m, "set").receiver).toBe("pipeline");
    expect(tx.queued.map((c) => c.command)).toEqual(["set", "expire"]);
    expect(tx.execs).toHaveLength(1);
  });

  it("node-redis: multi() builder, execAsPipeline(), no pipeline()", () => {
    const m = modelOf(`
      import { createClient } from "redis";
      const c = createClient();
      await c.multi().set("a", "1").sAdd("s", "a").execAsPipeline();
      c.pipeline();
    `);
    expect(m.transactions).toHaveLength(1);
    expect(m.transactions[0].queued.map((q) => q.command)).toEqual(["set", "sadd"]);
    expect(m.transactions[0].execs.map((q) => q.method)).toEqual(["execAsPipeline"]);
    expect(callOf(m, "pipeline")).toMatchObject({ receiver: "client", command: null });
  });

  it("typed builder: RedisClientMultiCommandType parameter", () => {
    const m = modelOf(
      `import type { RedisClientMultiCommandType } from "redis"; export function add(tx: RedisClientMultiCommandType) { tx.set("a", "1"); }`,
    );
    expect(callOf(m, "set")).toMatchObject({ receiver: "transaction", family: "node-redis" });
  });

  it("GLIDE: new Batch(true) is a transaction, new Batch(false) a pipeline, client.exec(batch) sends it", () => {
    const m = modelOf(`
      import { Batch, GlideClient } from "@valkey/valkey-glide";
      const client = await GlideClient.createClient({ addresses: [] });
      const tx = new Batch(true).set("a", "1").get("a");
      const pipe = new Batch(false);
      pipe.incr("n");
      await client.exec(tx, true);
      await client.exec(pipe, false);
    `);
    expect(m.transactions.map((t) => t.atomic)).toEqual([true, false]);
    const [tx, pipe] = m.transactions;
    expect(tx.queued.map((c) => c.command)).toEqual(["set", "get"]);
    expect(pipe.queued.map((c) => c.command)).toEqual(["incr"]);
    expect(tx.execs).toHaveLength(1);
    expect(pipe.execs).toHaveLength(1);
    expect(tx.client?.family).toBe("glide");
    expect(callOf(m, "set").receiver).toBe("transaction");
    expect(callOf(m, "incr").receiver).toBe("pipeline");
  });

  it("GLIDE: new Batch() defaults to a pipeline, the deprecated Transaction to a transaction", () => {
    const m = modelOf(`
      import { Batch, Transaction } from "@valkey/valkey-glide";
      new Batch().set("a", "1");
      new Transaction().set("b", "2");
    `);
    expect(m.transactions.map((t) => t.atomic)).toEqual([false, true]);
  });

  it("Upstash: multi() and pipeline()", () => {
    const m = modelOf(`
      import { Redis } from "@upstash/redis";
      const r = Redis.fromEnv();
      await r.multi().set("a", 1).exec();
      await r.pipeline().set("b", 2).exec();
    `);
    expect(m.transactions.map((t) => [t.family, t.atomic])).toEqual([
      ["upstash", true],
      ["upstash", false],
    ]);
  });

  it("ioredis multi({ pipeline: false }) is raw MULTI, not a builder", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const r = new Redis();
      export async function f() {
        await r.multi({ pipeline: false });
        await r.set("a", 1);
        await r.exec();
        await r.get("a");
      }
    `);
    expect(m.transactions).toEqual([]);
    expect(m.isRawMulti(callOf(m, "set"))).toBe(true);
    expect(m.isRawMulti(callOf(m, "get"))).toBe(false);
  });

  it("raw MULTI through call(), sendCommand(), customCommand() and Bun send()", () => {
    for (const [code, method] of [
      [
        `import Redis from "ioredis"; const r = new Redis(); async function f() { await r.call("MULTI"); await r.set("a", 1); }`,
        "set",
      ],
      [
        `import { createClient } from "redis"; const r = createClient(); async function f() { await r.sendCommand(["MULTI"]); await r.set("a", "1"); }`,
        "set",
      ],
      [
        `import { GlideClient } from "@valkey/valkey-glide"; const g = await GlideClient.createClient({}); async function f() { await g.customCommand(["MULTI"]); await g.set("a", "1"); }`,
        "set",
      ],
      [
        `import { redis } from "bun"; async function f() { await redis.send("MULTI", []); await redis.set("a", "1"); await redis.send("EXEC", []); await redis.get("a"); }`,
        "set",
      ],
    ] as const) {
      const m = modelOf(code);
      expect(m.isRawMulti(callOf(m, method)), code).toBe(true);
    }
  });

  it("valueOf(): a variable holding a transaction, and the chain's intermediate values", () => {
    const { model, ast } = lintForModel(`
      import Redis from "ioredis";
      const r = new Redis();
      const tx = r.multi();
      tx.set("a", 1).get("a");
      await tx.exec();
    `);
    const ids = identifiersNamed(ast, "tx");
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(model.valueOf(id)?.kind).toBe("transaction");
    const setCall = callOf(model, "set").node;
    expect(model.valueOf(setCall)?.kind).toBe("transaction");
    expect(model.valueOf(callOf(model, "exec").node)).toBeNull();
    expect(model.callAt(setCall)?.command).toBe("set");
  });

  it("commands after exec() on the result are not queued", () => {
    const m = modelOf(
      `import Redis from "ioredis"; const r = new Redis(); const res = await r.multi().set("a", 1).exec(); res.map((x) => x);`,
    );
    expect(m.transactions[0].queued.map((c) => c.command)).toEqual(["set"]);
    expect(m.calls.map((c) => c.method)).toEqual(["multi", "set", "exec"]);
  });

  it("watch() on a client and on an ioredis multi builder", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const r = new Redis();
      await r.watch("bal");
      await r.multi().watch("bal").set("bal", 1).exec();
    `);
    expect(callOf(m, "watch", 0)).toMatchObject({ receiver: "client", command: "watch" });
    expect(callOf(m, "watch", 1)).toMatchObject({ receiver: "transaction", command: "watch" });
  });

  it("calls are grouped by function, in execution order", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const r = new Redis();
      await r.set("top", 1);
      export async function f() { await r.get("a"); await r.get(await r.get("b")); }
    `);
    const byFn = [...m.callsByFunction.values()].map((calls) =>
      calls.map((c) => String((c.args[0] as { value?: unknown }).value ?? "expr")),
    );
    expect(byFn).toEqual([["top"], ["a", "b", "expr"]]);
  });
});
