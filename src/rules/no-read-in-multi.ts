import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FileModel, type RedisCall, type Transaction, opensRawMulti } from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { type Node, enclosingFunction, isFunction, unwrap } from "../ast/nodes.js";
import { type Use, useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "builderAsValue" | "queuedCallback" | "rawQueued" | "readInMulti";
type Options = [{ allowReadsInMulti?: boolean }];

/** Uses of the builder that treat it as the command's value. */
const VALUE_USES = new Set<Use["kind"]>([
  "condition",
  "compared",
  "arithmetic",
  "template",
  "spread",
  "nullish",
  "destructured",
]);

const PROMISE_COMBINATORS = new Set(["all", "allSettled", "race", "any"]);

/** `Promise.all([tx.get(a), ...])`: the array element is awaited as if it were a promise of the value. */
function inPromiseCombinator(use: Use): boolean {
  if (use.kind !== "stored" || use.parent.type !== "ArrayExpression") return false;
  const call = use.parent.parent;
  if (call?.type !== "CallExpression" || !call.arguments.includes(use.parent)) return false;
  const callee = unwrap(call.callee);
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.object.type === "Identifier" &&
    callee.object.name === "Promise" &&
    callee.property.type === "Identifier" &&
    PROMISE_COMBINATORS.has(callee.property.name)
  );
}

/** GLIDE `client.exec(batch, ...)`: handing the batch to the call that sends it. */
function sentBy(use: Use): boolean {
  const call = use.parent;
  if (call.type !== "CallExpression" || call.arguments[0] !== use.node) return false;
  const callee = unwrap(call.callee);
  return (
    callee.type === "MemberExpression" &&
    !callee.computed &&
    callee.property.type === "Identifier" &&
    callee.property.name === "exec"
  );
}

/** Global functions that only make sense on a value: `encodeURIComponent(tx.get(k))`. */
const VALUE_FUNCTIONS = new Set([
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "parseInt",
  "parseFloat",
  "isNaN",
  "isFinite",
  "encodeURIComponent",
  "encodeURI",
  "decodeURIComponent",
  "decodeURI",
  "atob",
  "btoa",
  "structuredClone",
]);
/** Global objects whose methods only make sense on values: `JSON.parse(tx.get(k))`, `console.log(...)`. */
const VALUE_OBJECTS = new Set(["JSON", "console", "Math", "Number", "Buffer"]);
/** Constructors that take a value: `new Date(tx.get(k))`. */
const VALUE_CONSTRUCTORS = new Set(["Date", "URL", "Error", "TypeError", "RangeError"]);

/** `name` is not declared in the file (a global). */
function isGlobalName(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id);
  while (scope) {
    const v = scope.set.get(id.name);
    if (v) return v.defs.length === 0;
    scope = scope.upper;
  }
  return true;
}

/**
 * The builder is handed to a call that reads it as a value: a Redis command (`redis.set(k,
 * tx.get(a))`), a global that converts or prints values (`JSON.parse`, `console.log`,
 * `encodeURIComponent`), or `new Date(...)`. Any other call may take the builder itself: a helper
 * that queues more commands or runs it (`run(tx.get(k))`), `pipes.push(p.get(k))`, `map.set(k, p)`.
 */
function argumentUsedAsValue(use: Use, model: FileModel, sourceCode: TSESLint.SourceCode): boolean {
  const call = use.parent;
  if (call.type !== "CallExpression" && call.type !== "NewExpression") return false;
  const callee = unwrap(call.callee);
  if (call.type === "NewExpression") {
    return callee.type === "Identifier" && VALUE_CONSTRUCTORS.has(callee.name) && isGlobalName(sourceCode, callee);
  }
  const redisCall = model.callAt(call);
  if (redisCall?.command && redisCall.command !== "exec") return true;
  if (callee.type === "Identifier") return VALUE_FUNCTIONS.has(callee.name) && isGlobalName(sourceCode, callee);
  if (callee.type === "MemberExpression") {
    const object = unwrap(callee.object);
    return object.type === "Identifier" && VALUE_OBJECTS.has(object.name) && isGlobalName(sourceCode, object);
  }
  return false;
}

/**
 * Whether the builder returned by a queued command is used as if it were the command's value:
 * awaited, tested, compared, converted, used in arithmetic, a template or as an argument of a
 * call that reads values, directly or through the variables it is stored in. Chaining
 * (`.set(...)`, `.exec()`), returning the builder from a helper, handing it to a helper and
 * storing it in an array or map are not value uses.
 */
