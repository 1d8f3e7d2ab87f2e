import { GlideClient, GlideClientConfiguration } from "@valkey/valkey-glide";

/**
 * A user's notifications: delivered over pub/sub, kept in an inbox list. GLIDE subscribes when the
 * client connects, and always over RESP3, where a subscribed connection still takes ordinary
 * commands: one client both receives and stores.
 */
export async function notifications(host: string, userId: string) {
  const client: GlideClient = await GlideClient.createClient({
    addresses: [{ host }],
    pubsubSubscriptions: {
      channelsAndPatterns: {
        [GlideClientConfiguration.PubSubChannelModes.Exact]: new Set([`notifications:${userId}`]),
      },
      callback: (msg) => {
        void client.lpush(`inbox:${userId}`, [String(msg.message)]);
      },
    },
  });
  return {
    /** The inbox, newest first. */
    inbox: () => client.lrange(`inbox:${userId}`, 0, -1),
    close: () => client.close(),
  };
}
