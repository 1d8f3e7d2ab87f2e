/**
 * The rule registry (src/rules/index.ts) and the presets built from it (src/configs.ts): every
 * rule file is registered, the registry is sorted, and the presets are exactly these.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { rules } from "../../src/rules/index.js";
import { ROOT } from "../support/docs.js";

const RECOMMENDED = {
  "redis/cache-delete-after-db-write": "warn",
  "redis/no-blocking-on-shared-client": "error",
  "redis/no-commands-on-subscriber": "error",
  "redis/no-compensating-decrement": "warn",
  "redis/no-cross-slot": "error",
  "redis/no-dangling-watch": "error",
  "redis/no-dynamic-lua-script": "error",
  "redis/no-ignored-exec-errors": "error",
  "redis/no-incomplete-scan": "error",
  "redis/no-keys": "error",
  "redis/no-nonatomic-read-modify-write": "error",
  "redis/no-read-in-multi": "error",
  "redis/no-setnx-expire": "error",
  "redis/no-shared-transaction-client": "error",
  "redis/no-ttl-unit-mismatch": "error",
  "redis/no-unchecked-exec": "error",
  "redis/no-unsafe-lock-release": "error",
  "redis/no-watch-in-multi": "error",
  "redis/no-write-in-db-transaction": "warn",
  "redis/require-connect": "error",
  "redis/require-error-listener": "error",
  "redis/require-exec": "error",
  "redis/require-lock-ttl": "error",
};

const STRICT = {
  ...RECOMMENDED,
  "redis/no-compensating-decrement": "error",
  "redis/no-read-in-multi": ["error", { allowReadsInMulti: false }],
  "redis/no-unchecked-exec": ["error", { requireNullCheck: "always" }],
};

describe("the rule registry", () => {
  it("registers every file of src/rules, under its file name", () => {
    const files = readdirSync(join(ROOT, "src", "rules"))
      .filter((f) => f.endsWith(".ts") && f !== "index.ts")
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(rules).sort()).toEqual(files);
  });

  it("is sorted alphabetically", () => {
    const names = Object.keys(rules);
    expect(names).toEqual([...names].sort());
  });
});

describe("the presets", () => {
  it("recommended", () => {
    expect(plugin.configs.recommended.rules).toEqual(RECOMMENDED);
  });

  it("strict", () => {
    expect(plugin.configs.strict.rules).toEqual(STRICT);
  });

  it("all", () => {
    expect(plugin.configs.all.rules).toEqual(Object.fromEntries(Object.keys(RECOMMENDED).map((id) => [id, "error"])));
  });

  it("recommended-type-checked", () => {
    const config = plugin.configs["recommended-type-checked"];
    expect(config.rules).toEqual(RECOMMENDED);
    expect(config.settings).toEqual({ redis: { typeAware: true } });
    expect(config.languageOptions?.parserOptions).toEqual({ projectService: true });
  });
});
