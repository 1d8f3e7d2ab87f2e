/**
 * In-app notifications for the example app (ioredis). Other services PUBLISH to
 * `notifications:<userId>`; this module stores each one in the user's inbox list and keeps an
 * unread counter that the web app polls.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

/**
 * The mistake: the fan-out subscribes on the app's one client. With ioredis 5 (RESP2) that
 * connection is now in subscriber mode, so every other command sent on it is rejected with
 * "Connection in subscriber mode": storing the notification in the handler, and the web app's
 * unreadCount() poll, which used to work until the fan-out was started.
 * The fix: `const subscriber = redis.duplicate()` and subscribe on that.
 */
export async function startNotificationFanout(): Promise<void> {
  redis.on("pmessage", async (_pattern: string, channel: string, message: string) => {
    const userId = channel.slice("notifications:".length);
    await redis.lpush(`inbox:${userId}`, message);
    await redis.incr(`unread:${userId}`);
  });
  await redis.psubscribe("notifications:*");
}

export async function unreadCount(userId: string): Promise<number> {
  return Number(await redis.get(`unread:${userId}`));
}

export async function markAllRead(userId: string): Promise<void> {
  await redis.del(`unread:${userId}`);
}
