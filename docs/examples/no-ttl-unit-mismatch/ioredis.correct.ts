import type { Redis } from "ioredis";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(redis: Redis, token: string, userId: string): Promise<void> {
  // PX takes milliseconds, the unit the constant is in.
  await redis.set(`reset:${token}`, userId, "PX", RESET_TTL_MS);
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(redis: Redis, sessionId: string, deadline: Date): Promise<void> {
  // EXPIREAT takes a Unix time in seconds.
  await redis.expireat(`session:${sessionId}`, Math.floor(deadline.getTime() / 1000));
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(redis: Redis, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes a Unix time in milliseconds, which getTime() is.
  await redis.pexpireat(`hold:${seatId}`, until.getTime());
}

/** Caches a user's profile for an hour. */
export async function cacheProfile(redis: Redis, userId: string, profile: object): Promise<void> {
  // SETEX key seconds value.
  await redis.setex(`profile:${userId}`, 3600, JSON.stringify(profile));
}
