/**
 * Ticket booking. Each event has a seat counter `event:<id>:seats` and a set of attendees.
 *
 * `bookSeat` checks the seats with a GET queued inside MULTI (no-read-in-multi): `seatsLeft` is
 * the multi builder, not the count, so `Number(seatsLeft)` is NaN, the "sold out" branch never
 * runs, and a sold-out event keeps selling seats. `bookSeatWatched` below reads the count
 * before MULTI, under WATCH, on a connection of its own.
 */
import { createClient, WatchError } from "redis";

const client = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
export const ready = client.connect();

export type Booking = { booked: true } | { booked: false; reason: "sold out" | "busy" };

export async function bookSeat(eventId: string, userId: string): Promise<Booking> {
  const tx = client.multi();
  const seatsLeft = tx.get(`event:${eventId}:seats`);
  if (Number(seatsLeft) <= 0) return { booked: false, reason: "sold out" };
  tx.decr(`event:${eventId}:seats`);
  tx.sAdd(`event:${eventId}:attendees`, userId);
  await tx.exec();
  return { booked: true };
}

export async function bookSeatWatched(eventId: string, userId: string): Promise<Booking> {
  const seats = `event:${eventId}:seats`;
  // WATCH belongs to the connection: never WATCH on the client the whole app shares.
  const conn = client.duplicate();
  await conn.connect();
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      await conn.watch(seats);
      if (Number(await conn.get(seats)) <= 0) {
        await conn.unwatch();
        return { booked: false, reason: "sold out" };
      }
      try {
        await conn.multi().decr(seats).sAdd(`event:${eventId}:attendees`, userId).exec();
        return { booked: true };
      } catch (error) {
        if (!(error instanceof WatchError)) throw error;
      }
    }
    return { booked: false, reason: "busy" };
  } finally {
    await conn.close();
  }
}
