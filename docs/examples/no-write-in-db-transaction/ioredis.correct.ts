import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Changes a product's price and records who changed it. The cache holds each product as JSON. */
export async function changePrice(db: Kysely<Db>, redis: Redis, id: number, price: number, changedBy: string) {
  const product = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("products")
      .set({ price })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto("price_changes").values({ product_id: id, price, changed_by: changedBy }).execute();
    return updated;
  });
  // Only after the commit: the cache never holds a row the database rolled back.
  await redis.set(`product:${id}`, JSON.stringify(product));
}
