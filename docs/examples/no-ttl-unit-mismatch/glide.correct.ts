import { type GlideClient, TimeUnit } from "@valkey/valkey-glide";

/** How long a password-reset link stays valid: 15 minutes. */
export const RESET_TTL_MS = 15 * 60 * 1000;

/** Stores a password-reset token for 15 minutes. */
export async function storeResetToken(client: GlideClient, token: string, userId: string): Promise<void> {
  // TimeUnit.Milliseconds is PX, the unit the constant is in.
  await client.set(`reset:${token}`, userId, { expiry: { type: TimeUnit.Milliseconds, count: RESET_TTL_MS } });
}

/** Ends a session at its absolute deadline. */
export async function expireSessionAt(client: GlideClient, sessionId: string, deadline: Date): Promise<void> {
  // expireAt takes a Unix time in seconds.
  await client.expireAt(`session:${sessionId}`, Math.floor(deadline.getTime() / 1000));
}

/** Keeps a held seat until `until`. */
export async function extendHoldUntil(client: GlideClient, seatId: string, until: Date): Promise<void> {
  // pexpireAt takes a Unix time in milliseconds, which getTime() is.
  await client.pexpireAt(`hold:${seatId}`, until.getTime());
}
