import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Changes a product's price and records who changed it. The cache holds each product as JSON. */
export async function changePrice(db: Kysely<Db>, redis: Redis, id: number, price: number, changedBy: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("products").set({ price }).where("id", "=", id).executeTakeFirstOrThrow();
    await trx.insertInto("price_changes").values({ product_id: id, price, changed_by: changedBy }).execute();
  });
  // Only after the commit, so the cache never holds a row the database rolled back; and a delete,
  // not a SET of the new row, which a concurrent update could overtake (redis/cache-delete-after-db-write).
  // The next read fills the cache from the database.
  await redis.del(`product:${id}`);
}
