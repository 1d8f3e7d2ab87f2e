import { Redis } from "ioredis";

/** A one-off job: counts a page visit on the Redis server at `url`. */
export async function countVisit(url: string, page: string): Promise<number> {
  // ioredis connects on its own, and with `lazyConnect` the first command opens the connection:
  // no connect() call is needed.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    return await redis.incr(`visits:${page}`);
  } finally {
    redis.disconnect();
  }
}
