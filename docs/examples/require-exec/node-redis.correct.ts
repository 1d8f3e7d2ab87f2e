import type { RedisClientType } from "redis";

/** Appends a login to the user's audit trail, keeping the last 100 entries. */
export async function recordLogin(client: RedisClientType, userId: string, at: Date): Promise<void> {
  const key = `audit:${userId}`;
  const multi = client.multi();
  multi.lPush(key, JSON.stringify({ event: "login", at: at.toISOString() }));
  multi.lTrim(key, 0, 99);
  await multi.exec();
}
