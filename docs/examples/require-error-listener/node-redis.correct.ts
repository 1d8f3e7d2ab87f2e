// lib/redis.ts: the one client the whole service imports.
import { createClient } from "redis";

export const redis = createClient({ url: process.env.REDIS_URL });
// Logged, and node-redis reconnects; commands sent meanwhile wait in its queue.
redis.on("error", (err) => console.error("Redis client error", err));

export async function connectRedis(): Promise<void> {
  await redis.connect();
}
