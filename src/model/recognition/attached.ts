/**
 * A module attached to a prototype from another file (corpus ledger L22–L23, express-redis-cache):
 * `lib/Cache.js` sets `this.client = require("redis").createClient()` in its constructor function
 * and does `Cache.prototype.del = require("./Cache/del")`; `lib/Cache/del.js` exports that method,
 * whose `this` is a Cache. Linting `del.js` alone, nothing says `this.client` is a client.
 *
 * The link is read from the host's side, so it costs a file without Redis almost nothing: the
 * host of `<P>/<D>/<f>.js` can only be the sibling `<P>/<D>.js` (`.cjs`, `.mjs`, `.ts`), looked
 * for once per directory and kept only when its text has a hint of Redis and assigns to a
 * prototype. The file is attached when that text names `./<D>/<f>`. What the host's constructor
 * stores on `this` is read by its export reader (`attached` in ModuleExports).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, unwrap } from "../../ast/nodes.js";
import { hasHint } from "../early-exit.js";

const HOST_EXTENSIONS = [".js", ".cjs", ".mjs", ".ts"];

/** Directory → its host module (path and text), or null: facts about the disk, looked up once per directory. */
const hosts = new Map<string, { file: string; text: string } | null>();

/** Test-only: forgets the hosts looked up. */
export function clearAttachingHosts(): void {
  hosts.clear();
}

function hostOfDirectory(dir: string): { file: string; text: string } | null {
  const parent = path.dirname(dir);
  if (parent === dir) return null;
  const name = path.basename(dir);
  for (const ext of HOST_EXTENSIONS) {
    const file = path.join(parent, name + ext);
    try {
      if (!existsSync(file)) continue;
      const text = readFileSync(file, "utf8");
      return hasHint(text) && text.includes(".prototype.") ? { file, text } : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The module that attaches `file` to a prototype (see above), or null. */
export function attachingHost(file: string | undefined): string | null {
  if (!file || !path.isAbsolute(file)) return null;
  const dir = path.dirname(file);
  let host = hosts.get(dir);
  if (host === undefined) {
    host = hostOfDirectory(dir);
    hosts.set(dir, host);
  }
  if (!host) return null;
  const spec = `./${path.basename(dir)}/${path.basename(file, path.extname(file))}`;
  for (let at = host.text.indexOf(spec); at >= 0; at = host.text.indexOf(spec, at + 1)) {
    const next = host.text[at + spec.length];
    if (next === '"' || next === "'" || next === "`" || next === ".") return host.file;
  }
  return null;
}

/**
 * `this` of the method the module exports: its nearest enclosing non-arrow function is a
 * function declaration or a function expression given to a variable, `module.exports` or a
 * `return` (not a callback or an object's method, whose `this` is another object), and every
 * non-arrow function around that one is an IIFE (`module.exports = (function () { … })()`).
 */
export function isExportedMethodThis(thisNode: Node): boolean {
  let fn: Node | undefined = thisNode.parent;
  while (fn && (!isFunction(fn) || fn.type === "ArrowFunctionExpression")) {
    if (fn.type === "ClassBody" || fn.type === "ClassDeclaration" || fn.type === "ClassExpression") return false;
    fn = fn.parent;
  }
  if (!fn) return false;
  const holder = fn.parent;
  const named =
    fn.type === "FunctionDeclaration" ||
    holder?.type === "VariableDeclarator" ||
    holder?.type === "ReturnStatement" ||
    (holder?.type === "AssignmentExpression" && holder.right === fn);
  if (!named) return false;
  for (let up: Node | undefined = holder; up; up = up.parent) {
    if (!isFunction(up) || up.type === "ArrowFunctionExpression") continue;
    const call = outerCall(up);
    if (!call || unwrap(call.callee) !== up) return false;
  }
  return true;
}

function outerCall(fn: Node): TSESTree.CallExpression | null {
  let n: Node = fn;
  while (n.parent && (n.parent.type === "TSAsExpression" || n.parent.type === "TSNonNullExpression")) n = n.parent;
  return n.parent?.type === "CallExpression" ? n.parent : null;
}
