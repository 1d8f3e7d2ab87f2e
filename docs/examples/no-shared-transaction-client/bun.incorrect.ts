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
    // MULTI on the shared connection: until EXEC, every other caller's command is queued
    // into this transaction, and nextId() resolves to "QUEUED" instead of a number.
    await this.redis.send("MULTI", []);
    for (const key of keys) await this.redis.send("DEL", [key]);
    await this.redis.send("EXEC", []);
  }
}
