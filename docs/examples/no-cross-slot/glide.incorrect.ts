import type { GlideClusterClient } from "@valkey/valkey-glide";

/** Builds the next leaderboard aside, then swaps it in with one RENAME. */
export async function publishLeaderboard(client: GlideClusterClient, scores: Record<string, number>): Promise<void> {
  await client.del(["leaderboard:next"]);
  await client.zadd("leaderboard:next", scores);
  // GLIDE splits MGET / DEL across slots, but not RENAME: the cluster answers CROSSSLOT.
  await client.rename("leaderboard:next", "leaderboard:live");
}
