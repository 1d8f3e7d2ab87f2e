import type { RedisClientType } from "redis";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(client: RedisClientType, token: string, userId: string): Promise<void> {
  // PX takes milliseconds, the unit the constant is in (redis v5 shape; v4 reads { PX: RESET_TTL_MS }).
  await client.set(`reset:${token}`, userId, { expiration: { type: "PX", value: RESET_TTL_MS } });
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(client: RedisClientType, sessionId: string, deadline: Date): Promise<void> {
  // node-redis converts a Date to the Unix time in seconds that EXPIREAT takes.
  await client.expireAt(`session:${sessionId}`, deadline);
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(client: RedisClientType, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes a Unix time in milliseconds, which getTime() is.
  await client.pExpireAt(`hold:${seatId}`, until.getTime());
}

/** Reads a held seat and keeps the hold until `until`. */
export async function readHoldUntil(client: RedisClientType, seatId: string, until: Date): Promise<string | null> {
  // PXAT takes a Unix time in milliseconds, which getTime() is (node-redis would write the Date in seconds).
  return client.getEx(`hold:${seatId}`, { type: "PXAT", value: until.getTime() });
}
