/**
 * Databases next to Redis: which calls open a database transaction whose callback runs inside it
 * (Prisma, Sequelize, TypeORM, Knex, Drizzle, Kysely, Mongoose / MongoDB, MikroORM), and which
 * calls write the database (the same libraries' writes, and `query()` / `execute()` / `exec()` /
 * `prepare(...).run()` / `sql\`...\`` whose SQL text starts with INSERT, UPDATE, DELETE or REPLACE).
 * Used by no-write-in-db-transaction and cache-delete-after-db-write.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, isFunction, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { useOf } from "../ast/usage.js";
import { walk } from "../ast/walk.js";
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

// ---------------------------------------------------------------------------------------------
// Database writes.

/** A call that writes the database. */
export interface DbWrite {
  /** The whole expression that sends it: the outermost call of its builder chain, or the tagged template. */
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** How messages name it: "`prisma.user.update()`", "an UPDATE through `db.query()`". */
  label: string;
  /** Variables the write reads (`id`, `data`) and the one its result is stored in. */
  names: ReadonlySet<string>;
  /** Lower-case singular words of its table, model and variable names (`user` for `prisma.user`, "users", `Users`). */
  words: ReadonlySet<string>;
}

/** SQL text that changes rows. */
const SQL_WRITE = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:INSERT|UPDATE|DELETE|REPLACE|UPSERT|MERGE)\b/i;
/** The table an SQL write names. */
const SQL_TABLE =
  /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+["`[]?([\w.]+)/i;
/** Methods that take SQL text. */
const SQL_METHODS = new Set(["query", "execute", "exec", "raw", "$executeRawUnsafe", "$queryRawUnsafe", "unsafe"]);

/** ORM writes whose names say so whatever the receiver (Mongoose / MongoDB, Kysely, Prisma raw). */
const DISTINCT_WRITES = new Set([
  "insertOne",
  "insertMany",
  "updateOne",
  "updateMany",
  "deleteOne",
  "deleteMany",
  "replaceOne",
  "bulkWrite",
  "findOneAndUpdate",
  "findOneAndDelete",
  "findOneAndReplace",
  "findOneAndRemove",
  "findByIdAndUpdate",
  "findByIdAndDelete",
  "findByIdAndRemove",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "replaceInto",
  "mergeInto",
  "persistAndFlush",
  "removeAndFlush",
  "nativeInsert",
  "nativeUpdate",
  "nativeDelete",
  "bulkCreate",
  "createMany",
  "createManyAndReturn",
  "updateManyAndReturn",
  "$executeRaw",
]);
/** Writes of Prisma delegates, Sequelize / Mongoose models, TypeORM repositories and managers, Knex and Drizzle builders. */
const WRITES = new Set([
  "create",
  "update",
  "upsert",
  "delete",
  "destroy",
  "insert",
  "del",
  "save",
  "remove",
  "softDelete",
  "restore",
  "increment",
  "decrement",
  "flush",
]);
/** Built-ins and well-known objects with a `create` / `delete` / `update` method that are no database. */
const NOT_DB = new Set([
  "Object",
  "Array",
  "Map",
  "Set",
  "WeakMap",
  "Reflect",
  "Promise",
  "JSON",
  "Math",
  "Date",
  "Buffer",
  "URL",
  "URLSearchParams",
  "Headers",
  "FormData",
  "crypto",
  "hash",
  "hmac",
  "fs",
  "cache",
  "Cache",
  "caches",
  "localStorage",
  "sessionStorage",
]);

/** The root of a member / call chain: `prisma` in `prisma.user.update`, `db` in `db("users").where().update`. */
function chainRoot(node: TSESTree.Node): TSESTree.Node {
  let n = unwrap(node);
  for (;;) {
    if (n.type === "MemberExpression") n = unwrap(n.object);
    else if (n.type === "CallExpression") n = unwrap(n.callee);
    else if (n.type === "AwaitExpression") n = unwrap(n.argument);
    else return n;
  }
}

/** Some receiver along a chain is named like a database: `this.prisma.user`, `db("users").where(...)`. */
function chainLooksLikeDatabase(node: TSESTree.Node): boolean {
  let n = unwrap(node);
  for (let i = 0; i < 12; i++) {
    if (looksLikeDatabase(n)) return true;
    if (n.type === "MemberExpression") n = unwrap(n.object);
    else if (n.type === "CallExpression") n = unwrap(n.callee);
    else if (n.type === "AwaitExpression") n = unwrap(n.argument);
    else return false;
  }
  return false;
}

/** "an UPDATE", "a DELETE": the statement's verb with its article. */
function article(sql: string): string {
  const verb = (/[A-Za-z]+/.exec(sql.replace(/^\s*\/\*[\s\S]*?\*\//, ""))?.[0] ?? "SQL").toUpperCase();
  return `${/^[AEIOU]/.test(verb) ? "an" : "a"} ${verb}`;
}

/** The SQL text at the head of a string, template or tagged template. */
function sqlHead(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node);
  const s = staticString(n);
  if (s !== null) return s;
  if (n.type === "TemplateLiteral") return n.quasis[0].value.cooked ?? n.quasis[0].value.raw;
  return null;
}

/** The outermost call of a builder chain that `call` starts: `db.update(t)` in `db.update(t).set(x).where(y)`. */
function chainTop(call: TSESTree.CallExpression): TSESTree.CallExpression {
  let top = call;
  for (;;) {
    const m = outermost(top).parent;
    if (m?.type !== "MemberExpression" || m.object !== outermost(top)) return top;
    const c = m.parent;
    if (c?.type !== "CallExpression" || c.callee !== m) return top;
    top = c;
  }
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

/** Lower-case singular words of names and texts, without the ones every key or query has. */
export function dataWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !COMMON_WORDS.has(w))
    .map(singular);
}
const COMMON_WORDS = new Set([
  "id",
  "ids",
  "key",
  "cache",
  "cached",
  "data",
  "value",
  "json",
  "v1",
  "v2",
  "db",
  "prisma",
  "tx",
  "trx",
  "where",
  "set",
  "get",
  "the",
  "by",
  "and",
  "from",
  "into",
  "values",
  "update",
  "insert",
  "delete",
  "create",
  "upsert",
  "execute",
  "query",
  "this",
  "await",
  "new",
  "stringify",
  "parse",
]);

/**
 * Whether `call` writes the database, and if so, what it writes (see `DbWrite`). `model` rules out
 * Redis calls; `imports` lets a file that imports a database package call writes on any receiver.
 */
export function databaseWrite(
  call: TSESTree.CallExpression,
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
  imports: DatabaseImports,
): DbWrite | null {
  if (model.callAt(call)) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression") return null;
  const method = propertyName(callee);
  if (!method) return null;
  // Only the methods below can write; the model's value of the receiver, the costly test, is asked last.
  if (!SQL_METHODS.has(method) && method !== "run" && !DISTINCT_WRITES.has(method) && !WRITES.has(method)) return null;
  const root = chainRoot(callee.object);
  if (root.type === "Identifier" && NOT_DB.has(root.name)) return null;
  if (root.type === "ThisExpression" && callee.object.type === "ThisExpression") return null;
  const rootName = receiverName(callee.object);
  const text = (n: TSESTree.Node) => {
    const t = sourceCode.getText(n);
    return t.length <= 40 && !t.includes("\n") ? t : `${rootName ?? "db"}.${method}`;
  };
  let label: string;
  let table: string | null = null;
  if (SQL_METHODS.has(method)) {
    const sql = sqlHead(call.arguments[0]);
    if (sql === null || !SQL_WRITE.test(sql)) return null;
    table = SQL_TABLE.exec(sql)?.[1] ?? null;
    label = `${article(sql)} through \`${text(callee)}()\``;
  } else if (method === "run" && callee.object.type === "CallExpression") {
    // better-sqlite3 / node:sqlite `db.prepare("UPDATE ...").run(...)`.
    const prep = unwrap(callee.object.callee);
    if (prep.type !== "MemberExpression" || propertyName(prep) !== "prepare") return null;
    const sql = sqlHead(callee.object.arguments[0]);
    if (sql === null || !SQL_WRITE.test(sql)) return null;
    table = SQL_TABLE.exec(sql)?.[1] ?? null;
    label = `${article(sql)} through \`${receiverName(prep.object) ?? "db"}.prepare().run()\``;
  } else if (DISTINCT_WRITES.has(method)) {
    label = `\`${text(callee)}()\``;
  } else if (WRITES.has(method)) {
    // Prisma `prisma.user.update`, Sequelize / Mongoose `User.create`, TypeORM `userRepository.save`,
    // Knex `db("users").where(...).update(...)`, Drizzle `db.update(users)`.
    const capitalised = root.type === "Identifier" && /^[A-Z][a-z]/.test(root.name) && root === unwrap(callee.object);
    const dbRoot = chainLooksLikeDatabase(callee.object);
    // `save()` / `remove()` / `flush()` on a plain value (`user.save()`) only in a file that imports an ORM.
    const instance = imports.importsDb && (method === "save" || method === "destroy");
    if (!capitalised && !dbRoot && !instance) return null;
    if (method === "flush" && !looksLikeDatabase(callee.object)) return null;
    label = `\`${text(callee)}()\``;
  } else return null;
  if (model.valueOf(callee.object)) return null;

  const top = chainTop(call);
  const names = new Set<string>();
  const found = new Set<string>(table ? dataWords(table) : []);
  const keys = sourceCode.visitorKeys;
  walk(top, keys, (n) => {
    if (n.type === "Identifier") {
      const p = n.parent;
      const isProperty = p?.type === "MemberExpression" && p.property === n && !p.computed;
      const isKey = p?.type === "Property" && p.key === n && !p.computed && !p.shorthand;
      if (!isProperty && !isKey) names.add(n.name);
      for (const w of dataWords(n.name)) found.add(w);
    } else if (n.type === "Literal" && typeof n.value === "string" && n.value.length <= 40 && !/\s/.test(n.value)) {
      for (const w of dataWords(n.value)) found.add(w);
    }
    return isFunction(n) ? "skip" : undefined;
  });
  // `const user = await prisma.user.update(...)`: the result is the written row.
  let up: TSESTree.Node = outermost(top);
  while (up.parent && (up.parent.type === "AwaitExpression" || up.parent.type === "ChainExpression")) up = up.parent;
  if (up.parent?.type === "VariableDeclarator" && up.parent.id.type === "Identifier") names.add(up.parent.id.name);
  if (up.parent?.type === "AssignmentExpression" && up.parent.left.type === "Identifier")
    names.add(up.parent.left.name);
  return { node: top, label, names, words: found };
}

/** `sql\`UPDATE ...\`` (postgres.js, Neon, Vercel Postgres, Slonik): a tagged template that writes. */
export function taggedSqlWrite(
  node: TSESTree.TaggedTemplateExpression,
  sourceCode: TSESLint.SourceCode,
): DbWrite | null {
  const tag = unwrap(node.tag);
  const name = receiverName(tag);
  if (!name || !words(name).some((w) => DB_WORDS.has(w))) return null;
  const sql = node.quasi.quasis[0].value.cooked ?? node.quasi.quasis[0].value.raw;
  if (!SQL_WRITE.test(sql)) return null;
  const table = SQL_TABLE.exec(sql)?.[1] ?? null;
  const names = new Set<string>();
  for (const e of node.quasi.expressions) {
    walk(e, sourceCode.visitorKeys, (n) => {
      if (n.type === "Identifier") names.add(n.name);
      return isFunction(n) ? "skip" : undefined;
    });
  }
  return {
    node,
    label: `${article(sql)} through the \`${name}\` tag`,
    names,
    words: new Set(table ? dataWords(table) : []),
  };
}
