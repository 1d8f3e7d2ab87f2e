/**
 * no-blocking-on-shared-client: a BLPOP on the shared client holds its connection, so a GET sent
 * on the same client meanwhile resolves only after the BLPOP did (ioredis, node-redis v5 and v4);
 * with a timeout of 0 the GET waits until a job arrives. On a connection of the worker's own
 * (`duplicate()`, node-redis v4 `commandOptions({ isolated: true })`) the GET does not wait.
 * Assertions are on order and state, not on durations.
 */
import { describe, expect, it } from "vitest";
import * as ioredisIncorrect from "../../docs/examples/no-blocking-on-shared-client/ioredis.incorrect.js";
import * as ioredisCorrect from "../../docs/examples/no-blocking-on-shared-client/ioredis.correct.js";
import * as nodeRedisIncorrect from "../../docs/examples/no-blocking-on-shared-client/node-redis.incorrect.js";
import * as nodeRedisCorrect from "../../docs/examples/no-blocking-on-shared-client/node-redis.correct.js";
import * as nodeRedis4Correct from "../../docs/examples/no-blocking-on-shared-client/node-redis-v4.correct.js";
import { describeRedis, ioredis, keyPrefix, nodeRedis, nodeRedis4 } from "../support/redis.js";

interface Jobs {
  cached(key: string): Promise<string | null>;
  nextJob(queue: string, timeout: number): Promise<string | null>;
}

/**
 * Starts the worker's BLPOP on an empty queue with a 1-second timeout, then a request's GET,
 * and gives the order in which they resolved, with the GET's value.
 */
async function race(jobs: Jobs, p: string): Promise<{ order: string[]; value: string | null; job: string | null }> {
  const order: string[] = [];
  const pop = jobs.nextJob(`${p}queue`, 1).then((job) => {
    order.push("blpop");
    return job;
  });
  const get = jobs.cached(`${p}cache`).then((value) => {
    order.push("get");
    return value;
  });
  const [job, value] = await Promise.all([pop, get]);
  return { order, value, job };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeRedis("no-blocking-on-shared-client examples", () => {
  describe("ioredis", () => {
    it("the incorrect example: a GET on the shared client resolves only after the BLPOP timed out", async () => {
      const p = keyPrefix("no-blocking-ioredis");
      const redis = await ioredis();
      await redis.set(`${p}cache`, "hit");
      const { order, value, job } = await race(new ioredisIncorrect.Jobs(redis), p);
      expect(job).toBeNull();
      expect(value).toBe("hit");
      expect(order).toEqual(["blpop", "get"]);
    });

    it("the incorrect example with a timeout of 0: the GET waits until a job arrives", async () => {
      const p = keyPrefix("no-blocking-ioredis-forever");
      const redis = await ioredis();
      await redis.set(`${p}cache`, "hit");
      const jobs = new ioredisIncorrect.Jobs(redis);
      const order: string[] = [];
      const pop = jobs.nextJob(`${p}queue`, 0).then((job) => order.push(`blpop:${job}`));
      const get = jobs.cached(`${p}cache`).then((v) => order.push(`get:${v}`));
      await sleep(1500);
      // Well past any round trip: nothing has resolved, the GET is still stuck behind the BLPOP.
      expect(order).toEqual([]);
      await (await ioredis()).rpush(`${p}queue`, "job-1");
      await Promise.all([pop, get]);
      expect(order).toEqual(["blpop:job-1", "get:hit"]);
    });

    it("the correct example: the BLPOP waits on its duplicate() connection, the GET does not", async () => {
      const p = keyPrefix("no-blocking-ioredis-ok");
      const redis = await ioredis();
      await redis.set(`${p}cache`, "hit");
      const jobs = new ioredisCorrect.Jobs(redis);
      try {
        const { order, value, job } = await race(jobs, p);
        expect(job).toBeNull();
        expect(value).toBe("hit");
        expect(order).toEqual(["get", "blpop"]);
      } finally {
        jobs.close();
      }
    });
  });

  describe("inside MULTI", () => {
    it("ioredis: a BLPOP queued in multi() does not block: EXEC answers at once with a null reply", async () => {
      const p = keyPrefix("no-blocking-multi");
      const redis = await ioredis();
      // A 10-second timeout against a 5-second deadline: only a BLPOP that does not block wins.
      const exec = redis.multi().blpop(`${p}queue`, 10).exec();
      const winner = await Promise.race([exec.then(() => "exec"), sleep(5000).then(() => "deadline")]);
      expect(winner).toBe("exec");
      expect(await exec).toEqual([[null, null]]);
    });
  });

  describe("node-redis", () => {
    it("v5, the incorrect example: a GET on the shared client resolves only after the BLPOP timed out", async () => {
      const p = keyPrefix("no-blocking-node-redis");
      const client = await nodeRedis();
      await client.set(`${p}cache`, "hit");
      const { order, value, job } = await race(new nodeRedisIncorrect.Jobs(client as never), p);
      expect(job).toBeNull();
      expect(value).toBe("hit");
      expect(order).toEqual(["blpop", "get"]);
    });

    it("v4, the incorrect example: the same on node-redis v4", async () => {
      const p = keyPrefix("no-blocking-node-redis-v4");
      const client = await nodeRedis4();
      await client.set(`${p}cache`, "hit");
      const { order, value } = await race(new nodeRedisIncorrect.Jobs(client as never), p);
      expect(value).toBe("hit");
      expect(order).toEqual(["blpop", "get"]);
    });

    it("v5, the correct example: the BLPOP waits on its duplicate() connection, the GET does not", async () => {
      const p = keyPrefix("no-blocking-node-redis-ok");
      const client = await nodeRedis();
      await client.set(`${p}cache`, "hit");
      const jobs = await nodeRedisCorrect.startJobs(client as never);
      try {
        const { order, value, job } = await race(jobs, p);
        expect(job).toBeNull();
        expect(value).toBe("hit");
        expect(order).toEqual(["get", "blpop"]);
      } finally {
        await jobs.close();
      }
    });

    it("v4, the correct example: commandOptions({ isolated: true }) sends the BLPOP on another connection", async () => {
      const p = keyPrefix("no-blocking-node-redis-v4-ok");
      const client = await nodeRedis4();
      await client.set(`${p}cache`, "hit");
      const { order, value, job } = await race(new nodeRedis4Correct.Jobs(client as never), p);
      expect(job).toBeNull();
      expect(value).toBe("hit");
      expect(order).toEqual(["get", "blpop"]);
    });
  });
});
