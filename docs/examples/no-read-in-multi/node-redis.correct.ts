import { WatchError, type RedisClientType } from "redis";

/**
 * Books one seat of an event for a user if any seat is left; returns whether it did.
 * WATCH belongs to the connection: give each concurrent caller its own (`client.duplicate()`,
 * or a client pool's `execute()`).
 */
export async function bookSeat(client: RedisClientType, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  for (let attempt = 0; attempt < 10; attempt++) {
    // Read before MULTI, and WATCH the key: EXEC fails if another booking changes it.
    await client.watch(seats);
    const left = Number(await client.get(seats));
    if (left <= 0) {
      await client.unwatch();
      return false;
    }
    try {
      await client.multi().decr(seats).sAdd(`event:${eventId}:attendees`, userId).exec();
      return true;
    } catch (error) {
      // The seat count changed after WATCH. Read it again.
      if (!(error instanceof WatchError)) throw error;
    }
  }
  throw new Error(`bookSeat(${eventId}): too many concurrent bookings, try again`);
}
