#!/usr/bin/env node
/**
 * Copies the example modules of docs/examples/<rule>/ into the rule docs, so the code a reader
 * sees is the code the tests lint and run.
 *
 *   npm run docs:examples            rewrite docs/rules/*.md
 *   npm run docs:examples -- --check list the docs that are out of date; exit 1 if any
 *
 * In a doc, an embedded example is
 *
 *   <!-- example: docs/examples/no-keys/ioredis.incorrect.ts -->
 *   ```ts
 *   ...replaced on every run...
 *   ```
 *   <!-- /example -->
 *
 * (the fenced block may be absent at first: writing the two comments is enough). What is shown
 * of an example file: the lines between `// #region docs` and `// #endregion docs` (several
 * regions are joined with a blank line), or the whole file without markers; lines ending with
 * `// @docs-hide` are left out; common indentation and surrounding blank lines are removed.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DOCS_DIR = "docs/rules";
/** Example files: `<client>.incorrect.ts`, `<client>.correct.ts`, optionally with a suffix. */
export const EXAMPLE_FILE = /^(.+)\.(incorrect|correct)(\..+)?\.ts$/;

const BLOCK = /<!-- example: *(\S+?) *-->[\s\S]*?<!-- \/example -->/g;
const REGION_START = /^\s*\/\/ #region docs\s*$/;
const REGION_END = /^\s*\/\/ #endregion docs\s*$/;
const HIDE = /\/\/ @docs-hide\s*$/;

/** The part of an example file shown in the docs. */
export function renderExample(source) {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const hasRegions = lines.some((l) => REGION_START.test(l));
  const parts = [];
  let current = hasRegions ? null : [];
  for (const line of lines) {
    if (REGION_START.test(line)) {
      current = [];
    } else if (REGION_END.test(line)) {
      if (current) parts.push(current);
      current = null;
    } else if (current && !HIDE.test(line)) {
      current.push(line);
    }
  }
  if (current && !hasRegions) parts.push(current);
  return parts.map(tidy).filter(Boolean).join("\n\n");
}

function tidy(lines) {
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines.at(-1).trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd()).join("\n");
}

/** `markdown` with every embedded example replaced by the current content of its file. */
export function embedExamples(markdown, root = ROOT) {
  return markdown.replace(BLOCK, (_, file) => {
    const code = renderExample(readFileSync(join(root, file), "utf8"));
    const lang = file.endsWith(".js") || file.endsWith(".mjs") ? "js" : "ts";
    const fence = code.includes("```") ? "````" : "```";
    return `<!-- example: ${file} -->\n${fence}${lang}\n${code}\n${fence}\n<!-- /example -->`;
  });
}

/** Every rule doc, with its current and its expected text. */
export function docsStatus(root = ROOT) {
  const dir = join(root, DOCS_DIR);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const current = readFileSync(path, "utf8");
      return { path: relative(root, path), current, expected: embedExamples(current, root) };
    });
}

/** Relative paths of the rule docs whose embedded examples are out of date. */
export function outOfDateDocs(root = ROOT) {
  return docsStatus(root)
    .filter((d) => d.current !== d.expected)
    .map((d) => d.path);
}

function main(argv) {
  const check = argv.includes("--check");
  let stale;
  try {
    stale = docsStatus().filter((d) => d.current !== d.expected);
  } catch (err) {
    console.error(`embed-examples: ${err.message}`);
    return 2;
  }
  if (check) {
    if (stale.length === 0) return 0;
    console.error("Examples out of date in (run `npm run docs:examples`):");
    for (const d of stale) console.error(`  ${d.path}`);
    return 1;
  }
  for (const d of stale) {
    writeFileSync(join(ROOT, d.path), d.expected);
    console.log(`updated ${d.path}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
