/**
 * Commands called through a copy of a client's method (issue #14 item 4; src/model/recognition/aliases.ts):
 * `promisify(client.setnx).bind(client)`, `client.setnx.bind(client)`, bluebird's
 * `client.setnxAsync()` and `multi.execAsync()`. The rules report them as the calls they copy, and
 * offer no fix or suggestion that edits such a call (src/util/alias-fixes.ts): every fix is written
 * for `receiver.method(...)`, and a rewrite of a copy would call another function or drop the
 * promise the code awaits.
 */
import noIgnoredExecErrors from "../../src/rules/no-ignored-exec-errors.js";
import noKeys from "../../src/rules/no-keys.js";
import noNonatomicReadModifyWrite from "../../src/rules/no-nonatomic-read-modify-write.js";
import noSetnxExpire from "../../src/rules/no-setnx-expire.js";
import noTtlUnitMismatch from "../../src/rules/no-ttl-unit-mismatch.js";
import noUncheckedExec from "../../src/rules/no-unchecked-exec.js";
import noUnsafeLockRelease from "../../src/rules/no-unsafe-lock-release.js";
import requireLockTtl from "../../src/rules/require-lock-ttl.js";
import { ruleTester } from "../rule-tester.js";

/** node_redis v3 with `util.promisify`, as in services written before v4 (a module-level client). */
const PROMISIFIED = `const redis = require("redis");
const { promisify } = require("util");
const client = redis.createClient();
const getAsync = promisify(client.get).bind(client);
const setAsync = promisify(client.set).bind(client);
const setnxAsync = promisify(client.setnx).bind(client);
const pexpireAsync = promisify(client.pexpire).bind(client);
const expireAsync = promisify(client.expire).bind(client);
const delAsync = promisify(client.del).bind(client);
const keysAsync = promisify(client.keys).bind(client);
`;

/** bluebird's promisifyAll over node_redis v3's prototypes. */
const BLUEBIRD = `const bluebird = require("bluebird");
const redis = require("redis");
bluebird.promisifyAll(redis.RedisClient.prototype);
bluebird.promisifyAll(redis.Multi.prototype);
const client = redis.createClient();
`;

/**
 * A shape taught by a popular e-commerce course and found in many public repositories: the stock
 * lock is taken with a promisified SETNX, the database is written, and only then is the TTL set
 * (a crash or a slow write in between leaves the lock for good); the release is a DEL through a
 * copy made inside the function.
 */
const INVENTORY_LOCK = `const redis = require("redis");
const { promisify } = require("util");
const { reserveStock } = require("../models/inventory.repo");
const redisClient = redis.createClient();
const pexpire = promisify(redisClient.pexpire).bind(redisClient);
const setnxAsync = promisify(redisClient.setnx).bind(redisClient);
const acquireLock = async (productId, quantity, cartId) => {
  const key = \`lock:product:\${productId}\`;
  for (let i = 0; i < 10; i++) {
    const result = await setnxAsync(key, 3000);
    if (result === 1) {
      const reserved = await reserveStock({ productId, quantity, cartId });
      if (reserved.modifiedCount) {
        await pexpire(key, 3000);
        return key;
      }
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
};
const releaseLock = async (keyLock) => {
  const delAsyncKey = promisify(redisClient.del).bind(redisClient);
  return await delAsyncKey(keyLock);
};
module.exports = { acquireLock, releaseLock };`;

const V3 = { redis: { versions: { redis: 3 } } };
const js = { filename: "service.js", settings: V3 };

/** Look-alikes: the same shapes on objects that are not Redis clients. */
const LOOKALIKES = [
  `const { promisify } = require("util");
const cache = new Map();
const get = cache.get.bind(cache);
const set = cache.set.bind(cache);
function bump(k) { set(k, get(k) + 1); }`,
  `const { promisify } = require("util");
const fs = require("fs");
const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);
async function bump(p) { const n = Number(await readFile(p)); await writeFile(p, String(n + 1)); }`,
  `const { Pool } = require("pg");
const db = new Pool();
const query = db.query.bind(db);
async function f() { await query("select 1"); }`,
  `const LRU = require("lru-cache");
const cache = new LRU();
async function f(k) { const v = await cache.getAsync(k); await cache.setAsync(k, v + 1); await cache.keysAsync("*"); }`,
];

