/**
 * @upstash/redis and @vercel/kv: REST over HTTP, so no connection state, no WATCH, no subscriber
 * mode; lower-case options `{ nx: true, ex: 10 }`; replies parsed as JSON (docs/semantics.md §1,
 * §2, §3, §4, §6).
 */
import { staticString, unwrap } from "../ast/nodes.js";
import { UNKNOWN_DIALECT, expiryProperty, inlineOptions, lastProperty } from "./base.js";
import type { Dialect } from "./types.js";

export const UPSTASH: Dialect = {
  ...UNKNOWN_DIALECT,
  family: "upstash",
  known: true,

  label: "@upstash/redis",
  clientNoun: "@upstash/redis client",
  builderName: "the @upstash/redis Pipeline",

  // §4
  setNxOptions: (unit, ttl) => `{ nx: true, ${expiryProperty("upstash", unit, ttl.text)} }`,
  rewritesSetnx: true,
  // §4: `set(k, v, { ex: 30 })`.
  setExpiryOptions: (unit, ttl) => ({ text: `{ ${expiryProperty("upstash", unit, ttl.text)} }`, fixes: () => [] }),
  addExpiryToSetNx(call, set, unit, ttl, { sourceCode }) {
    const obj = inlineOptions(call, set);
    if (!obj || set.shape !== "upstash") return null;
    return (fixer) => [
      fixer.insertTextAfter(lastProperty(obj), `, ${expiryProperty("upstash", unit, sourceCode.getText(ttl))}`),
    ];
  },
  setnxReplyFromSet: (t) => `(${t} === "OK" ? 1 : 0)`,

  evalForm: "redis.eval(script, [key], [token])",
  scriptParameters: "eval(script, keys, args)",
  evalCall: (receiver, script, key, args) =>
    `${receiver}.eval(${script}, [${key}], [${args.map((a) => a.text).join(", ")}])`,

  scanName: "scan(cursor, { match })",
  clusterScanName: "scan(cursor, { match })",
  scanReplacement: (client, pattern) =>
    `(async () => { const keys = []; let cursor = "0"; do { const [next, batch] = await ${client}.scan(cursor, { match: ${pattern} }); cursor = String(next); keys.push(...batch); } while (cursor !== "0"); return keys; })()`,
  scanLocals: new Set(["keys", "cursor", "next", "batch"]),

  // §2: `exec({ keepErrors: true })` gives `{ result, error }` per command; without it exec() throws.
  queuedCallbacks: false,
  execResultShape(exec) {
    if (exec.receiver === "client") return null;
    const args = exec.node.arguments;
    const opts = args[0] ? unwrap(args[0]) : null;
    if (opts?.type !== "ObjectExpression") return null;
    const keep = opts.properties.some((p) => {
      if (p.type !== "Property") return false;
      const named =
        (!p.computed && p.key.type === "Identifier" && p.key.name === "keepErrors") ||
        staticString(p.key) === "keepErrors";
      const value = unwrap(p.value);
      return named && value.type === "Literal" && value.value === true;
    });
    return keep ? "result-objects" : null;
  },

  // §3: no WATCH.
  hasWatch: false,
  // exec() takes no callback (docs/semantics.md §2).
  execCallbackErrorFirst: false,
  watchInMulti: "@upstash/redis has no WATCH: the call fails",
  atomicAlternatives: "or do the read and the write in one Lua script (eval or createScript); Upstash has no WATCH.",

  // §1: every command is its own HTTP request.
  connectionState: false,
  blockingConnection: null,
  dedicatedConnection: "",
  transactionObject: "use ",

  subscriberMode: "none",

  hasCounterMethods: true,
  parsesNumbers: true,

  // §14: lower-case command names.
  expiryMethod: (command) => command,

  // §10: one HTTP endpoint; the database behind it is not a cluster the client routes to.
  noClusterNodes: true,
};
