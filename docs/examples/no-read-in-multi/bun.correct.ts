import type { RedisClient } from "bun";

/** Checks the seat count and books in one step: a script runs atomically on the server. */
const BOOK_SEAT = `
local left = tonumber(redis.call("GET", KEYS[1]) or "0")
if left <= 0 then return 0 end
redis.call("DECR", KEYS[1])
redis.call("SADD", KEYS[2], ARGV[1])
return 1`;

/** Books one seat of an event for a user if any seat is left; returns whether it did. */
export async function bookSeat(redis: RedisClient, eventId: string, userId: string): Promise<boolean> {
  const booked = await redis.send("EVAL", [
    BOOK_SEAT,
    "2",
    `event:${eventId}:seats`,
    `event:${eventId}:attendees`,
    userId,
  ]);
  return booked === 1;
}
