import type { RedisClientType } from "redis";

/** One node-redis client for the whole application: request handlers read the cache through it. */
export class Jobs {
  constructor(private readonly client: RedisClientType) {}

  /** Request handlers, all day long: a cached value. */
  async cached(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  /** The queue worker: waits up to `timeout` seconds for the next job. */
  async nextJob(queue: string, timeout: number): Promise<string | null> {
    // BLPOP holds the shared connection: until a job arrives or the timeout passes,
    // every cached() call of every request waits behind it.
    const popped = await this.client.blPop(queue, timeout);
    return popped ? popped.element : null;
  }
}
