/**
 * Finding a set of words in source text quickly. A substring search (`indexOf`) skips to each
 * occurrence of the needle's first character and compares the rest there, so its cost grows with
 * how common that character is: `redis` through `r` stops at every `return`, through `dis` far
 * less often. Each word is searched through the part of it that starts with its rarest character
 * (by how often characters occur in JavaScript source), then checked whole.
 */

/** A word, searched for through `anchor`: the part of it from `offset` on. */
export interface AnchoredWord {
  word: string;
  anchor: string;
  offset: number;
}

/**
 * Characters of JavaScript source from the most to the least common (counted on ESLint's own
 * sources); any other character counts as rarer than all of them.
 */
const BY_FREQUENCY = "etnorsai lcdpuf.mhg\"ybxkTvSw_CE@AIN0POR1LFD2B=jM'(U)q,V;Wz{}G[]:HKJYXQZ$/";

function rarity(c: string): number {
  const i = BY_FREQUENCY.indexOf(c);
  return i < 0 ? BY_FREQUENCY.length : i;
}

/**
 * The longest anchor: V8 searches for a needle of 7 characters or more with Boyer-Moore-Horspool,
 * whose tables it sets up at every call, and the search makes one call per occurrence. On the
 * benchmark's corpora `pipeline` costs about twice what `pipeli` costs.
 */
const MAX_ANCHOR = 6;

/**
 * The words to search for, each with its anchor (at most MAX_ANCHOR characters from the rarest
 * one). A word that contains another of the words is left out: wherever it occurs, the shorter
 * one does too (`redisClient` is found as `redis`).
 */
export function anchoredWords(words: Iterable<string>): AnchoredWord[] {
  const all = [...new Set(words)].filter(Boolean);
  const kept = all.filter((w) => !all.some((other) => other !== w && w.includes(other)));
  return kept.sort().map((word) => {
    let offset = 0;
    for (let i = 1; i < word.length; i++) if (rarity(word[i]) > rarity(word[offset])) offset = i;
    return { word, anchor: word.slice(offset, offset + MAX_ANCHOR), offset };
  });
}

/**
 * Calls `found` with the start of every occurrence of every word (in no particular order; the
 * same start at most once per word).
 */
export function findWords(text: string, words: readonly AnchoredWord[], found: (start: number) => void): void {
  for (const { word, anchor, offset } of words) {
    const whole = offset === 0 && anchor.length === word.length;
    for (let at = text.indexOf(anchor, offset); at >= 0; at = text.indexOf(anchor, at + 1)) {
      if (whole || text.startsWith(word, at - offset)) found(at - offset);
    }
  }
}

/** Whether a character code can be part of a JavaScript name (ASCII letters, digits, `$`, `_`, or any non-ASCII). */
export function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;
}
