/**
 * Clients made in another file of the project: what a local module (`./lib/redis`, `@/lib/cache`,
 * `require("../config/redis")`) exports, as far as Redis is concerned, in the spirit of
 * eslint-plugin-import's ExportMap (no type information).
 *
 * - The module is found by resolve.ts (relative specifiers and tsconfig/jsconfig aliases, never
 *   node_modules).
 * - Its TEXT is read first and put to the early exit's cheap test (`hasHint`): a module with no
 *   hint of Redis in it exports nothing Redis and is never parsed.
 * - Otherwise it is parsed once (ESLint's `Linter` with the plugin's own parser, for its scope
 *   analysis) and its model built with the same builder as the linted file, so clients, their
 *   family and `cluster` come out the same way as in-file. What it exports is read into plain
 *   shapes (`Shape`): a client, an object holding clients (`export default { pub, sub }`), a
 *   factory (`export function createRedis() { return new Redis() }`), a class whose instances or
 *   statics hold clients (a NestJS provider, a singleton manager), or "nothing Redis".
 * - Shapes are cached per worker, keyed by absolute path and mtime, which is compared again only
 *   after resolve.ts's FRESH_MS, as resolutions are: caches, the only module-level state (under
 *   `--concurrency` every worker thread has its own).
 * - Re-exports (`export * from`, `export { x } from`, an import re-exported) are followed to a
 *   depth of MAX_DEPTH modules; a cycle (a imports b imports a) answers "unknown".
 *
 * Files: export-shapes.ts (the shapes, plain data), export-reader.ts (a parsed module's exports
 * into shapes), export-cache.ts (reading, parsing and the per-worker cache), and this one: what
 * the linted file's imports and requires of local modules are (`CrossFile`, `toValue`, `local*`).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, staticString, unwrap } from "../../ast/nodes.js";
import { type Family, packageInfo } from "../clients.js";
import type { RedisSettings } from "../settings.js";
import type { ClientValue, LocalValue, Value } from "../types.js";
import { attachingHost } from "./attached.js";
import { exportsOf } from "./export-cache.js";
import {
  type ModuleExports,
  NONE,
  type Shape,
  type Trace,
  called,
  familiesIn,
  holdsRedis,
  importShape,
  memberShape,
  namespaceShape,
  requireShape,
} from "./export-shapes.js";
import { resolveModule } from "./resolve.js";
import { CREATED } from "./values.js";

export { MAX_DEPTH, clearExportMapCache, exportMapStats, exportsOf, resetExportMapStats } from "./export-cache.js";
export { called, importShape, memberShape, namespaceShape, requireShape } from "./export-shapes.js";
export type { ModuleExports, Shape, Trace } from "./export-shapes.js";

/** A value of the user's own module known to hold no client (names do not make it one). */
const NOT_REDIS: LocalValue = { kind: "local", shape: NONE };

/**
 * Cross-file recognition for one linted file: the evaluator and the search ask it about the
 * file's imports and requires of local modules.
 */
export class CrossFile {
  private readonly modules = new Map<string, ModuleExports | null>();

  constructor(
    private readonly filename: string,
    private readonly settings: RedisSettings,
    private readonly stack: readonly string[],
    private readonly trace: Trace = { cut: false },
  ) {}

  /** What the module `spec` exports (null: not a local module, or unknown). */
  module(spec: string): ModuleExports | null {
    let m = this.modules.get(spec);
    if (m === undefined) {
      const file = resolveModule(spec, this.filename);
      m = file && file !== this.filename ? exportsOf(file, this.settings, this.stack, this.trace) : null;
      this.modules.set(spec, m);
    }
    return m;
  }

  private attachedMemo: ReadonlyMap<string, Shape> | null | undefined;

  /**
   * The clients on `this` of the method this file is, when another module attaches it to a
   * prototype (attached.ts): field name → client.
   */
  attachedFields(): ReadonlyMap<string, Shape> | null {
    if (this.attachedMemo === undefined) {
      const host = attachingHost(this.filename);
      const m = host && host !== this.filename ? exportsOf(host, this.settings, this.stack, this.trace) : null;
      this.attachedMemo = m?.attached?.get(this.filename) ?? null;
    }
    return this.attachedMemo;
  }

