/**
 * Nightly jobs: each job runs on one worker at a time, guarded by a Redis lock.
 *
 * Two classic mistakes (see docs/rules/require-lock-ttl.md and no-unsafe-lock-release.md):
 * the lock has no expiry, so a worker killed mid-job blocks the job forever; and the release is
 * a plain DEL, which can delete another worker's lock.
 */
import Redis from "ioredis";
import { hostname } from "node:os";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

type Job = () => Promise<void>;

const jobs: Record<string, Job> = {
  "rebuild-search-index": async () => {
    /* ... */
  },
  "send-digest-emails": async () => {
    /* ... */
  },
};

export async function runJob(name: string): Promise<"done" | "busy"> {
  const job = jobs[name];
  if (!job) throw new Error(`unknown job ${name}`);
  const lockKey = `jobs:${name}:lock`;
  const owner = `${hostname()}:${process.pid}`;

  // require-lock-ttl: no expiry; a crash or a deploy during the job leaves the lock forever.
  const acquired = await redis.setnx(lockKey, owner);
  if (!acquired) return "busy";

  try {
    await job();
    await redis.hset("jobs:last-run", name, new Date().toISOString());
    return "done";
  } finally {
    // no-unsafe-lock-release: deletes the lock whoever holds it now.
    await redis.del(lockKey);
  }
}
