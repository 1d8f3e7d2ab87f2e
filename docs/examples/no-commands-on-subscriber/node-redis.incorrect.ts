import type { RedisClientType } from "redis";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  constructor(private readonly redis: RedisClientType) {}

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    // The app's one client enters subscriber mode...
    await this.redis.subscribe(`notifications:${userId}`, (message) => {
      void this.redis.lPush(`inbox:${userId}`, message);
    });
  }

  /** The inbox, newest first. */
  async inbox(userId: string): Promise<string[]> {
    // ...so on RESP2 (node-redis 4 and 5) the server refuses every ordinary command on it.
    return this.redis.lRange(`inbox:${userId}`, 0, -1);
  }
}
