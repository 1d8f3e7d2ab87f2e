/** settings.redis is not schema-checked by ESLint: read defensively, cached per settings object. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_NAMES, nameMatcher, readSettings } from "../../src/model/index.js";

describe("readSettings", () => {
  it("defaults", () => {
    expect(readSettings(undefined)).toEqual({
      clientNames: DEFAULT_CLIENT_NAMES,
      clientModules: [],
      defaultFamily: "unknown",
      typeAware: false,
      versions: { ioredis: undefined, redis: undefined },
      protocol: undefined,
    });
  });

  it("reads every key", () => {
    const s = readSettings({
      redis: {
        clientNames: ["cache", "/^kv/"],
        clientModules: ["~/lib/redis"],
        defaultFamily: "ioredis",
        typeAware: true,
        versions: { ioredis: 5, redis: 4 },
        protocol: 3,
      },
    });
    expect(s).toEqual({
      clientNames: ["cache", "/^kv/"],
      clientModules: ["~/lib/redis"],
      defaultFamily: "ioredis",
      typeAware: true,
      versions: { ioredis: 5, redis: 4 },
      protocol: 3,
    });
  });

  it("ignores values of the wrong type instead of throwing", () => {
    const s = readSettings({
      redis: {
        clientNames: "redis",
        clientModules: [1, "x"],
        defaultFamily: "memcached",
        typeAware: "yes",
        versions: { ioredis: "5" },
        protocol: 4,
      },
    });
    expect(s.clientNames).toBe(DEFAULT_CLIENT_NAMES);
    expect(s.clientModules).toEqual(["x"]);
    expect(s.defaultFamily).toBe("unknown");
    expect(s.typeAware).toBe(false);
    expect(s.versions.ioredis).toBeUndefined();
    expect(s.protocol).toBeUndefined();
  });

  it("is cached per settings object", () => {
    const redis = { clientNames: ["a"] };
    expect(readSettings({ redis })).toBe(readSettings({ redis }));
  });
});

describe("nameMatcher", () => {
  it("matches exact names and /regular expressions/flags", () => {
    const match = nameMatcher(["cache", "/^session/i"]);
    expect(["cache", "SessionStore", "sessionCache"].map(match)).toEqual([true, true, true]);
    expect(["caches", "mySession"].map(match)).toEqual([false, false]);
  });
});
