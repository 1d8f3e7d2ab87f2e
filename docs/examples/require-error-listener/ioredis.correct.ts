// lib/redis.ts: ioredis is not reported. With no `error` listener it prints
// "[ioredis] Unhandled error event: ..." and reconnects; the process keeps running.
import { Redis } from "ioredis";

export const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

export async function connectRedis(): Promise<void> {
  await redis.ping();
}
