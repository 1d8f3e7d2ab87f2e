/**
 * Dangling WATCHes: the WATCH calls that can still be active when their function is left by a
 * `return`, an explicit `throw` or its end, with no EXEC, UNWATCH, DISCARD, RESET, close or
 * hand-off on the path. The analysis runs on ESLint's code paths, so it is asked as listeners:
 * `danglingWatchListeners(...)` returns the listeners to merge into a rule's, and calls
 * `report(exit, watch)` once per exit (with the first WATCH still active there). What the file's
 * calls clear is indexed once per model (`watchClears`).
 *
 * See docs/semantics.md.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, contains, enclosingFunction, isFunction, unwrap } from "../ast/nodes.js";
import { lookup, variableOf } from "../ast/statements.js";
import type { Family } from "./clients.js";
import type { FileModel, RedisCall } from "./types.js";

/*
 * How it works. For every function (code path) that sends a WATCH, the analysis records, per code
 * path segment and in execution order, the events that matter: the WATCH, whatever clears it
 * (EXEC, UNWATCH, DISCARD, RESET, closing the connection, handing the client to other code),
 * the `return` / `throw` / end of the function, and the points where an exception may jump into
 * a `catch`. When the code path ends, a forward data-flow over the segment graph (loops
 * included, to a fixpoint) carries the set of WATCHes still active; `finally` blocks are part of
 * ESLint's graph, so a `return` whose path runs through a `finally` that unwatches is clean.
 *
 * Facts are `watch:exit` pairs: the WATCH still active, and the `return` / `throw` / function
 * end that is leaving with it (or -1 while the function has not left yet). A clear on the way
 * (in a `finally`) removes the pair; a pair that reaches a final segment is reported at its exit.
 *
 * Exceptions: ESLint links a `catch` to the first throwable node of the `try` block and to its
 * end, which says nothing about the state at the call that threw. The analysis replaces those links
 * with its own: every call or `await` in the `try` block may throw into the `catch`, with the
 * WATCHes active right after it (a clearing call that rejects, like node-redis `exec()` with
 * `WatchError`, has already cleared). Explicit `throw` statements keep ESLint's links.
 * Exceptions that are not caught in the function are not reported: only explicit `throw`.
 */

