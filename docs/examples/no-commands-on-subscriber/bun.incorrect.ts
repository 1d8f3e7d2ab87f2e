import type { RedisClient } from "bun";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  constructor(private readonly redis: RedisClient) {}

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    // The app's one client enters subscriber mode...
    await this.redis.subscribe(`notifications:${userId}`, (message) => {
      void this.redis.lpush(`inbox:${userId}`, message);
    });
  }

  /** The inbox, newest first. */
  async inbox(userId: string): Promise<string[]> {
    // ...and Bun's client then throws ERR_REDIS_INVALID_STATE for every other command method.
    return this.redis.lrange(`inbox:${userId}`, 0, -1);
  }
}
