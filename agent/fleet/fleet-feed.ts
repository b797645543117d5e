/**
 * Where the dashboard's messages come from: one connection per broker URL,
 * each subscribed to the fleet's topics (retained status and state arrive at
 * once, telemetry, events and replies as they come), and on every
 * connection the fleet-wide snapshot request (proto/snapshot.ts), so a broker
 * that keeps no retained messages for wildcards (RabbitMQ) still fills the
 * page within the spread. Commands go out on the first connected broker.
 */
import { randomBytes } from 'node:crypto';
import { MqttBroker } from '../adapters/mqtt/mqtt-broker.js';
import type { MqttBrokerOptions } from '../adapters/mqtt/mqtt-options.js';
import type { Logger } from '../ports/logger.js';
import { fleetFilter } from '../../proto/topics.js';
import { publishSnapshotRequest } from '../adapters/mqtt/snapshot-request.js';

/** Over how long the spokes' answers to the dashboard's snapshot request are spread. */
const SNAPSHOT_SPREAD_MS = 5000;

export interface FleetFeed {
  connectedCount(): number;
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export type BrokerSettings = Omit<MqttBrokerOptions, 'url' | 'clientId'>;

export async function startFleetFeed(o: {
  urls: string[];
  root: string;
  settings: BrokerSettings;
  log: Logger;
  onMessage: (topic: string, payload: Buffer) => void;
}): Promise<FleetFeed> {
  const brokers = o.urls.map(
    (url) =>
      new MqttBroker(
        {
          ...o.settings,
          url,
          clientId: `spokepilot-dashboard-${randomBytes(4).toString('hex')}`,
        },
        o.log.child('dashboard-mqtt'),
      ),
  );
  for (const b of brokers) {
    b.onMessage((m) => o.onMessage(m.topic, m.payload));
    await b.subscribe(fleetFilter(o.root), 1);
    // Renewed subscriptions go out before this runs, so the answers find them in place.
    b.onConnect(() => publishSnapshotRequest(b, o.root, SNAPSHOT_SPREAD_MS));
    b.start();
  }
  return {
    connectedCount: () => brokers.filter((b) => b.connected).length,
    async publish(topic, payload) {
      const b = brokers.find((x) => x.connected);
      if (!b) throw new Error('no broker connected: the command was not sent');
      await b.publish({ topic, payload, qos: 1 });
    },
    async close() {
      await Promise.all(brokers.map((b) => b.close(AbortSignal.timeout(1000))));
    },
  };
}
