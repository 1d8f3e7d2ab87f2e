/**
 * The generated code of bench/growth.mjs and tests/model/growth.test.ts: ONE async function of
 * about `statements` statements that mixes every kind of call the model and the rules look at
 * (reads, writes, locks taken with SET NX PX and released with DEL or a script, MULTI/EXEC,
 * pipelines, WATCH, KEYS, SETNX + EXPIRE, Prisma and Knex transactions) on an ioredis client and
 * a node-redis client.
 */
/** Statements in one unit of the generated function (counted by hand: every `;` is a statement end). */
const UNIT = (i) => `
  const v${i} = await redis.get(\`count:\${id}:${i}\`);
  await redis.set(\`count:\${id}:${i}\`, String(Number(v${i}) + 1));
  const lock${i} = await redis.set(\`lock:order:${i}\`, token, "PX", 3000, "NX");
  if (lock${i}) {
    await redis.del(\`lock:order:${i}\`);
  }
  const lease${i} = await redis.set(\`lease:${i}\`, token, "NX", "PX", 1000);
  if (lease${i}) await redis.eval(RELEASE, 1, \`lease:${i}\`, token);
  const p${i} = redis.pipeline();
  p${i}.set(\`p:${i}\`, "1").expire(\`p:${i}\`, 60);
  const pr${i} = await p${i}.exec();
  use(pr${i}[0][1]);
  await redis.watch(\`w:${i}\`);
  const w${i} = await redis.get(\`w:${i}\`);
  const tx${i} = redis.multi();
  tx${i}.incr(\`hits:${i}\`);
  tx${i}.get(\`hits:${i}\`);
  const res${i} = await tx${i}.exec();
  use(res${i}[0]);
  const m${i} = redis.multi();
  m${i}.set(\`w:${i}\`, w${i} + "x");
  const mr${i} = await m${i}.exec();
  if (mr${i} === null) throw new Error("retry");
  const keys${i} = await redis.keys(\`user:${i}:*\`);
  use(keys${i});
  await redis.setnx(\`nx:${i}\`, "1");
  await redis.expire(\`nx:${i}\`, 10);
  await prisma.$transaction(async (db) => {
    await db.user.update({ where: { id: ${i} }, data: {} });
    await redis.set(\`cache:user:${i}\`, "1");
  });
  await knex.transaction(async (trx) => {
    await trx("t").insert({ id: ${i} });
    await redis.del(\`cache:t:${i}\`);
  });
  const n${i} = await nodeRedis.get(\`n:${i}\`);
  await nodeRedis.set(\`n:${i}\`, n${i} + "1");
  await nodeRedis.set(\`nlock:${i}\`, token, { NX: true, PX: 1000 });
  await nodeRedis.multi().incr(\`n:${i}\`).get(\`n:${i}\`).exec();
`;
const UNIT_STATEMENTS = (UNIT(0).match(/;/g) ?? []).length;

/** One module with one function of about `statements` statements. */
export function generate(statements) {
  const units = Math.max(1, Math.round(statements / UNIT_STATEMENTS));
  let body = "";
  for (let i = 0; i < units; i++) body += UNIT(i);
  return {
    statements: units * UNIT_STATEMENTS,
    code: `import Redis from "ioredis";
import { createClient } from "redis";
import { PrismaClient } from "@prisma/client";
import Knex from "knex";
const redis = new Redis();
const nodeRedis = createClient();
const prisma = new PrismaClient();
const knex = Knex({});
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
declare function use(x: unknown): void;
export async function big(id: string, token: string) {${body}}
`,
  };
}
