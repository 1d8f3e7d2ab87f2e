import type { Redis } from "ioredis";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  /** A connection of its own for the subscription: subscriber mode is per connection. */
  private readonly subscriber: Redis;

  constructor(private readonly redis: Redis) {
    this.subscriber = redis.duplicate();
  }

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    this.subscriber.on("message", (_channel: string, message: string) => {
      void this.redis.lpush(`inbox:${userId}`, message);
    });
    await this.subscriber.subscribe(`notifications:${userId}`);
  }

  /** The inbox, newest first. `redis` never subscribed, so it takes any command. */
  async inbox(userId: string): Promise<string[]> {
    return this.redis.lrange(`inbox:${userId}`, 0, -1);
  }

  async close(): Promise<void> {
    await this.subscriber.quit();
  }
}
