/**
 * Promisified copies of node_redis v3 methods (docs/semantics.md §18; src/model/recognition/aliases.ts):
 * `promisify(client.setnx).bind(client)` sends SETNX as the method does, and a promisified
 * `multi.exec` resolves to what the callback gets: null replies when a WATCHed key changed, and a
 * ReplyError in place of a failed command's reply (it does not reject). bluebird's `promisifyAll`
 * (`execAsync`) makes the same promise of the same callback. The rules read the copies as the
 * calls they copy: the incorrect code below is reported, the correct code is not.
 */
import { promisify } from "node:util";
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { expect, it } from "vitest";
import plugin from "../../src/index.js";
import { type NodeRedis3Client, describeRedis, nodeRedis3, send3, uniqueId } from "../support/redis.js";

/** A node_redis v3 command method, called with a callback last (what `promisify` expects). */
type CallbackMethod = (...args: unknown[]) => unknown;
/** The client's command methods, by name (redis3 ships no types). */
const methods = (client: NodeRedis3Client) => client as unknown as Record<string, CallbackMethod>;
/** What `promisify(method).bind(client)` gives. */
type Promised = (...args: unknown[]) => Promise<unknown>;

const HEAD = `const redis = require("redis");
const { promisify } = require("util");
const client = redis.createClient();
`;

/** A lock taken with SETNX, its TTL set by a second command. */
const LOCK_INCORRECT = `${HEAD}const setnxAsync = promisify(client.setnx).bind(client);
const pexpireAsync = promisify(client.pexpire).bind(client);
async function acquire(key) {
  const ok = await setnxAsync(key, "1");
  if (ok) await pexpireAsync(key, 30000);
  return ok === 1;
}`;
const LOCK_CORRECT = `${HEAD}const setAsync = promisify(client.set).bind(client);
async function acquire(key) {
  return (await setAsync(key, "1", "PX", 30000, "NX")) === "OK";
}`;

/** A balance read under WATCH, written in a transaction sent with a promisified exec. */
const TRANSFER_INCORRECT = `${HEAD}const watchAsync = promisify(client.watch).bind(client);
const getAsync = promisify(client.get).bind(client);
async function withdraw(key, amount) {
  await watchAsync(key);
  const balance = Number(await getAsync(key));
  const multi = client.multi().set(key, String(balance - amount)).incr(key + ":ops");
  const replies = await promisify(multi.exec).bind(multi)();
  return replies[1];
}`;
const TRANSFER_CORRECT = TRANSFER_INCORRECT.replace(
  "  return replies[1];",
  `  if (replies === null) return null;
  for (const entry of replies) if (entry instanceof Error) throw entry;
  return replies[1];`,
);

function lint(code: string, rule: string): string[] {
  const linter = new Linter({ configType: "flat" });
  return linter
    .verify(
      code,
      [
        {
          files: ["**/*.js"],
          languageOptions: { parser: tsParser as Linter.Parser, ecmaVersion: "latest", sourceType: "commonjs" },
          plugins: { redis: plugin as never },
          rules: { [`redis/${rule}`]: "error" },
          settings: { redis: { versions: { redis: 3 } } },
        },
      ],
      { filename: "service.js" },
    )
    .map((m) => `${m.line} ${m.messageId ?? m.message}`);
}

describeRedis("promisified copies of node_redis v3 methods", () => {
  it("the rules report the copies as the calls they copy", () => {
    expect(lint(LOCK_INCORRECT, "no-setnx-expire")).toEqual(["7 setnxExpire"]);
    expect(lint(LOCK_CORRECT, "no-setnx-expire")).toEqual([]);
    expect(lint(TRANSFER_INCORRECT, "no-unchecked-exec")).toEqual(["10 unchecked"]);
    expect(lint(TRANSFER_INCORRECT, "no-ignored-exec-errors")).toEqual(["11 nodeRedis3Promise"]);
    expect(lint(TRANSFER_CORRECT, "no-unchecked-exec")).toEqual([]);
    expect(lint(TRANSFER_CORRECT, "no-ignored-exec-errors")).toEqual([]);
  });

  it("promisify(client.setnx).bind(client) sends SETNX: the key has no TTL until the separate PEXPIRE", async () => {
    const client = await nodeRedis3();
    const key = uniqueId("copies-setnx");
    const setnxAsync = promisify(methods(client).setnx).bind(client) as Promised;
    expect(await setnxAsync(key, "1")).toBe(1);
    expect(await setnxAsync(key, "1")).toBe(0);
    // A process that stops here leaves the lock with no TTL: nobody takes it again.
    expect(await send3(client, "PTTL", key)).toBe(-1);
    const setAsync = promisify(methods(client).set).bind(client) as Promised;
    const other = uniqueId("copies-set");
    expect(await setAsync(other, "1", "PX", 30000, "NX")).toBe("OK");
    expect(await send3(client, "PTTL", other)).toBeGreaterThan(0);
  });

  it("a promisified exec resolves to null when a WATCHed key changed (it does not reject)", async () => {
    const client = await nodeRedis3();
    const other = await nodeRedis3();
    const key = uniqueId("copies-watch");
    await send3(client, "SET", key, "10");
    await send3(client, "WATCH", key);
    await send3(other, "SET", key, "theirs");
    const multi = client.multi().set(key, "9").incr(`${key}:ops`);
    const replies = await (promisify(multi.exec).bind(multi) as () => Promise<unknown[] | null>)();
    expect(replies).toBeNull();
    expect(await send3(client, "GET", key)).toBe("theirs");
  });

  it("a promisified exec resolves with a ReplyError in place of a failed command; the others ran", async () => {
    const client = await nodeRedis3();
    const key = uniqueId("copies-errors");
    await send3(client, "SET", `${key}:ops`, "not-a-number");
    const multi = client.multi().set(key, "9").incr(`${key}:ops`);
    const replies = await (promisify(multi.exec).bind(multi) as () => Promise<unknown[] | null>)();
    expect(replies?.[0]).toBe("OK");
    expect(replies?.[1]).toBeInstanceOf(Error);
    expect((replies?.[1] as Error).constructor.name).toBe("ReplyError");
    expect(await send3(client, "GET", key)).toBe("9");
  });
});