function builderUsedAsValue(expr: Node, model: FileModel, sourceCode: TSESLint.SourceCode, depth = 0): Node | null {
  const use = useOf(expr, sourceCode);
  if (use.awaited) return use.node;
  if (use.kind === "argument") return !sentBy(use) && argumentUsedAsValue(use, model, sourceCode) ? use.node : null;
  if (VALUE_USES.has(use.kind) || inPromiseCombinator(use)) return use.node;
  if (use.kind === "variable" && use.variable && depth < 4) {
    for (const ref of use.variable.references) {
      if (!ref.isRead()) continue;
      const found = builderUsedAsValue(ref.identifier, model, sourceCode, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Whether an awaited result (a raw-MULTI `"QUEUED"`) is read by anything: any use but dropping it. */
function resultUsed(use: Use): boolean {
  if (use.kind === "discarded") return false;
  if (use.kind === "variable") return !!use.variable && use.variable.references.some((r) => r.isRead());
  return true;
}

const BRANCHING = new Set([
  "IfStatement",
  "ConditionalExpression",
  "LogicalExpression",
  "SwitchCase",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "WhileStatement",
  "DoWhileStatement",
  "TryStatement",
  "CatchClause",
]);

/** The call runs exactly once per run of the code that starts at `anchor` (no branch or loop between). */
function straightLine(node: Node, anchor: Node): boolean {
  const fn = enclosingFunction(anchor);
  if (enclosingFunction(node) !== fn) return false;
  let n: Node | undefined = node.parent;
  while (n && n !== fn) {
    if (n.range[0] <= anchor.range[0] && anchor.range[1] <= n.range[1]) return true;
    if (BRANCHING.has(n.type)) return false;
    if (n.type === "ChainExpression") return false;
    if (isFunction(n)) return false;
    n = n.parent;
  }
  return true;
}

/** The index of a queued command in the transaction's `exec()` result, when it is known statically. */
function queueIndex(
  call: RedisCall,
  tx: Transaction,
  unnamed: (tx: Transaction) => readonly RedisCall[],
): number | null {
  if (tx.node.type !== "CallExpression" && tx.node.type !== "NewExpression") return null;
  // ioredis `multi([["get", "k"]])`: commands given up front.
  if (tx.node.type === "CallExpression" && tx.node.arguments.some((a) => unwrap(a).type === "ArrayExpression"))
    return null;
  const index = tx.queued.indexOf(call);
  if (index < 0) return null;
  for (let i = 0; i <= index; i++) {
    const q = tx.queued[i];
    if (q.command === "watch" || q.command === "unwatch" || q.command === "discard") return null;
    if (!straightLine(q.node, tx.node)) return null;
  }
  // Calls on the builder the model could not name (`addCommand`, unknown methods) take a slot too.
  for (const c of unnamed(tx)) {
    if (c.node.range[1] <= call.node.range[1]) return null;
  }
  return index;
}

/** ioredis per-command callback: `tx.get(k, (err, v) => ...)`. */
function trailingCallback(call: RedisCall): Node | null {
  if (!dialectOf(call.family).queuedCallbacks) return null;
  const last = call.node.arguments[call.node.arguments.length - 1];
  if (!last) return null;
  const u = unwrap(last);
  return u.type === "ArrowFunctionExpression" || u.type === "FunctionExpression" ? u : null;
}

/** The call that put the connection into raw MULTI mode before `call`, and the raw index of `call`. */
function rawMultiOpener(call: RedisCall, model: FileModel): { opener: RedisCall; index: number | null } | null {
  const calls = model.callsByFunction.get(call.fn) ?? [];
  const key = call.client?.key;
  let opener: RedisCall | null = null;
  let index: number | null = 0;
  for (const c of calls) {
    if (c === call) break;
    if (c.receiver !== "client" || c.client?.key !== key) continue;
    if (opensRawMulti(c)) {
      opener = c;
      index = 0;
    } else if (c.command === "exec" || c.command === "discard") {
      opener = null;
    } else if (opener && index !== null) {
      index = c.command && straightLine(c.node, opener.node) ? index + 1 : null;
    }
  }
  if (!opener) return null;
  if (index !== null && !straightLine(call.node, opener.node)) index = null;
  return { opener, index };
}

function commandName(call: RedisCall): string {
  return (call.command ?? call.method).toUpperCase();
}

export default createRule<Options, MessageIds>({
  name: "no-read-in-multi",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow using the result of a read queued in MULTI or a pipeline as if it were the value",
      recommended: "error",
    },
    schema: [
      {
        type: "object",
        properties: {
          allowReadsInMulti: {
            type: "boolean",
            description:
              "Allow reads queued in MULTI whose value is taken from exec()'s result; false reports every read queued in MULTI (the strict preset).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowReadsInMulti: true }],
    messages: {
      builderAsValue:
        "This {{command}} is only queued: the expression is {{builder}}, not the value. Read the value from {{source}}.",
      queuedCallback:
        'The callback of a {{command}} queued in MULTI receives "QUEUED", not the value ({{family}} sends the command now and runs it at EXEC). Read the value from {{source}}.',
      rawQueued:
        'The {{family}} connection is in raw MULTI mode since line {{line}} ({{opener}}): this {{command}} resolves to "QUEUED", not the value. Read it from EXEC\'s result{{at}}, or read before MULTI.',
      readInMulti:
        "{{command}} is queued inside MULTI ({{builder}}). allowReadsInMulti is off: read before the transaction (with WATCH if a write depends on it) or move the read-and-write into a Lua script.",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const allowReads = options?.allowReadsInMulti !== false;

    // Built on first need: calls on a builder with no command name, per transaction.
    let unnamedByTx: Map<Transaction, RedisCall[]> | null = null;
    const unnamed = (tx: Transaction): readonly RedisCall[] => {
      if (!unnamedByTx) {
        unnamedByTx = new Map();
        for (const c of model.calls) {
          if (!c.tx || c.command !== null) continue;
          const list = unnamedByTx.get(c.tx);
          if (list) list.push(c);
          else unnamedByTx.set(c.tx, [c]);
        }
      }
      return unnamedByTx.get(tx) ?? [];
    };
    // Functions where some call opens raw MULTI: only their reads can be in raw MULTI mode.
    const rawMultiFunctions = new Set<RedisCall["fn"]>();
    for (const c of model.calls) if (opensRawMulti(c)) rawMultiFunctions.add(c.fn);

    const check = (call: RedisCall) => {
      if (!call.readonly) return;
      const command = commandName(call);
      const dialect = dialectOf(call.family);

      // Queued on a transaction or pipeline builder.
      if (call.tx && (call.receiver === "transaction" || call.receiver === "pipeline")) {
        const tx = call.tx;
        const index = () => queueIndex(call, tx, unnamed);
        const callback = tx.atomic ? trailingCallback(call) : null;
        if (callback) {
          context.report({
            node: callback,
            messageId: "queuedCallback",
            data: { command, family: dialect.label, source: dialect.resultSource(index()) },
          });
          return;
        }
        const used = builderUsedAsValue(call.node, model, sourceCode);
        if (used) {
          context.report({
            node: call.node,
            messageId: "builderAsValue",
            data: { command, builder: dialect.builderName, source: dialect.resultSource(index()) },
          });
          return;
        }
        if (!allowReads && tx.atomic) {
          context.report({
            node: call.node,
            messageId: "readInMulti",
            data: { command, builder: dialect.builderName },
          });
        }
        return;
      }

      // A client whose connection is in raw MULTI mode.
      if (call.receiver === "client" && rawMultiFunctions.has(call.fn) && model.isRawMulti(call)) {
        const raw = rawMultiOpener(call, model);
        if (!raw) return;
        const data = {
          command,
          family: dialect.label,
          line: String(raw.opener.node.loc.start.line),
          opener: sourceCode.getText(raw.opener.node).replace(/\s+/g, " ").slice(0, 60),
          at: raw.index === null ? "" : ` at index ${raw.index}`,
        };
        const callback = trailingCallback(call);
        const use = useOf(call.node, sourceCode);
        if (callback || (use.awaited && resultUsed(use))) {
          context.report({ node: callback ?? call.node, messageId: "rawQueued", data });
          return;
        }
        if (!allowReads) {
          context.report({
            node: call.node,
            messageId: "readInMulti",
            data: { command, builder: `raw MULTI since line ${data.line}` },
          });
        }
      }
    };

    return {
      "Program:exit"() {
        for (const call of model.calls) check(call);
      },
    };
  },
});
