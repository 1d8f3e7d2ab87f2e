/**
 * Command facts. The command table is `@ioredis/commands` (flags and key positions); this file
 * only maps the method names of each client dialect onto it.
 */
import commands from "@ioredis/commands";

const { list, hasFlag, getKeyIndexes } = commands;

/** `@ioredis/commands`' own `exists()` also says yes to Object.prototype names ("constructor"). */
const KNOWN = new Set(list);
const exists = (name: string): boolean => KNOWN.has(name);

const squash = (name: string): string => name.replace(/[_\-\s]/g, "").toLowerCase();

/** squashed name → canonical command name (`evalsharo` → `evalsha_ro`). */
const BY_SQUASHED = new Map<string, string>(list.map((name) => [squash(name), name]));

/** Commands whose first argument is a subcommand (node-redis `SCRIPT_LOAD`, GLIDE `configGet`). */
const CONTAINERS = new Set([
  "acl",
  "client",
  "cluster",
  "command",
  "config",
  "function",
  "latency",
  "memory",
  "module",
  "object",
  "pubsub",
  "script",
  "slowlog",
  "xgroup",
  "xinfo",
]);

/**
 * Variant suffixes the dialects append to a command name: ioredis `getBuffer`, node-redis
 * `zRangeWithScores` / `lPopCount` / `sortStore`, GLIDE `zrangeWithScores`, `spopCount`,
 * `subscribeLazy`, `sortReadOnly`, `zaddIncr`.
 */
const VARIANT =
  /^(?:buffer|with\w*|count\w*|store|ro(?:with)?|justid|idx\w*|len|lazy|readonly|incr|novalues|nomkstream|raw|range|typed)$/;

const CACHE = new Map<string, string | null>();

/**
 * Normalises a method name of any supported client to the Redis command it sends, or `null`
 * when the method is not a command (`on`, `connect`, `then`, `duplicate`, ...).
 */
export function normaliseCommand(method: string): string | null {
  const cached = CACHE.get(method);
  if (cached !== undefined) return cached;
  const result = computeCommand(method);
  CACHE.set(method, result);
  return result;
}

function computeCommand(method: string): string | null {
  const s = squash(method);
  if (!s) return null;
  const exact = BY_SQUASHED.get(s);
  if (exact) return exact;
  // Longest command that prefixes the name, followed by a known variant suffix or a subcommand.
  for (let end = s.length - 1; end >= 3; end--) {
    const cmd = BY_SQUASHED.get(s.slice(0, end));
    if (!cmd) continue;
    const rest = s.slice(end);
    // GLIDE `fcallReadonly`, `sortReadOnly`, `bitfieldReadOnly` are the `_ro` commands.
    if ((rest === "readonly" || rest === "ro") && KNOWN.has(`${cmd}_ro`)) return `${cmd}_ro`;
    if (CONTAINERS.has(cmd) || VARIANT.test(rest)) return cmd;
  }
  return null;
}

export function isKnownCommand(name: string): boolean {
  return exists(name);
}

export function isReadOnly(command: string): boolean {
  return exists(command) && hasFlag(command, "readonly");
}

export function isWrite(command: string): boolean {
  return exists(command) && hasFlag(command, "write");
}

export function commandHasFlag(command: string, flag: string): boolean {
  return exists(command) && hasFlag(command, flag);
}

/**
 * Key argument positions for `command` called with `argCount` arguments (argument 0 is the
 * first argument after the command name). Commands with movable keys (EVAL, ZUNIONSTORE, ...)
 * return what `@ioredis/commands` can tell without the values.
 */
export function keyIndexes(command: string, args: readonly unknown[]): number[] {
  if (!exists(command)) return [];
  try {
    return getKeyIndexes(
      command,
      args.map((a) => (typeof a === "string" || typeof a === "number" ? String(a) : "?")),
    );
  } catch {
    return [];
  }
}

/** Commands that change what a connection does with later commands. */
export const CONNECTION_STATE_COMMANDS = new Set(["multi", "watch"]);

/** Commands allowed on a RESP2 connection in subscriber mode. */
export const SUBSCRIBER_COMMANDS = new Set([
  "subscribe",
  "psubscribe",
  "ssubscribe",
  "unsubscribe",
  "punsubscribe",
  "sunsubscribe",
  "ping",
  "quit",
  "reset",
]);
