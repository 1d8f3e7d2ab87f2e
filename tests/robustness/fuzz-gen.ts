/** Snippet generators for the fuzz test. */
import fc from "fast-check";

const HEADERS = [
  `import Redis from "ioredis"; const r = new Redis();`,
  `import Redis, { Cluster } from "iovalkey"; const r = new Cluster([]);`,
  `import { createClient } from "redis"; const r = createClient(); await r.connect();`,
  `import { createClient } from "@redis/client"; const r = await createClient().connect();`,
  `import { Redis } from "@upstash/redis"; const r = Redis.fromEnv();`,
  `import { kv as r } from "@vercel/kv";`,
  `import { GlideClient, Batch } from "@valkey/valkey-glide"; const r = await GlideClient.createClient({ addresses: [] });`,
  `import { redis as r, RedisClient } from "bun";`,
  `const IORedis = require("ioredis"); const r = new IORedis.Cluster([]);`,
  `import { redis as r } from "./lib/redis";`,
  `const r = getConnection();`,
  `class Svc extends Base { constructor(private readonly r: import("ioredis").Redis) { super(); } }`,
];

const key = fc.constantFrom(
  `"k"`,
  "key",
  "`lock:${id}`",
  `"lock:" + id`,
  "keys[0]",
  "this.key",
  "obj?.k",
  "...args",
  "[, , k]",
);
const value = fc.constantFrom(
  `"v"`,
  "1",
  "token",
  "x + 1",
  "await r.get(k)",
  "{ NX: true, EX: 10 }",
  "{ nx: true }",
  "undefined",
  "null",
);
const cmd = fc.constantFrom(
  "get",
  "set",
  "setnx",
  "setNX",
  "expire",
  "pExpire",
  "incr",
  "incrBy",
  "hGet",
  "hset",
  "del",
  "unlink",
  "keys",
  "watch",
  "unwatch",
  "multi",
  "exec",
  "discard",
  "subscribe",
  "publish",
  "eval",
  "evalsha",
  "quit",
  "disconnect",
  "duplicate",
  "pipeline",
  "scanStream",
  "on",
  "then",
  "call",
  "sendCommand",
  "customCommand",
  "send",
  "execAsPipeline",
  "executeIsolated",
);
const receiver = fc.constantFrom(
  "r",
  "r?.",
  "this.r",
  "tx",
  "(await r.duplicate())",
  "r.multi()",
  "r.pipeline()",
  "new Batch(true)",
  "super",
  'r["multi"]()',
  "r.multi({ pipeline: false })",
);

const call = fc
  .tuple(receiver, cmd, fc.array(fc.oneof(key, value), { maxLength: 3 }), fc.boolean())
  .map(([recv, c, args, computed]) => {
    const access = recv.endsWith("?.") ? `${recv}${c}` : computed ? `${recv}["${c}"]` : `${recv}.${c}`;
    return `${access}(${args.join(", ")})`;
  });

const chain = fc
  .array(fc.tuple(cmd, fc.array(key, { maxLength: 2 })), { minLength: 1, maxLength: 4 })
  .map((parts) => `r.multi()${parts.map(([c, a]) => `.${c}(${a.join(", ")})`).join("")}`);

const leaf = fc.oneof(
  call.map((c) => `await ${c};`),
  call.map((c) => `const v${Math.abs(c.length % 7)} = await ${c};`),
  call.map((c) => `${c};`),
  chain.map((c) => `await ${c}.exec();`),
  chain.map((c) => `const tx = ${c}; tx.get(k); const res = await tx.exec(); if (!res) return; res[0][1];`),
  call.map((c) => `if (await ${c} === "OK") { await r.expire(k, 10); }`),
  fc.constant(`const n = Number(await r.get("stock")); if (n > 0) await r.set("stock", n - 1);`),
  fc.constant(`await r.set(k, v, "EX", 10, "NX");`),
  fc.constant(`await r.set(k, v, { condition: "NX", expiration: { type: "EX", value: 10 } });`),
  fc.constant(`await prisma.$transaction(async (tx) => { await r.del(k); await tx.user.update({}); });`),
  fc.constant(`for await (const k of r.scanIterator({ MATCH: "*" })) {}`),
  fc.constant(
    `const m = new Map(); m.get("a"); /re/.exec("x"); db.multi("q"); app.get("/", h); fs.watch("."); _.get(o, "a");`,
  ),
);

const block: fc.Arbitrary<string> = fc.letrec((tie) => ({
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("stmts"), tie("stmts")).map(([a, b]) => `if (cond) { ${a} } else { ${b} }`),
    tie("stmts").map((a) => `try { ${a} } catch (e) { throw e; } finally { await r.unwatch(); }`),
    tie("stmts").map((a) => `for (const id of ids) { ${a} if (id) continue; }`),
    tie("stmts").map((a) => `while (true) { ${a} break; }`),
    fc.constant("return;"),
    fc.constant(`throw new Error("x");`),
  ),
  stmts: fc.array(tie("stmt") as fc.Arbitrary<string>, { maxLength: 4 }).map((s) => s.join("\n")),
})).stmts as fc.Arbitrary<string>;

export const program = fc
  .tuple(fc.constantFrom(...HEADERS), block, fc.constantFrom("fn", "arrow", "method", "top"))
  .map(([header, body, wrap]) => {
    const inner = body;
    switch (wrap) {
      case "fn":
        return `${header}\nexport async function f(k, v, id, token, ids, cond, args, keys, obj) {\n${inner}\n}`;
      case "arrow":
        return `${header}\nexport const f = async (k, v, id, token, ids, cond, args, keys, obj) => {\n${inner}\n};`;
      case "method":
        return `${header}\nexport class C extends Object { r = r; get redis() { return this.r; } async m(k, v, id, token, ids, cond, args, keys, obj) {\n${inner.replace(/\bsuper\b/g, "super.constructor")}\n} }`;
      default:
        return `${header}\nconst k = "k", v = 1, id = 1, token = "t", ids = [], cond = true, args = [], keys = [], obj = {};\n${inner.replace(/^return;$/gm, "")}`;
    }
  });

/** Deletes or duplicates a random slice of the text: mostly unparsable, sometimes odd but valid. */
export const mutated = fc.tuple(program, fc.nat(), fc.nat({ max: 12 }), fc.boolean()).map(([code, at, len, dup]) => {
  const i = at % Math.max(1, code.length);
  return dup ? code.slice(0, i + len) + code.slice(i) : code.slice(0, i) + code.slice(i + len);
});
