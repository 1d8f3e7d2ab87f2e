import { type GlideClient, Script } from "@valkey/valkey-glide";

/** Deletes the key only if it still holds our token, in one step on the server. */
const RELEASE = new Script(`
  if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
  end
  return 0
`);

/** Releases the lock if we still own it. */
export async function releaseLock(client: GlideClient, lockKey: string, token: string): Promise<boolean> {
  return (await client.invokeScript(RELEASE, { keys: [lockKey], args: [token] })) === 1;
}
