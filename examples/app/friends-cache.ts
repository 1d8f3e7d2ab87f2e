/**
 * Friend lists of the example app's social feed: friendships live in Postgres (node-postgres),
 * each user's list is cached in Redis (ioredis) as JSON under `friends:<userId>` for an hour and
 * filled on a miss by `friendsOf`.
 */
import Redis from "ioredis";
import pg from "pg";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

/** A user's friend list, read through the cache. */
export async function friendsOf(userId: string): Promise<string[]> {
  const cached = await redis.get(`friends:${userId}`);
  if (cached !== null) return JSON.parse(cached) as string[];
  const { rows } = await pool.query<{ friend_id: string }>(
    "SELECT friend_id FROM friendships WHERE user_id = $1 ORDER BY friend_id",
    [userId],
  );
  const friends = rows.map((r) => r.friend_id);
  await redis.set(`friends:${userId}`, JSON.stringify(friends), "EX", 3600);
  return friends;
}

/**
 * The mistake (the incident's stale friend lists): the cached list is deleted before the insert.
 * A feed request that runs in between misses the cache, reads the old rows and caches them
 * again, and the new friend is missing from the list for up to an hour.
 */
export async function addFriend(userId: string, friendId: string): Promise<void> {
  await redis.del(`friends:${userId}`);
  await pool.query("INSERT INTO friendships (user_id, friend_id) VALUES ($1, $2)", [userId, friendId]);
}

/**
 * The other wrong order: the new list is written into the cache after the database delete. Two unfriend
 * requests at once can set their lists in the other order, and the cache keeps a friend that is gone.
 */
export async function removeFriend(userId: string, friendId: string): Promise<void> {
  await pool.query("DELETE FROM friendships WHERE user_id = $1 AND friend_id = $2", [userId, friendId]);
  const { rows } = await pool.query<{ friend_id: string }>(
    "SELECT friend_id FROM friendships WHERE user_id = $1 ORDER BY friend_id",
    [userId],
  );
  await redis.set(`friends:${userId}`, JSON.stringify(rows.map((r) => r.friend_id)), "EX", 3600);
}

/** The same changes done right: write the database, then delete the cached list; the next read fills it. */
export async function addFriendThenInvalidate(userId: string, friendId: string): Promise<void> {
  await pool.query("INSERT INTO friendships (user_id, friend_id) VALUES ($1, $2)", [userId, friendId]);
  await redis.del(`friends:${userId}`);
}

export async function removeFriendThenInvalidate(userId: string, friendId: string): Promise<void> {
  await pool.query("DELETE FROM friendships WHERE user_id = $1 AND friend_id = $2", [userId, friendId]);
  await redis.del(`friends:${userId}`);
}
