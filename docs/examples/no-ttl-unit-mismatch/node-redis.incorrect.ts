import type { RedisClientType } from "redis";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(client: RedisClientType, token: string, userId: string): Promise<void> {
  // EX takes seconds: the link stays valid for 15,000 minutes (more than ten days).
  await client.set(`reset:${token}`, userId, { expiration: { type: "EX", value: RESET_TTL_MS } });
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(client: RedisClientType, sessionId: string, deadline: Date): Promise<void> {
  // EXPIREAT takes seconds: a time in milliseconds is tens of thousands of years away.
  await client.expireAt(`session:${sessionId}`, deadline.getTime());
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(client: RedisClientType, seatId: string, until: Date): Promise<void> {
  // PEXPIREAT takes milliseconds: a time in seconds is in January 1970, so the hold is deleted at once.
  await client.pExpireAt(`hold:${seatId}`, Math.floor(until.getTime() / 1000));
}

/** Reads a held seat and keeps the hold until `until`. */
export async function readHoldUntil(client: RedisClientType, seatId: string, until: Date): Promise<string | null> {
  // node-redis v5 writes a Date given to GETEX's PXAT in seconds: a time in January 1970, so the hold is deleted at once.
  return client.getEx(`hold:${seatId}`, { type: "PXAT", value: until });
}
