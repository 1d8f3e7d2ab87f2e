import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  type DbTransaction,
  type RedisCall,
  databaseImports,
  dbTransactionScopes,
  deletedKeys,
  locksWithin,
  readSetOptions,
  shapeOf,
} from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import type { FunctionNode } from "../ast/nodes.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "writeInTransaction" | "moveToAfterCommit";

export default createRule<[], MessageIds>({
  name: "no-write-in-db-transaction",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Redis writes inside a database transaction callback, where a rollback leaves them behind",
      recommended: "warn",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      writeInTransaction:
        "{{what}} runs inside the {{transaction}} callback, but Redis is not part of the database transaction: if it rolls back (or is retried), this write stays; and an invalidation made before the commit lets a concurrent reader cache the old row again. Do the write after the awaited transaction{{hook}}.",
      moveToAfterCommit: "Run it in `{{param}}.afterCommit(...)`.",
    },
  },
  create(context, _options, model) {
    const sourceCode = context.sourceCode;
    return {
      "Program:exit"() {
        // Database recognition (packages, transaction callbacks) lives in model/databases.ts.
        const { enclosing } = dbTransactionScopes(model, sourceCode, databaseImports(sourceCode));

        const report = (call: RedisCall, node: TSESTree.CallExpression, what: string, tx: DbTransaction) => {
          const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const statement = sequelizeStatement(node);
          if (tx.afterCommit && statement && call.receiver === "client") {
            const param = tx.afterCommit;
            suggest.push({
              messageId: "moveToAfterCommit",
              data: { param },
              fix: (fixer) => fixer.replaceText(statement, `${param}.afterCommit(() => ${sourceCode.getText(node)});`),
            });
          }
          context.report({
            node,
            messageId: "writeInTransaction",
            data: {
              what,
              transaction: tx.label,
              hook: tx.afterCommit ? `, or in \`${tx.afterCommit}.afterCommit(...)\`` : "",
            },
            suggest,
          });
        };

        /**
         * A lock taken and released inside the callback (`SET key token NX PX ms` ... `DEL key` or a
         * compare-and-delete script in `finally`): coordination, not data a rollback should undo.
         */
        const scopedLock = (call: RedisCall, callback: FunctionNode | undefined): boolean => {
          if (!callback) return false;
          const { any, locks, released } = locksWithin(model, callback, sourceCode);
          if (!any) return false;
          // `sameKey` is equality of non-null key shapes: a key is released when its shape is.
          const releases = (key: TSESTree.Node) => {
            const shape = shapeOf(key);
            return shape !== null && released.has(shape);
          };
          if (call.command === "set" || call.command === "setnx") {
            const own = readSetOptions(call, sourceCode);
            return !!own?.nx && own.expiry && !!own.key && releases(own.key);
          }
          const deleted = deletedKeys(call);
          return (
            deleted.length > 0 &&
            deleted.every((k) => {
              // `locks` holds only shapes, never null.
              const shape = shapeOf(k);
              return shape !== null && locks.has(shape) && releases(k);
            })
          );
        };
        for (const call of model.calls) {
          if (call.receiver !== "client" || !call.write || !call.command) continue;
          const tx = enclosing(call.node);
          if (!tx) continue;
          if (scopedLock(call, tx.callback)) continue;
          const how = call.raw ? `a raw ${call.command.toUpperCase()}` : `${call.method}()`;
          report(call, call.node, `${dialectOf(call.family).label} ${how}`, tx);
        }
        // A transaction or pipeline writes when it is executed: report its exec once.
        for (const t of model.transactions) {
          const writes = t.queued.filter((q) => q.write && q.command);
          if (!writes.length) continue;
          for (const exec of t.execs) {
            const tx = enclosing(exec.node);
            if (!tx) continue;
            const names = [...new Set(writes.flatMap((w) => (w.command ? [w.command.toUpperCase()] : [])))].join(", ");
            report(
              exec,
              exec.node,
              `${dialectOf(t.family).label} ${t.atomic ? "MULTI/EXEC" : "pipeline"} with ${names}`,
              tx,
            );
          }
        }
      },
    };
  },
});

/** The statement `await x;` or `x;` whose whole expression is `node`, if so. */
function sequelizeStatement(node: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  let n: TSESTree.Node = node;
  while (n.parent && (n.parent.type === "AwaitExpression" || n.parent.type === "ChainExpression")) n = n.parent;
  return n.parent?.type === "ExpressionStatement" ? n.parent : null;
}
