import type { RedisClient } from "bun";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(redis: RedisClient, token: string, userId: string): Promise<void> {
  // PX takes milliseconds, the unit the constant is in.
  await redis.set(`reset:${token}`, userId, "PX", String(RESET_TTL_MS));
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(redis: RedisClient, sessionId: string, deadline: Date): Promise<void> {
  // EXPIREAT takes a Unix time in seconds.
  await redis.send("EXPIREAT", [`session:${sessionId}`, String(Math.floor(deadline.getTime() / 1000))]);
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(redis: RedisClient, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes a Unix time in milliseconds, which getTime() is.
  await redis.send("PEXPIREAT", [`hold:${seatId}`, String(until.getTime())]);
}
