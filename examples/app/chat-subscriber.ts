/**
 * Live chat: each open room gets a pub/sub subscription; the room's history is a list.
 *
 * `joinRoom` gives the room the connection of its own that a subscriber needs, a `duplicate()` of
 * the app's client, but never connects it (require-connect): node-redis v4 and later queue the
 * SUBSCRIBE for a connection that never comes, so `joinRoom` never returns, no message is ever
 * delivered, and nothing logs an error. `joinRoomConnected` next to it connects the duplicate first.
 */
import { createClient } from "redis";

const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
redis.on("error", (err: Error) => console.error("Redis error", err));
const ready = redis.connect();

/** The room's last 50 messages, oldest first. */
export async function history(room: string): Promise<string[]> {
  await ready;
  return redis.lRange(`chat:${room}:history`, -50, -1);
}

/** Posts to a room: kept in its history and published to everyone in it. */
export async function post(room: string, text: string): Promise<void> {
  await ready;
  await redis.rPush(`chat:${room}:history`, text);
  await redis.publish(`chat:${room}`, text);
}

/** Delivers the room's new messages to `onMessage` until the returned function is called. */
export async function joinRoom(room: string, onMessage: (text: string) => void): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on("error", (err: Error) => console.error("chat subscriber error", err));
  await subscriber.subscribe(`chat:${room}`, onMessage);
  return async () => {
    await subscriber.unsubscribe(`chat:${room}`);
    subscriber.destroy();
  };
}

/** The same, with the duplicate connected before it subscribes. */
export async function joinRoomConnected(room: string, onMessage: (text: string) => void): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on("error", (err: Error) => console.error("chat subscriber error", err));
  await subscriber.connect();
  await subscriber.subscribe(`chat:${room}`, onMessage);
  return async () => {
    await subscriber.unsubscribe(`chat:${room}`);
    subscriber.destroy();
  };
}
