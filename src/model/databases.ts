/**
 * Databases next to Redis: which values look like a database, and which calls open a database
 * transaction whose callback runs inside it (Prisma, Sequelize, TypeORM, Knex, Drizzle, Kysely,
 * Mongoose / MongoDB, MikroORM). Used by no-write-in-db-transaction and, with the writes of
 * database-writes.ts, by cache-delete-after-db-write.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, isFunction, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { useOf } from "../ast/usage.js";
import type { FileModel } from "./types.js";

/** A database transaction whose callback runs inside it. */
export interface DbTransaction {
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
export function receiverName(node: TSESTree.Node): string | null {
  const n = unwrap(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression") return propertyName(n);
  if (n.type === "CallExpression") return receiverName(n.callee);
  if (n.type === "AwaitExpression") return receiverName(n.argument);
  return null;
}

export function looksLikeDatabase(node: TSESTree.Node): boolean {
  const name = receiverName(node);
  return !!name && words(name).some((w) => DB_WORDS.has(w));
}

/** What the file imports: a database package, and Sequelize in particular. */
export interface DatabaseImports {
  importsDb: boolean;
  sequelize: boolean;
}

export function databaseImports(sourceCode: TSESLint.SourceCode): DatabaseImports {
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
  return { importsDb, sequelize };
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

/** Finds the database transaction callback a node runs in; remembers per function. */
export interface DbTransactionScopes {
  /** The innermost database transaction callback that `node` runs in, unless an after-commit hook is nearer. */
  enclosing: (node: TSESTree.Node) => DbTransaction | null;
  /** The database transaction `fn` is the callback of, if any. */
  transactionOf: (fn: FunctionNode) => DbTransaction | null;
}

export function dbTransactionScopes(
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  imports: DatabaseImports = databaseImports(sourceCode),
): DbTransactionScopes {
  const { importsDb, sequelize } = imports;
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
  return { enclosing, transactionOf };
}

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
export function runsNow(fn: FunctionNode, sourceCode: TSESLint.SourceCode): boolean {
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
