import type { RedisClusterType } from "redis";

/** Builds the next leaderboard aside, then swaps it in with one RENAME. */
export async function publishLeaderboard(cluster: RedisClusterType, scores: Record<string, number>): Promise<void> {
  await cluster.del("{leaderboard}:next");
  await cluster.zAdd(
    "{leaderboard}:next",
    Object.entries(scores).map(([value, score]) => ({ score, value })),
  );
  // Only the hash tag `leaderboard` is hashed: both keys are in slot 16274, and RENAME works.
  await cluster.rename("{leaderboard}:next", "{leaderboard}:live");
}

export async function topPlayers(cluster: RedisClusterType, count: number): Promise<string[]> {
  return cluster.zRange("{leaderboard}:live", 0, count - 1, { REV: true });
}
