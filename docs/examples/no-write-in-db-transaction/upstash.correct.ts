import type { PrismaClient } from "@prisma/client";
import type { Redis } from "@upstash/redis";

/** Renames a product; product pages are cached under `product:<id>`. */
export async function renameProduct(prisma: PrismaClient, redis: Redis, id: string, name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.product.update({ where: { id }, data: { name } });
    await tx.auditLog.create({ data: { entity: "product", entityId: id, action: "rename" } });
  });
  // After the commit: the next read caches the new row.
  await redis.del(`product:${id}`);
}
