/**
 * no-ignored-exec-errors: a command that fails inside MULTI (INCR on a value that is not an
 * integer) does not undo the others. ioredis resolves exec() anyway, with [error, undefined] for
 * the failed command: the incorrect example returns that undefined as the view count while the
 * SADD stays committed. The correct example throws the error. The same for a pipeline.
 */
import { ReplyError } from "ioredis";
import { expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.correct.js";
import * as pipelineIncorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.incorrect.pipeline.js";
import * as pipelineCorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.correct.pipeline.js";
import { describeRedis, ioredis, nodeRedis, uniqueId } from "../support/redis.js";

describeRedis("no-ignored-exec-errors examples", () => {
  it("ioredis MULTI: the failed INCR leaves the SADD committed and the incorrect code returns undefined", async () => {
    const redis = await ioredis();
    const page = uniqueId("exec-errors-multi");
    // Someone stored a non-integer under the counter: INCR fails inside the transaction.
    await redis.set(`views:${page}`, "not-a-number");

    const views = await ioredisIncorrect.recordView(redis, page, "alice");
    expect(views).toBeUndefined();
    // Redis did not roll back: the SADD of the same transaction is there.
    expect(await redis.sismember(`visitors:${page}`, "alice")).toBe(1);
    expect(await redis.get(`views:${page}`)).toBe("not-a-number");

    // What the incorrect code ignored: exec() resolved, with the error inside the results.
    const results = await redis.multi().sadd(`visitors:${page}`, "bob").incr(`views:${page}`).exec();
    expect(results?.[1][0]).toBeInstanceOf(ReplyError);
    expect(results?.[1][1]).toBeUndefined();
  });

  it("ioredis MULTI: the correct code throws the INCR error (the SADD is still committed: no rollback)", async () => {
    const redis = await ioredis();
    const page = uniqueId("exec-errors-multi-correct");
    await redis.set(`views:${page}`, "not-a-number");
    await expect(ioredisCorrect.recordView(redis, page, "alice")).rejects.toThrow(/not an integer/);
    expect(await redis.sismember(`visitors:${page}`, "alice")).toBe(1);
  });

  it("ioredis MULTI: both return the count when nothing fails", async () => {
    const redis = await ioredis();
    const page = uniqueId("exec-errors-multi-ok");
    expect(await ioredisIncorrect.recordView(redis, page, "alice")).toBe(1);
    expect(await ioredisCorrect.recordView(redis, page, "bob")).toBe(2);
  });

  it("ioredis pipeline: a WRONGTYPE HGET becomes NaN in the incorrect code and an error in the correct one", async () => {
    const redis = await ioredis();
    const a = uniqueId("exec-errors-pipeline-a");
    const b = uniqueId("exec-errors-pipeline-b");
    await redis.hset(`user:${a}`, "logins", 3);
    await redis.set(`user:${b}`, "not a hash");

    const counts = await pipelineIncorrect.loginCounts(redis, [a, b]);
    expect(counts[0]).toBe(3);
    expect(counts[1]).toBeNaN();

    await expect(pipelineCorrect.loginCounts(redis, [a, b])).rejects.toThrow(/WRONGTYPE/);
    expect(await pipelineCorrect.loginCounts(redis, [a])).toEqual([3]);
  });

  it("node-redis (out of the rule's scope): exec() rejects, though the other commands were committed", async () => {
    const client = await nodeRedis();
    const page = uniqueId("exec-errors-node-redis");
    await client.set(`views:${page}`, "not-a-number");
    await expect(client.multi().sAdd(`visitors:${page}`, "alice").incr(`views:${page}`).exec()).rejects.toThrow();
    expect(await client.sIsMember(`visitors:${page}`, "alice")).toBeTruthy();
  });
});
