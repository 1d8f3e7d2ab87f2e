/**
 * Walking the AST by its visitor keys, knowing nothing of Redis: the one child walker, the order
 * it visits nodes in (to sort nodes found otherwise into that order), and the child at a position.
 */
import type { Node } from "./nodes.js";

export type VisitorKeys = Record<string, readonly string[] | undefined>;

/** What a visitor tells `walk`: go on (nothing), leave this node's children out, or end the walk. */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a visitor that returns nothing goes on
export type WalkStep = void | "skip" | "stop";

export interface WalkOptions {
  /** The children of a node's first visitor key first; otherwise those of its last key first. */
  keysInOrder?: boolean;
  /** The elements of an array in source order; otherwise in reverse. */
  arraysInOrder?: boolean;
  /** Gives `parent` to each child that has none, as it is reached. */
  linkParents?: boolean;
}

/**
 * The walk over child nodes, with a stack: each node before its children, its children in the
 * order `options` asks for (by default the order of a stack that pushes them as the visitor keys
 * list them: last key first, arrays in reverse). Returns true when `visit` ended it.
 */
export function walk(
  root: Node,
  keys: VisitorKeys,
  visit: (node: Node) => WalkStep,
  options: WalkOptions = {},
): boolean {
  const keysInOrder = options.keysInOrder === true;
  const arraysInOrder = options.arraysInOrder === true;
  const linkParents = options.linkParents === true;
  const stack: Node[] = [root];
  // The stack gives back last what it took first: children are pushed in the reverse of the order asked for.
  const push = (c: Node | null | undefined, parent: Node): void => {
    if (c && typeof c.type === "string") {
      if (linkParents && !c.parent) (c as { parent?: Node }).parent = parent;
      stack.push(c);
    }
  };
  const pushKey = (node: Node, key: string): void => {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      if (arraysInOrder) for (let i = child.length - 1; i >= 0; i--) push(child[i] as Node | null, node);
      else for (const c of child) push(c as Node | null, node);
    } else push(child as Node | null, node);
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    const step = visit(node);
    if (step === "stop") return true;
    if (step === "skip") continue;
    const childKeys = keys[node.type];
    if (!childKeys) continue;
    if (keysInOrder) for (let k = childKeys.length - 1; k >= 0; k--) pushKey(node, childKeys[k]);
    else for (const key of childKeys) pushKey(node, key);
  }
  return false;
}

/**
 * The order in which a stack-based walk visits nodes: each node before its children, the children
 * of its last visitor key first, and the elements of an array in source order when the walk
 * pushes them in reverse, in reverse order otherwise: `walk` with `keysInOrder` off, and
 * `arraysInOrder` as given.
 */
export class WalkOrder {
  private readonly paths = new Map<Node, number[] | null>();

  constructor(
    private readonly keys: VisitorKeys,
    private readonly arraysInOrder: boolean,
  ) {}

  /** Ranks from the root down to `node`; null if the walk does not reach it. */
  path(node: Node): number[] | null {
    const known = this.paths.get(node);
    if (known !== undefined) return known;
    let result: number[] | null = null;
    const parent = node.parent;
    if (!parent) result = [];
    else {
      const rank = this.rank(parent, node);
      const above = rank < 0 ? null : this.path(parent);
      if (above) result = [...above, rank];
    }
    this.paths.set(node, result);
    return result;
  }

  compare(a: Node, b: Node): number {
    const pa = this.path(a) ?? [];
    const pb = this.path(b) ?? [];
    const n = Math.min(pa.length, pb.length);
    for (let i = 0; i < n; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return pa.length - pb.length;
  }

  /** Where `child` comes among the children of `parent` in the walk (lower first); -1 if not a child. */
  private rank(parent: Node, child: Node): number {
    const keys = this.keys[parent.type] ?? [];
    for (let k = 0; k < keys.length; k++) {
      const value = (parent as unknown as Record<string, unknown>)[keys[k]];
      const slot = (keys.length - 1 - k) * 2 ** 24;
      if (value === child) return slot;
      if (Array.isArray(value)) {
        const i = indexIn(value as (Node | null)[], child);
        if (i >= 0) return slot + (this.arraysInOrder ? i : value.length - 1 - i);
      }
    }
    return -1;
  }
}

function indexIn(list: readonly (Node | null)[], node: Node): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid];
    if (!n || typeof n.type !== "string") return list.indexOf(node);
    if (n === node) return mid;
    if (node.range[0] < n.range[0] || (node.range[0] === n.range[0] && node.range[1] < n.range[1])) hi = mid - 1;
    else if (node.range[0] > n.range[0] || node.range[1] > n.range[1]) lo = mid + 1;
    else return list.indexOf(node);
  }
  // Not found where source order puts it: look everywhere, unless it lies outside the array.
  const first = list[0];
  const last = list[list.length - 1];
  if (first && last && (node.range[1] <= first.range[0] || node.range[0] >= last.range[1])) return -1;
  return list.indexOf(node);
}

/** The element of a node array whose range holds `pos` (arrays are in source order; holes allowed). */
export function childAt(list: readonly (Node | null)[], pos: number): Node | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid];
    if (!n || typeof n.type !== "string") {
      // A hole (`[a, , b]`): look at every element.
      for (const e of list) if (e && typeof e.type === "string" && e.range[0] <= pos && pos < e.range[1]) return e;
      return null;
    }
    if (pos < n.range[0]) hi = mid - 1;
    else if (pos >= n.range[1]) lo = mid + 1;
    else return n;
  }
  return null;
}

/**
 * The deepest node under `root` whose range holds `pos`, found by descending through the child
 * that holds it (a few nodes per level, not a walk). `passed` hears each element of a node list
 * (`body`, `consequent`, ...) the descent goes through, with the key of its list.
 */
export function nodeAtPosition(
  root: Node,
  pos: number,
  keys: VisitorKeys,
  passed?: (key: string, element: Node) => void,
): Node {
  let node = root;
  descend: for (;;) {
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (!child) continue;
      if (Array.isArray(child)) {
        const found = childAt(child as (Node | null)[], pos);
        if (found) {
          passed?.(key, found);
          node = found;
          continue descend;
        }
      } else if (typeof (child as Node).type === "string") {
        const r = (child as Node).range;
        if (r[0] <= pos && pos < r[1]) {
          node = child as Node;
          continue descend;
        }
      }
    }
    return node;
  }
}
