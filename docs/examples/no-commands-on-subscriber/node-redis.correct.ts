import type { RedisClientType } from "redis";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  /** A connection of its own for the subscription: subscriber mode is per connection. */
  private readonly subscriber: RedisClientType;

  constructor(private readonly redis: RedisClientType) {
    this.subscriber = redis.duplicate();
    this.subscriber.on("error", (err) => console.error("Redis subscriber error", err));
  }

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    if (!this.subscriber.isOpen) await this.subscriber.connect();
    await this.subscriber.subscribe(`notifications:${userId}`, (message) => {
      void this.redis.lPush(`inbox:${userId}`, message);
    });
  }

  /** The inbox, newest first. `redis` never subscribed, so it takes any command. */
  async inbox(userId: string): Promise<string[]> {
    return this.redis.lRange(`inbox:${userId}`, 0, -1);
  }

  async close(): Promise<void> {
    if (this.subscriber.isOpen) await this.subscriber.quit();
  }
}
