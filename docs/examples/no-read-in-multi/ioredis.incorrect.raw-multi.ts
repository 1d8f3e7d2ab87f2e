import type { Redis } from "ioredis";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: Redis, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  // multi({ pipeline: false }) sends MULTI at once: the whole connection queues from here on.
  await redis.multi({ pipeline: false });
  // The server answers "QUEUED" to every command until EXEC: `left` is "QUEUED".
  const left = await redis.get(seats);
  if (Number(left) <= 0) {
    await redis.discard();
    return false;
  }
  await redis.decr(seats);
  await redis.sadd(`event:${eventId}:attendees`, userId);
  await redis.exec();
  return true;
}
