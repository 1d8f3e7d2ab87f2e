/**
 * The daily digest mail, from the service's oldest module: written for node_redis v3, whose
 * commands take callbacks, so it calls them through promisified copies of the client's methods.
 *
 * `claimDigest` takes the "sent today" marker with SETNX and gives it a TTL with a second command
 * (no-setnx-expire, through the copies): a worker killed between the two (a deploy, an OOM kill)
 * leaves `digest:<user>:<day>` without a TTL, and the key is never cleaned up. The rule sees the
 * copies as the client's own SETNX and PEXPIRE; it offers no fix for them, because a rewrite of
 * `setnxAsync(...)` would have to change the copy too. `claimDigestAtomically` below sets the
 * marker and its TTL in one SET ... PX ... NX.
 */
const redis = require("redis");
const { promisify } = require("util");

const client = redis.createClient(process.env.REDIS_URL);
client.on("error", (err) => console.error("redis", err));

const setnxAsync = promisify(client.setnx).bind(client);
const pexpireAsync = promisify(client.pexpire).bind(client);
const setAsync = promisify(client.set).bind(client);

const DAY_MS = 24 * 60 * 60 * 1000;

async function claimDigest(userId, day) {
  const key = `digest:${userId}:${day}`;
  const claimed = await setnxAsync(key, "1");
  if (claimed) await pexpireAsync(key, 2 * DAY_MS);
  return claimed === 1;
}

async function claimDigestAtomically(userId, day) {
  return (await setAsync(`digest:${userId}:${day}`, "1", "PX", 2 * DAY_MS, "NX")) === "OK";
}

module.exports = { claimDigest, claimDigestAtomically };
