/**
 * `settings.redis` in the user's ESLint config. Every key is optional; see the README section
 * "Settings". Settings are not schema-checked by ESLint, so everything here is read defensively.
 */
import type { Family } from "./clients.js";

export interface RedisSettings {
  /**
   * Identifier and property names that hold a Redis client imported from the user's own modules
   * (`import { redis } from "./lib/redis"`, `this.queue.connection.redis`). Strings match a
   * name exactly; strings written `/.../` or `/.../flags` are regular expressions.
   */
  clientNames: readonly string[];
  /** Module specifiers whose every import is a Redis client (`"~/lib/redis"`, `"@app/cache"`). */
  clientModules: readonly string[];
  /** Family assumed for clients recognised by name or structure. */
  defaultFamily: Family;
  /** Recognise clients by the package that declares their type (needs parser services with a program). */
  typeAware: boolean;
  /** Pin installed major versions instead of reading them from node_modules. */
  versions: { ioredis?: number; redis?: number };
  /** Pin the protocol a client speaks (overrides versions and constructor options). */
  protocol?: 2 | 3;
}

export const DEFAULT_CLIENT_NAMES: readonly string[] = [
  "redis",
  "redisClient",
  "ioredis",
  "valkey",
  "valkeyClient",
  "redisConnection",
  "redisConn",
];

const FAMILIES = new Set<Family>(["ioredis", "node-redis", "upstash", "glide", "bun", "unknown"]);

const cache = new WeakMap<object, RedisSettings>();
const EMPTY = {};

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

export function readSettings(settings: Record<string, unknown> | undefined): RedisSettings {
  const raw = (settings?.redis ?? EMPTY) as Record<string, unknown>;
  const hit = cache.get(raw);
  if (hit) return hit;
  const versions = (raw.versions ?? {}) as Record<string, unknown>;
  const result: RedisSettings = {
    clientNames: strings(raw.clientNames) ?? DEFAULT_CLIENT_NAMES,
    clientModules: strings(raw.clientModules) ?? [],
    defaultFamily: FAMILIES.has(raw.defaultFamily as Family) ? (raw.defaultFamily as Family) : "unknown",
    typeAware: raw.typeAware === true,
    versions: {
      ioredis: typeof versions.ioredis === "number" ? versions.ioredis : undefined,
      redis: typeof versions.redis === "number" ? versions.redis : undefined,
    },
    protocol: raw.protocol === 2 || raw.protocol === 3 ? raw.protocol : undefined,
  };
  if (typeof raw === "object" && raw !== null) cache.set(raw, result);
  return result;
}

/** Compiles `clientNames` into one predicate. */
export function nameMatcher(names: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const n of names) {
    const m = /^\/(.+)\/([a-z]*)$/.exec(n);
    if (m) {
      try {
        patterns.push(new RegExp(m[1], m[2]));
      } catch {
        // An invalid pattern in settings matches nothing rather than crashing the lint run.
      }
    } else exact.add(n);
  }
  return (name) => exact.has(name) || patterns.some((p) => p.test(name));
}

const mentionCache = new WeakMap<RedisSettings, RegExp | null>();

/** Source text hint for the early exit: could any configured name appear in this file? */
export function namesMentionRegex(settings: RedisSettings): RegExp | null {
  if (mentionCache.has(settings)) return mentionCache.get(settings)!;
  const re = compileMention(settings);
  mentionCache.set(settings, re);
  return re;
}

function compileMention(settings: RedisSettings): RegExp | null {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts: string[] = [];
  for (const n of settings.clientNames) {
    // A regular-expression name can match anything: no cheap text test possible.
    if (/^\/(.+)\/([a-z]*)$/.test(n)) return /[\s\S]/;
    parts.push(`\\b${escape(n)}\\b`);
  }
  // Module specifiers start with `~`, `@`, `.` or `/`, where `\b` would never match.
  for (const mod of settings.clientModules) parts.push(escape(mod));
  return parts.length ? new RegExp(parts.join("|")) : null;
}
