import type { Redis } from "@upstash/redis";

/** Deletes the key only if it still holds our token, in one step on the server. */
const RELEASE = `
  if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
  end
  return 0
`;

/** Releases the lock if we still own it. */
export async function releaseLock(redis: Redis, lockKey: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE, [lockKey], [token])) === 1;
}
