import type { RedisClient } from "bun";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  /** A connection of its own for the subscription: subscriber mode is per connection. */
  private subscriber: RedisClient | null = null;

  constructor(private readonly redis: RedisClient) {}

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    this.subscriber ??= await this.redis.duplicate();
    await this.subscriber.subscribe(`notifications:${userId}`, (message) => {
      void this.redis.lpush(`inbox:${userId}`, message);
    });
  }

  /** The inbox, newest first. `redis` never subscribed, so it takes any command. */
  async inbox(userId: string): Promise<string[]> {
    return this.redis.lrange(`inbox:${userId}`, 0, -1);
  }

  close(): void {
    this.subscriber?.close();
  }
}
