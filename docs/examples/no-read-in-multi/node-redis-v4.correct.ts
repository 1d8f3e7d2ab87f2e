// @ts-nocheck: written for redis v4; this repository's "redis" is v5 // @docs-hide
import { WatchError, type RedisClientType } from "redis"; // redis@4

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(client: RedisClientType, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  // executeIsolated runs the callback on a connection of its own: WATCH is safe on a shared client.
  return client.executeIsolated(async (isolated) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      // Read before MULTI, and WATCH the key: EXEC fails if another booking changes it.
      await isolated.watch(seats);
      const left = Number(await isolated.get(seats));
      if (left <= 0) {
        await isolated.unwatch();
        return false;
      }
      try {
        await isolated.multi().decr(seats).sAdd(`event:${eventId}:attendees`, userId).exec();
        return true;
      } catch (error) {
        // The seat count changed after WATCH. Read it again.
        if (!(error instanceof WatchError)) throw error;
      }
    }
    throw new Error(`bookSeat(${eventId}): too many concurrent bookings, try again`);
  });
}
