/**
 * Code that runs while a lock is held, by the shape of the code around it: a callback handed to a
 * lock helper (`redlock.using(...)`, `mutex.runExclusive(...)`, `withLock(...)`), or a stretch
 * between an acquisition (`SET ... NX`, `acquireLock()`, `mutex.acquire()`) and a release (`DEL`
 * of a lock-like key, a release script, `releaseLock()`, `unlock()`) in the same function or one
 * around it. The lock calls of a function are found once per function and model.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { calleeName, nameWords } from "../ast/expressions.js";
import { type FunctionNode, type Node, isFunction, unwrap } from "../ast/nodes.js";
import { walk } from "../ast/walk.js";
import type { FileModel } from "./types.js";
import { isNxDataWrite } from "./lock-intent.js";
import { deletedKeys, isLockLikeKey, lockKeyRegex, readSetOptions } from "./locks.js";
import { callsWithin, shapeOf } from "./indexes.js";

/** Lock-related calls in a function body (not in nested functions). */
interface LockCalls {
  acquires: Node[];
  releases: Node[];
}

/** Per model, per lock key pattern, per function. */
const lockCalls = new WeakMap<FileModel, Map<string, Map<Node, LockCalls>>>();

/** Inside a callback handed to `redlock.using(...)`, `mutex.runExclusive(...)`, `withLock(...)`. */
export function inLockCallback(node: Node, sourceCode: TSESLint.SourceCode): boolean {
  let n: Node | undefined = node.parent;
  while (n) {
    if (isFunction(n)) {
      const p = n.parent;
      if (
        p &&
        (p.type === "CallExpression" || p.type === "NewExpression") &&
        p.arguments.includes(n as TSESTree.CallExpressionArgument)
      ) {
        if (p.type === "CallExpression" && isLockCallbackHost(p, sourceCode)) return true;
      }
    }
    n = n.parent;
  }
  return false;
}

/**
 * A lock is taken before `first` and released after `last` in `fn` (the function `first` is in)
 * or in a function around it; `lockKey` tells lock keys (`lockKeyRegex`).
 */
export function lockHeldBetween(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  first: Node,
  last: Node,
  fn: FunctionNode | TSESTree.Program,
  lockKey: RegExp,
): boolean {
  let byPattern = lockCalls.get(model);
  if (!byPattern) lockCalls.set(model, (byPattern = new Map<string, Map<Node, LockCalls>>()));
  let cache = byPattern.get(lockKey.source);
  if (!cache) byPattern.set(lockKey.source, (cache = new Map<Node, LockCalls>()));
  let f: FunctionNode | TSESTree.Program | undefined = fn;
  while (f) {
    const scope: FunctionNode | TSESTree.Program = f;
    let calls = cache.get(scope);
    if (!calls) cache.set(scope, (calls = lockCallsOf(scope, model, sourceCode, lockKey)));
    // Some acquire ends before `first` and some release starts after `last`: the earliest end and
    // the latest start say so without a scan of the function's lock calls per question.
    const bounds = boundsOf(calls);
    const acquired = bounds.firstAcquireEnd <= first.range[0];
    const released = bounds.lastReleaseStart >= last.range[1];
    if (acquired && released) return true;
    if (scope.type === "Program") break;
    let p: Node | undefined = scope.parent;
    while (p && !isFunction(p) && p.type !== "Program") p = p.parent;
    f = p;
  }
  return false;
}

function isLockCallbackHost(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): boolean {
  const text = sourceCode.getText(call.callee);
  const w = nameWords(text);
  if (
    w.some(
      (x) =>
        x === "lock" ||
        x === "locks" ||
        x === "mutex" ||
        x === "semaphore" ||
        x === "redlock" ||
        x === "exclusive" ||
        x === "synchronized" ||
        x === "synchronised" ||
        x === "critical" ||
        x === "locked",
    )
  ) {
    return true;
  }
  // `redlock.using(...)` whatever the instance is called.
  return unwrap(call.callee).type === "MemberExpression" && /\.\s*using$/.test(text);
}

function isAcquireName(w: string[]): boolean {
  if (w.includes("release") || w.includes("unlock") || w.includes("is") || w.includes("has")) return false;
  return (
    w.includes("acquire") || w.includes("obtain") || w.includes("lock") || (w.includes("mutex") && w.includes("take"))
  );
}

function isReleaseName(w: string[]): boolean {
  return w.includes("release") || w.includes("unlock");
}

