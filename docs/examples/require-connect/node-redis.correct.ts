import type { RedisClientType } from "redis";

/** Chat rooms: messages arrive over pub/sub on a connection of their own. */
export async function joinRoom(
  redis: RedisClientType,
  room: string,
  onMessage: (message: string) => void,
): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on("error", (err: Error) => console.error("chat subscriber:", err.message));
  // A duplicate starts closed, whatever state the client it was made from is in.
  await subscriber.connect();
  await subscriber.subscribe(`room:${room}`, onMessage);
  return async () => {
    await subscriber.unsubscribe(`room:${room}`);
    subscriber.destroy();
  };
}
