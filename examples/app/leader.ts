/**
 * Leader election for the scheduler: one instance holds a lease in Redis and renews it; the
 * others wait. On shutdown the leader steps down so another instance can take over at once.
 *
 * The step-down reads the lease, compares, then deletes it in a second round trip
 * (no-unsafe-lock-release): if the lease expired and another instance took it in between, the
 * old leader deletes the new leader's lease and two schedulers run.
 */
import { createClient } from "redis";
import { randomUUID } from "node:crypto";

const client = createClient({ url: process.env.REDIS_URL });
await client.connect();

const LEASE_KEY = "scheduler:leader";
const LEASE_MS = 15_000;
const instanceId = randomUUID();

export async function tryBecomeLeader(): Promise<boolean> {
  const res = await client.set(LEASE_KEY, instanceId, { condition: "NX", expiration: { type: "PX", value: LEASE_MS } });
  return res === "OK";
}

export async function stepDown(): Promise<void> {
  const current = await client.get(LEASE_KEY);
  if (current === instanceId) {
    await client.del(LEASE_KEY);
  }
}

process.on("SIGTERM", () => {
  void stepDown().finally(() => client.close());
});
