/**
 * The word search the model starts from (src/ast/word-search.ts): the words it leaves out are
 * found through the words it keeps, and it finds every occurrence that a plain search finds.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { anchoredWords, findWords } from "../../src/ast/word-search.js";

function plainStarts(text: string, words: readonly string[]): number[] {
  const out = new Set<number>();
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) out.add(i);
  return [...out].sort((a, b) => a - b);
}

function foundStarts(text: string, words: readonly string[]): number[] {
  const out = new Set<number>();
  findWords(text, anchoredWords(words), (start) => out.add(start));
  return [...out].sort((a, b) => a - b);
}

describe("word search", () => {
  it("keeps only the words that contain no other word, each anchored at its rarest character", () => {
    const words = anchoredWords([
      "require",
      "Bun",
      "multi",
      "pipeline",
      "redis",
      "redisClient",
      "ioredis",
      "valkey",
      "valkeyClient",
    ]);
    expect(words.map((w) => w.word)).toEqual(["Bun", "multi", "pipeline", "redis", "require", "valkey"]);
    expect(Object.fromEntries(words.map((w) => [w.word, w.anchor]))).toMatchObject({
      redis: "dis",
      require: "quire",
      valkey: "valkey",
      Bun: "Bun",
    });
  });

  it("finds every occurrence of the words it keeps, like a plain search", () => {
    const alphabet = fc.constantFrom(..."redisRDvalkeyquBnmtpo .\"'`_$\n".split(""));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 200 }),
        fc.array(fc.array(alphabet, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (chars, wordChars) => {
          const text = chars.join("");
          const words = wordChars.map((w) => w.join(""));
          const kept = anchoredWords(words).map((w) => w.word);
          // Every word contains a kept word, so a token that holds a word holds a kept word.
          for (const w of words) expect(kept.some((k) => w.includes(k))).toBe(true);
          expect(foundStarts(text, words)).toEqual(plainStarts(text, kept));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("finds words at the very start and end of the text, and overlapping occurrences", () => {
    expect(foundStarts("redis", ["redis"])).toEqual([0]);
    expect(foundStarts("x.redis", ["redis"])).toEqual([2]);
    expect(foundStarts("aaaa", ["aa"])).toEqual([0, 1, 2]);
    expect(foundStarts("ioredisClient", ["redisClient", "ioredis"])).toEqual([0, 2]);
  });
});
