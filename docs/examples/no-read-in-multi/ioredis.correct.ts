import type { Redis } from "ioredis";

/**
 * Books one seat of an event for a user if any seat is left; returns whether it did.
 * WATCH belongs to the connection: give each concurrent caller its own (`redis.duplicate()`).
 */
export async function bookSeat(redis: Redis, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  for (let attempt = 0; attempt < 10; attempt++) {
    // Read before MULTI, and WATCH the key: EXEC does nothing if another booking changes it.
    await redis.watch(seats);
    const left = Number(await redis.get(seats));
    if (left <= 0) {
      await redis.unwatch();
      return false;
    }
    const results = await redis.multi().decr(seats).sadd(`event:${eventId}:attendees`, userId).exec();
    if (results) return true;
    // null: the seat count changed after WATCH. Read it again.
  }
  throw new Error(`bookSeat(${eventId}): too many concurrent bookings, try again`);
}
