import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FileModel, type RedisCall, deletedKeys, locksWithin, readSetOptions, shapeOf } from "../model/index.js";
import { dialectOf } from "../dialects/index.js";
import { type FunctionNode, isFunction, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { useOf } from "../ast/usage.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "writeInTransaction" | "moveToAfterCommit";

/** A database transaction whose callback runs inside it. */
interface DbTransaction {
  /** How the message names it: "Prisma `$transaction()`". */
  label: string;
  /** Sequelize: the callback's transaction parameter, for `t.afterCommit(...)`. */
  afterCommit: string | null;
  /** The callback that runs inside the transaction. */
  callback?: FunctionNode;
}

/** Methods that run their callback after the commit (Sequelize `t.afterCommit`, and common spellings). */
const AFTER_COMMIT = new Set(["afterCommit", "onCommit", "afterTransactionCommit", "runAfterCommit"]);

/** SQL isolation levels, the only strings TypeORM takes before the callback. */
const ISOLATION = /^(?:READ UNCOMMITTED|READ COMMITTED|REPEATABLE READ|SERIALIZABLE|SNAPSHOT)$/i;

/** Database packages: a file that imports one of them may call `.transaction(fn)` on anything. */
const DB_PACKAGE =
  /^(?:knex|sequelize|@sequelize\/core|typeorm|drizzle-orm|kysely|mongoose|mongodb|@prisma\/client|\.prisma\/client|@mikro-orm\/[\w-]+|objection|pg|mysql2|better-sqlite3|postgres|@neondatabase\/serverless|@vercel\/postgres|@planetscale\/database|@libsql\/client|slonik)(?:\/.*)?$/;

/** Words in a receiver's name that make it a database handle (`db`, `appDataSource`, `this.em`, `getManager()`). */
const DB_WORDS = new Set([
  "db",
  "database",
  "knex",
  "sequelize",
  "prisma",
  "orm",
  "em",
  "manager",
  "datasource",
  "connection",
  "conn",
  "kysely",
  "drizzle",
  "mongoose",
  "mongo",
  "sql",
  "pg",
  "postgres",
  "mysql",
  "sqlite",
  "trx",
  "tx",
  "transaction",
  "repo",
  "repository",
  "querybuilder",
  "queryrunner",
]);

function words(name: string): string[] {
  const parts = name
    .replace(/^[$#_]+/, "")
    .split(/(?<=[a-z0-9])(?=[A-Z])|[_\-$\s]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  const out = [...parts];
  for (let i = 0; i + 1 < parts.length; i++) out.push(parts[i] + parts[i + 1]);
  return out;
}

/** The name a receiver is known by: `db`, `dataSource` in `this.dataSource`, `getManager` in `getManager()`. */
function receiverName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression") return propertyName(n);
  if (n.type === "CallExpression") return receiverName(n.callee);
  if (n.type === "AwaitExpression") return receiverName(n.argument);
  return null;
}

function looksLikeDatabase(node: TSESTree.Node): boolean {
  const name = receiverName(node);
  return !!name && words(name).some((w) => DB_WORDS.has(w));
}

/** The library and the ORM shape for a call that may open a database transaction with `fn`. */
function classify(
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  model: FileModel,
  importsDb: boolean,
  sequelize: boolean,
): DbTransaction | null {
  const member = unwrap(call.callee);
  if (member.type !== "MemberExpression") return null;
  const method = propertyName(member);
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if (index < 0) return null;
  // A Redis client's own methods are never a database transaction.
  if (model.valueOf(member.object)) return null;
  const param = fn.params[0]?.type === "Identifier" ? fn.params[0].name : null;
  switch (method) {
    case "$transaction":
      // Prisma: interactive transactions take the callback first.
      return index === 0 ? { label: "Prisma `$transaction()`", afterCommit: null } : null;
    case "withTransaction":
      // MongoDB driver / Mongoose `session.withTransaction(fn, options)`.
      return index === 0 ? { label: "MongoDB `withTransaction()`", afterCommit: null } : null;
    case "transactional":
      // MikroORM `em.transactional(fn)`.
      return index === 0 ? { label: "MikroORM `transactional()`", afterCommit: null } : null;
    case "execute": {
      // Kysely: `db.transaction().execute(fn)`, possibly with `.setIsolationLevel(...)` between.
      if (index !== 0) return null;
      let n: TSESTree.Node = unwrap(member.object);
      for (let i = 0; i < 4 && n.type === "CallExpression"; i++) {
        const m = unwrap(n.callee);
        if (m.type !== "MemberExpression") return null;
        const name = propertyName(m);
        if (name === "transaction")
          return n.arguments.length === 0 ? { label: "Kysely `transaction().execute()`", afterCommit: null } : null;
        if (name !== "setIsolationLevel" && name !== "setAccessMode") return null;
        n = unwrap(m.object);
      }
      return null;
    }
    case "transaction": {
      // Knex, Sequelize, TypeORM, Drizzle, Mongoose `connection.transaction(fn)`.
      if (index > 1) return null;
      const first = call.arguments[0] ? unwrap(call.arguments[0]) : null;
      const text = staticString(first);
      // IndexedDB and Dexie take store names and modes ("readwrite", "rw"); TypeORM an isolation level.
      if (text !== null && !ISOLATION.test(text)) return null;
      // Before the callback: Sequelize options, a TypeORM isolation level.
      if (
        index === 1 &&
        text === null &&
        first?.type !== "ObjectExpression" &&
        first?.type !== "Identifier" &&
        first?.type !== "MemberExpression"
      )
        return null;
      if (!importsDb && !looksLikeDatabase(member.object)) return null;
      return {
        label: `\`${receiverName(member.object) ?? "db"}.transaction()\``,
        afterCommit: sequelize && param ? param : null,
      };
    }
    default:
      return null;
  }
}

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
        let importsDb = false;
        let sequelize = false;
        for (const stmt of sourceCode.ast.body) {
          if (stmt.type !== "ImportDeclaration") continue;
          const source = stmt.source.value;
          if (DB_PACKAGE.test(source)) importsDb = true;
          if (/^(?:sequelize|@sequelize\/core)(?:\/|$)/.test(source)) sequelize = true;
        }
        if (
          !importsDb &&
          /\brequire\s*\(\s*["'](?:knex|sequelize|@sequelize\/core|typeorm|drizzle-orm|kysely|mongoose|mongodb|@prisma\/client)/.test(
            sourceCode.text,
          )
        ) {
          importsDb = true;
          sequelize ||= /\brequire\s*\(\s*["'](?:sequelize|@sequelize\/core)["']/.test(sourceCode.text);
        }

        /** Per function: the database transaction it is the callback of (null: none). */
        const memo = new Map<TSESTree.Node, DbTransaction | null>();
        const transactionOf = (fn: FunctionNode): DbTransaction | null => {
          // Stored values are DbTransaction or null, never undefined.
          const known = memo.get(fn);
          if (known !== undefined) return known;
          const parent = fn.parent;
          const result =
            parent?.type === "CallExpression" && parent.callee !== fn
              ? classify(parent, fn, model, importsDb, sequelize)
              : null;
          if (result) result.callback = fn;
          memo.set(fn, result);
          return result;
        };
        /** The innermost database transaction callback that `node` runs in, unless an after-commit hook is nearer. */
        const enclosing = (node: TSESTree.Node): DbTransaction | null => {
          for (let n = node.parent; n; n = n.parent) if (isFunction(n)) return enclosingFrom(n);
          return null;
        };
        /** `enclosing` from the function `n` outwards: the same for every node whose nearest function is `n`, so remembered. */
        const fromFunction = new Map<TSESTree.Node, DbTransaction | null>();
        const enclosingFrom = (n: FunctionNode): DbTransaction | null => {
          // Stored values are DbTransaction or null, never undefined.
          const known = fromFunction.get(n);
          if (known !== undefined) return known;
          const result = ((): DbTransaction | null => {
            const call = n.parent;
            if (call?.type === "CallExpression" && call.arguments.includes(n as TSESTree.CallExpressionArgument)) {
              const m = unwrap(call.callee);
              if (m.type === "MemberExpression" && AFTER_COMMIT.has(propertyName(m) ?? "")) return null;
            }
            const tx = transactionOf(n);
            if (tx) return tx;
            // A function kept for later (pushed to a list of after-commit jobs, a listener, a
            // timer) does not run inside the transaction.
            if (!runsNow(n, sourceCode)) return null;
            return enclosing(n);
          })();
          fromFunction.set(n, result);
          return result;
        };

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

/** Commands that run a script, which may be a compare-and-delete lock release. */

/** Array and promise methods that call their callback before the enclosing code goes on. */
const CALLS_NOW = new Set([
  "forEach",
  "map",
  "flatMap",
  "filter",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "some",
  "every",
  "reduce",
  "reduceRight",
  "sort",
  "then",
  "catch",
  "finally",
  "all",
  "allSettled",
  "race",
  "any",
]);

/**
 * The function runs while the code around it runs: called on the spot, an array method's or a
 * promise's callback, a `new Promise` executor, the callback of a call whose result is awaited or
 * returned (`await withRetry(() => ...)`), or a local function that is called. A function pushed to
 * a list, registered as a listener or given to a timer runs later.
 */
function runsNow(fn: FunctionNode, sourceCode: TSESLint.SourceCode): boolean {
  const node = outermost(fn);
  const p = node.parent;
  if (!p) return false;
  if (p.type === "CallExpression" && p.callee === node) return true;
  if (p.type === "NewExpression") {
    const callee = unwrap(p.callee);
    return p.arguments[0] === node && callee.type === "Identifier" && callee.name === "Promise";
  }
  if (p.type === "CallExpression" && p.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(p.callee);
    if (callee.type === "MemberExpression" && CALLS_NOW.has(propertyName(callee) ?? "")) return true;
    const use = useOf(p, sourceCode);
    return use.awaited || use.kind === "returned";
  }
  // `const invalidate = async () => ...; await invalidate();`, `async function invalidate() {}`.
  let variables: readonly TSESLint.Scope.Variable[] = [];
  if (fn.type === "FunctionDeclaration") variables = sourceCode.getDeclaredVariables(fn);
  else if (p.type === "VariableDeclarator" && p.init === node && p.id.type === "Identifier")
    variables = sourceCode.getDeclaredVariables(p);
  return variables.some((v) =>
    v.references.some((r) => {
      const id = outermost(r.identifier);
      return id.parent?.type === "CallExpression" && id.parent.callee === id;
    }),
  );
}

/** The statement `await x;` or `x;` whose whole expression is `node`, if so. */
function sequelizeStatement(node: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  let n: TSESTree.Node = node;
  while (n.parent && (n.parent.type === "AwaitExpression" || n.parent.type === "ChainExpression")) n = n.parent;
  return n.parent?.type === "ExpressionStatement" ? n.parent : null;
}
