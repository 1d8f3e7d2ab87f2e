import type { GlideClient } from "@valkey/valkey-glide";
import type { DataSource } from "typeorm";

/** Places an order and counts it on the live dashboard. */
export async function placeOrder(dataSource: DataSource, client: GlideClient, sku: string, quantity: number) {
  await dataSource.transaction(async (manager) => {
    await manager.insert("orders", { sku, quantity });
    await manager.decrement("stock", { sku }, "available", quantity);
  });
  // Counted once the order is committed.
  await client.incrBy(`orders:today:${sku}`, quantity);
}
