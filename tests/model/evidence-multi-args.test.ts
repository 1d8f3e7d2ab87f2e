/**
 * Recognition by evidence: commands passed as data (recognition/evidence.ts, issue #14 item 1,
 * corpus ledger L32). `x.multi(A)` / `x.pipeline(A)`, `exec()`ed, where A is an array literal (or
 * a variable of the same function given one once) of `[commandName, ...args]` entries: two
 * distinct Redis commands, or one Redis-only command, and nothing that is not a command. What a
 * reader of ratelimiter's `index.js` sees at once. And the look-alikes it must leave alone.
 */
import { describe, expect, it } from "vitest";
import { buildModelForTest, earlyExitAdmits } from "../../src/model/index.js";
import { readSettings } from "../../src/model/settings.js";
import { lintForModel, modelOf } from "./harness.js";

const js = { filename: "file.js", parser: "plugin" as const };
const cjs = { ...js, sourceType: "commonjs" as const };

/** ratelimiter@3.4.1 index.js, `Limiter` and `Limiter.prototype.get` (the reply handling trimmed). */
const RATELIMITER = `var microtime = require('./microtime');
module.exports = Limiter;
function Limiter(opts) {
  this.id = opts.id;
  this.db = opts.db;
  this.max = opts.max || 2500;
  this.duration = opts.duration || 3600000;
  this.key = 'limit:' + this.id;
}
Limiter.prototype.get = function (fn) {
  var db = this.db;
  var duration = this.duration;
  var key = this.key;
  var max = this.max;
  var now = microtime.now();
  var start = now - duration * 1000;
  var operations = [
    ['zremrangebyscore', key, 0, start],
    ['zcard', key],
    ['zadd', key, now, now],
    ['zrange', key, 0, 0],
    ['zrange', key, -max, -max],
    ['zremrangebyrank', key, 0, -(max + 1)],
    ['pexpire', key, duration],
  ]
  db.multi(operations)
    .exec(function (err, res) {
      if (err) return fn(err);
      var isIoRedis = Array.isArray(res[0]);
      var count = parseInt(isIoRedis ? res[1][1] : res[1]);
      fn(null, { remaining: count < max ? max - count : 0, total: max });
    });
};`;

/** The recorded calls as `method@receiver via family`. */
const calls = (code: string, options = cjs): string[] =>
  modelOf(code, options).calls.map((c) => `${c.method}@${c.receiver} ${c.client?.via ?? "-"} ${c.family}`);

describe("commands passed as data to multi() / pipeline(): a client by evidence", () => {
  it("ratelimiter index.js (ledger L32): `db.multi(operations).exec(cb)`, `var operations = [['zremrangebyscore', …], …]`", () => {
    const { model, sourceCode } = lintForModel(RATELIMITER, cjs);
    expect(model.calls.map((c) => `${c.method}@${c.receiver} ${c.client?.via} ${c.family}`)).toEqual([
      "multi@client evidence ioredis",
      "exec@transaction evidence ioredis",
    ]);
    expect(model.transactions).toHaveLength(1);
    // The early exit lets the file through as before, on `.multi` and `exec` (hasHint's structural hint).
    expect(earlyExitAdmits(sourceCode, readSettings(undefined))).toBe(true);
    // The original walk-based construction finds the same.
    const full = buildModelForTest(sourceCode, undefined, { fullWalk: true });
    expect(full.calls.map((c) => `${c.method}@${c.receiver} ${c.client?.via} ${c.family}`)).toEqual([
      "multi@client evidence ioredis",
      "exec@transaction evidence ioredis",
    ]);
  });

  it("the array literal written in the call", () => {
    expect(
      calls(`module.exports = function hit(db, key, cb) {
        db.multi([["incr", key], ["pexpire", key, 1000]]).exec(cb);
      };`),
    ).toEqual(["multi@client evidence unknown", "exec@transaction evidence unknown"]);
  });

  it("ioredis `pipeline([...]).exec()` read as `[err, value]` pairs: ioredis", () => {
    expect(
      calls(
        `export async function load(conn, id) {
          const res = await conn.pipeline([["hgetall", "u:" + id], ["smembers", "g:" + id]]).exec();
          return { user: res[0][1], groups: res[1][1] };
        }`,
        { ...js, sourceType: "module" as never },
      ),
    ).toEqual(["pipeline@client evidence ioredis", "exec@pipeline evidence ioredis"]);
  });

  it("a pipeline given to a variable, then `exec()`ed through it", () => {
    expect(
      calls(`module.exports = async function (store, k) {
        const p = store.pipeline([["get", k], ["ttl", k]]);
        return p.exec();
      };`),
    ).toEqual(["pipeline@client evidence unknown", "exec@pipeline evidence unknown"]);
  });

  it("two distinct common commands (GET, SET) are enough; upper-case names too", () => {
    expect(
      calls(`module.exports = function (db, k, v, cb) { db.multi([["SET", k, v], ["GET", k]]).exec(cb); };`),
    ).toEqual(["multi@client evidence unknown", "exec@transaction evidence unknown"]);
  });

  it("one Redis-only command alone (ZADD) is enough, as one Redis-only command beside a MULTI chain is", () => {
    expect(calls(`module.exports = function (db, k, cb) { db.multi([["zadd", k, 1, "m"]]).exec(cb); };`)).toEqual([
      "multi@client evidence unknown",
      "exec@transaction evidence unknown",
    ]);
  });

  it("`this.db` of a prototype-style constructor: every call on it is the client's", () => {
    expect(
      calls(`function Limiter(opts) { this.db = opts.db; }
      Limiter.prototype.get = function (cb) { this.db.multi([["zcard", "k"], ["pexpire", "k", 10]]).exec(cb); };
      Limiter.prototype.reset = function (cb) { this.db.del("k", cb); };
      module.exports = Limiter;`),
    ).toEqual(["multi@client evidence unknown", "exec@transaction evidence unknown", "del@client evidence unknown"]);
  });
});

