/**
 * Which calls write the database: the writes of Prisma, Sequelize, TypeORM, Knex, Drizzle,
 * Kysely, Mongoose and MikroORM, and `query()` / `execute()` / `exec()` / `prepare(...).run()` /
 * `sql\`...\`` whose SQL text starts with INSERT, UPDATE, DELETE or REPLACE; with the words and
 * names each write is about. Used by cache-delete-after-db-write.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { isFunction, outermost, propertyName, staticString, unwrap } from "../ast/nodes.js";
import { walk } from "../ast/walk.js";
import { type DatabaseImports, looksLikeDatabase, receiverName } from "./databases.js";
import type { FileModel } from "./types.js";

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
  if (!name || !looksLikeDatabase(tag)) return null;
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
