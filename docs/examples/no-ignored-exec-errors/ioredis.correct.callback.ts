import type { Redis } from "ioredis";

/** Stores a login-attempt record for `lifetime` seconds, then calls back (a callback-style store). */
export function storeAttempt(
  redis: Redis,
  key: string,
  record: { count: number },
  lifetime: number,
  callback: (err: Error | null) => void,
): void {
  redis
    .multi()
    .set(key, JSON.stringify(record))
    .expire(key, lifetime)
    .exec((err, results) => {
      if (err) return callback(err);
      // Redis does not roll back: the SET stays applied. At least report the failed command.
      const failed = results?.find(([e]) => e);
      callback(failed?.[0] ?? null);
    });
}