describe("look-alikes: not a client", () => {
  /** No call, with the early exit and without it (the model built whatever the text says). */
  const none = (code: string, options = cjs): void => {
    const { model, sourceCode } = lintForModel(code, options);
    expect(model.calls).toEqual([]);
    expect(buildModelForTest(sourceCode, undefined).calls).toEqual([]);
  };

  it("a database library's batch of non-command strings: `db.multi([['insert', row], ['update', row]]).exec()`", () => {
    none(`module.exports = function (db, row, cb) { db.multi([["insert", row], ["update", row]]).exec(cb); };`);
  });

  it("one non-command entry spoils the list: `[['get', k], ['set', k, v], ['upsert', k]]`", () => {
    none(
      `module.exports = function (db, k, v, cb) { db.multi([["get", k], ["set", k, v], ["upsert", k]]).exec(cb); };`,
    );
  });

  it("a queue's `batch([[...]])` (not multi / pipeline)", () => {
    none(`module.exports = function (queue, k, cb) { queue.batch([["zadd", k, 1, "m"], ["zcard", k]]).exec(cb); };`);
  });

  it("an array of arrays of numbers", () => {
    none(`module.exports = function (m, cb) { m.multi([[1, 2], [3, 4]]).exec(cb); };`);
  });

  it("a single common word that is also a command: `[['get', id]]` alone, `[['set', k, v]]` alone", () => {
    none(`module.exports = function (api, id, cb) { api.multi([["get", id]]).exec(cb); };`);
    none(`module.exports = function (api, k, v, cb) { api.pipeline([["set", k, v]]).exec(cb); };`);
  });

  it("the same common command twice: `[['get', a], ['get', b]]`", () => {
    none(`module.exports = function (api, a, b, cb) { api.multi([["get", a], ["get", b]]).exec(cb); };`);
  });

  it("never exec()ed: `x.multi([['zadd', …], ['zcard', …]])` with no exec", () => {
    none(`module.exports = function (x, k) { return x.multi([["zadd", k, 1, "m"], ["zcard", k]]); };`);
  });

  it("a variable written again, or given its array in another function", () => {
    none(`module.exports = function (db, k, cb) {
      var ops = [["zadd", k, 1, "m"], ["zcard", k]];
      ops = build(k);
      db.multi(ops).exec(cb);
    };`);
    none(`var ops = [["zadd", "k", 1, "m"], ["zcard", "k"]];
    module.exports = function (db, cb) { db.multi(ops).exec(cb); };`);
  });

  it("an object literal, a Map and a typed parameter with a `multi` method", () => {
    none(`const q = { multi(list) { return { exec(cb) { cb(null, list); } }; } };
    q.multi([["zadd", "k", 1, "m"], ["zcard", "k"]]).exec(() => {});`);
    none(
      `export function f(q: { multi(a: unknown[]): { exec(): void } }) { q.multi([["zadd", "k", 1, "m"], ["zcard", "k"]]).exec(); }`,
      { filename: "file.ts", parser: "typescript" } as never,
    );
  });

  it("lodash `_.chain([...])` and knex `batchInsert`", () => {
    none(`const _ = require("lodash");
    module.exports = function (rows) { return _.chain([["zadd", 1], ["zcard", 2]]).map((r) => r[0]).value(); };`);
    none(
      `module.exports = function (knex, rows) { return knex.batchInsert("t", [["zadd", 1], ["zcard", 2]], 30).exec(); };`,
    );
  });
});
