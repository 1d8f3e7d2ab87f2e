import { type GlideClient, TimeUnit } from "@valkey/valkey-glide";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(client: GlideClient, token: string, userId: string): Promise<void> {
  // TimeUnit.Seconds is EX: the link stays valid for 15,000 minutes (more than ten days).
  await client.set(`reset:${token}`, userId, { expiry: { type: TimeUnit.Seconds, count: RESET_TTL_MS } });
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(client: GlideClient, sessionId: string, deadline: Date): Promise<void> {
  // expireAt takes seconds: a time in milliseconds is tens of thousands of years away.
  await client.expireAt(`session:${sessionId}`, deadline.getTime());
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(client: GlideClient, seatId: string, until: Date): Promise<void> {
  // pexpireAt takes milliseconds: a time in seconds is in January 1970, so the hold is deleted at once.
  await client.pexpireAt(`hold:${seatId}`, Math.floor(until.getTime() / 1000));
}
