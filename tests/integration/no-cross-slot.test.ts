/**
 * no-cross-slot: on a real three-node Redis Cluster (tests/support/cluster.ts), the docs'
 * incorrect examples fail with CROSSSLOT and the hash-tagged correct ones work; the slots the rule
 * computes are the cluster's own (CLUSTER KEYSLOT); pipelines across slots of one node are not
 * refused (why the rule leaves pipelines alone: docs/semantics.md §10).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import calculateSlot from "cluster-key-slot";
import { Cluster } from "ioredis";
import { createCluster } from "redis";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-cross-slot/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-cross-slot/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-cross-slot/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-cross-slot/node-redis.correct.js";
import { keySlot } from "../../src/model/index.js";
import { type RunningCluster, describeCluster, startCluster } from "../support/cluster.js";

const SCORES = { ada: 30, bob: 10, cy: 20 };

describeCluster("no-cross-slot on a three-node cluster", () => {
  let cluster: RunningCluster | null = null;
  let io: Cluster | null = null;
  let nr: ReturnType<typeof createCluster> | null = null;

  beforeAll(async () => {
    cluster = await startCluster();
    if (!cluster) return;
    io = new Cluster(cluster.nodes, { lazyConnect: true });
    await io.connect();
    nr = createCluster({ rootNodes: cluster.nodes.map((n) => ({ url: `redis://${n.host}:${n.port}` })) });
    nr.on("error", () => {});
    await nr.connect();
  });

  afterAll(async () => {
    io?.disconnect();
    if (nr) await nr.close().catch(() => {});
    await cluster?.stop();
  });

  /** The slot owner of every slot, from CLUSTER SLOTS. */
  async function owners(): Promise<(slot: number) => number> {
    const ranges = await io!.cluster("SLOTS");
    return (slot) => ranges.find(([from, to]) => from <= slot && slot <= to)![2][1];
  }

  it("the rule's slots are the cluster's (CLUSTER KEYSLOT)", async (ctx) => {
    if (!io) return ctx.skip();
    for (const key of [
      "user:1",
      "order:1",
      "leaderboard:next",
      "leaderboard:live",
      "{leaderboard}:next",
      "{user:1}:a",
      "{}user:1",
      "{a",
      "x{y}{z}",
    ]) {
      // The rule's keySlot on a string literal of the key, and the cluster's own answer.
      const literal = { type: "Literal", value: key, raw: JSON.stringify(key) } as unknown as TSESTree.Literal;
      expect(await io.cluster("KEYSLOT", key)).toBe(keySlot(literal)?.slot);
    }
    expect(calculateSlot("user:1")).toBe(10778);
    // An empty first tag followed by a `}`: the server hashes the whole key, cluster-key-slot
    // (which ioredis and node-redis route with) does not; the rule leaves such keys alone.
    expect(await io.cluster("KEYSLOT", "a{}{b}")).not.toBe(calculateSlot("a{}{b}"));
    const odd = { type: "Literal", value: "a{}{b}", raw: '"a{}{b}"' } as unknown as TSESTree.Literal;
    expect(keySlot(odd)).toBeNull();
  });

  it("ioredis Cluster: the incorrect example fails with CROSSSLOT, the hash-tagged one works", async (ctx) => {
    if (!io) return ctx.skip();
    await expect(ioredisIncorrect.publishLeaderboard(io, SCORES)).rejects.toThrow(/CROSSSLOT/);
    expect(await io.exists("leaderboard:live")).toBe(0);
    await ioredisCorrect.publishLeaderboard(io, SCORES);
    expect(await ioredisCorrect.topPlayers(io, 2)).toEqual(["ada", "cy"]);
  });

  it("node-redis createCluster: the incorrect example fails with CROSSSLOT, the hash-tagged one works", async (ctx) => {
    if (!nr) return ctx.skip();
    // One DEL per key: a DEL of all three would be refused with CROSSSLOT (the rule found it here).
    await Promise.all(["leaderboard:next", "{leaderboard}:next", "{leaderboard}:live"].map((k) => io!.del(k)));
    await expect(nodeRedisIncorrect.publishLeaderboard(nr as never, SCORES)).rejects.toThrow(/CROSSSLOT/);
    await nodeRedisCorrect.publishLeaderboard(nr as never, { ...SCORES, dee: 40 });
    expect(await nodeRedisCorrect.topPlayers(nr as never, 2)).toEqual(["dee", "ada"]);
  });

  it("multi-key commands and MULTI across slots fail even when one node holds both slots", async (ctx) => {
    if (!io || !nr) return ctx.skip();
    const owner = await owners();
    // Two keys in different slots of one node, and two keys on different nodes.
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const a = keys[0];
    const sameNode = keys.find(
      (k) => calculateSlot(k) !== calculateSlot(a) && owner(calculateSlot(k)) === owner(calculateSlot(a)),
    )!;
    const otherNode = keys.find((k) => owner(calculateSlot(k)) !== owner(calculateSlot(a)))!;
    for (const b of [sameNode, otherNode]) {
      await expect(io.mget(a, b)).rejects.toThrow(/CROSSSLOT/);
      await expect(nr.mGet([a, b])).rejects.toThrow(/CROSSSLOT/);
      await expect(io.multi().set(a, "1").set(b, "1").exec()).rejects.toThrow();
      await expect(nr.multi().set(a, "1").set(b, "1").exec()).rejects.toThrow();
    }
    // Same node: the server's own CROSSSLOT; no command of the transaction ran.
    await io.del(a, "{x}").catch(() => {});
    await expect(io.multi().set(a, "1").set(sameNode, "1").exec()).rejects.toThrow(/CROSSSLOT/);
    await expect(nr.multi().set(a, "1").set(sameNode, "1").exec()).rejects.toThrow(/CROSSSLOT/);
    expect(await io.exists(a)).toBe(0);
  });

  it("pipelines across slots of one node are not refused (the rule does not report pipelines)", async (ctx) => {
    if (!io || !nr) return ctx.skip();
    const owner = await owners();
    const keys = Array.from({ length: 200 }, (_, i) => `p${i}`);
    const a = keys[0];
    const b = keys.find(
      (k) => calculateSlot(k) !== calculateSlot(a) && owner(calculateSlot(k)) === owner(calculateSlot(a)),
    )!;
    expect(await io.pipeline().set(a, "1").set(b, "2").exec()).toEqual([
      [null, "OK"],
      [null, "OK"],
    ]);
    expect(await nr.multi().set(a, "3").set(b, "4").execAsPipeline()).toEqual(["OK", "OK"]);
    expect(await io.get(b)).toBe("4");
    // One multi-key command across slots inside a pipeline still fails: ioredis refuses it
    // client-side, node-redis gets the server's CROSSSLOT.
    await expect(io.pipeline().mget(a, b).exec()).rejects.toThrow(/should belong to the same slot/);
    await expect(nr.multi().mGet([a, b]).execAsPipeline()).rejects.toThrow(/CROSSSLOT/);
  });
});
