import { Batch, RequestError, type GlideClient } from "@valkey/valkey-glide";

/** Records a page view: remembers the visitor and counts the view. Returns the new view count. */
export async function recordView(client: GlideClient, page: string, visitor: string): Promise<number> {
  const batch = new Batch(true).sadd(`visitors:${page}`, [visitor]).incr(`views:${page}`);
  const results = await client.exec(batch, false);
  if (results === null) throw new Error("transaction aborted");
  // Redis does not roll back: the other commands ran. At least make the failure visible.
  for (const entry of results) if (entry instanceof RequestError) throw entry;
  return results[1] as number;
}
