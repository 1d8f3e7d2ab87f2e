/** The key arguments of a recognised command call, and the file's writes indexed by key. */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, staticString, unwrap } from "../ast/nodes.js";
import { keyIndexes } from "./commands.js";
import { keyShape } from "./keys.js";
import type { FileModel, RedisCall } from "./types.js";

function argKeyValue(a: Node): unknown {
  const u = unwrap(a);
  const s = staticString(u);
  if (s !== null) return s;
  if (u.type === "Literal" && typeof u.value === "number") return u.value;
  return "?";
}

/**
 * The key arguments of a command call, in any dialect (GLIDE / node-redis arrays of keys); the
 * first argument when the command's key positions are unknown.
 */
export function keyArguments(call: RedisCall): Node[] {
  if (!call.command || call.args.length === 0) return [];
  const first = unwrap(call.args[0]);
  if (first.type === "ArrayExpression" && !call.raw) {
    return first.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== "SpreadElement");
  }
  const args = call.args.filter((a) => !isFunction(unwrap(a)));
  let idx = keyIndexes(call.command, args.map(argKeyValue));
  if (idx.length === 0) idx = [0];
  return idx.filter((i) => i < args.length).map((i) => args[i]);
}

const writeIndex = new WeakMap<FileModel, ReadonlyMap<string, readonly RedisCall[]>>();

/**
 * The file's writes (not WATCH) by the shape of each key they write (`keyShape`), each in the
 * model's call order; indexed once per model.
 */
export function writesByKeyShape(model: FileModel): ReadonlyMap<string, readonly RedisCall[]> {
  let index = writeIndex.get(model);
  if (index) return index;
  const out = new Map<string, RedisCall[]>();
  for (const call of model.calls) {
    if (!call.command || call.command === "watch" || !call.write) continue;
    for (const k of keyArguments(call)) {
      const s = keyShape(k);
      if (!s) continue;
      const list = out.get(s);
      if (list) {
        if (!list.includes(call)) list.push(call);
      } else out.set(s, [call]);
    }
  }
  writeIndex.set(model, (index = out));
  return index;
}
