import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { installedMajor, installedMajorFrom, nodeRedisMajor, startDirectory } from "../../src/model/versions.js";

const fixtures = fileURLToPath(new URL("../fixtures/versions/", import.meta.url));
const repo = fileURLToPath(new URL("../../", import.meta.url));

describe("installed major versions", () => {
  it("reads the version of the nearest install", () => {
    expect(installedMajorFrom(join(fixtures, "ioredis6/src"), "ioredis")).toBe(6);
    expect(installedMajorFrom(join(fixtures, "ioredis5/src/deep/er"), "ioredis")).toBe(5);
    expect(installedMajorFrom(join(fixtures, "iovalkey"), "iovalkey")).toBe(0);
    expect(installedMajorFrom(join(fixtures, "redis4/src"), "redis")).toBe(4);
    expect(installedMajorFrom(join(fixtures, "redis4/src"), "@redis/client")).toBe(1);
    expect(installedMajorFrom(join(fixtures, "redis6/src"), "@redis/client")).toBe(6);
  });

  it("prefers the workspace package's own node_modules over the root's", () => {
    expect(installedMajorFrom(join(fixtures, "monorepo/packages/api/src"), "ioredis")).toBe(6);
    expect(installedMajorFrom(join(fixtures, "monorepo/packages/worker/src"), "ioredis")).toBe(5);
    // Asked again from a directory already walked: the same answer, from the cache.
    expect(installedMajorFrom(join(fixtures, "monorepo/packages/worker/src"), "ioredis")).toBe(5);
  });

  it("falls through to the repository's own install where the fixture has none", () => {
    const own = installedMajorFrom(repo, "ioredis");
    expect(installedMajorFrom(join(fixtures, "redis4/src"), "ioredis")).toBe(own);
  });

  it("gives null, without throwing, for a missing version, broken JSON or a non-semver version", () => {
    expect(installedMajorFrom(join(fixtures, "unknown/src"), "ioredis")).toBeNull();
    expect(installedMajorFrom(join(fixtures, "unknown/src"), "redis")).toBeNull();
    expect(installedMajorFrom(join(fixtures, "unknown/src"), "@redis/client")).toBeNull();
    expect(() => installedMajorFrom("\0not a path", "ioredis")).not.toThrow();
  });

  it("starts at the linted file's directory, else the working directory", () => {
    const file = join(fixtures, "ioredis6/src/a.ts");
    expect(startDirectory({ filename: file, cwd: repo })).toBe(dirname(file));
    expect(startDirectory({ filename: "<input>", cwd: join(fixtures, "ioredis6") })).toBe(join(fixtures, "ioredis6"));
    expect(startDirectory({ filename: "src/a.ts", cwd: join(fixtures, "ioredis6") })).toBe(
      join(fixtures, "ioredis6/src"),
    );
    // A processor's virtual file (`README.md/0.ts`) is resolved from the physical file.
    expect(
      startDirectory({
        filename: join(fixtures, "redis6/README.md/0.ts"),
        physicalFilename: join(fixtures, "redis6/README.md"),
      }),
    ).toBe(join(fixtures, "redis6"));
    expect(installedMajor({ filename: file }, "ioredis")).toBe(6);
  });

  it("maps @redis/client 1.x to node-redis 4", () => {
    expect(nodeRedisMajor("@redis/client", 1)).toBe(4);
    expect(nodeRedisMajor("@redis/client", 5)).toBe(5);
    expect(nodeRedisMajor("redis", 6)).toBe(6);
    expect(nodeRedisMajor("redis", null)).toBeNull();
  });
});