ruleTester.run("no-setnx-expire (copies)", noSetnxExpire, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    // A cache abstraction's own promisified API on a parameter: no Redis-only name.
    {
      code: `async function remember(cache, key) { await cache.setAsync(key, "1"); await cache.expireAsync(key, 10); }`,
      ...js,
    },
    // One command with the expiry.
    { code: `${PROMISIFIED}async function f(k) { await setAsync(k, "1", "PX", 3000, "NX"); }`, ...js },
  ],
  invalid: [
    {
      // ntuvu/ecommerce-backend-nodejs redis.service.js shape: the lock can be left without a TTL.
      code: `${PROMISIFIED}async function acquire(key) {
  const ok = await setnxAsync(key, "1");
  if (ok) await pexpireAsync(key, 3000);
  return ok;
}`,
      ...js,
      errors: [{ messageId: "setnxExpire" }],
      output: null,
    },
    {
      code: INVENTORY_LOCK,
      ...js,
      errors: [{ messageId: "setnxExpire", line: 10 }],
      output: null,
    },
    {
      code: `${BLUEBIRD}async function acquire(key) {
  await client.setnxAsync(key, "1");
  await client.expireAsync(key, 10);
}`,
      ...js,
      errors: [{ messageId: "setnxExpire" }],
      output: null,
    },
    {
      // bluebird's twins on a client that arrives as a parameter: known from its own calls.
      code: `async function acquire(client, key) {
  await client.setnxAsync(key, "1");
  await client.expireAsync(key, 10);
}`,
      ...js,
      errors: [{ messageId: "setnxExpire" }],
      output: null,
    },
    {
      // A bound copy keeps the callback form: both sent one after the other.
      code: `const client = require("redis").createClient();
const setnx = client.setnx.bind(client);
const expire = client.expire.bind(client);
function acquire(key, cb) {
  setnx(key, "1");
  expire(key, 10, cb);
}`,
      ...js,
      errors: [{ messageId: "setnxExpire" }],
      output: null,
    },
  ],
});

ruleTester.run("require-lock-ttl (copies)", requireLockTtl, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    { code: `${PROMISIFIED}async function f(k) { await setAsync(k, "1", "PX", 3000, "NX"); }`, ...js },
  ],
  invalid: [
    {
      code: `${PROMISIFIED}async function acquire(name) { return setnxAsync(\`lock:\${name}\`, "1"); }`,
      ...js,
      errors: [{ messageId: "setnxNoTtl", suggestions: [] }],
    },
    {
      code: `${BLUEBIRD}async function acquire(name) { return client.setAsync(\`lock:\${name}\`, "1", "NX"); }`,
      ...js,
      errors: [{ messageId: "setNoTtl", suggestions: [] }],
    },
  ],
});

ruleTester.run("no-unsafe-lock-release (copies)", noUnsafeLockRelease, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    // Not a lock: a cache entry deleted.
    { code: `${PROMISIFIED}async function evict(k) { await delAsync(k); }`, ...js },
  ],
  invalid: [
    { code: INVENTORY_LOCK, ...js, errors: [{ messageId: "plainDelete", line: 25 }], output: null },
    {
      code: `${PROMISIFIED}async function withLock(key, fn) {
  const ok = await setAsync(key, "1", "PX", 3000, "NX");
  if (!ok) return;
  try { await fn(); } finally { await delAsync(key); }
}`,
      ...js,
      errors: [{ messageId: "plainDelete" }],
      output: null,
    },
  ],
});

