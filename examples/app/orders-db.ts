/**
 * Order cancellation for the example app: orders live in Postgres (Prisma), the product pages
 * and the live stock counter in Redis (node-redis).
 */
import { PrismaClient } from "@prisma/client";
import { createClient } from "redis";

const prisma = new PrismaClient();
const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

/**
 * The mistake: the stock counter and the cached order are updated inside the database
 * transaction. When the refund insert fails (the payment was already refunded by support), the
 * database rolls the cancellation back, but Redis keeps the extra stock and the emptied cache:
 * the shop sells units it does not have. And between the DEL and the commit, a customer opening
 * the order page caches the not-yet-cancelled order again.
 */
export async function cancelOrder(orderId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const order = await tx.order.update({ where: { id: orderId }, data: { status: "cancelled" } });
    await redis.incrBy(`stock:${order.sku}`, order.quantity);
    await redis.del(`order:${orderId}`);
    await tx.refund.create({ data: { orderId, amount: order.total } });
  });
}

/** The same cancellation done right: Redis is updated once the database has committed. */
export async function cancelOrderThenUpdateCache(orderId: string): Promise<void> {
  const order = await prisma.$transaction(async (tx) => {
    const cancelled = await tx.order.update({ where: { id: orderId }, data: { status: "cancelled" } });
    await tx.refund.create({ data: { orderId, amount: cancelled.total } });
    return cancelled;
  });
  await redis.incrBy(`stock:${order.sku}`, order.quantity);
  await redis.del(`order:${orderId}`);
}
