import type { Redis } from "ioredis";

/** Seats left and attendee count of an event, read together. */
export async function eventStatus(redis: Redis, eventId: string): Promise<{ left: number; attendees: number }> {
  const results = await redis.multi().get(`event:${eventId}:seats`).scard(`event:${eventId}:attendees`).exec();
  if (!results) throw new Error("transaction aborted");
  // The values are in exec()'s result, in queue order, as [error, value] pairs.
  const [[seatsError, left], [attendeesError, attendees]] = results;
  if (seatsError) throw seatsError;
  if (attendeesError) throw attendeesError;
  return { left: Number(left), attendees: Number(attendees) };
}
