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
  /** Every client in the linted files is backed by a Redis Cluster, even where its creation does not show it (no-cross-slot). */
  cluster?: true;
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
    cluster: raw.cluster === true ? true : undefined,
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

const matcherCache = new WeakMap<RedisSettings, (name: string) => boolean>();

/** `nameMatcher` for the settings' client names, compiled once per settings object. */
export function nameMatcherFor(settings: RedisSettings): (name: string) => boolean {
  let matcher = matcherCache.get(settings);
  if (!matcher) matcherCache.set(settings, (matcher = nameMatcher(settings.clientNames)));
  return matcher;
}

/** What `mentionRegexes` gives for names when a regular-expression name can match anything. */
export const ANY_NAME = /[\s\S]/g;

export interface MentionRegexes {
  /** Configured client names as words (global), ANY_NAME, or null (no names). */
  names: RegExp | null;
  /** Configured client modules (global), or null. */
  modules: RegExp | null;
}

const mentionCache = new WeakMap<RedisSettings, MentionRegexes>();

/** Source text hints for the early exit: could a configured name or module appear in this file? */
export function mentionRegexes(settings: RedisSettings): MentionRegexes {
  let hit = mentionCache.get(settings);
  if (!hit) mentionCache.set(settings, (hit = compileMentions(settings)));
  return hit;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compileMentions(settings: RedisSettings): MentionRegexes {
  // A regular-expression name can match anything: no cheap text test possible.
  const anyName = settings.clientNames.some((n) => /^\/(.+)\/([a-z]*)$/.test(n));
  const names = settings.clientNames.filter(Boolean).map((n) => `\\b${escapeRegExp(n)}\\b`);
  // Module specifiers start with `~`, `@`, `.` or `/`, where `\b` would never match.
  const modules = settings.clientModules.filter(Boolean).map(escapeRegExp);
  return {
    names: anyName ? ANY_NAME : names.length ? new RegExp(names.join("|"), "g") : null,
    modules: modules.length ? new RegExp(modules.join("|"), "g") : null,
  };
}
