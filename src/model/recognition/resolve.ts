/**
 * Module resolution for the user's own modules, the way Node and TypeScript find them: relative
 * specifiers (`./lib/redis`, `../config/redis.js`) and aliases from the nearest `tsconfig.json` /
 * `jsconfig.json` (`compilerOptions.paths` and `baseUrl`). Extensions `.ts .tsx .mts .cts .js
 * .jsx .mjs .cjs`, `index.*` in a directory, and `.js`-family specifiers that name a TypeScript
 * source (`./redis.js` → `./redis.ts`). Never into node_modules: packages are the client
 * packages' business (packages.ts). Reads files only; never writes, never the network.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
/** A `.js`-family specifier and the TypeScript sources it can stand for. */
const TS_FOR_JS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

interface PathsConfig {
  /** Directory `paths` targets are relative to (`baseUrl`, or the config's directory). */
  base: string;
  baseUrl: string | null;
  paths: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

/** The nearest tsconfig/jsconfig's paths, per directory (a cache, per worker, like `resolutions`). */
const configCache = new Map<string, PathsConfig | null>();

/** Whether a specifier is a relative or absolute path (always the user's own module). */
export function isRelativeSpecifier(spec: string): boolean {
  return spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/");
}

/**
 * How long a resolution, and a read module's mtime, is trusted without asking the file system
 * again (in the spirit of eslint-plugin-import's `import/cache` lifetime): files of one directory
 * import the same modules, and a stat per extension per import adds up. A file created or changed
 * meanwhile is seen at most this long after.
 */
export const FRESH_MS = 5_000;

/** Resolutions by directory and specifier, with when they were made (a cache, per worker). */
const resolutions = new Map<string, { file: string | null; at: number }>();

/** Test-only: forgets every resolution and tsconfig read. */
export function clearResolutionCache(): void {
  resolutions.clear();
  configCache.clear();
}

/**
 * What a specifier written in `fromFile` must start with to name one of the project's own modules
 * besides a relative path: the prefixes of the nearest tsconfig/jsconfig `paths` (`@/`, `~/`);
 * null when any bare specifier can (a `baseUrl` is set).
 */
export function localPrefixes(fromFile: string): string[] | null {
  const config = path.isAbsolute(fromFile) ? pathsConfigFor(path.dirname(fromFile)) : null;
  if (!config) return [];
  if (config.baseUrl) return null;
  return config.paths.map((p) => p.prefix).filter((prefix) => prefix.length > 0);
}

/** The absolute path of the source file `spec` names from `fromFile`, or null (a package, or no file). */
export function resolveModule(spec: string, fromFile: string): string | null {
  if (!spec || spec.includes("\0") || !path.isAbsolute(fromFile)) return null;
  const dir = path.dirname(fromFile);
  const key = `${dir}\0${spec}`;
  const now = Date.now();
  const hit = resolutions.get(key);
  if (hit && now - hit.at < FRESH_MS) return hit.file;
  const file = resolveUncached(spec, dir);
  resolutions.set(key, { file, at: now });
  return file;
}

function resolveUncached(spec: string, dir: string): string | null {
  if (isRelativeSpecifier(spec)) return inProject(resolveFile(path.resolve(dir, spec)));
  const config = pathsConfigFor(dir);
  if (!config) return null;
  for (const p of config.paths) {
    let star: string;
    if (p.wildcard) {
      if (spec.length < p.prefix.length + p.suffix.length || !spec.startsWith(p.prefix) || !spec.endsWith(p.suffix))
        continue;
      star = spec.slice(p.prefix.length, spec.length - p.suffix.length);
    } else {
      if (spec !== p.prefix) continue;
      star = "";
    }
    for (const target of p.targets) {
      const found = inProject(resolveFile(path.resolve(config.base, target.replace("*", star))));
      if (found) return found;
    }
  }
  if (config.baseUrl) return inProject(resolveFile(path.resolve(config.baseUrl, spec)));
  return null;
}

function inProject(file: string | null): string | null {
  return file && !file.split(path.sep).includes("node_modules") ? file : null;
}

function isFile(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** A file, a file with one of the extensions, a TypeScript source for a `.js` name, or a directory's index. */
function resolveFile(base: string): string | null {
  const ext = path.extname(base).toLowerCase();
  if (ext && SOURCE_FILE.test(ext)) {
    for (const ts of TS_FOR_JS[ext] ?? []) {
      const candidate = base.slice(0, -ext.length) + ts;
      if (isFile(candidate)) return candidate;
    }
    if (isFile(base)) return base;
  }
  for (const e of EXTENSIONS) if (isFile(base + e)) return base + e;
  if (isDirectory(base)) {
    for (const e of EXTENSIONS) {
      const index = path.join(base, `index${e}`);
      if (isFile(index)) return index;
    }
  }
  return null;
}

/** The paths configuration of the nearest tsconfig.json or jsconfig.json above `dir` (cached per directory). */
function pathsConfigFor(dir: string): PathsConfig | null {
  const cached = configCache.get(dir);
  if (cached !== undefined) return cached;
  let result: PathsConfig | null = null;
  let found = false;
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const file = path.join(dir, name);
    if (!isFile(file)) continue;
    found = true;
    result = readPathsConfig(file);
    if (result) break;
  }
  if (!found) {
    const parent = path.dirname(dir);
    result = parent !== dir && path.basename(dir) !== "node_modules" ? pathsConfigFor(parent) : null;
  }
  configCache.set(dir, result);
  return result;
}

function readPathsConfig(file: string): PathsConfig | null {
  let json: { compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    json = JSON.parse(stripJsonComments(readFileSync(file, "utf8"))) as typeof json;
  } catch {
    return null;
  }
  const options = json?.compilerOptions;
  if (!options || typeof options !== "object") return null;
  const dir = path.dirname(file);
  const baseUrl = typeof options.baseUrl === "string" ? path.resolve(dir, options.baseUrl) : null;
  const paths: PathsConfig["paths"] = [];
  if (options.paths && typeof options.paths === "object") {
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf("*");
      paths.push({
        prefix: star >= 0 ? pattern.slice(0, star) : pattern,
        suffix: star >= 0 ? pattern.slice(star + 1) : "",
        wildcard: star >= 0,
        targets: targets.filter((t): t is string => typeof t === "string"),
      });
    }
    // The longest prefix first, as TypeScript matches.
    paths.sort((a, b) => b.prefix.length - a.prefix.length);
  }
  if (!baseUrl && paths.length === 0) return null;
  return { base: baseUrl ?? dir, baseUrl, paths };
}

/** JSON with comments and trailing commas (tsconfig's dialect) → JSON. */
function stripJsonComments(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}
