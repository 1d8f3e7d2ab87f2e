/**
 * The installed major version of the client packages whose behaviour changed between majors
 * (ioredis 6 and node-redis 6 speak RESP3 by default), read from `node_modules` the way Node
 * resolves a bare import: from the linted file's directory up to the file-system root, the
 * nearest `node_modules/<package>/package.json` wins.
 *
 * Each directory is looked at once per process: the answers are kept in one Map keyed by the
 * resolved directory (the only module-level cache besides the SourceCode-keyed ones; it holds
 * facts about the disk, never about a lint run). Nothing here throws: an unreadable or missing
 * package gives `null`, and callers treat `null` as "unknown, do not report".
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { ClientValue, FileModel } from "./types.js";
import type { RedisSettings } from "./settings.js";
import { propertyName, staticString, unwrap } from "../ast/nodes.js";

export type VersionedPackage = "ioredis" | "iovalkey" | "redis" | "@redis/client";

/** directory → package → major version found from that directory upwards (null: none). */
const found = new Map<string, Map<VersionedPackage, number | null>>();

function readMajor(file: string): number | null {
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
    const m = typeof json.version === "string" ? /^\s*v?(\d+)\./.exec(json.version) : null;
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function exists(file: string): boolean {
  try {
    return existsSync(file);
  } catch {
    return false;
  }
}

/**
 * The major version of `pkg` that a module in `dir` would load, or null when it is not
 * installed there or its `package.json` has no readable version.
 */
export function installedMajorFrom(dir: string, pkg: VersionedPackage): number | null {
  // Iterative walk: collect the directories not answered yet, then fill them from the top down.
  const pending: string[] = [];
  let current = resolve(dir);
  let answer: number | null | undefined;
  for (;;) {
    const cached = found.get(current)?.get(pkg);
    if (cached !== undefined) {
      answer = cached;
      break;
    }
    pending.push(current);
    const manifest = join(current, "node_modules", pkg, "package.json");
    if (exists(manifest)) {
      // Installed here: this is the copy Node loads, even if its version cannot be read.
      answer = readMajor(manifest);
      break;
    }
    const parent = dirname(current);
    if (parent === current) {
      answer = null;
      break;
    }
    current = parent;
  }
  for (const d of pending) {
    let perDir = found.get(d);
    if (!perDir) found.set(d, (perDir = new Map<VersionedPackage, number | null>()));
    perDir.set(pkg, answer);
  }
  return answer;
}

interface ContextLike {
  filename?: string;
  physicalFilename?: string;
  cwd?: string;
}

/** The directory resolution starts from: the linted file's directory, else the working directory. */
export function startDirectory(context: ContextLike): string {
  try {
    const file = context.physicalFilename || context.filename;
    const cwd = context.cwd && isAbsolute(context.cwd) ? context.cwd : process.cwd();
    // `<input>` and `<text>` are what ESLint calls code given without a file name.
    if (!file || /^<.*>$/.test(file)) return cwd;
    return dirname(isAbsolute(file) ? file : resolve(cwd, file));
  } catch {
    return ".";
  }
}

/** The installed major version of `pkg` for the file being linted. */
export function installedMajor(context: ContextLike, pkg: VersionedPackage): number | null {
  return installedMajorFrom(startDirectory(context), pkg);
}

/**
 * The node-redis major (4, 5, 6, ...) behind a package: `redis` carries it directly; `@redis/client`
 * 1.x is what redis 4 ships, and from 5 on the two share their major.
 */
export function nodeRedisMajor(pkg: "redis" | "@redis/client", major: number | null): number | null {
  if (major === null) return null;
  if (pkg === "@redis/client" && major < 4) return 4;
  return major;
}

// -------------------------------------------------------------------------------------------------
// Which protocol a client speaks. Measured (docs/semantics.md §5, and again against
// redis-server 7.0 with ioredis 5.11, redis 4.7 and 5.12): ioredis 5 has no `protocol` option and
// stays on RESP2 even with `protocol: 3`; node-redis 4 ignores `RESP: 3`; node-redis 5 honours
// `RESP: 3` (commands then work on a subscribed connection) and defaults to RESP2; ioredis 6 and
// node-redis 6 default to RESP3.

export interface ProtocolDecision {
  /** 2 or 3 when known; null when it cannot be told (then rules stay silent). */
  resp: 2 | 3 | null;
  /** Why, in words for a message: "ioredis 5 speaks RESP2". */
  why: string;
}

const UNKNOWN: ProtocolDecision = { resp: null, why: "the protocol is unknown" };

type OptionValue = 2 | 3 | "opaque" | undefined;

/** `protocol` (ioredis) / `RESP` (node-redis) in one options object; "opaque" when a spread or a variable may set it. */
function optionIn(obj: TSESTree.Node, name: string, depth = 0): OptionValue {
  if (obj.type !== "ObjectExpression" || depth > 2) return undefined;
  let result: OptionValue;
  let spread = false;
  for (const p of obj.properties) {
    if (p.type === "SpreadElement") {
      spread = true;
      continue;
    }
    const key = !p.computed && p.key.type === "Identifier" ? p.key.name : staticString(p.key);
    const value = unwrap(p.value);
    if (key === name) {
      result = value.type === "Literal" && (value.value === 2 || value.value === 3) ? value.value : "opaque";
    } else if (
      (key === "redisOptions" || key === "defaults") &&
      value.type === "ObjectExpression" &&
      result === undefined
    ) {
      // Cluster options: ioredis `redisOptions`, node-redis `defaults`.
      const inner = optionIn(value, name, depth + 1);
      if (inner !== undefined) result = inner;
    }
  }
  return result ?? (spread ? "opaque" : undefined);
}

/** The option as the client was made: a `duplicate({ ... })` override first, then the original's options. */
function optionOf(client: ClientValue, model: FileModel, name: string): OptionValue {
  let c: ClientValue | null = client;
  for (let guard = 0; c && guard < 8; guard++) {
    const origin = c.origin;
    if (origin.type === "CallExpression") {
      const callee = unwrap(origin.callee);
      if (callee.type === "MemberExpression" && propertyName(callee) === "duplicate") {
        const own = origin.arguments.map((a) => optionIn(unwrap(a), name)).find((v) => v !== undefined);
        if (own !== undefined) return own;
        const base = model.valueOf(callee.object);
        c = base?.kind === "client" ? base : null;
        continue;
      }
    }
    return c.options ? optionIn(c.options, name) : undefined;
  }
  return undefined;
}

const FAMILY_PACKAGES: Record<string, VersionedPackage[]> = {
  ioredis: ["ioredis", "iovalkey"],
  "node-redis": ["redis", "@redis/client"],
};

/** The package a name was imported or required from, looked up in the module scope. */
function importSourceOf(name: string, sourceCode: TSESLint.SourceCode): string | null {
  const manager = sourceCode.scopeManager;
  const scopes = manager?.scopes ?? [];
  for (const scope of scopes) {
    if (scope.type !== "module" && scope.type !== "global") continue;
    const v = scope.set.get(name);
    const def = v?.defs[0];
    if (!def) continue;
    if (def.type === "ImportBinding") return (def.parent as TSESTree.ImportDeclaration).source.value;
    if (def.type === "Variable") {
      let init = def.node.init;
      for (let i = 0; init && i < 4; i++) {
        const n = unwrap(init);
        if (n.type === "CallExpression" && n.callee.type === "Identifier" && n.callee.name === "require")
          return staticString(n.arguments[0]);
        if (n.type === "ImportExpression") return staticString(n.source);
        init = n.type === "MemberExpression" ? n.object : n.type === "AwaitExpression" ? n.argument : null;
      }
    }
  }
  return null;
}

/** The identifier a constructor, factory or type name starts with: `IORedis` in `new IORedis.Cluster()`. */
function rootName(node: TSESTree.Node): string | null {
  let n = unwrap(node);
  for (let i = 0; i < 8; i++) {
    if (n.type === "Identifier") return n.name;
    if (n.type === "MemberExpression") n = unwrap(n.object);
    else if (n.type === "TSQualifiedName") n = n.left;
    else return null;
  }
  return null;
}

/** The package a client comes from, when the file says it. */
function packageOf(client: ClientValue, model: FileModel, sourceCode: TSESLint.SourceCode): string | null {
  let c: ClientValue | null = client;
  for (let guard = 0; c && guard < 8; guard++) {
    const origin = c.origin;
    if (origin.type === "CallExpression" || origin.type === "NewExpression") {
      const callee = unwrap(origin.callee);
      if (
        callee.type === "MemberExpression" &&
        (propertyName(callee) === "duplicate" || propertyName(callee) === "createPool")
      ) {
        const base = model.valueOf(callee.object);
        c = base?.kind === "client" ? base : null;
        continue;
      }
      const root = rootName(callee);
      return root ? importSourceOf(root, sourceCode) : null;
    }
    if (
      origin.type === "ImportSpecifier" ||
      origin.type === "ImportDefaultSpecifier" ||
      origin.type === "ImportNamespaceSpecifier"
    ) {
      return (origin.parent as TSESTree.ImportDeclaration | undefined)?.source.value ?? null;
    }
    const ann = (origin as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
    if (ann) {
      const types = ann.type === "TSUnionType" ? ann.types : [ann];
      for (const t of types) {
        if (t.type !== "TSTypeReference") continue;
        const root = rootName(t.typeName);
        const source = root ? importSourceOf(root, sourceCode) : null;
        if (source) return source;
      }
    }
    return null;
  }
  return null;
}

/** The client packages of `family` this client may come from: the one the file names, else those it imports. */
function candidatePackages(
  client: ClientValue,
  model: FileModel,
  sourceCode: TSESLint.SourceCode,
): { packages: VersionedPackage[]; named: boolean } {
  const all = FAMILY_PACKAGES[client.family] ?? [];
  const own = packageOf(client, model, sourceCode);
  if (own && (all as string[]).includes(own)) return { packages: [own as VersionedPackage], named: true };
  const imported = new Set<VersionedPackage>();
  for (const stmt of sourceCode.ast.body) {
    if (stmt.type === "ImportDeclaration" && (all as string[]).includes(stmt.source.value))
      imported.add(stmt.source.value as VersionedPackage);
  }
  return imported.size ? { packages: [...imported], named: true } : { packages: all, named: false };
}

function decideFor(
  pkg: VersionedPackage,
  option: OptionValue,
  settings: RedisSettings,
  context: { filename?: string; physicalFilename?: string; cwd?: string },
  named: boolean,
): ProtocolDecision | "absent" {
  const optionName = pkg === "ioredis" || pkg === "iovalkey" ? "protocol" : "RESP";
  const explicit = (v: 2 | 3): ProtocolDecision => ({
    resp: v,
    why: `the client is created with \`${optionName}: ${v}\``,
  });
  if (pkg === "iovalkey") {
    // A client recognised by name alone is only an iovalkey client if iovalkey is installed.
    if (!named && installedMajor(context, "iovalkey") === null) return "absent";
    // No iovalkey release has a RESP3 mode; it is the ioredis 5 code base.
    return { resp: 2, why: "iovalkey speaks RESP2" };
  }
  if (pkg === "ioredis") {
    const pinned = settings.versions.ioredis;
    const major = pinned ?? installedMajor(context, "ioredis");
    if (major === null) return option === 2 || option === 3 ? explicit(option) : "absent";
    if (major < 6) {
      const ignored =
        option === 3 || option === "opaque" ? " (its `protocol` option arrived in ioredis 6 and is ignored)" : "";
      return { resp: 2, why: `ioredis ${major} speaks RESP2${ignored}` };
    }
    if (option === 2 || option === 3) return explicit(option);
    if (option === "opaque") return UNKNOWN;
    return { resp: 3, why: `ioredis ${major} defaults to RESP3` };
  }
  const pinned = settings.versions.redis;
  const major = pinned ?? nodeRedisMajor(pkg, installedMajor(context, pkg));
  if (major === null) return option === 2 || option === 3 ? explicit(option) : "absent";
  if (major < 5) {
    const ignored =
      option === 3 || option === "opaque" ? " (it has no `RESP` option; `RESP: 3` arrived in node-redis 5)" : "";
    return { resp: 2, why: `node-redis ${major} speaks RESP2${ignored}` };
  }
  if (option === 2 || option === 3) return explicit(option);
  if (option === "opaque") return UNKNOWN;
  return major === 5
    ? { resp: 2, why: "node-redis 5 defaults to RESP2" }
    : { resp: 3, why: `node-redis ${major} defaults to RESP3` };
}

/**
 * The protocol a TCP client (ioredis, iovalkey, node-redis) speaks. In order: `settings.redis.protocol`;
 * else the creating call's options where the installed major version has that option; else the
 * installed major version's default. Unknown (null) whenever the packages or options cannot be read.
 */
export function decideProtocol(
  client: ClientValue,
  model: FileModel,
  context: { sourceCode: TSESLint.SourceCode; filename?: string; physicalFilename?: string; cwd?: string },
): ProtocolDecision {
  try {
    const settings = model.settings;
    if (settings.protocol)
      return { resp: settings.protocol, why: `\`settings.redis.protocol\` is ${settings.protocol}` };
    if (client.family !== "ioredis" && client.family !== "node-redis") return UNKNOWN;
    const option = optionOf(client, model, client.family === "ioredis" ? "protocol" : "RESP");
    const decisions: ProtocolDecision[] = [];
    const { packages, named } = candidatePackages(client, model, context.sourceCode);
    for (const pkg of packages) {
      const d = decideFor(pkg, option, settings, context, named);
      if (d !== "absent") decisions.push(d);
    }
    // `redis` and `@redis/client` normally agree; if candidates disagree, nothing is known.
    if (!decisions.length || decisions.some((d) => d.resp === null || d.resp !== decisions[0].resp)) return UNKNOWN;
    return decisions[0];
  } catch {
    return UNKNOWN;
  }
}
