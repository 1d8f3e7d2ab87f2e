/**
 * no-ignored-exec-errors: a command that fails inside MULTI (INCR on a value that is not an
 * integer) does not undo the others. ioredis resolves exec() anyway, with [error, undefined] for
 * the failed command: the incorrect example returns that undefined as the view count while the
 * SADD stays committed. The correct example throws the error. The same for a pipeline.
 *
 * The callback form (docs/semantics.md §2): node-redis v3 calls `exec((err, replies) => ...)` with
 * `err` null and a ReplyError in place of a failed command's reply; an EXECABORT (a command
 * rejected when queued) or a lost connection comes only in `err`. ioredis's callback gets the
 * same pairs as its promise. express-brute-redis's store, which never reads `err`, reports a
 * transaction that wrote nothing as a success; the rule reports it.
 */
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { ReplyError } from "ioredis";
import { expect, it } from "vitest";
import rule from "../../src/rules/no-ignored-exec-errors.js";
import * as ioredisIncorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.correct.js";
import * as pipelineIncorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.incorrect.pipeline.js";
import * as pipelineCorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.correct.pipeline.js";
import * as callbackIncorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.incorrect.callback.js";
import * as callbackCorrect from "../../docs/examples/no-ignored-exec-errors/ioredis.correct.callback.js";
import {
  type NodeRedis3Client,
  describeRedis,
  ioredis,
  nodeRedis,
  nodeRedis3,
  send3,
  uniqueId,
} from "../support/redis.js";

/** express-brute-redis 0.0.1 index.js:25-37 (RedisStore#set), the client made at module level. */
const STORE_INCORRECT = `const redis = require("redis");
const client = redis.createClient();

function set(key, value, lifetime, callback) {
  lifetime = parseInt(lifetime, 10) || 0;
  const multi = client.multi();
  multi.set(key, JSON.stringify(value));
  if (lifetime > 0) {
    multi.expire(key, lifetime);
  }
  multi.exec(function (err, data) {
    typeof callback == "function" && callback.call(this, null);
  });
}`;
/** The same store passing the error on. */
const STORE_CORRECT = STORE_INCORRECT.replace("callback.call(this, null)", "callback.call(this, err)");

/** The messages of the rule on `code`, linted as a node-redis v3 file. */
function lintV3(code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(
    code,
    [
      {
        files: ["**/*.js"],
        languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "commonjs" },
        plugins: {
          redis: { rules: { "no-ignored-exec-errors": rule } } as unknown as NonNullable<
            Linter.Config["plugins"]
          >[string],
        },
        rules: { "redis/no-ignored-exec-errors": "error" },
        settings: { redis: { versions: { redis: 3 } } },
      },
    ],
    { filename: "store.js" },
  );
}

/** The store's `set`, run with `require("redis").createClient()` giving `client`. */
function loadStore(
  code: string,
  client: NodeRedis3Client,
): (key: string, value: unknown, lifetime: number, cb: (err: unknown) => void) => void {
  const stubRequire = () => ({ createClient: () => client });
  return new Function("require", `${code}\nreturn set;`)(stubRequire) as ReturnType<typeof loadStore>;
}

