import type { Redis } from "@upstash/redis";

/**
 * A user's notifications: delivered over pub/sub, kept in an inbox list. With Upstash,
 * `subscribe()` returns a separate `Subscriber` (a server-sent-events stream): the client itself
 * never enters subscriber mode, so the same client serves the inbox.
 */
export class Notifications {
  constructor(private readonly redis: Redis) {}

  /** Starts delivering `userId`'s notifications into their inbox. */
  listen(userId: string) {
    const subscriber = this.redis.subscribe<string>(`notifications:${userId}`);
    subscriber.on("message", ({ message }) => {
      void this.redis.lpush(`inbox:${userId}`, message);
    });
    return subscriber;
  }

  /** The inbox, newest first. */
  async inbox(userId: string): Promise<string[]> {
    return this.redis.lrange(`inbox:${userId}`, 0, -1);
  }
}
