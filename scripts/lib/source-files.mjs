/** Source files under a directory, in a stable order: JS and TS, no declarations, no minified bundles. */
import { readdirSync } from "node:fs";
import path from "node:path";

const SOURCE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;

export function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(full);
    else if (e.isFile() && SOURCE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !e.name.endsWith(".min.js"))
      yield full;
  }
}
