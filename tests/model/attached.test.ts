/**
 * Modules attached to a prototype from another file (recognition/attached.ts; corpus ledger
 * L22–L23): the early exit lets such a file in only when its sibling host module has a hint of
 * Redis and names it; `this.client` / `self.client` of the exported method is what the host's
 * constructor stores. Built both ways (the search and the full walk), which must agree.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildModelForTest, earlyExitAdmits, readSettings } from "../../src/model/index.js";
import { clearExportMapCache } from "../../src/model/recognition/export-map.js";
import { describeCall, lintForModel } from "./harness.js";

const DIR = path.resolve(import.meta.dirname, "../fixtures/cross-file/src/attached");

function model(file: string, fullWalk = false): string[] {
  const filename = path.join(DIR, file);
  const { sourceCode } = lintForModel(readFileSync(filename, "utf8"), {
    filename: "x.js",
    parser: "plugin",
    sourceType: "commonjs",
  });
  return buildModelForTest(sourceCode, undefined, { filename, fullWalk }).calls.map(describeCall);
}

function admits(file: string): boolean {
  const filename = path.join(DIR, file);
  const { sourceCode } = lintForModel(readFileSync(filename, "utf8"), {
    filename: "x.js",
    parser: "plugin",
    sourceType: "commonjs",
  });
  return earlyExitAdmits(sourceCode, readSettings(undefined), filename);
}

beforeEach(() => clearExportMapCache());

describe("a method attached to another module's prototype", () => {
  it("the early exit lets in only the modules the host names, under a host with Redis", () => {
    expect(admits("Cache/del.js")).toBe(true);
    expect(admits("Cache/size.js")).toBe(true);
    expect(admits("Cache/helper.js")).toBe(false);
    expect(admits("MemoryStore/keys.js")).toBe(false);
  });

  it("self.client (var self = this) inside an IIFE, and inside the method's callbacks", () => {
    // In the order they end: the DEL inside the KEYS callback first.
    const calls = [
      "del→del @client (node-redis, node-redis/shared)",
      "keys→keys @client (node-redis, node-redis/shared)",
    ];
    expect(model("Cache/del.js")).toEqual(calls);
    expect(model("Cache/del.js", true)).toEqual(calls);
  });

  it("this.client of the exported function, not of a callback's own this", () => {
    const calls = ["keys→keys @client (node-redis, node-redis/shared)"];
    expect(model("Cache/size.js")).toEqual(calls);
    expect(model("Cache/size.js", true)).toEqual(calls);
  });

  it("look-alikes: a module the host does not name, the same layout over a Map", () => {
    expect(model("Cache/helper.js")).toEqual([]);
    expect(model("MemoryStore/keys.js")).toEqual([]);
    expect(model("MemoryStore/keys.js", true)).toEqual([]);
  });
});
