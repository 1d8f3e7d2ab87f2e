import type { Redis } from "@upstash/redis";

/** Checks the seat count and books in one step: a script runs atomically on the server. */
const BOOK_SEAT = `
local left = tonumber(redis.call("GET", KEYS[1]) or "0")
if left <= 0 then return 0 end
redis.call("DECR", KEYS[1])
redis.call("SADD", KEYS[2], ARGV[1])
return 1`;

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: Redis, eventId: string, userId: string): Promise<boolean> {
  // Upstash has no WATCH: read and write in one script instead of reading inside MULTI.
  const booked = await redis.eval<[string], number>(
    BOOK_SEAT,
    [`event:${eventId}:seats`, `event:${eventId}:attendees`],
    [userId],
  );
  return booked === 1;
}
