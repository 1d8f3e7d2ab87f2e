/** Finding things among the tokens of a file (sorted by range), without the AST. */
import type { TSESTree } from "@typescript-eslint/utils";

/** A token that can hold a name: an identifier, a private name, or a string after `[` (a computed member name). */
export function isNameToken(tokens: readonly TSESTree.Token[], i: number): boolean {
  const t = tokens[i];
  return t.type === "Identifier" || t.type === "PrivateIdentifier" || isBracketString(tokens, i);
}

/** A string right after `[`: a computed member name (`this["redis"]`, `x[\`multi\`]`). */
export function isBracketString(tokens: readonly TSESTree.Token[], i: number): boolean {
  const t = tokens[i];
  return (t.type === "String" || t.type === "Template") && i > 0 && tokens[i - 1].value === "[";
}

/** A name without the `#` of a private name. */
export function bareName(name: string): string {
  return name.startsWith("#") ? name.slice(1) : name;
}

/**
 * The index of the token that holds `pos` (binary search); when none does (a comment, or white
 * space), `-(n + 1)` where `n` is the index of the first token after `pos`.
 */
export function tokenIndexIn(tokens: readonly TSESTree.Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = tokens[mid].range;
    if (pos < r[0]) hi = mid - 1;
    else if (pos >= r[1]) lo = mid + 1;
    else return mid;
  }
  return -lo - 1;
}

/** Words the tokenizers give as identifiers that are not names (`for (x of y)`, `import { a as b }`). */
export const CONTEXTUAL_KEYWORDS = new Set([
  "of",
  "as",
  "from",
  "is",
  "asserts",
  "get",
  "set",
  "async",
  "await",
  "static",
  "let",
  "yield",
  "type",
  "declare",
  "readonly",
  "abstract",
  "keyof",
  "infer",
  "satisfies",
  "accessor",
  "override",
  "module",
  "namespace",
  "global",
  "unique",
  "out",
  "in",
  "require",
  "using",
  "constructor",
  "public",
  "private",
  "protected",
  "enum",
  "interface",
  "implements",
  "package",
  "target",
  "meta",
  "defer",
  "source",
]);
