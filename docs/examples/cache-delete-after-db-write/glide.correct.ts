import type { GlideClient } from "@valkey/valkey-glide";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Adds a friend: the database first, then the cached list goes, so the next read fills it from the new rows. */
export async function addFriend(db: Kysely<Db>, client: GlideClient, userId: string, friendId: string) {
  await db.insertInto("friendships").values({ user_id: userId, friend_id: friendId }).execute();
  await client.del([`friends:${userId}`]);
}
