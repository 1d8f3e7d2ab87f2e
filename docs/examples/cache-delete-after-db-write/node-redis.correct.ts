import type { RedisClientType } from "redis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Adds a friend: the database first, then the cached list goes, so the next read fills it from the new rows. */
export async function addFriend(db: Kysely<Db>, redis: RedisClientType, userId: string, friendId: string) {
  await db.insertInto("friendships").values({ user_id: userId, friend_id: friendId }).execute();
  await redis.del(`friends:${userId}`);
}

/** A user's friend list, read through the cache (filled for an hour on a miss). */
export async function friendsOf(db: Kysely<Db>, redis: RedisClientType, userId: string): Promise<string[]> {
  const cached = await redis.get(`friends:${userId}`);
  if (cached !== null) return JSON.parse(cached) as string[];
  const rows = await db
    .selectFrom("friendships")
    .select("friend_id")
    .where("user_id", "=", userId)
    .orderBy("friend_id")
    .execute();
  const friends = rows.map((r) => r.friend_id);
  await redis.set(`friends:${userId}`, JSON.stringify(friends), { EX: 3600 });
  return friends;
}
