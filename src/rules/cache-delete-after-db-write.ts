import type { TSESTree } from "@typescript-eslint/utils";
import {
  type DbWrite,
  type RedisCall,
  databaseImports,
  databaseWrite,
  dataWords,
  dbTransactionScopes,
  deletedKeys,
  keyArguments,
  keyShape,
  readSetOptions,
  taggedSqlWrite,
} from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { type FunctionNode, type Node, enclosingFunction, isFunction, unwrap } from "../ast/nodes.js";
import { alwaysExits, calleeName, nameWords } from "../ast/expressions.js";
import { walk } from "../ast/walk.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "deleteBeforeWrite" | "setAfterWrite";
type Options = [{ allowWriteThrough?: boolean }];
type Scope = FunctionNode | TSESTree.Program;

/** Commands that delete a cache key. */
const DELETES = new Set(["del", "unlink"]);
/** Commands that write a value into a cache key. */
const CACHE_SETS = new Set(["set", "setex", "psetex", "hset", "hmset", "mset", "json.set", "json.mset"]);

/** Words in a key that make it something other than a copy of database rows. */
const NOT_CACHE = new Set(
  (
    "lock locks mutex semaphore lease leader election rate ratelimit limit limiter throttle cooldown attempts " +
    "retry retries session sessions sess sid queue queues job jobs counter counters count stream streams seen " +
    "idempotency idem idempotent dedup dedupe nonce token tokens otp verify verification code reset invite csrf " +
    "pubsub channel presence online heartbeat metrics stats views visits hits inflight pending processing " +
    "flag flags ban banned blocklist blacklist tmp temp"
  ).split(" "),
);
/** Calls after the write that delete the cache some other way: `invalidateUser(id)`, `cache.evict(key)`. */
const INVALIDATION = /^(?:invalidate|evict|purge|bust|clear|expire|drop|forget|del|delete|remove)/i;

function isNotCache(text: string): boolean {
  return nameWords(text).some((w) => NOT_CACHE.has(w)) || /lock|ratelimit|idempot|dedup/i.test(text);
}

/** The variable names an expression reads (not property names), and its data words. */
function namesAndWords(node: Node, keys: Parameters<typeof walk>[1]): { names: Set<string>; words: Set<string> } {
  const names = new Set<string>();
  const words = new Set<string>();
  walk(node, keys, (n) => {
    if (n.type === "Identifier") {
      const p = n.parent;
      if (!(p?.type === "MemberExpression" && p.property === n && !p.computed)) names.add(n.name);
      for (const w of dataWords(n.name)) words.add(w);
    } else if (n.type === "Literal" && typeof n.value === "string") {
      for (const w of dataWords(n.value)) words.add(w);
    } else if (n.type === "TemplateElement") {
      for (const w of dataWords(n.value.cooked ?? n.value.raw)) words.add(w);
    }
    return isFunction(n) ? "skip" : undefined;
  });
  return { names, words };
}

/** The key names the data the database write writes: a shared variable (`userId`) or word (`user` in "user:" and `prisma.user`). */
function relates(key: { names: Set<string>; words: Set<string> }, write: DbWrite): boolean {
  for (const n of key.names) if (n !== "JSON" && write.names.has(n)) return true;
  for (const w of key.words) if (write.words.has(w)) return true;
  return false;
}

/** How many database writes next to a Redis call are compared with its key: the nearest ones. */
const NEAREST = 8;

