import mqtt from 'mqtt';

export interface MqttWatch {
  /** Messages received per topic leaf (`state`, `event`, ...). */
  counts: Record<string, number>;
  stop(): Promise<void>;
}

/** A consumer on the fleet tree, as an operator's mosquitto_sub or Telegraf would be. */
export async function watchFleet(
  url: string,
  root: string,
  onMessage?: (leaf: string, payload: Record<string, unknown>) => void,
): Promise<MqttWatch> {
  const client = await mqtt.connectAsync(url, { clientId: `spokepilot-demo-watch-${process.pid}`, reconnectPeriod: 500 });
  const counts: Record<string, number> = {};
  client.on('message', (topic, payload) => {
    const leaf = topic.split('/').at(-1)!;
    counts[leaf] = (counts[leaf] ?? 0) + 1;
    try {
      onMessage?.(leaf, JSON.parse(payload.toString()) as Record<string, unknown>);
    } catch {
      // not JSON: counted, not shown
    }
  });
  await client.subscribeAsync(`${root}/#`, { qos: 1 });
  return { counts, stop: () => client.endAsync() };
}
