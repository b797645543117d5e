/**
 * `listening`: connected and every subscription acknowledged. A command published between
 * CONNACK and SUBACK on a clean session is lost, so tests (and operators' tools) wait for this,
 * not for `connected`. aedes holds the SUBACK while its authorizeSubscribe hook holds the callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttBroker } from '../../../agent/adapters/mqtt/mqtt-broker.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { waitFor } from './wait.js';

type Authorize = AedesBroker['broker']['authorizeSubscribe'];

describe('MqttBroker.listening', () => {
  let aedes: AedesBroker;
  let original: Authorize;
  beforeAll(async () => {
    aedes = await startAedes();
    original = aedes.broker.authorizeSubscribe;
  });
  afterAll(async () => {
    await aedes.stop();
  });

  it('is false from CONNACK until the SUBACK, then true', async () => {
    const held: (() => void)[] = [];
    aedes.broker.authorizeSubscribe = (_client, sub, done) => held.push(() => done(null, sub));
    const b = new MqttBroker({ url: aedes.url, clientId: 'listening-held', backoff: { baseMs: 10, capMs: 50 } });
    try {
      await b.subscribe('spokepilot/v1/s/n/cmd', 1);
      b.start();
      await waitFor(() => b.connected && held.length === 1, 5_000, 'connected, SUBSCRIBE held');
      expect(b.listening).toBe(false);
      held[0]!();
      await waitFor(() => b.listening, 5_000, 'listening after SUBACK');
    } finally {
      aedes.broker.authorizeSubscribe = original;
      await b.close();
    }
  });

  // A null subscription from the hook is a refusal (SUBACK 0x80) without a disconnect.
  it('stays false when the broker refuses a subscription', async () => {
    aedes.broker.authorizeSubscribe = (_client, sub, done) => done(null, sub.topic.endsWith('/cmd') ? null : sub);
    const b = new MqttBroker({ url: aedes.url, clientId: 'listening-refused', backoff: { baseMs: 10, capMs: 50 } });
    try {
      b.start();
      await waitFor(() => b.connected, 5_000, 'connected');
      await b.subscribe('spokepilot/v1/s/n/status', 1);
      expect(b.listening).toBe(true);
      await expect(b.subscribe('spokepilot/v1/s/n/cmd', 1)).rejects.toMatchObject({ code: 'MQTT_SUBSCRIBE_REFUSED' });
      expect(b.connected).toBe(true);
      expect(b.listening).toBe(false);
    } finally {
      aedes.broker.authorizeSubscribe = original;
      await b.close();
    }
  });
});
