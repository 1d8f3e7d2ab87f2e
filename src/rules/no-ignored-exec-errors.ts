/**
 * Results of a transaction or pipeline that hold per-command errors, read for their values
 * without looking at the errors. Redis does not roll back: a command that fails inside MULTI
 * leaves the others committed, and the client reports it only inside the results.
 *
 * - ioredis / iovalkey: `exec()` of `multi()` and `pipeline()` resolves to `[error, value]` pairs.
 * - valkey-glide: `client.exec(batch, false)` puts a `RequestError` in place of the value.
 * - Upstash: `exec({ keepErrors: true })` gives `{ result, error }` for each command.
 *
 * The callback form, `exec((err, replies) => ...)` (ioredis; node-redis v2 / v3, whose `exec()`
 * takes no promise): `err` is the only sign of a transaction that failed as a whole (EXECABORT,
 * a lost connection), so a callback that never reads it reports failure as success. Then
 * `replies` carry the per-command errors: ioredis `[error, value]` pairs, node-redis v3 a
 * `ReplyError` in place of the reply, `err` staying null (docs/semantics.md §2). A transaction
 * of a client of unknown family (recognised by name, structure or evidence) has its `err` judged
 * too, not its replies: every client whose exec() calls a callback passes the error first
 * (`execCallbackOf`, src/model/exec-results.ts). node-redis v3's promisified exec (bluebird's
 * `execAsync()`, `promisify(multi.exec).bind(multi)`) resolves to those same replies.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type ExecResultShape, dialectOf, dialectsFor, execErrorCheck } from "../dialects/index.js";
import { type FunctionNode, type Node } from "../ast/nodes.js";
import { useOf } from "../ast/usage.js";
import { Results, execCallbackOf, isPromisified } from "../model/index.js";
import { createRule } from "../util/create-rule.js";

type MessageIds =
  | "tuples"
  | "glide"
  | "upstash"
  | "nodeRedis3"
  | "nodeRedis3Promise"
  | "callbackError"
  | "callbackDiscarded"
  | "discarded"
  | "addCheck";
type Options = [{ reportDiscarded?: boolean }];

/** What one entry of the results is (the client's dialect tells). */
type Shape = ExecResultShape;

/** The message for results of each shape. */
const SHAPE_MESSAGE: Record<Shape, "tuples" | "glide" | "upstash"> = {
  pairs: "tuples",
  "errors-in-place": "glide",
  "result-objects": "upstash",
};

/** The message for the replies of a callback exec() of each shape (node-redis v3: errors in place). */
const CALLBACK_SHAPE_MESSAGE: Record<Shape, "tuples" | "nodeRedis3" | "upstash"> = {
  pairs: "tuples",
  "errors-in-place": "nodeRedis3",
  "result-objects": "upstash",
};