  /** Whether importing `spec` can bring a client (the search starts from such imports). */
  isRedisModule(spec: string): boolean {
    return this.module(spec)?.redis ?? false;
  }

  /**
   * What an import binding is: `name` is the imported name, `default` or `*`. Undefined when the
   * module is not known (then names decide, as before); null when it is known to hold no client.
   */
  importValue(spec: string, name: string, at: Node): Value | null | undefined {
    const m = this.module(spec);
    if (!m) return undefined;
    const s = name === "*" ? namespaceShape(m) : importShape(m, name);
    if (!s) return m.redis ? undefined : null;
    return toValue(s, at);
  }

  /** What `require(spec)` is (undefined: not a known local module). */
  requireValue(spec: string, at: Node): Value | null | undefined {
    const m = this.module(spec);
    // Known to hold no client: a value, so that a client name does not make it one.
    return m ? (toValue(requireShape(m), at) ?? NOT_REDIS) : undefined;
  }
}

/** A shape seen from the importing file: a client, or a value holding clients. */
export function toValue(s: Shape | null, at: Node): Value | null {
  if (!s) return null;
  if (s.type === "package") return s.value;
  if (s.type === "alias") {
    const target = toValue(s.client, at) as ClientValue;
    return { kind: "alias", target, method: s.method, promisified: s.promisified };
  }
  if (s.type === "client") {
    return {
      kind: "client",
      family: s.family,
      lives: s.id === null ? "dedicated" : s.lives === "unknown" ? "shared" : s.lives,
      key: s.id === null ? CREATED : `xfile:${s.id}`,
      via: "import",
      origin: at,
      cluster: s.cluster,
      pool: s.pool,
    };
  }
  if (s.type === "none" || !holdsRedis(s, new Set())) return null;
  const v: LocalValue = { kind: "local", shape: s };
  return v;
}

/** A member of a local value (`cache.pub`, `RedisManager.getInstance`). */
export function localMember(base: LocalValue, name: string, at: Node): Value | null {
  return toValue(memberShape(base.shape, name), at);
}

/** A call of a local value (`createRedis()`, `require("./redis")()`). */
export function localCall(f: LocalValue, at: Node): Value | null {
  return f.shape.type === "factory" ? toValue(called(f.shape), at) : null;
}

/** `new Service()` of a local class: an instance. */
export function localInstance(c: LocalValue): Value | null {
  if (c.shape.type !== "class") return null;
  const s: Shape = { type: "object", members: c.shape.instance };
  return holdsRedis(s, new Set()) ? { kind: "local", shape: s } : null;
}

/**
 * The families of the clients a file's top-level imports and requires bring in: client packages,
 * and the clients the user's own modules export (made by them, or by their factories and classes).
 */
export function importedFamilies(ast: TSESTree.Program, crossFile: CrossFile | null): Family[] {
  const found = new Set<Family>();
  const add = (spec: string | null): void => {
    if (!spec) return;
    const pkg = packageInfo(spec);
    if (pkg) found.add(pkg.family);
    else {
      const m = crossFile?.module(spec);
      if (m) {
        for (const shape of m.named.values()) familiesIn(shape, found);
        familiesIn(m.default, found);
        familiesIn(m.commonjs, found);
      }
    }
  };
  for (const s of ast.body) {
    if (s.type === "ImportDeclaration") add(s.source.value);
    else if (s.type === "VariableDeclaration")
      for (const d of s.declarations) {
        const init = d.init ? unwrap(d.init) : null;
        const call = init?.type === "AwaitExpression" ? unwrap(init.argument) : init;
        if (call?.type === "CallExpression" && call.callee.type === "Identifier" && call.callee.name === "require")
          add(staticString(call.arguments[0]));
      }
  }
  return [...found];
}
