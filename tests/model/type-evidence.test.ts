/**
 * A default client name (`redis`, `redisClient`) on a value whose type annotation names a
 * built-in non-client type is not a client: src/model/recognition/type-evidence.ts.
 */
import { describe, expect, it } from "vitest";
import { modelOf, summary } from "./harness.js";

describe("a client name with a non-client type annotation", () => {
  it.each([
    ["a parameter typed Map", `export function f(redis: Map<string, string>) { redis.get("k"); redis.set("k", "v"); }`],
    [
      "a parameter typed Set",
      `export function f(redisClient: Set<string>) { redisClient.add("k"); redisClient.keys(); }`,
    ],
    ["a parameter typed string[]", `export function f(redis: string[]) { redis.keys(); }`],
    [
      "a variable typed Map | undefined",
      `declare function make(): Map<string, number>; const redis: Map<string, number> | undefined = make(); redis?.get("k");`,
    ],
    [
      "a parameter property typed Map",
      `export class C { constructor(private readonly redis: Map<string, number>) {} f() { return this.redis.get("k"); } }`,
    ],
    [
      "a class field typed WeakMap",
      `export class C { private redis: WeakMap<object, string> = new WeakMap(); f(o: object) { return this.redis.get(o); } }`,
    ],
  ])("%s", (_name, code) => {
    expect(summary(modelOf(code))).toEqual([]);
  });

  it.each([
    ["no annotation", `export function f(redis) { return redis.get("k"); }`],
    [
      "a user type (a wrapper of the user's own)",
      `import type { Cache } from "./cache"; export function f(redis: Cache) { return redis.get("k"); }`,
    ],
    [
      "an inline object type (a hand-written client interface)",
      `export function f(redis: { get(k: string): Promise<string | null> }) { return redis.get("k"); }`,
    ],
    ["any", `export function f(redis: any) { return redis.get("k"); }`],
  ])("the name still counts with %s", (_name, code) => {
    expect(summary(modelOf(code))).toEqual(["get→get @client (unknown, unknown/unknown)"]);
  });

  it("a client type annotation still wins", () => {
    expect(
      summary(
        modelOf(
          `import type { Redis } from "ioredis"; export function f(redis: Redis | Map<string, string>) { return redis.get("k"); }`,
        ),
      ),
    ).toEqual(["get→get @client (ioredis, ioredis/unknown)"]);
  });
});