ruleTester.run("no-nonatomic-read-modify-write (copies)", noNonatomicReadModifyWrite, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    // The value written does not come from the read.
    {
      code: `${PROMISIFIED}async function f(k) { const v = await getAsync(k); if (!v) await setAsync(k, "0"); }`,
      ...js,
    },
  ],
  invalid: [
    {
      code: `${PROMISIFIED}async function bump(k) {
  const v = await getAsync(k);
  await setAsync(k, Number(v) + 1);
}`,
      ...js,
      errors: [{ messageId: "computed" }],
      output: null,
    },
    {
      code: `${BLUEBIRD}async function bump(k) {
  const v = await client.getAsync(k);
  await client.setAsync(k, Number(v) + 1);
}`,
      ...js,
      errors: [{ messageId: "computed" }],
      output: null,
    },
  ],
});

ruleTester.run("no-keys (copies)", noKeys, {
  valid: [...LOOKALIKES.map((code) => ({ code, ...js }))],
  invalid: [
    {
      code: `${PROMISIFIED}async function all() { return keysAsync("user:*"); }`,
      ...js,
      errors: [{ messageId: "noKeys" }],
      output: null,
    },
    {
      code: `${BLUEBIRD}async function all() { return client.keysAsync("user:*"); }`,
      ...js,
      errors: [{ messageId: "noKeys" }],
      output: null,
    },
  ],
});

ruleTester.run("no-ttl-unit-mismatch (copies)", noTtlUnitMismatch, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    { code: `${PROMISIFIED}async function f(k) { await expireAsync(k, 60); }`, ...js },
  ],
  invalid: [
    {
      code: `${PROMISIFIED}const ttlMs = 60000;
async function f(k) { await expireAsync(k, ttlMs); }`,
      ...js,
      errors: [{ messageId: "millisecondsName" }],
      output: null,
    },
  ],
});

ruleTester.run("no-unchecked-exec (copies)", noUncheckedExec, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    {
      // v3's promisified exec after WATCH, checked for null.
      code: `${BLUEBIRD}async function transfer(from) {
  await client.watchAsync(from);
  const balance = Number(await client.getAsync(from));
  const replies = await client.multi().set(from, balance - 1).execAsync();
  if (replies === null) return false;
  return replies.length;
}`,
      ...js,
    },
  ],
  invalid: [
    {
      // v3: a WATCH abort resolves execAsync() to null (the callback's null replies).
      code: `${BLUEBIRD}async function transfer(from) {
  await client.watchAsync(from);
  const balance = Number(await client.getAsync(from));
  const replies = await client.multi().set(from, balance - 1).execAsync();
  return replies.length;
}`,
      ...js,
      errors: [
        {
          messageId: "unchecked",
          suggestions: [
            {
              messageId: "throwOnAbort",
              output: `${BLUEBIRD}async function transfer(from) {
  await client.watchAsync(from);
  const balance = Number(await client.getAsync(from));
  const replies = await client.multi().set(from, balance - 1).execAsync();
  if (replies === null) throw new Error("Transaction aborted: a WATCHed key changed");
  return replies.length;
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run("no-ignored-exec-errors (copies)", noIgnoredExecErrors, {
  valid: [
    ...LOOKALIKES.map((code) => ({ code, ...js })),
    {
      code: `${BLUEBIRD}async function counts() {
  const replies = await client.multi().incr("a").incr("b").execAsync();
  for (const entry of replies ?? []) if (entry instanceof Error) throw entry;
  return replies[0] + replies[1];
}`,
      ...js,
    },
    {
      // node-redis v4 and later have no promisifyAll twins: no reply shape to judge.
      code: `${BLUEBIRD}async function counts() {
  const replies = await client.multi().incr("a").execAsync();
  return replies[0];
}`,
      filename: "service.js",
      settings: { redis: { versions: { redis: 5 } } },
    },
  ],
  invalid: [
    {
      code: `${BLUEBIRD}async function counts() {
  const replies = await client.multi().incr("a").incr("b").execAsync();
  return replies[0] + replies[1];
}`,
      ...js,
      errors: [
        {
          messageId: "nodeRedis3Promise",
          suggestions: [
            {
              messageId: "addCheck",
              output: `${BLUEBIRD}async function counts() {
  const replies = await client.multi().incr("a").incr("b").execAsync();
  for (const entry of replies ?? []) if (entry instanceof Error) throw entry;
  return replies[0] + replies[1];
}`,
            },
          ],
        },
      ],
    },
  ],
});
