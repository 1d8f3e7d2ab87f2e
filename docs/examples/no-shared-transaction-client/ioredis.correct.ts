import type { Redis } from "ioredis";

/** One ioredis client for the whole application, shared by every request and job. */
export class Orders {
  constructor(private readonly redis: Redis) {}

  /** Request handlers, all day long: the next order number, invoice number, ... */
  async nextId(sequence: string): Promise<number> {
    return this.redis.incr(`sequence:${sequence}`);
  }

  /** The nightly job: resets the daily counters in one transaction. */
  async resetDailyCounters(keys: string[]): Promise<void> {
    // multi() queues the commands in the client and sends MULTI ... EXEC in one go:
    // no other caller's command can land inside the transaction.
    const transaction = this.redis.multi();
    for (const key of keys) transaction.del(key);
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
