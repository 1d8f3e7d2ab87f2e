/**
 * Session storage for the example app (ioredis). Each login stores `sess:<userId>:<sessionId>`
 * with a TTL; "log out everywhere" must delete every session of one user.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

export async function createSession(userId: string, sessionId: string, data: object): Promise<void> {
  await redis.set(`sess:${userId}:${sessionId}`, JSON.stringify(data), "EX", 60 * 60 * 24);
}

/**
 * The mistake: KEYS looks fine on a laptop with fifty keys. In production the keyspace holds
 * millions of sessions, and KEYS walks all of them in one blocking call: every other request
 * to Redis waits until it is done.
 */
export async function logoutEverywhere(userId: string): Promise<number> {
  const keys = await redis.keys(`sess:${userId}:*`);
  if (keys.length === 0) return 0;
  return redis.unlink(...keys);
}

/** The same job done right: SCAN in batches, which never blocks the server for long. */
export async function countSessions(userId: string): Promise<number> {
  let count = 0;
  for await (const batch of redis.scanStream({ match: `sess:${userId}:*`, count: 500 })) {
    count += (batch as string[]).length;
  }
  return count;
}
