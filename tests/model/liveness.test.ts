/** Where a client lives: shared, dedicated or unknown. */
import { describe, expect, it } from "vitest";
import { clientOf, modelOf } from "./harness.js";

describe("liveness", () => {
  it.each([
    [
      "module-level client",
      `import Redis from "ioredis"; const r = new Redis(); export const f = () => r.get("k");`,
      "shared",
    ],
    [
      "exported client",
      `import { createClient } from "redis"; export const client = createClient(); client.get("k");`,
      "shared",
    ],
    ["imported ready-made client", `import { kv } from "@vercel/kv"; export const f = () => kv.get("k");`, "shared"],
    ["imported by name", `import { redis } from "../redis"; export const f = () => redis.get("k");`, "shared"],
    [
      "class field",
      `import Redis from "ioredis"; class A { r = new Redis(); f() { return this.r.get("k"); } }`,
      "shared",
    ],
    [
      "injected parameter property",
      `import Redis from "ioredis"; class A { constructor(@InjectRedis() private r: Redis) {} f() { return this.r.get("k"); } }`,
      "shared",
    ],
    [
      "injected plain constructor parameter",
      `import Redis from "ioredis"; class A { constructor(@InjectRedis() r: Redis) { r.get("k"); } }`,
      "shared",
    ],
    [
      "new client in a function",
      `import Redis from "ioredis"; export async function f() { const r = new Redis(); await r.get("k"); }`,
      "dedicated",
    ],
    [
      "createClient() in a function",
      `import { createClient } from "redis"; export async function f() { const c = createClient(); await c.connect(); await c.get("k"); }`,
      "dedicated",
    ],
    [
      "duplicate() in a function",
      `import Redis from "ioredis"; const r = new Redis(); export async function f() { const d = r.duplicate(); await d.get("k"); }`,
      "dedicated",
    ],
    [
      "executeIsolated callback (node-redis v4)",
      `import { createClient } from "redis"; const c = createClient(); c.executeIsolated(async (iso) => { await iso.get("k"); });`,
      "dedicated",
    ],
    [
      "pool.execute callback (node-redis v5)",
      `import { createClientPool } from "redis"; const pool = createClientPool(); await pool.execute(async (c) => c.get("k"));`,
      "dedicated",
    ],
    [
      "typed plain parameter",
      `import type { Redis } from "ioredis"; export function f(r: Redis) { return r.get("k"); }`,
      "unknown",
    ],
    ["parameter found by name", `export function f(redis) { return redis.get("k"); }`, "unknown"],
    [
      "parameter found by structure",
      `export async function f(c) { await c.multi().set("a", 1).exec(); return c.get("k"); }`,
      "unknown",
    ],
  ])("%s: %s", (_name, code, lives) => {
    expect(clientOf(modelOf(code), "get").lives).toBe(lives);
  });

  it("a client made in a function is dedicated only until it is stored on a shared place", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      let shared;
      export function init() { shared = new Redis(); }
      export const f = () => shared.get("k");
    `);
    expect(clientOf(m, "get").lives).toBe("shared");
  });

  it("two references to one variable are the same client; a duplicate is another", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      const a = new Redis();
      const b = a.duplicate();
      a.get("1"); a.set("2", 1); b.get("3");
    `);
    const keys = m.calls.filter((c) => c.method !== "duplicate").map((c) => c.client?.key);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("this.x in two methods of one class is one client", () => {
    const m = modelOf(`
      import Redis from "ioredis";
      class A { constructor() { this.r = new Redis(); } f() { this.r.get("1"); } g() { this.r.get("2"); } }
    `);
    expect(clientOf(m, "get", 0).key).toBe(clientOf(m, "get", 1).key);
  });
});
