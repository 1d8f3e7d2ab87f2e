import type { Redis } from "@upstash/redis";

/** Records a page view: remembers the visitor and counts the view. Returns the new view count. */
export async function recordView(redis: Redis, page: string, visitor: string): Promise<number> {
  const results = await redis
    .multi()
    .sadd(`visitors:${page}`, visitor)
    .incr(`views:${page}`)
    .exec({ keepErrors: true });
  // With keepErrors, a failed INCR gives { error } and no result; the SADD stays applied.
  return results[1].result as number;
}
