/**
 * MqttBroker.close(signal): waits for in-flight acknowledgements until the
 * signal aborts, then fails what is still in flight and disconnects. aedes holds
 * the PUBACK while its authorizePublish hook holds the callback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttBroker } from '../../../agent/adapters/mqtt/mqtt-broker.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { waitFor } from './wait.js';

type Authorize = AedesBroker['broker']['authorizePublish'];

describe('MqttBroker.close with an AbortSignal', () => {
  let aedes: AedesBroker;
  let original: Authorize;
  beforeAll(async () => {
    aedes = await startAedes();
    original = aedes.broker.authorizePublish;
  });
  afterAll(async () => {
    await aedes.stop();
  });

  const connected = async (clientId: string) => {
    const b = new MqttBroker({ url: aedes.url, clientId, backoff: { baseMs: 10, capMs: 50 } });
    b.start();
    await waitFor(() => b.connected, 5_000, 'connected');
    return b;
  };

  it('waits for a held PUBACK until the signal aborts, then fails the publish as closed', async () => {
    const held: (() => void)[] = [];
    aedes.broker.authorizePublish = (_client, _packet, done) => held.push(() => done(null));
    const b = await connected('close-signal-held');
    try {
      const sent = b.publish({ topic: 'spokepilot/v1/s/n/event', payload: '{}', qos: 1, retain: false }).catch((e: unknown) => e);
      await waitFor(() => held.length === 1, 5_000, 'PUBLISH held');
      const t0 = Date.now();
      await b.close(AbortSignal.timeout(400));
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(350); // waited for the acknowledgement
      expect(took).toBeLessThan(3_000); // and not past the signal (plus the forced end)
      expect(await sent).toMatchObject({ code: 'MQTT_CLOSED' });
    } finally {
      aedes.broker.authorizePublish = original;
    }
  });

  it('with the PUBACK coming, closes as soon as it is in, long before the signal', async () => {
    const b = await connected('close-signal-acked');
    const sent = b.publish({ topic: 'spokepilot/v1/s/n/event', payload: '{}', qos: 1, retain: false });
    const t0 = Date.now();
    await b.close(AbortSignal.timeout(10_000));
    expect(Date.now() - t0).toBeLessThan(2_000);
    await expect(sent).resolves.toBeUndefined();
  });
});