/** Commands that end a WATCH on the connection they are sent on. */
const CLEARING_COMMANDS = new Set(["exec", "unwatch", "discard", "reset", "quit"]);
/** Methods that close the connection (and with it, its WATCH). */
const CLOSING_METHODS = new Set(["quit", "QUIT", "disconnect", "close", "destroy", "end"]);
/** Global functions, statics and constructors that do not throw on the values code gives them. */
const SAFE_FUNCTIONS = new Set(["String", "Number", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite"]);
const SAFE_STATICS = new Set([
  "Date.now",
  "Array.isArray",
  "Number.isInteger",
  "Number.isFinite",
  "Number.isNaN",
  "Number.isSafeInteger",
  "Number.parseInt",
  "Number.parseFloat",
]);
const SAFE_CONSTRUCTORS = new Set(["Date", "Map", "Set", "WeakMap", "WeakSet"]);
/** Exec methods of a MULTI builder that send MULTI/EXEC (not `execAsPipeline`). */
const TX_EXEC_METHODS = new Set(["exec", "execTyped", "execBuffer", "EXEC"]);

type Segment = {
  id: string;
  nextSegments: Segment[];
  prevSegments: Segment[];
  reachable: boolean;
};
type CodePath = {
  id: string;
  initialSegment: Segment;
  finalSegments: Segment[];
};

type Event =
  | { t: "watch"; id: number }
  | { t: "clear"; key: string }
  | { t: "exit"; id: number }
  | { t: "throwsTo"; handler: TSESTree.CatchClause };

interface Frame {
  node: Node;
  relevant: boolean;
  current: Set<Segment>;
  events: Map<Segment, Event[]>;
  catchEntry: Map<Segment, TSESTree.CatchClause>;
  throwEnds: Set<Segment>;
}

/** Exits: a `return` / `throw` statement, or the end of a function (its node). */
export type Exit = TSESTree.ReturnStatement | TSESTree.ThrowStatement | Node;

/** The `catch` that receives an exception thrown at `node`, when `node` is in its `try` block, in the same function. */
function catchTarget(node: Node): TSESTree.CatchClause | null {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (isFunction(p) || p.type === "Program" || p.type === "StaticBlock" || p.type === "PropertyDefinition")
      return null;
    if (p.type === "TryStatement" && p.block === child) {
      // A `finally` without `catch` runs first: what reaches an outer `catch` then is not tracked.
      return p.handler ?? null;
    }
  }
  return null;
}

/** The tracked WATCHes of a file and what clears them. */
export interface WatchClears {
  /** WATCH calls on a client (not a raw MULTI), of a family that has WATCH, in call order. */
  watches: RedisCall[];
  /** The client key of each of those WATCHes, by position in `watches`. */
  watchKeys: string[];
  watchIndex: Map<TSESTree.CallExpression, number>;
  /** Client keys those WATCHes are on. */
  watchedKeys: Set<string>;
  /** Calls that clear a watched client's WATCH, with the client key. */
  clearing: Map<TSESTree.CallExpression, string>;
  /** Keys whose WATCH some call inside the function (or functions nested in it) clears. */
  clearsInside: Map<Node, Set<string>>;
}

const clearsIndex = new WeakMap<FileModel, WatchClears>();

/**
 * The file's WATCHes and the calls that clear them: EXEC (not a GLIDE non-atomic batch, not
 * node-redis `exec(true)`), UNWATCH, DISCARD, RESET, QUIT and closing the connection. `hasWatch`
 * (the dialect's: a property of the family only) decides which families' WATCHes count; the index
 * is built once per model.
 */
export function watchClears(model: FileModel, hasWatch: (family: Family) => boolean): WatchClears {
  let index = clearsIndex.get(model);
  if (index) return index;
  const watches: RedisCall[] = [];
  const watchKeys: string[] = [];
  const watchIndex = new Map<TSESTree.CallExpression, number>();
  for (const call of model.calls) {
    if (
      call.command === "watch" &&
      call.receiver === "client" &&
      call.client &&
      hasWatch(call.family) &&
      !model.isRawMulti(call)
    ) {
      watchIndex.set(call.node, watches.length);
      watches.push(call);
      watchKeys.push(call.client.key);
    }
  }
  const watchedKeys = new Set(watchKeys);

  /** The client key a call clears the WATCH of, or null. */
  function clearedKey(call: RedisCall): string | null {
    const key = call.client?.key;
    if (!key || !watchedKeys.has(key)) return null;
    if (call.receiver === "client") {
      if (call.command === "exec" && !call.raw && call.node.arguments.length > 0) {
        // GLIDE `client.exec(batch)`: a non-atomic batch sends no EXEC.
        const batch = model.valueOf(call.node.arguments[0]);
        return batch && batch.kind === "pipeline" ? null : key;
      }
      if (call.command && CLEARING_COMMANDS.has(call.command)) return key;
      return CLOSING_METHODS.has(call.method) ? key : null;
    }
    if (!call.tx?.atomic || !TX_EXEC_METHODS.has(call.method)) return null;
    // node-redis v4 `exec(true)` runs the queue as a pipeline, without MULTI/EXEC.
    const first = call.node.arguments[0];
    if (first && first.type === "Literal" && first.value === true) return null;
    return key;
  }

  const clearing = new Map<TSESTree.CallExpression, string>();
  const clearsInside = new Map<Node, Set<string>>();
  if (watches.length > 0) {
    for (const call of model.calls) {
      const key = clearedKey(call);
      if (!key) continue;
      clearing.set(call.node, key);
      for (let f: Node = call.fn; isFunction(f); f = enclosingFunction(f)) {
        let set = clearsInside.get(f);
        if (!set) clearsInside.set(f, (set = new Set()));
        set.add(key);
      }
    }
  }
  index = { watches, watchKeys, watchIndex, watchedKeys, clearing, clearsInside };
  clearsIndex.set(model, index);
  return index;
}

/**
 * Listeners that find the dangling WATCHes (see above), calling `report(exit, watch)` for each
 * exit left with a WATCH active, when each function's code path ends; null when the file has no
 * tracked WATCH.
 */
export function danglingWatchListeners(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  hasWatch: (family: Family) => boolean,
  report: (exit: Exit, watch: RedisCall) => void,
): TSESLint.RuleListener | null {
  const { watches, watchKeys, watchIndex, watchedKeys, clearing, clearsInside } = watchClears(model, hasWatch);
  if (watches.length === 0) return null;
  const watchFunctions = new Set<Node>(watches.map((w) => w.fn));

  /** The client key of a client or of a transaction made from it. */
  function keyOfValue(node: Node): string | null {
    const v = model.valueOf(node);
    if (!v) return null;
    const key = v.kind === "client" ? v.key : v.tx.client?.key;
    return key && watchedKeys.has(key) ? key : null;
  }

  /**
   * A function the callee names, defined in this file: `commit()` with `async function commit()`
   * / `const commit = async () => ...`, or `this.commit()` with a method of the class.
   */
  function localFunction(callee: Node): Node | null {
    const c = unwrap(callee);
    // `this.commit()`: a method of the enclosing class.
    if (
      c.type === "MemberExpression" &&
      unwrap(c.object).type === "ThisExpression" &&
      !c.computed &&
      c.property.type === "Identifier"
    ) {
      const name = c.property.name;
      for (let n: Node | undefined = c.parent; n; n = n.parent) {
        if (n.type !== "ClassBody") continue;
        for (const member of n.body) {
          if (
            member.type === "MethodDefinition" &&
            !member.computed &&
            member.key.type === "Identifier" &&
            member.key.name === name
          )
            return member.value;
        }
        return null;
      }
      return null;
    }
    if (c.type !== "Identifier") return null;
    const variable = variableOf(sourceCode, c);
    const def = variable?.defs[0];
    if (!def) return null;
    if (def.type === "FunctionName") return def.node;
    if (def.type === "Variable") {
      const init = def.node.init;
      if (init && isFunction(unwrap(init))) return unwrap(init);
    }
    return null;
  }

  /** The client key of the WATCH call an expression is (through `await` and parentheses), or null. */
  function returnedWatch(expr: Node): string | null {
    let e = unwrap(expr);
    if (e.type === "AwaitExpression") e = unwrap(e.argument);
    if (e.type !== "CallExpression") return null;
    const w = watchIndex.get(e);
    return w === undefined ? null : watchKeys[w];
  }

  /** A name that no declaration in the file shadows: the built-in global. */
  function isGlobal(id: TSESTree.Identifier): boolean {
    const variable = lookup(sourceCode, id, id.name);
    return !variable || variable.defs.length === 0;
  }

  /**
   * Calls that do not throw in practice: the conversions and arithmetic that compute a queued
   * command's arguments (`String(v + 1)`, `Math.max(...)`, `Date.now()`), and making a
   * transaction builder (`new Batch(true)`). An exception at these would be the only way a
   * `catch` is reached with the WATCH on: not a path worth a report.
   */
  function cannotThrow(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = unwrap(node.callee);
    if (node.type === "NewExpression") {
      const v = model.valueOf(node);
      if (v && v.kind !== "client") return true;
      return callee.type === "Identifier" && SAFE_CONSTRUCTORS.has(callee.name) && isGlobal(callee);
    }
    if (callee.type === "Identifier") return SAFE_FUNCTIONS.has(callee.name) && isGlobal(callee);
    if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return false;
    const object = unwrap(callee.object);
    if (object.type !== "Identifier" || !isGlobal(object)) return false;
    return object.name === "Math" || SAFE_STATICS.has(`${object.name}.${callee.property.name}`);
  }

  const exits: Exit[] = [];
  const exitIndex = new Map<Node, number>();
  function exitId(node: Exit): number {
    let id = exitIndex.get(node);
    if (id === undefined) {
      id = exits.length;
      exits.push(node);
      exitIndex.set(node, id);
    }
    return id;
  }

  const stack: Frame[] = [];
  function emit(event: Event): void {
    const frame = stack[stack.length - 1];
    if (!frame?.relevant) return;
    for (const segment of frame.current) {
      if (!segment.reachable) continue;
      let list = frame.events.get(segment);
      if (!list) frame.events.set(segment, (list = []));
      list.push(event);
    }
  }
  function relevant(): boolean {
    return stack.at(-1)?.relevant ?? false;
  }
  function emitThrowsTo(node: Node): void {
    const handler = catchTarget(node);
    if (handler) emit({ t: "throwsTo", handler });
  }

  function analyse(frame: Frame, codePath: CodePath): void {
    const out = new Map<Segment, Set<string>>();
    const catchIn = new Map<TSESTree.CatchClause, Set<string>>();
    const entriesOf = new Map<TSESTree.CatchClause, Segment[]>();
    for (const [segment, handler] of frame.catchEntry) {
      const list = entriesOf.get(handler);
      if (list) list.push(segment);
      else entriesOf.set(handler, [segment]);
    }
    const queue: Segment[] = [codePath.initialSegment];
    const queued = new Set<Segment>(queue);
    let budget = 100_000;
    while (queue.length && budget-- > 0) {
      const segment = queue.shift();
      if (!segment) break;
      queued.delete(segment);
      const facts = new Set<string>();
      const handler = frame.catchEntry.get(segment);
      if (handler) {
        for (const f of catchIn.get(handler) ?? []) facts.add(f);
        // Explicit `throw` statements that land here: caught, so they no longer leave.
        for (const prev of segment.prevSegments) {
          if (!frame.throwEnds.has(prev)) continue;
          for (const f of out.get(prev) ?? []) facts.add(`${f.slice(0, f.indexOf(":"))}:-1`);
        }
      } else {
        for (const prev of segment.prevSegments) for (const f of out.get(prev) ?? []) facts.add(f);
      }
      for (const event of frame.events.get(segment) ?? []) {
        switch (event.t) {
          case "watch":
            facts.add(`${event.id}:-1`);
            break;
          case "clear":
            for (const f of [...facts]) {
              if (watchKeys[Number(f.slice(0, f.indexOf(":")))] === event.key) facts.delete(f);
            }
            break;
          case "exit":
            for (const f of [...facts]) {
              facts.delete(f);
              facts.add(`${f.slice(0, f.indexOf(":"))}:${event.id}`);
            }
            break;
          case "throwsTo": {
            let into = catchIn.get(event.handler);
            if (!into) catchIn.set(event.handler, (into = new Set()));
            let grew = false;
            for (const f of facts) {
              if (!f.endsWith(":-1") || into.has(f)) continue;
              into.add(f);
              grew = true;
            }
            if (grew) {
              for (const entry of entriesOf.get(event.handler) ?? []) {
                if (!queued.has(entry)) {
                  queued.add(entry);
                  queue.push(entry);
                }
              }
            }
            break;
          }
        }
      }
      const before = out.get(segment);
      if (before && before.size === facts.size && [...facts].every((f) => before.has(f))) continue;
      out.set(segment, facts);
      for (const next of segment.nextSegments) {
        if (!queued.has(next)) {
          queued.add(next);
          queue.push(next);
        }
      }
    }

    // A function that clears nothing of a client it watches, while another function of the file
    // does (`begin()` watches, `commit()` runs the transaction, on one connection): the WATCH is
    // set up for that other code on purpose.
    const clearedHere = new Set<string>();
    for (const list of frame.events.values()) for (const ev of list) if (ev.t === "clear") clearedHere.add(ev.key);
    const handedOff = (w: number): boolean => {
      const key = watchKeys[w];
      if (clearedHere.has(key)) return false;
      for (const [node, k] of clearing) if (k === key && !contains(frame.node, node)) return true;
      return false;
    };

    // Report each exit once, with the first WATCH that is still active there.
    const found = new Map<number, number>();
    for (const segment of codePath.finalSegments) {
      for (const f of out.get(segment) ?? []) {
        const [w, e] = f.split(":").map(Number);
        if (e < 0) continue; // an uncaught exception: not reported
        if (handedOff(w)) continue;
        const seen = found.get(e);
        if (seen === undefined || w < seen) found.set(e, w);
      }
    }
    for (const [e, w] of [...found].sort((a, b) => a[0] - b[0])) report(exits[e], watches[w]);
  }

  function endOfFunction(node: Node): void {
    if (relevant()) emit({ t: "exit", id: exitId(node) });
  }

  const listeners: Record<string, (...args: never[]) => void> = {
    onCodePathStart(_codePath: CodePath, node: Node) {
      // A callback that clears (`retry(async () => { ... exec() })`) counts where it is passed.
      if (
        relevant() &&
        (node.type === "ArrowFunctionExpression" || node.type === "FunctionExpression") &&
        node.parent?.type === "CallExpression"
      ) {
        for (const key of clearsInside.get(node) ?? []) emit({ t: "clear", key });
      }
      stack.push({
        node,
        relevant: watchFunctions.has(node),
        current: new Set(),
        events: new Map(),
        catchEntry: new Map(),
        throwEnds: new Set(),
      });
    },
    onCodePathEnd(codePath: CodePath) {
      const frame = stack.pop();
      if (frame?.relevant) analyse(frame, codePath);
    },
    onCodePathSegmentStart(segment: Segment, node: Node) {
      const frame = stack[stack.length - 1];
      if (!frame) return;
      frame.current.add(segment);
      if (frame.relevant && node.type === "CatchClause") frame.catchEntry.set(segment, node);
    },
    onCodePathSegmentEnd(segment: Segment) {
      stack[stack.length - 1]?.current.delete(segment);
    },
    onUnreachableCodePathSegmentStart(segment: Segment) {
      stack[stack.length - 1]?.current.add(segment);
    },
    onUnreachableCodePathSegmentEnd(segment: Segment) {
      stack[stack.length - 1]?.current.delete(segment);
    },
    "CallExpression:exit"(node: TSESTree.CallExpression) {
      if (!relevant()) return;
      const call = model.callAt(node);
      const w = watchIndex.get(node);
      if (w !== undefined) emit({ t: "watch", id: w });
      const key = clearing.get(node);
      if (key) emit({ t: "clear", key });
      if (!call) {
        // The client or one of its transactions handed to other code: it may clear the WATCH.
        for (const arg of node.arguments) {
          const k = arg.type === "SpreadElement" ? null : keyOfValue(arg);
          if (k) emit({ t: "clear", key: k });
        }
        const fn = localFunction(node.callee);
        for (const k of (fn && clearsInside.get(fn)) ?? []) emit({ t: "clear", key: k });
      }
      // Building a transaction sends nothing and does not throw: only round trips and other code do.
      const queues =
        call &&
        !call.raw &&
        call.receiver !== "client" &&
        !TX_EXEC_METHODS.has(call.method) &&
        call.method !== "execAsPipeline";
      const makesBuilder =
        call && !call.raw && call.receiver === "client" && (call.command === "multi" || call.method === "pipeline");
      if (!queues && !makesBuilder && !cannotThrow(node)) emitThrowsTo(node);
    },
    "NewExpression:exit"(node: TSESTree.NewExpression) {
      if (relevant() && !cannotThrow(node)) emitThrowsTo(node);
    },
    "AwaitExpression:exit"(node: TSESTree.AwaitExpression) {
      if (relevant()) emitThrowsTo(node);
    },
    "ReturnStatement:exit"(node: TSESTree.ReturnStatement) {
      if (!relevant()) return;
      // Returning the client or a transaction of it: the caller finishes the job.
      const k = node.argument ? keyOfValue(node.argument) : null;
      if (k) emit({ t: "clear", key: k });
      // Returning the WATCH itself (`return this.redis.watch(key)`): a helper that sets the
      // WATCH for its caller, which runs the transaction.
      const returned = node.argument ? returnedWatch(node.argument) : null;
      if (returned) emit({ t: "clear", key: returned });
      emit({ t: "exit", id: exitId(node) });
    },
    "ThrowStatement:exit"(node: TSESTree.ThrowStatement) {
      if (!relevant()) return;
      emit({ t: "exit", id: exitId(node) });
      const frame = stack[stack.length - 1];
      for (const segment of frame.current) frame.throwEnds.add(segment);
    },
    "ArrowFunctionExpression:exit": endOfFunction,
    "FunctionExpression:exit": endOfFunction,
    "FunctionDeclaration:exit": endOfFunction,
    "Program:exit": endOfFunction,
  };
  return listeners;
}
