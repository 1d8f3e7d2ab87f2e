/**
 * Password reset: a link valid for 15 minutes, and the sessions it ends.
 *
 * `createResetLink` stores the token with `EX` and a TTL in milliseconds (no-ttl-unit-mismatch):
 * EX takes seconds, so the link stays valid for 15,000 minutes, more than ten days, and a
 * reset link found in an old e-mail still takes over the account. `endSessionsAt` gives the
 * sessions an EXPIREAT of `Date.now()`-based milliseconds: tens of thousands of years, so the
 * sessions a reset was meant to end never do. `createResetLinkSafely` and
 * `endSessionsAtSafely` below use PX and seconds.
 */
import Redis from "ioredis";
import { randomBytes } from "node:crypto";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

const RESET_LINK_TTL_MS = 15 * 60 * 1000;
const SESSION_GRACE_MS = 60 * 1000;

export async function createResetLink(userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await redis.set(`pwreset:${token}`, userId, "EX", RESET_LINK_TTL_MS);
  return `https://example.com/reset?token=${token}`;
}

export async function endSessionsAt(sessionIds: string[]): Promise<void> {
  const endsAt = Date.now() + SESSION_GRACE_MS;
  const tx = redis.multi();
  for (const id of sessionIds) tx.expireat(`sess:${id}`, endsAt);
  await tx.exec();
}

export async function createResetLinkSafely(userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await redis.set(`pwreset:${token}`, userId, "PX", RESET_LINK_TTL_MS);
  return `https://example.com/reset?token=${token}`;
}

export async function endSessionsAtSafely(sessionIds: string[]): Promise<void> {
  const endsAt = Math.floor((Date.now() + SESSION_GRACE_MS) / 1000);
  const tx = redis.multi();
  for (const id of sessionIds) tx.expireat(`sess:${id}`, endsAt);
  await tx.exec();
}