function lockCallsOf(
  fn: FunctionNode | TSESTree.Program,
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  lockKey: RegExp,
): LockCalls {
  const out: LockCalls = { acquires: [], releases: [] };
  walk(isFunction(fn) ? fn.body : fn, sourceCode.visitorKeys, (node) => {
    // Nested functions are not this function's code.
    if (isFunction(node)) return "skip";
    if (node.type === "CallExpression") {
      const rc = model.callAt(node);
      if (rc && rc.command) {
        if (rc.command === "set" || rc.command === "setnx") {
          // A SET NX of serialized data under a key that is no lock (a cache's set-if-absent) acquires nothing.
          const set = readSetOptions(rc, sourceCode);
          if (set?.nx && !isNxDataWrite(set, sourceCode, lockKey)) out.acquires.push(node);
        } else if (
          (rc.command === "del" || rc.command === "unlink") &&
          rc.args.some((a) => isLockLikeKey(a, sourceCode, lockKey))
        ) {
          out.releases.push(node);
        } else if (rc.command === "eval" || rc.command === "evalsha" || rc.command === "fcall") {
          out.releases.push(node);
        }
      } else {
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        const objectText = callee.type === "MemberExpression" ? sourceCode.getText(callee.object) : "";
        const w = nameWords(name ?? "");
        const objWords = nameWords(objectText);
        const lockish = objWords.some(
          (x) =>
            x === "lock" || x === "mutex" || x === "semaphore" || x === "redlock" || x === "locker" || x === "lease",
        );
        if (isReleaseName(w) && (w.length > 1 || lockish || callee.type === "Identifier")) out.releases.push(node);
        else if (isAcquireName(w) && (w.length > 1 || lockish || w[0] === "acquire" || w[0] === "lock"))
          out.acquires.push(node);
      }
    }
  });
  return out;
}

const lockBounds = new WeakMap<LockCalls, { firstAcquireEnd: number; lastReleaseStart: number }>();

/** The earliest end of an acquire and the latest start of a release among a function's lock calls. */
function boundsOf(calls: LockCalls): { firstAcquireEnd: number; lastReleaseStart: number } {
  let bounds = lockBounds.get(calls);
  if (!bounds) {
    bounds = { firstAcquireEnd: Infinity, lastReleaseStart: -Infinity };
    for (const a of calls.acquires) bounds.firstAcquireEnd = Math.min(bounds.firstAcquireEnd, a.range[1]);
    for (const r of calls.releases) bounds.lastReleaseStart = Math.max(bounds.lastReleaseStart, r.range[0]);
    lockBounds.set(calls, bounds);
  }
  return bounds;
}

/** The locks taken inside one callback, and the keys it lets go of (see `locksWithin`). */
export interface LocksWithin {
  /** A lock is taken (SET NX with an expiry on a client). */
  any: boolean;
  /** The key shapes of those locks. */
  locks: Set<string>;
  /** The key shapes deleted, or given to a script (a compare-and-delete), inside it. */
  released: Set<string>;
}

const locksWithinMemo = new WeakMap<FileModel, Map<FunctionNode, LocksWithin>>();

/** Per callback, once: the key shapes of the locks taken inside it and of the keys it releases. */
export function locksWithin(model: FileModel, callback: FunctionNode, sourceCode: TSESLint.SourceCode): LocksWithin {
  let byCallback = locksWithinMemo.get(model);
  if (!byCallback) locksWithinMemo.set(model, (byCallback = new Map<FunctionNode, LocksWithin>()));
  let found = byCallback.get(callback);
  if (found) return found;
  found = { any: false, locks: new Set(), released: new Set() };
  for (const c of callsWithin(model.calls, callback)) {
    if (c.receiver !== "client") continue;
    if (c.command === "set" || c.command === "setnx") {
      const set = readSetOptions(c, sourceCode);
      if (set?.nx && set.expiry && set.key && !isNxDataWrite(set, sourceCode, DEFAULT_LOCK_KEY)) {
        found.any = true;
        const shape = shapeOf(set.key);
        if (shape !== null) found.locks.add(shape);
      }
    }
    for (const k of deletedKeys(c)) {
      const shape = shapeOf(k);
      if (shape !== null) found.released.add(shape);
    }
    if (c.command && SCRIPT_COMMANDS.has(c.command)) {
      for (const a of c.args) {
        const shape = shapeOf(a);
        if (shape !== null) found.released.add(shape);
      }
    }
  }
  byCallback.set(callback, found);
  return found;
}

/** The default lock vocabulary, for `locksWithin` (which takes no pattern). */
const DEFAULT_LOCK_KEY = lockKeyRegex(undefined);

const SCRIPT_COMMANDS = new Set(["eval", "evalsha", "fcall", "eval_ro", "evalsha_ro", "fcall_ro"]);