/** `multi.exec(callback)` as a promise of what the callback got. */
function exec3(
  multi: ReturnType<NodeRedis3Client["multi"]>,
): Promise<{ err: (Error & { code?: string; errors?: Error[] }) | null; replies: unknown[] | null | undefined }> {
  return new Promise((resolve) => multi.exec((err, replies) => resolve({ err, replies })));
}

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

  it("node-redis v3 callback: a failed INCR is a ReplyError in the replies, err is null, the SADD is committed", async () => {
    const client = await nodeRedis3();
    const page = uniqueId("exec-errors-v3-runtime");
    await send3(client, "SET", `views:${page}`, "not-a-number");
    const { err, replies } = await exec3(client.multi().sadd(`visitors:${page}`, "alice").incr(`views:${page}`));
    expect(err).toBeNull();
    expect(replies).toHaveLength(2);
    expect(replies?.[0]).toBe(1);
    expect(replies?.[1]).toBeInstanceOf(Error);
    expect((replies?.[1] as Error).constructor.name).toBe("ReplyError");
    expect((replies?.[1] as Error).message).toMatch(/not an integer/);
    expect(await send3(client, "SISMEMBER", `visitors:${page}`, "alice")).toBe(1);
  });

  it("node-redis v3 callback: an EXECABORT comes only in err (replies undefined) and nothing is written", async () => {
    const client = await nodeRedis3();
    const key = uniqueId("exec-errors-v3-execabort");
    // v3 drops an undefined argument: SET with one argument is rejected when queued.
    const { err, replies } = await exec3(client.multi().set(key, undefined).expire(key, 60));
    expect(err?.constructor.name).toBe("ReplyError");
    expect(err?.code).toBe("EXECABORT");
    expect(err?.errors?.[0]?.message).toMatch(/wrong number of arguments for 'set'/);
    expect(replies).toBeUndefined();
    expect(await send3(client, "EXISTS", key)).toBe(0);
  });

  it("node-redis v3 callback: a WATCH abort gives err null and replies null", async () => {
    const client = await nodeRedis3();
    const other = await nodeRedis3();
    const key = uniqueId("exec-errors-v3-watch");
    await send3(client, "WATCH", key);
    await send3(other, "SET", key, "theirs");
    const { err, replies } = await exec3(client.multi().set(key, "mine").incr(`${key}:n`));
    expect(err).toBeNull();
    expect(replies).toBeNull();
    expect(await send3(client, "GET", key)).toBe("theirs");
  });

  it("node-redis v3: express-brute-redis's set reports an EXECABORT as success; the rule reports it", async () => {
    expect(lintV3(STORE_INCORRECT).map((m) => `${m.line}:${m.column} ${m.messageId}`)).toEqual(["11:24 callbackError"]);
    expect(lintV3(STORE_CORRECT)).toEqual([]);

    const client = await nodeRedis3();
    const key = uniqueId("exec-errors-v3-store");
    // express-brute hands the store a value; JSON.stringify(undefined) is undefined.
    const incorrect = loadStore(STORE_INCORRECT, client);
    const said = await new Promise((resolve) => incorrect(key, undefined, 60, resolve));
    expect(said).toBeNull(); // "stored"
    expect(await send3(client, "EXISTS", key)).toBe(0); // nothing was

    const correct = loadStore(STORE_CORRECT, client);
    const error = await new Promise((resolve) => correct(key, undefined, 60, resolve));
    expect((error as { code?: string }).code).toBe("EXECABORT");

    // Both store a real value.
    await new Promise((resolve) => incorrect(key, { count: 1 }, 60, resolve));
    expect(await send3(client, "GET", key)).toBe('{"count":1}');
  });

  it("ioredis exec(callback): the same pairs as the promise, err null; EXECABORT in err; a WATCH abort gives null", async () => {
    const redis = await ioredis();
    const other = await ioredis();
    const key = uniqueId("exec-errors-ioredis-callback");
    await redis.set(`${key}:n`, "not-a-number");
    const run = (tx: ReturnType<typeof redis.multi>) =>
      new Promise<{ err: Error | null; results: unknown }>((resolve) =>
        tx.exec((err, results) => resolve({ err: err ?? null, results })),
      );

    const failed = await run(redis.multi().sadd(`${key}:s`, "a").incr(`${key}:n`));
    expect(failed.err).toBeNull();
    const pairs = failed.results as [Error | null, unknown][];
    expect(pairs[0]).toEqual([null, 1]);
    expect(pairs[1][0]).toBeInstanceOf(ReplyError);
    expect(pairs[1][1]).toBeUndefined();

    const aborted = await run(redis.multi().set(`${key}:a`, "1").call("SET", `${key}:b`));
    expect(aborted.err?.message).toMatch(/^EXECABORT/);
    expect(aborted.results).toBeUndefined();
    expect(await redis.exists(`${key}:a`)).toBe(0);

    await redis.watch(`${key}:w`);
    await other.set(`${key}:w`, "theirs");
    const watched = await run(redis.multi().set(`${key}:w`, "mine"));
    expect(watched.err).toBeNull();
    expect(watched.results).toBeNull();
  });

  it("ioredis exec(callback) example: a failed EXPIRE and a lost connection are both reported as stored", async () => {
    const redis = await ioredis();
    const key = uniqueId("exec-errors-callback-example");
    const store = (m: typeof callbackIncorrect, client: typeof redis, lifetime: number) =>
      new Promise<Error | null>((resolve) => m.storeAttempt(client, key, { count: 1 }, lifetime, resolve));

    // A fractional lifetime: EXPIRE fails at run time, the SET is committed with no expiry.
    expect(await store(callbackIncorrect, redis, 1.5)).toBeNull();
    expect(await redis.get(key)).toBe('{"count":1}');
    expect(await redis.ttl(key)).toBe(-1);
    const failed = await store(callbackCorrect, redis, 1.5);
    expect(failed).toBeInstanceOf(ReplyError);
    expect(failed?.message).toMatch(/not an integer/);

    // The connection is gone: the transaction fails as a whole, in `err` only.
    const gone = await ioredis();
    gone.disconnect();
    expect(await store(callbackIncorrect, gone, 60)).toBeNull();
    const lost = await store(callbackCorrect, gone, 60);
    expect(lost).toBeInstanceOf(Error);

    // Both work when nothing fails.
    expect(await store(callbackIncorrect, redis, 60)).toBeNull();
    expect(await store(callbackCorrect, redis, 60)).toBeNull();
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });
});
