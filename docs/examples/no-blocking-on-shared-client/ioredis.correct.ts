import type { Redis } from "ioredis";

/** One ioredis client for the whole application: request handlers read the cache through it. */
export class Jobs {
  /** The queue worker's own connection: only BLPOP waits on it. */
  private readonly worker: Redis;

  constructor(private readonly redis: Redis) {
    this.worker = redis.duplicate();
  }

  /** Request handlers, all day long: a cached value. */
  async cached(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  /** The queue worker: waits up to `timeout` seconds for the next job, on its own connection. */
  async nextJob(queue: string, timeout: number): Promise<string | null> {
    const popped = await this.worker.blpop(queue, timeout);
    return popped ? popped[1] : null;
  }

  /** Closes the worker's connection when the worker stops. */
  close(): void {
    this.worker.disconnect();
  }
}
