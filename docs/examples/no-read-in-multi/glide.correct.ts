import { Batch, type GlideClient } from "@valkey/valkey-glide";

/**
 * Books one seat of an event for a user if any seat is left; returns whether it did.
 * WATCH belongs to the connection: give each concurrent caller its own client.
 */
export async function bookSeat(client: GlideClient, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  for (let attempt = 0; attempt < 10; attempt++) {
    // Read before the transaction, and WATCH the key: exec() returns null if it changes.
    await client.watch([seats]);
    const left = Number(await client.get(seats));
    if (left <= 0) {
      await client.unwatch();
      return false;
    }
    const batch = new Batch(true).decr(seats).sadd(`event:${eventId}:attendees`, [userId]);
    const results = await client.exec(batch, true);
    if (results !== null) return true;
  }
  throw new Error(`bookSeat(${eventId}): too many concurrent bookings, try again`);
}
