import type { Redis } from "ioredis";

/** Adds `points` to a player's score. */
export async function addPoints(redis: Redis, playerId: string, points: number): Promise<void> {
  // INCRBY reads, adds and writes in one step on the server (a missing key counts as 0).
  await redis.incrby(`score:${playerId}`, points);
}
