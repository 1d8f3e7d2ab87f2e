import { Batch, type GlideClient } from "@valkey/valkey-glide";

/** Records a page view: remembers the visitor and counts the view. Returns the new view count. */
export async function recordView(client: GlideClient, page: string, visitor: string): Promise<number> {
  const batch = new Batch(true).sadd(`visitors:${page}`, [visitor]).incr(`views:${page}`);
  // raiseOnError false: a failed command's RequestError takes the place of its value.
  const results = await client.exec(batch, false);
  if (results === null) throw new Error("transaction aborted");
  return results[1] as number;
}
