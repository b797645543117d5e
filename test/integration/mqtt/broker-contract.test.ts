/**
 * One contract for the Broker port, run against the in-memory fake and the
 * real adapter (mqtt.js over aedes): what the publisher and the command
 * handler rely on must hold for both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../agent/adapters/mqtt/backoff.js';
import { BrokerError, type Broker, type IncomingMessage } from '../../../agent/ports/broker.js';
import { FakeMqttNetwork, type FakeBroker } from '../../../agent/adapters/mqtt/fake-broker.js';
import { MqttBroker } from '../../../agent/adapters/mqtt/mqtt-broker.js';
import { topicMatches } from '../../../agent/adapters/mqtt/topic-match.js';
import { seededRandom } from '../../support/random.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { waitFor } from './wait.js';

interface Rig {
  make(id: string): Broker;
  /** Kills the client's connection without DISCONNECT. */
  cut(b: Broker): void;
}

let aedes: AedesBroker;
beforeAll(async () => {
  aedes = await startAedes();
});
afterAll(async () => {
  await aedes.stop();
});

const net = new FakeMqttNetwork();
const rigs: [string, () => Rig][] = [
  ['fake', () => ({ make: (id) => net.client(id), cut: (b) => (b as FakeBroker).drop() })],
  [
    'mqtt.js on aedes',
    () => ({
      make: (id) => new MqttBroker({ url: aedes.url, clientId: id, backoff: { baseMs: 10, capMs: 50 } }),
      cut: (b) => (b as unknown as { client?: { stream: { destroy(): void } } }).client?.stream.destroy(),
    }),
  ],
];

describe.each(rigs)('Broker port contract: %s', (_name, makeRig) => {
  it('refuses to publish before connecting, then delivers QoS 1 with PUBACK and subscriptions', async () => {
    const rig = makeRig();
    const a = rig.make(`a-${_name}`);
    const b = rig.make(`b-${_name}`);
    await expect(a.publish({ topic: 't/1', payload: 'x', qos: 1 })).rejects.toMatchObject({ code: 'MQTT_NOT_CONNECTED' });
    const got: IncomingMessage[] = [];
    b.onMessage((m) => got.push(m));
    await b.subscribe('t/+', 1); // offline: remembered, made on connect
    const connects: number[] = [];
    a.onConnect((i) => connects.push(i.connection));
    a.start();
    b.start();
    await waitFor(() => a.connected && b.connected, 5000, 'both connected');
    await waitFor(
      async () => {
        await a.publish({ topic: 't/1', payload: 'hello', qos: 1 });
        return got.length > 0;
      },
      5000,
      'delivery',
    );
    expect(got[0]!.payload.toString()).toBe('hello');
    expect(connects).toEqual([1]);
    await a.close();
    await b.close();
    await expect(a.publish({ topic: 't/1', payload: 'x', qos: 1 })).rejects.toBeInstanceOf(BrokerError);
  });

  it('fails in-flight publishes on connection loss, tells the listeners, reconnects and renews subscriptions', async () => {
    const rig = makeRig();
    const a = rig.make(`c-${_name}`);
    const b = rig.make(`d-${_name}`);
    const got: string[] = [];
    b.onMessage((m) => got.push(m.payload.toString()));
    await b.subscribe('u/#', 1);
    const downs: string[] = [];
    b.onDisconnect((r) => downs.push(r));
    a.start();
    b.start();
    await waitFor(() => a.connected && b.connected, 5000, 'both connected');
    rig.cut(b);
    if (!(b instanceof MqttBroker)) (b as FakeBroker).reconnect();
    await waitFor(() => downs.length === 1 && b.connected, 5000, 'b back');
    await waitFor(
      async () => {
        await a.publish({ topic: 'u/x', payload: 'after', qos: 1 });
        return got.includes('after');
      },
      5000,
      'delivery after reconnect',
    );
    await a.close();
    await b.close();
  });
});

describe('reconnect backoff and topic matching', () => {
  it('draws full jitter: uniform under an exponential ceiling, capped', () => {
    const rand = seededRandom(7);
    const o = { baseMs: 500, capMs: 60_000 };
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(o.capMs, 500 * 2 ** attempt);
      const draws = Array.from({ length: 2000 }, () => fullJitterDelay(attempt, o, rand));
      expect(Math.max(...draws)).toBeLessThan(ceiling);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      // Spread over the whole range, not clustered (a fleet must not come back in lockstep).
      const mean = draws.reduce((x, y) => x + y, 0) / draws.length;
      expect(mean / ceiling).toBeGreaterThan(0.45);
      expect(mean / ceiling).toBeLessThan(0.55);
    }
  });

  it('matches + and # as MQTT does', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+', 'a/b/c')).toBe(false);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
  });
});