/** The index of the first item of `sorted` (by start) that starts at or after `pos`. */
function firstFrom<T>(sorted: readonly T[], pos: number, node: (item: T) => Node): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (node(sorted[mid]).range[0] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `a` and `b` are on different arms of one `if`, `?:`, `&&`/`||`, `switch` or `try`/`catch`. */
function exclusive(a: Node, b: Node): boolean {
  const above = new Map<Node, Node>();
  for (let n: Node = a; n.parent; n = n.parent) above.set(n.parent, n);
  for (let n: Node = b; n.parent; n = n.parent) {
    const fromA = above.get(n.parent);
    if (!fromA) continue;
    const p = n.parent;
    if (fromA === n) return false;
    if (p.type === "IfStatement" || p.type === "ConditionalExpression") return fromA !== p.test && n !== p.test;
    if (p.type === "LogicalExpression") return true;
    if (p.type === "SwitchStatement") return fromA !== p.discriminant && n !== p.discriminant;
    if (p.type === "TryStatement") return fromA !== p.finalizer && n !== p.finalizer;
    return false;
  }
  return false;
}

/** `inner` is in a block (one that does not hold `other`) that ends with a return or throw. */
function exitsBefore(inner: Node, other: Node): boolean {
  const holdsOther = (n: Node) => n.range[0] <= other.range[0] && other.range[1] <= n.range[1];
  for (let n: Node | undefined = inner.parent; n && !holdsOther(n) && !isFunction(n); n = n.parent) {
    if (n.type === "BlockStatement" && alwaysExits(n.body[n.body.length - 1])) return true;
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: "cache-delete-after-db-write",
  meta: {
    type: "problem",
    docs: {
      description: "Require cache-aside invalidation in the right order: write the database, then delete the Redis key",
      recommended: "warn",
    },
    schema: [
      {
        type: "object",
        properties: {
          allowWriteThrough: {
            type: "boolean",
            description:
              "Allow writing the new value into the cache after the database write (write-through), accepting the race between two concurrent writers.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowWriteThrough: false }],
    messages: {
      deleteBeforeWrite:
        "{{what}} deletes the cache key {{key}} before the database write ({{db}}): a concurrent request that misses the cache in between reads the old data and caches it again, and the cache stays stale until the key expires. Delete the key after the database write (write the database, then delete the cache).",
      setAfterWrite:
        "{{what}} writes the new value of {{key}} into the cache after the database write ({{db}}): two concurrent updates can interleave (A writes the database, B writes the database, B sets the cache, A sets the cache) and the older value stays cached until the key expires. Delete the key after the database write instead, and let the next read fill it.",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const keys = sourceCode.visitorKeys;
    const imports = databaseImports(sourceCode);
    const writes = new Map<Scope, DbWrite[]>();
    const seen = new Set<Node>();
    const invalidations = new Map<Scope, Node[]>();
    const add = (w: DbWrite | null) => {
      if (!w || seen.has(w.node)) return;
      seen.add(w.node);
      const fn = enclosingFunction(w.node);
      const list = writes.get(fn);
      if (list) list.push(w);
      else writes.set(fn, [w]);
    };
    const text = (n: Node) => {
      const t = sourceCode.getText(n);
      const short = t.length > 60 ? `${t.slice(0, 57)}...` : t;
      if (!t.startsWith("`")) return `\`${short}\``;
      return short === t ? t : `${short}\``;
    };
    return {
      CallExpression(node) {
        const write = databaseWrite(node, model, sourceCode, imports);
        if (write) {
          add(write);
          return;
        }
        const name = calleeName(node);
        if (name && INVALIDATION.test(name) && !model.callAt(node)) {
          const fn = enclosingFunction(node);
          const list = invalidations.get(fn);
          if (list) list.push(node);
          else invalidations.set(fn, [node]);
        }
      },
      TaggedTemplateExpression(node) {
        add(taggedSqlWrite(node, sourceCode));
      },
      "Program:exit"() {
        if (writes.size === 0) return;
        const scopes = dbTransactionScopes(model, sourceCode, imports);
        // A transaction whose callback writes is a write where it is called: `await prisma.$transaction(...)`.
        const outer = new Map<Node, DbWrite>();
        for (const [fn, list] of writes) {
          const tx = fn.type === "Program" ? null : scopes.transactionOf(fn);
          if (!tx || fn.parent?.type !== "CallExpression") continue;
          const call = fn.parent;
          const known = outer.get(call);
          const names = new Set([...(known?.names ?? []), ...list.flatMap((w) => [...w.names])]);
          const words = new Set([...(known?.words ?? []), ...list.flatMap((w) => [...w.words])]);
          outer.set(call, { node: call, label: tx.label, names, words });
        }
        for (const w of outer.values()) add(w);
        /** Deletes by key shape, for the second delete of a delayed double delete. */
        const deletesByShape = new Map<string, Node[]>();
        for (const call of model.calls) {
          if (!call.command || !DELETES.has(call.command)) continue;
          for (const k of deletedKeys(call)) {
            const s = keyShape(k);
            if (!s) continue;
            const list = deletesByShape.get(s);
            if (list) list.push(call.node);
            else deletesByShape.set(s, [call.node]);
          }
        }
        const report = (call: RedisCall, messageId: MessageIds, key: Node, write: DbWrite) => {
          context.report({
            node: call.node,
            messageId,
            data: { what: dialectOf(call.family).describeCall(call), key: text(key), db: write.label },
          });
        };

        for (const list of deletesByShape.values()) list.sort((a, b) => a.range[0] - b.range[0]);
        for (const list of invalidations.values()) list.sort((a, b) => a.range[0] - b.range[0]);
        for (const [fn, list] of writes) {
          const calls = model.callsByFunction.get(fn);
          if (!calls) continue;
          list.sort((a, b) => a.node.range[0] - b.node.range[0]);
          const later = invalidations.get(fn) ?? [];
          for (const call of calls) {
            if (!call.command) continue;
            const deletes = DELETES.has(call.command);
            if (!deletes && (!CACHE_SETS.has(call.command) || options.allowWriteThrough)) continue;
            // Inside a database transaction callback, no-write-in-db-transaction reports it.
            if (scopes.enclosing(call.node)) continue;
            const [start, end] = call.node.range;
            if (deletes) {
              // The first database write after the delete whose data the key names.
              for (const key of deletedKeys(call)) {
                if (isNotCache(sourceCode.getText(key))) continue;
                const k = namesAndWords(key, keys);
                let write: DbWrite | undefined;
                const first = firstFrom(list, end, (w) => w.node);
                for (let i = first; i < list.length && i < first + NEAREST && !write; i++) {
                  if (relates(k, list[i])) write = list[i];
                }
                if (!write || exclusive(call.node, write.node) || exitsBefore(call.node, write.node)) continue;
                const after = write.node.range[1];
                const shape = keyShape(key);
                // A second delete after the write (delayed double delete), here or in a callback of this function.
                const same = shape ? deletesByShape.get(shape) : undefined;
                const next = same?.[firstFrom(same, after, (d) => d)];
                const again = !!next && next.range[1] <= fn.range[1];
                if (again || firstFrom(later, after, (n) => n) < later.length) continue;
                report(call, "deleteBeforeWrite", key, write);
                break;
              }
              continue;
            }
            const set = call.command === "set" ? readSetOptions(call, sourceCode) : null;
            // SET NX is a lock or a first-writer-wins marker, not a copy of the row.
            if (set?.nx || set?.xx) continue;
            const keyArgs = keyArguments(call);
            const key = keyArgs[0] as Node | undefined;
            if (!key || isNotCache(sourceCode.getText(key))) continue;
            // A constant value (`"1"`, `true`) is a flag, not the data written.
            const values = call.args.filter((a) => !keyArgs.includes(a) && !isFunction(unwrap(a)));
            const constant = (v: Node) => {
              const u = unwrap(v);
              return u.type === "Literal" || (u.type === "TemplateLiteral" && u.expressions.length === 0);
            };
            if (values.length === 0 || values.every(constant)) continue;
            const k = namesAndWords(key, keys);
            let write: DbWrite | undefined;
            const before = firstFrom(list, start, (w) => w.node) - 1;
            for (let i = before; i >= 0 && i > before - NEAREST && !write; i--) {
              if (list[i].node.range[1] <= start && relates(k, list[i])) write = list[i];
            }
            if (!write || exclusive(call.node, write.node) || exitsBefore(write.node, call.node)) continue;
            report(call, "setAfterWrite", key, write);
          }
        }
      },
    };
  },
});
