/**
 * Indexes over one file's model, built once per model (lazily, cached in WeakMaps keyed by the
 * model or the node), so that a rule asking something of each call never scans every call of the
 * function or the file to answer it. Each answer is exactly what the plain scan it replaces gives
 * (same calls, same order).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { keyShape } from "./keys.js";
import type { RedisCall } from "./types.js";

type Node = TSESTree.Node;

const shapes = new WeakMap<Node, string | null>();

/** `keyShape(node)`, remembered per node (the AST does not change during a lint). */
export function shapeOf(node: Node | null | undefined): string | null {
  if (!node) return null;
  let shape = shapes.get(node);
  if (shape === undefined) {
    shape = keyShape(node);
    shapes.set(node, shape);
  }
  return shape;
}

/** Per list of calls: whether it is sorted by the end of each call's range (the model sorts `calls` so). */
const sortedByEnd = new WeakMap<readonly RedisCall[], boolean>();

export function isSortedByEnd(calls: readonly RedisCall[]): boolean {
  let sorted = sortedByEnd.get(calls);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < calls.length && sorted; i++)
      if (calls[i - 1].node.range[1] > calls[i].node.range[1]) sorted = false;
    sortedByEnd.set(calls, sorted);
  }
  return sorted;
}

/** The first index in `calls` (sorted by end) whose call ends at or after `pos`. */
function firstEndingFrom(calls: readonly RedisCall[], pos: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (calls[mid].node.range[1] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `calls.filter((c) => contains(outer, c.node))`: the calls of the list that lie inside `outer`,
 * in list order. On a list sorted by range end (as `model.calls` and `callsByFunction` are), only
 * the calls that end inside `outer` are looked at.
 */
export function callsWithin(calls: readonly RedisCall[], outer: Node): RedisCall[] {
  const [start, end] = outer.range;
  if (!isSortedByEnd(calls)) return calls.filter((c) => start <= c.node.range[0] && c.node.range[1] <= end);
  const out: RedisCall[] = [];
  for (let i = firstEndingFrom(calls, start); i < calls.length && calls[i].node.range[1] <= end; i++) {
    if (start <= calls[i].node.range[0]) out.push(calls[i]);
  }
  return out;
}

/**
 * Per list of calls (sorted by end): the running maximum of the ends, so that "the first call of
 * the list that ends after `pos`" is a binary search.
 */
const maxEnds = new WeakMap<readonly RedisCall[], number[]>();

/**
 * The index of the first call in `calls` (in list order) whose range ends after `pos`, or
 * `calls.length`: where a scan that stops at `c.node.range[1] > pos` stops.
 */
export function stopIndex(calls: readonly RedisCall[], pos: number): number {
  let ends = maxEnds.get(calls);
  if (!ends) {
    ends = [];
    let max = -Infinity;
    for (const c of calls) ends.push((max = Math.max(max, c.node.range[1])));
    maxEnds.set(calls, ends);
  }
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per list of calls and a way of naming calls: the positions of the calls with each name, in order. */
const groupings = new WeakMap<readonly RedisCall[], Map<string, Map<string, number[]>>>();

/**
 * The positions in `calls` (ascending) of the calls that `names(call)` gives `value` for (a call
 * may have several names; null names nothing). `kind` names the grouping (one per kind and list);
 * `names` must give the same answer for the same call.
 */
export function positionsBy(
  calls: readonly RedisCall[],
  kind: string,
  names: (call: RedisCall) => readonly (string | null)[],
  value: string,
): readonly number[] {
  let byKind = groupings.get(calls);
  if (!byKind) groupings.set(calls, (byKind = new Map<string, Map<string, number[]>>()));
  let groups = byKind.get(kind);
  if (!groups) {
    groups = new Map();
    for (let i = 0; i < calls.length; i++) {
      for (const v of new Set(names(calls[i]))) {
        if (v === null) continue;
        let list = groups.get(v);
        if (!list) groups.set(v, (list = []));
        list.push(i);
      }
    }
    byKind.set(kind, groups);
  }
  return groups.get(value) ?? [];
}

/** The number of leading entries of `positions` whose call ends at or before `pos` (`calls` sorted by end). */
function countEndingBy(calls: readonly RedisCall[], positions: readonly number[], pos: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (calls[positions[mid]].node.range[1] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per list of positions: at each k, the entry among the first k + 1 whose call starts last (the first such). */
const latestStarts = new WeakMap<readonly number[], number[]>();

/**
 * Of the calls at `positions` (ascending, into `calls`) that end at or before `pos`, the one that
 * starts last, the first in list order on a tie; null when there is none. What a scan of those
 * calls keeping `c.node.range[0] > best.node.range[0]` finds.
 */
export function latestStartEndingBy(
  calls: readonly RedisCall[],
  positions: readonly number[],
  pos: number,
): RedisCall | null {
  if (!isSortedByEnd(calls)) {
    let best: RedisCall | null = null;
    for (const i of positions) {
      const c = calls[i];
      if (c.node.range[1] <= pos && (!best || c.node.range[0] > best.node.range[0])) best = c;
    }
    return best;
  }
  const n = countEndingBy(calls, positions, pos);
  if (n === 0) return null;
  let prefix = latestStarts.get(positions);
  if (!prefix) {
    prefix = [];
    let best = -1;
    for (let k = 0; k < positions.length; k++) {
      if (best < 0 || calls[positions[k]].node.range[0] > calls[positions[best]].node.range[0]) best = k;
      prefix.push(best);
    }
    latestStarts.set(positions, prefix);
  }
  return calls[positions[prefix[n - 1]]];
}

/** The entries of `positions` (ascending, into `calls`) whose call ends between `from` and `to` (inclusive), in order. */
export function endingBetween(
  calls: readonly RedisCall[],
  positions: readonly number[],
  from: number,
  to: number,
): readonly number[] {
  if (!isSortedByEnd(calls))
    return positions.filter((i) => calls[i].node.range[1] >= from && calls[i].node.range[1] <= to);
  const lo = countEndingBy(calls, positions, from - 1);
  const hi = countEndingBy(calls, positions, to);
  return lo < hi ? positions.slice(lo, hi) : [];
}

/** Per list of items: the items grouped by the shape of a key, in list order. */
const byShape = new WeakMap<readonly object[], Map<string, object[]>>();

/** The items of `items` whose `key(item)` has the shape `shape` (non-null), in list order. */
export function itemsWithShape<T extends object>(
  items: readonly T[],
  key: (item: T) => Node | null | undefined,
  shape: string,
): readonly T[] {
  let groups = byShape.get(items) as Map<string, T[]> | undefined;
  if (!groups) {
    groups = new Map();
    for (const item of items) {
      const s = shapeOf(key(item));
      if (s === null) continue;
      let list = groups.get(s);
      if (!list) groups.set(s, (list = []));
      list.push(item);
    }
    byShape.set(items, groups);
  }
  return groups.get(shape) ?? [];
}

/** Per statement list (a block's `body`): the position of each statement in it. */
const listPositions = new WeakMap<readonly Node[], Map<Node, number>>();

/** `list.indexOf(node)` for a list that does not change (an AST node's child list), without a scan each time. */
export function indexInList(list: readonly Node[], node: Node): number {
  let map = listPositions.get(list);
  if (!map) {
    map = new Map();
    for (let i = 0; i < list.length; i++) if (!map.has(list[i])) map.set(list[i], i);
    listPositions.set(list, map);
  }
  return map.get(node) ?? -1;
}
