import type { RedisClient } from "bun";

/** One Bun RedisClient for the whole application, shared by every request and job. */
export class Orders {
  constructor(private readonly redis: RedisClient) {}

  /** Request handlers, all day long: the next order number, invoice number, ... */
  async nextId(sequence: string): Promise<number> {
    return this.redis.incr(`sequence:${sequence}`);
  }

  /** The nightly job: resets the daily counters in one transaction. */
  async resetDailyCounters(keys: string[]): Promise<void> {
    // Bun has no transaction object: MULTI ... EXEC on a connection of this job alone.
    const connection = await this.redis.duplicate();
    try {
      await connection.send("MULTI", []);
      for (const key of keys) await connection.send("DEL", [key]);
      const results = await connection.send("EXEC", []);
      if (results === null) throw new Error("the reset was aborted");
    } finally {
      connection.close();
    }
  }
}
