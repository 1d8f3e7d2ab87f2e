/**
 * require-exec: a pipeline or transaction that is never executed sends nothing. The incorrect
 * examples resolve without an error and the audit key does not exist afterwards; the correct ones
 * write the entry. A PING on the same connection first makes sure that anything sent before it
 * has been processed.
 */
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/require-exec/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/require-exec/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/require-exec/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/require-exec/node-redis.correct.js";
import { describeRedis, ioredis, nodeRedis, nodeRedis4, uniqueId } from "../support/redis.js";

const at = new Date("2025-01-02T03:04:05.000Z");
const entry = JSON.stringify({ event: "login", at: at.toISOString() });

describeRedis("require-exec examples", () => {
  it("ioredis: the pipeline without exec() sends nothing, and nothing fails", async () => {
    const redis = await ioredis();
    const user = uniqueId("require-exec-io-incorrect");

    await expect(ioredisIncorrect.recordLogin(redis, user, at)).resolves.toBeUndefined();
    expect(await redis.ping()).toBe("PONG");
    expect(await redis.exists(`audit:${user}`)).toBe(0);

    await ioredisCorrect.recordLogin(redis, user, at);
    expect(await redis.lrange(`audit:${user}`, 0, -1)).toEqual([entry]);
  });

  for (const [label, connect] of [
    ["v5", nodeRedis],
    ["v4", nodeRedis4],
  ] as const) {
    it(`node-redis ${label}: the multi() builder without exec() sends nothing, and nothing fails`, async () => {
      const client = await connect();
      const user = uniqueId(`require-exec-nr${label}`);
      const incorrect = nodeRedisIncorrect.recordLogin as (c: unknown, u: string, at: Date) => Promise<void>;
      const correct = nodeRedisCorrect.recordLogin as (c: unknown, u: string, at: Date) => Promise<void>;

      await expect(incorrect(client, user, at)).resolves.toBeUndefined();
      expect(await client.ping()).toBe("PONG");
      expect(await client.exists(`audit:${user}`)).toBe(0);

      await correct(client, user, at);
      expect(await client.lRange(`audit:${user}`, 0, -1)).toEqual([entry]);
    });
  }
});
