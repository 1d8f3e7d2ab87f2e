/**
 * Passwordless sign-in: a one-time login link whose token is valid for 15 minutes, kept in
 * `login:<token>`.
 *
 * `issueLoginLink` writes the token with a plain SET and gives it its TTL with a second command
 * (no-setnx-expire, plain SET): an instance killed between the two (a deploy, an OOM kill) leaves
 * a login token that never expires, so a link leaked from an old mail still signs in months
 * later. `issueLoginLinkAtomically` below writes the value and its TTL in one SET ... EX (what
 * `--fix` turns the first into when the TTL is a literal).
 */
import Redis from "ioredis";
import { randomBytes } from "node:crypto";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

const LINK_SECONDS = 15 * 60;

export async function issueLoginLink(userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const key = `login:${token}`;
  await redis.set(key, userId);
  await redis.expire(key, LINK_SECONDS);
  return `https://app.example.com/login?token=${token}`;
}

export async function issueLoginLinkAtomically(userId: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await redis.set(`login:${token}`, userId, "EX", LINK_SECONDS);
  return `https://app.example.com/login?token=${token}`;
}

/** Signs in once: the token is read and deleted in one command. */
export async function redeemLoginLink(token: string): Promise<string | null> {
  return redis.getdel(`login:${token}`);
}
