/**
 * The app's Redis connections, imported everywhere as `lib/redis`.
 *
 * `redis` is the shared client, created and exported with no `error` listener
 * (require-error-listener): the first time Redis restarts or a failover drops the connection,
 * node-redis emits `error`, Node.js throws it, and every instance of the service exits at once.
 * `events`, the subscriber connection below it, is created the right way: its listener is
 * attached before it connects, so a blip is logged and node-redis reconnects.
 */
import { createClient } from "redis";

export const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
export const ready = redis.connect();

/** A connection of its own for pub/sub, logged when it fails. */
export async function eventsConnection() {
  await ready;
  return redis
    .duplicate()
    .on("error", (err) => console.error("Redis events connection error", err))
    .connect();
}