export default createRule<Options, MessageIds>({
  name: "no-ignored-exec-errors",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow using the values of a transaction or pipeline without looking at the errors its results carry",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          reportDiscarded: {
            type: "boolean",
            description: "Also report exec() calls whose results are discarded entirely.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportDiscarded: false }],
    messages: {
      tuples:
        "{{client}} resolves exec() of a {{kind}} to [error, value] pairs, and a command that fails does not undo the others: `{{read}}` uses a value without looking at its error, and it is undefined when that command failed. Check the error element first, e.g. `for (const [err] of results ?? []) if (err) throw err;`.",
      glide:
        "valkey-glide exec(batch, false) puts a RequestError in place of each failed command's value, and the other commands still ran: `{{read}}` uses a result without checking `instanceof RequestError`. Check each entry, or pass raiseOnError true.",
      upstash:
        "{{client}} exec({ keepErrors: true }) gives { result, error } for each command, and the others still ran when one failed: `{{read}}` uses `result` without looking at `error` (result is undefined then). Check `error` first, or drop keepErrors to have exec() throw.",
      nodeRedis3:
        "node-redis v3 calls exec()'s callback with a null error when a command inside the {{kind}} fails, and puts that command's ReplyError in place of its reply; the other commands still ran: `{{read}}` uses a reply without checking `instanceof Error`. Check the replies first, e.g. `const failed = replies.find((r) => r instanceof Error); if (failed) return callback(failed);`.",
      nodeRedis3Promise:
        "node-redis v3's promisified exec() (bluebird's execAsync(), or util.promisify) resolves when a command inside the {{kind}} fails, with that command's ReplyError in place of its reply; the other commands still ran: `{{read}}` uses a reply without checking `instanceof Error`. Check the replies first, e.g. `for (const entry of replies ?? []) if (entry instanceof Error) throw entry;`.",
      callbackError:
        "{{client}} reports a {{kind}} that failed as a whole ({{why}}) only in the first argument of the exec() callback, and this callback never reads it: the code goes on as if the commands ran. Read the error and pass it on, e.g. `if (err) return callback(err);`.",
      callbackDiscarded:
        "{{client}}: this exec() callback ignores both the error and the replies, so a {{kind}} that failed, or a command inside it that failed, goes unnoticed. Read the error and the replies.",
      discarded:
        "{{client}}: the results of this exec() are discarded, so a command that failed inside the {{kind}} goes unnoticed while the other commands stay applied. Look at the errors in the results.",
      addCheck: "Throw the first error found in the results right after exec().",
    },
  },
  create(context, [options], model) {
    const sourceCode = context.sourceCode;
    const reportDiscarded = options?.reportDiscarded === true;
    const dialects = dialectsFor(context, model);

    /** A parameter, or `arguments` of a plain function, that the callback reads. */
    function readsParam(fn: FunctionNode, index: number): boolean {
      if (fn.type !== "ArrowFunctionExpression") {
        const args = sourceCode.scopeManager?.acquire(fn)?.set.get("arguments");
        if (args && args.references.length > 0) return true;
      }
      const param = fn.params[index];
      if (!param) return false;
      // A pattern or rest parameter (`(...args) => done(...args)`): taken as handled.
      if (param.type !== "Identifier") return true;
      const v = sourceCode.getDeclaredVariables(fn).find((d) => d.defs.some((def) => def.name === param));
      return !v || v.references.some((r) => r.isRead());
    }

    /**
     * `exec((err, replies) => ...)`: the error read, then the replies' per-command errors (when
     * the client's reply shape is known: not for a client of unknown family).
     */
    function checkCallback(fn: FunctionNode, shape: Shape | null, client: string, kind: string): void {
      const empty = fn.body.type === "BlockStatement" && fn.body.body.length === 0;
      if (!readsParam(fn, 0)) {
        if (!readsParam(fn, 1) && empty) {
          if (reportDiscarded) context.report({ node: fn, messageId: "callbackDiscarded", data: { client, kind } });
          return;
        }
        const why =
          kind === "pipeline"
            ? "a lost connection"
            : "EXECABORT because a command was rejected when queued, a lost connection";
        context.report({ node: fn.params[0] ?? fn, messageId: "callbackError", data: { client, kind, why } });
      }
      const param = fn.params[1];
      if (!param || !shape) return;
      const results = new Results(shape, sourceCode);
      results.arrayPattern(param);
      const [first] = results.unchecked();
      if (!first) return;
      const readText = sourceCode.getText(first.node);
      context.report({
        node: first.node,
        messageId: CALLBACK_SHAPE_MESSAGE[shape],
        data: { client, kind, read: readText.length > 60 ? `${readText.slice(0, 57)}...` : readText },
      });
    }

    return {
      "Program:exit"() {
        for (const tx of model.transactions) {
          for (const exec of tx.execs) {
            const d = dialects(tx.family);
            const callback = execCallbackOf(exec, d);
            if (callback) {
              const label = d.version !== null ? `${d.label} v${d.version}` : d.label;
              checkCallback(callback.fn, callback.shape, label, tx.atomic ? "MULTI transaction" : "pipeline");
              continue;
            }
            const shape = d.execResultShape(exec, tx);
            if (!shape) continue;
            const kind = tx.atomic ? "MULTI transaction" : "pipeline";
            const client = dialectOf(tx.family).label;
            const start = exec.node;
            const results = new Results(shape, sourceCode);
            let holder: { name: string; statement: Node } | null = null;

            // Where the results land (`Results.promise`): `await tx.exec()`, `tx.exec().then((results) => ...)`,
            // and on through `.catch()` / `.finally()` and `.then` callbacks that return them (issue #14 item 5).
            const use = useOf(start, sourceCode);
            if (use.awaited && use.kind === "variable" && use.variable) {
              const decl = use.parent as TSESTree.VariableDeclarator;
              const statement = decl.parent;
              if (
                decl.id.type === "Identifier" &&
                statement?.type === "VariableDeclaration" &&
                statement.declarations.length === 1 &&
                (statement.parent?.type === "BlockStatement" ||
                  statement.parent?.type === "Program" ||
                  statement.parent?.type === "StaticBlock")
              ) {
                holder = { name: decl.id.name, statement };
              }
            }
            const discarded = results.promise(start).dropped;

            if (discarded) {
              if (reportDiscarded) context.report({ node: exec.node, messageId: "discarded", data: { client, kind } });
              continue;
            }
            const [first] = results.unchecked();
            if (!first) continue;
            const h = holder;
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = h
              ? [
                  {
                    messageId: "addCheck",
                    fix: (fixer) => {
                      const text = sourceCode.text;
                      const end = h.statement.range[1];
                      const lineStart = text.lastIndexOf("\n", h.statement.range[0] - 1) + 1;
                      // `^[ \t]*` matches every string (at worst the empty one): the default is never used.
                      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
                      const alone = /^[ \t]*(?:\r?\n|$)/.test(text.slice(end));
                      return fixer.insertTextAfterRange(
                        [end, end],
                        `${alone ? `\n${indent}` : " "}${execErrorCheck(shape, h.name)}`,
                      );
                    },
                  },
                ]
              : [];
            const readText = sourceCode.getText(first.node);
            context.report({
              node: first.node,
              messageId:
                // Only node-redis v3's dialect reads a promisified exec (`execAsync()`) as having errors in place.
                shape === "errors-in-place" && isPromisified(exec) ? "nodeRedis3Promise" : SHAPE_MESSAGE[shape],
              data: { client, kind, read: readText.length > 60 ? `${readText.slice(0, 57)}...` : readText },
              suggest,
            });
          }
        }
      },
    };
  },
});
