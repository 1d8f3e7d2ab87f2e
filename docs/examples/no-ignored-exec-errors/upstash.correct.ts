import type { Redis } from "@upstash/redis";

/** Records a page view: remembers the visitor and counts the view. Returns the new view count. */
export async function recordView(redis: Redis, page: string, visitor: string): Promise<number> {
  const results = await redis
    .multi()
    .sadd(`visitors:${page}`, visitor)
    .incr(`views:${page}`)
    .exec({ keepErrors: true });
  // Redis does not roll back: the other commands ran. At least make the failure visible.
  for (const { error } of results) if (error) throw new Error(error);
  return results[1].result as number;
}
