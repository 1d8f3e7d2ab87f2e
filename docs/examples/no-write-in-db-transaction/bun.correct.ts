import type { RedisClient } from "bun";
import type { Sequelize } from "sequelize";

/** Deactivates a user and ends their sessions. */
export async function deactivate(sequelize: Sequelize, redis: RedisClient, userId: string) {
  await sequelize.transaction(async (t) => {
    await sequelize.query("UPDATE users SET active = false WHERE id = ?", { replacements: [userId], transaction: t });
    await sequelize.query("INSERT INTO audit (user_id, action) VALUES (?, 'deactivate')", {
      replacements: [userId],
      transaction: t,
    });
    // Sequelize runs after-commit hooks only when the transaction commits.
    t.afterCommit(() => redis.del(`sessions:${userId}`));
  });
}
