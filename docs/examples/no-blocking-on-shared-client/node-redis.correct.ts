import type { RedisClientType } from "redis";

/** The queue worker on a connection of its own; request handlers keep the shared client. */
export async function startJobs(client: RedisClientType) {
  const worker = client.duplicate();
  worker.on("error", (err: unknown) => {
    console.error("queue worker connection", err);
  });
  await worker.connect();
  return {
    /** Request handlers, all day long: a cached value. */
    cached: (key: string): Promise<string | null> => client.get(key),
    /** The queue worker: waits up to `timeout` seconds for the next job, on its own connection. */
    async nextJob(queue: string, timeout: number): Promise<string | null> {
      const popped = await worker.blPop(queue, timeout);
      return popped ? popped.element : null;
    },
    /** Closes the worker's connection when the worker stops. */
    close: () => worker.close(),
  };
}
