/**
 * WATCHes in a file, and whether a command runs under one: a WATCH of its key before it, in its
 * function or one around it, or sent by a local helper its function calls before it. Indexed once
 * per model.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { callSitesOf } from "../ast/local-calls.js";
import { type Node, contains, isFunction, unwrap } from "../ast/nodes.js";
import { keyShape } from "./keys.js";
import type { FileModel, RedisCall } from "./types.js";

/** A WATCH call and the key shapes it watches. */
export interface Watch {
  call: RedisCall;
  /** The shapes of the keys it names (`keyShape`). */
  shapes: string[];
  /** It also watches keys we cannot read (`watch(...keys)`, `watch(keyFor(x))`), or takes a callback. */
  opaque: boolean;
  /** The callback it hands the result to (node_redis v2 / v3, ioredis: `watch(k, (err) => …)`), if any. */
  callback: Node | null;
  /** Among its arguments other than that callback, some key we cannot read. */
  opaqueKey: boolean;
}

const watchIndex = new WeakMap<FileModel, readonly Watch[]>();

/** Every WATCH in the file, in the model's call order. */
export function watchesOf(model: FileModel): readonly Watch[] {
  let watches = watchIndex.get(model);
  if (watches) return watches;
  const out: Watch[] = [];
  for (const call of model.calls) {
    if (call.command !== "watch") continue;
    const shapes: string[] = [];
    let callback: Node | null = null;
    let opaqueKey = false;
    for (const a of call.args) {
      const u = unwrap(a);
      if (isFunction(u)) {
        callback = u;
        continue;
      }
      const list = u.type === "ArrayExpression" ? u.elements : [u];
      for (const e of list) {
        const s = e && e.type !== "SpreadElement" ? keyShape(e) : null;
        if (s) shapes.push(s);
        else opaqueKey = true;
      }
    }
    // (A callback counts as a key we cannot read here, as it always has for `watchedBefore`.)
    out.push({ call, shapes, opaque: opaqueKey || callback !== null, callback, opaqueKey });
  }
  watchIndex.set(model, (watches = out));
  return watches;
}

/**
 * `call` (whose keys have the shapes `shapes`) runs after a WATCH of one of its keys: in its
 * function or one around it (or a WATCH of keys we cannot read on the same client), or sent by a
 * local helper its function calls before it (`await this.watchIfPossible(key)` with
 * `watchIfPossible(k) { return this.redis.watch(k); }`; a helper's parameter stands for the
 * argument its caller passes).
 */
export function watchedBefore(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  call: RedisCall,
  shapes: readonly string[],
): boolean {
  const watches = watchesOf(model);
  return isWatched(call, shapes, watches) || watchedByHelper(call, shapes, watches, sourceCode);
}

/**
 * `call` (whose keys have the shapes `shapes`) runs in a callback handed to a WATCH of one of its
 * keys (or of keys we cannot read, on the same client), or in a function nested in that callback:
 * node_redis v2 / v3 and ioredis `client.watch(k, (err) => { ... })`.
 */
export function watchedByCallback(model: FileModel, call: RedisCall, shapes: readonly string[]): boolean {
  return watchesOf(model).some(
    (w) =>
      w.callback !== null &&
      contains(w.callback, call.node) &&
      (w.shapes.some((s) => shapes.includes(s)) ||
        (w.opaqueKey && !!w.call.client && w.call.client.key === call.client?.key)),
  );
}

function isWatched(read: RedisCall, shapes: readonly string[], watches: readonly Watch[]): boolean {
  return watches.some(
    (w) =>
      w.call.node.range[1] <= read.node.range[0] &&
      contains(w.call.fn, read.node) &&
      (w.shapes.some((s) => shapes.includes(s)) ||
        (w.opaque && !!w.call.client && w.call.client.key === read.client?.key)),
  );
}

function watchedByHelper(
  read: RedisCall,
  shapes: readonly string[],
  watches: readonly Watch[],
  sourceCode: TSESLint.SourceCode,
): boolean {
  return watches.some((w) => {
    const helper = w.call.fn;
    if (!isFunction(helper) || contains(helper, read.node) || w.call.client?.key !== read.client?.key) return false;
    const sites = callSitesOf(helper, sourceCode) ?? [];
    return sites.some((site) => {
      if (site.range[1] > read.node.range[0] || !contains(read.fn, site)) return false;
      for (const a of w.call.args) {
        const u = unwrap(a);
        for (const e of u.type === "ArrayExpression" ? u.elements : [u]) {
          if (!e || e.type === "SpreadElement") return true;
          const index =
            e.type === "Identifier" ? helper.params.findIndex((p) => p.type === "Identifier" && p.name === e.name) : -1;
          const arg = index >= 0 ? site.arguments[index] : e;
          const shape = arg && arg.type !== "SpreadElement" ? keyShape(arg) : null;
          if (shape === null || shapes.includes(shape)) return true;
        }
      }
      return false;
    });
  });
}
