/**
 * The fleet-wide snapshot request (proto/snapshot.ts) as a fleet consumer
 * sends it: a fresh id, the spread the answers come over, optionally one site.
 * Sent from a connect handler, after the renewed subscriptions, so the
 * answers find them in place. A lost request only leaves retained state.
 */
import { randomBytes } from 'node:crypto';
import { buildSnapshotRequest, snapshotTopic } from '../../../proto/snapshot.js';
import type { MqttBroker } from './mqtt-broker.js';

export function publishSnapshotRequest(broker: MqttBroker, root: string, spreadMs: number, site?: string): void {
  const request = buildSnapshotRequest({
    id: randomBytes(8).toString('base64url'),
    nowMs: Date.now(),
    spreadMs,
    ...(site ? { site } : {}),
  });
  // Best effort, like the QoS 0 request it is: a consumer asks again on its next start or reconnect.
  void broker.publish({ topic: snapshotTopic(root), payload: JSON.stringify(request), qos: 1 }).catch(() => undefined);
}
