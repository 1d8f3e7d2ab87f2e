/** The database table of the cache-delete-after-db-write examples (Kysely's table types). */
export interface Db {
  /** One row per friendship: `friend_id` is a friend of `user_id`. */
  friendships: { user_id: string; friend_id: string };
}
