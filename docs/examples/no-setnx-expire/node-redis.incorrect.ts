import type { RedisClientType } from "redis";

/** Takes the lock `name` for `owner` for `ttlSeconds`; returns whether it got it. */
export async function acquireLock(
  client: RedisClientType,
  name: string,
  owner: string,
  ttlSeconds: number,
): Promise<boolean> {
  const key = `lock:${name}`;
  // setNX gives true/false in redis v4 and 1/0 in v5: truthy either way.
  const acquired = await client.setNX(key, owner);
  if (!acquired) return false;
  // If the process dies here (a deploy, an OOM kill), the lock has no TTL and is never released.
  await client.expire(key, ttlSeconds);
  return true;
}
