/**
 * What a module of the user's own exports, as far as Redis is concerned, as plain data (`Shape`,
 * `ModuleExports`), and what importing, requiring, calling or reading a member of it gives.
 * Read by export-reader.ts, cached by export-cache.ts, seen from the linted file in export-map.ts.
 */
import type { Family } from "../clients.js";
import { packageInfo } from "../clients.js";
import type { ExportValue, Lives, ModuleValue } from "../types.js";

/** What a module exports, as far as Redis is concerned. */
export type ClientShape = {
  type: "client";
  family: Family;
  lives: Lives;
  cluster?: boolean;
  pool?: boolean;
  /** Identity across files; null: made anew at each call. */ id: string | null;
};

export type Shape =
  | ClientShape
  /** A copy of a client's method (`export const getAsync = promisify(client.get).bind(client)`: aliases.ts). */
  | { type: "alias"; client: ClientShape; method: string; promisified: boolean }
  /** A client package, or one of its exports, handed on (`module.exports = require("redis")`, after bluebird's `promisifyAll`). */
  | { type: "package"; value: ModuleValue | ExportValue }
  | { type: "object"; members: Map<string, Shape> }
  | { type: "factory"; returns: Shape | null }
  | { type: "class"; instance: Map<string, Shape>; statics: Map<string, Shape> }
  | { type: "none" };

export interface ModuleExports {
  /** Named exports (ESM `export`, CommonJS `exports.x = …`). */
  named: Map<string, Shape>;
  /** `export default …`. */
  default: Shape | null;
  /** `module.exports = …`. */
  commonjs: Shape | null;
  /** Whether any export holds a client (or a factory or class that makes or holds one). */
  redis: boolean;
  /** Modules attached to a prototype (`X.prototype.m = require("./X/m")`): their path → the clients X's constructor stores on `this` (attached.ts). */
  attached?: Map<string, Map<string, Shape>>;
}

export const NONE: Shape = { type: "none" };

/** Whether reading a module was cut short by a cycle or the depth limit (then it is not cached). */
export interface Trace {
  cut: boolean;
}

/** What `import { name }` (or `import name`, `default`) from a module gives. */
export function importShape(m: ModuleExports, name: string): Shape | null {
  if (name === "default") return m.default ?? m.commonjs;
  const own = m.named.get(name);
  if (own) return own;
  // A CommonJS module's members are its named exports (`import { pub } from "./pubsub.cjs"`).
  if (m.commonjs) return memberShape(m.commonjs, name);
  return null;
}

/** `import * as ns`: every named export, and `default`. */
export function namespaceShape(m: ModuleExports): Shape {
  const members = new Map(m.named);
  const d = m.default ?? m.commonjs;
  if (d) members.set("default", d);
  return { type: "object", members };
}

/** What `require()` of a module gives: `module.exports`, or the namespace of an ES module. */
export function requireShape(m: ModuleExports): Shape {
  return m.commonjs ?? namespaceShape(m);
}

export function memberShape(base: Shape, name: string): Shape | null {
  if (base.type === "object") return base.members.get(name) ?? null;
  if (base.type === "class") return base.statics.get(name) ?? null;
  return null;
}

/** What calling a factory gives. */
export function called(f: Extract<Shape, { type: "factory" }>): Shape | null {
  return f.returns;
}

/** The families of the clients a shape holds (made by it, or by the factories and classes in it). */
export function familiesIn(s: Shape | null, out: Set<Family>, seen = new Set<Shape>()): Set<Family> {
  if (!s || seen.has(s)) return out;
  seen.add(s);
  switch (s.type) {
    case "client":
      out.add(s.family);
      break;
    case "alias":
      out.add(s.client.family);
      break;
    case "package": {
      const family = packageInfo(s.value.source)?.family;
      if (family) out.add(family);
      break;
    }
    case "object":
      for (const m of s.members.values()) familiesIn(m, out, seen);
      break;
    case "factory":
      familiesIn(s.returns, out, seen);
      break;
    case "class":
      for (const m of [...s.instance.values(), ...s.statics.values()]) familiesIn(m, out, seen);
      break;
    default:
      break;
  }
  return out;
}

export function holdsRedis(s: Shape | null, seen: Set<Shape>): boolean {
  if (!s || seen.has(s)) return false;
  seen.add(s);
  switch (s.type) {
    case "client":
    case "alias":
    case "package":
      return true;
    case "object":
      return [...s.members.values()].some((m) => holdsRedis(m, seen));
    case "factory":
      return holdsRedis(s.returns, seen);
    case "class":
      return [...s.instance.values(), ...s.statics.values()].some((m) => holdsRedis(m, seen));
    default:
      return false;
  }
}
