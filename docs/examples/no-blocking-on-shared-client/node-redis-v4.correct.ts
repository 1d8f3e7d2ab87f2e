// @ts-nocheck: written for redis v4, while this repository type-checks against v5 // @docs-hide
import type { RedisClientType } from "redis"; // redis@4

/** One node-redis v4 client for the whole application: request handlers read the cache through it. */
export class Jobs {
  constructor(private readonly client: RedisClientType) {}

  /** Request handlers, all day long: a cached value. */
  async cached(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  /** The queue worker: waits up to `timeout` seconds for the next job. */
  async nextJob(queue: string, timeout: number): Promise<string | null> {
    // `isolated: true`: node-redis v4 sends this BLPOP on a connection of its isolation pool.
    const popped = await this.client.blPop(this.client.commandOptions({ isolated: true }), queue, timeout);
    return popped ? popped.element : null;
  }
}
