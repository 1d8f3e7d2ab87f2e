/**
 * no-commands-on-subscriber: once the docs' incorrect example has subscribed on the app's one
 * client, its next ordinary command fails with the RESP2 error: ioredis 5 rejects it client-side
 * ("Connection in subscriber mode"), node-redis 4 and 5 get the server's "ERR Can't execute".
 * The correct example subscribes on a duplicate and both delivers messages and serves the inbox.
 * The same incorrect code works on a node-redis 5 client made with `RESP: 3`: why the rule stays
 * silent for RESP3 clients.
 */
import { createClient } from "redis";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-commands-on-subscriber/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-commands-on-subscriber/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-commands-on-subscriber/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-commands-on-subscriber/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, redisUrl, uniqueId } from "../support/redis.js";

interface Notifications {
  listen(userId: string): Promise<void>;
  inbox(userId: string): Promise<string[]>;
  close?(): Promise<void>;
}

/** Polls `read` (every 5 ms, at most 2 s) until it returns a non-empty list. */
async function eventually(read: () => Promise<string[]>): Promise<string[]> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const value = await read();
    if (value.length > 0 || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The correct example: a published notification reaches the inbox, and the inbox can be read. */
async function delivers(service: Notifications, userId: string): Promise<void> {
  const publisher = await ioredis();
  try {
    await service.listen(userId);
    expect(await service.inbox(userId)).toEqual([]);
    expect(await publisher.publish(`notifications:${userId}`, "order shipped")).toBe(1);
    expect(await eventually(() => service.inbox(userId))).toEqual(["order shipped"]);
  } finally {
    await service.close?.();
  }
}

const NODE_REDIS_REFUSAL =
  /ERR Can't execute 'lrange': only \(P\|S\)SUBSCRIBE \/ \(P\|S\)UNSUBSCRIBE \/ PING \/ QUIT \/ RESET are allowed in this context/;

describeRedis("no-commands-on-subscriber examples", () => {
  it("ioredis 5: after subscribe(), the client rejects LRANGE", async () => {
    const userId = uniqueId("no-commands-on-subscriber-ioredis");
    const service = new ioredisIncorrect.Notifications(await ioredis());
    await service.listen(userId);
    await expect(service.inbox(userId)).rejects.toThrow(
      "Connection in subscriber mode, only subscriber commands may be used",
    );
  });

  it("ioredis 5: a duplicate() subscribes, the client keeps serving commands", async () => {
    const userId = uniqueId("no-commands-on-subscriber-ioredis-ok");
    await delivers(new ioredisCorrect.Notifications(await ioredis()), userId);
  });

  it("node-redis 5 (RESP2 by default): the server refuses LRANGE", async () => {
    const userId = uniqueId("no-commands-on-subscriber-node-redis");
    const service = new nodeRedisIncorrect.Notifications((await nodeRedis()) as never);
    await service.listen(userId);
    await expect(service.inbox(userId)).rejects.toThrow(NODE_REDIS_REFUSAL);
  });

  it("node-redis 4: the server refuses LRANGE", async () => {
    const userId = uniqueId("no-commands-on-subscriber-node-redis4");
    const service = new nodeRedisIncorrect.Notifications((await nodeRedis4()) as never);
    await service.listen(userId);
    await expect(service.inbox(userId)).rejects.toThrow(NODE_REDIS_REFUSAL);
  });

  it("node-redis 5 and 4: a duplicate() subscribes, the client keeps serving commands", async () => {
    await delivers(
      new nodeRedisCorrect.Notifications((await nodeRedis()) as never),
      uniqueId("no-commands-on-subscriber-node-redis-ok"),
    );
    await delivers(
      new nodeRedisCorrect.Notifications((await nodeRedis4()) as never),
      uniqueId("no-commands-on-subscriber-node-redis4-ok"),
    );
  });

  it("node-redis 5 with RESP: 3: the incorrect code works (RESP3 clients are not reported)", async () => {
    const userId = uniqueId("no-commands-on-subscriber-resp3");
    const client = createClient({ url: redisUrl!, RESP: 3 });
    client.on("error", () => {});
    await client.connect();
    try {
      const service = new nodeRedisIncorrect.Notifications(client as never);
      await service.listen(userId);
      expect(await service.inbox(userId)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
