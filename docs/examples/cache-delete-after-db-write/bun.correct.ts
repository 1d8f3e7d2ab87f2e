import { redis } from "bun";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Adds a friend: the database first, then the cached list goes, so the next read fills it from the new rows. */
export async function addFriend(db: Kysely<Db>, userId: string, friendId: string) {
  await db.insertInto("friendships").values({ user_id: userId, friend_id: friendId }).execute();
  await redis.del(`friends:${userId}`);
}
