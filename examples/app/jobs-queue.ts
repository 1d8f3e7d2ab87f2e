/**
 * Background jobs for the example app (ioredis). Request handlers push jobs onto the
 * `jobs:email` list and read the cached user profiles through the app's one client; a worker
 * started in the same process pops the jobs and sends the emails.
 */
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

/** Request handlers: a cached profile, all day long. */
export async function cachedProfile(userId: string): Promise<string | null> {
  return redis.get(`profile:${userId}`);
}

/** Request handlers: queue an email. */
export async function queueEmail(to: string, template: string): Promise<void> {
  await redis.rpush("jobs:email", JSON.stringify({ to, template }));
}

/**
 * The mistake: the worker waits for jobs with BLPOP on the app's one client. BLPOP holds that
 * connection until a job arrives, and with a timeout of 0 an idle queue holds it forever: every
 * cachedProfile() and queueEmail() of every request is sent on the same connection and waits
 * behind it. The site hangs while Redis is idle.
 */
export async function startEmailWorker(send: (job: string) => Promise<void>): Promise<never> {
  for (;;) {
    const popped = await redis.blpop("jobs:email", 0);
    if (popped) await send(popped[1]);
  }
}

/** The fix: the worker waits on a connection of its own; request handlers keep the shared one. */
export async function startEmailWorkerOnOwnConnection(send: (job: string) => Promise<void>): Promise<void> {
  const worker = redis.duplicate();
  try {
    for (;;) {
      const popped = await worker.blpop("jobs:email", 5);
      if (popped) await send(popped[1]);
    }
  } finally {
    worker.disconnect();
  }
}
