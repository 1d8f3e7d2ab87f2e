import type { RedisClientType } from "redis";

/** One node-redis client for the whole application, shared by every request and job. */
export class Orders {
  constructor(private readonly client: RedisClientType) {}

  /** Request handlers, all day long: the next order number, invoice number, ... */
  async nextId(sequence: string): Promise<number> {
    return this.client.incr(`sequence:${sequence}`);
  }

  /** The nightly job: resets the daily counters in one transaction. */
  async resetDailyCounters(keys: string[]): Promise<void> {
    // multi() queues the commands in the client and sends MULTI ... EXEC in one go:
    // no other caller's command can land inside the transaction.
    const transaction = this.client.multi();
    for (const key of keys) transaction.del(key);
    await transaction.exec();
  }
}
