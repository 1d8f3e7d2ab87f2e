/**
 * The `recommended-type-checked` preset on tests/fixtures/type-aware: the client is made in one
 * module (`export const redis = new Redis()` in shared.ts) and used in others under a neutral
 * name (`store`). With type information (typescript-eslint's projectService +
 * settings.redis.typeAware) both KEYS calls are found. Without it, the plugin reads the import:
 * use.ts imports the binding `redis` (`import { redis as store } from "./shared"`), so it is read
 * and shared.ts is resolved across files, which finds its KEYS; inventory.ts imports only `store`
 * from a module whose path names no client (the early exit looks into imports of a file with no
 * hint only when their path says cache, store, db, client…: src/model/imported-hint.ts), and its
 * text holds no hint of Redis, so the early exit skips it: only the types find that one.
 */
import { join } from "node:path";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltPlugin, FIXTURES, builtPlugin, eslintFindings, fatalMessages, versionOf } from "./support.js";

const FIXTURE = join(FIXTURES, "type-aware");
const TYPED_KEYS = ["inventory.ts:5:10", "use.ts:5:22"];
/** Without types: the file whose import names `redis`, resolved across files. */
const SOURCE_KEYS = ["use.ts:5:22"];

let plugin: BuiltPlugin;

beforeAll(async () => {
  plugin = await builtPlugin();
}, 180_000);

async function keys(config: Linter.Config[]): Promise<string[]> {
  const eslint = new ESLint({ cwd: FIXTURE, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(["."]);
  expect(fatalMessages(results)).toEqual([]);
  expect(results.map((r) => r.filePath.slice(FIXTURE.length + 1)).sort()).toEqual([
    "inventory.ts",
    "shared.ts",
    "use.ts",
  ]);
  return eslintFindings(results, FIXTURE)
    .filter((f) => f.rule === "redis/no-keys")
    .map((f) => `${f.file}:${f.line}:${f.column}`);
}

describe(`type-aware preset (typescript-eslint ${versionOf("@typescript-eslint/parser")}, TypeScript ${versionOf("typescript")}, ESLint ${versionOf("eslint")})`, () => {
  it('configs["recommended-type-checked"] finds KEYS on a client known only by its type', async () => {
    const preset = plugin.configs["recommended-type-checked"];
    expect(preset.languageOptions?.parserOptions).toMatchObject({ projectService: true });
    expect(preset.settings).toMatchObject({ redis: { typeAware: true } });
    expect(await keys([preset])).toEqual(TYPED_KEYS);
  });

  it("configs.recommended (no type information) finds only the file whose import says `redis`", async () => {
    expect(await keys([plugin.configs.recommended])).toEqual(SOURCE_KEYS);
  });

  it("the types alone find inventory.ts: projectService without settings.redis.typeAware does not", async () => {
    expect(
      await keys([plugin.configs["recommended-type-checked"], { settings: { redis: { typeAware: false } } }]),
    ).toEqual(SOURCE_KEYS);
  });

  it("settings.redis.typeAware without type information is harmless: no more found, nothing thrown", async () => {
    expect(await keys([plugin.configs.recommended, { settings: { redis: { typeAware: true } } }])).toEqual(SOURCE_KEYS);
  });

  it("the name `store` is not what finds it: naming it in clientNames finds the same calls without types", async () => {
    expect(await keys([plugin.configs.recommended, { settings: { redis: { clientNames: ["store"] } } }])).toEqual(
      TYPED_KEYS,
    );
  });
});
