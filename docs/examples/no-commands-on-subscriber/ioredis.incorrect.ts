import type { Redis } from "ioredis";

/** A user's notifications: delivered over pub/sub, kept in an inbox list. */
export class Notifications {
  constructor(private readonly redis: Redis) {}

  /** Starts delivering `userId`'s notifications into their inbox. */
  async listen(userId: string): Promise<void> {
    this.redis.on("message", (_channel: string, message: string) => {
      void this.redis.lpush(`inbox:${userId}`, message);
    });
    // The app's one client enters subscriber mode...
    await this.redis.subscribe(`notifications:${userId}`);
  }

  /** The inbox, newest first. */
  async inbox(userId: string): Promise<string[]> {
    // ...so on RESP2 (ioredis 5, iovalkey) every ordinary command on it is rejected.
    return this.redis.lrange(`inbox:${userId}`, 0, -1);
  }
}
