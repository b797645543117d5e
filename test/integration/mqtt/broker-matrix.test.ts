/**
 * What every broker of the matrix does with the messages spokepilot sends:
 * QoS 1 across endpoints (cluster nodes), and the two RabbitMQ differences the
 * design works around (retained not delivered to wildcards; dots in a level).
 * The broker is asserted to behave as its capabilities say, so a broker that
 * changes fails here first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { matrixNames, startBroker, type BrokerName, type MatrixBroker } from './broker-matrix.js';
import { Observer } from './observer.js';
import mqtt from 'mqtt';

describe.each(matrixNames())('broker matrix: %s', (name: BrokerName) => {
  let tmp: ReturnType<typeof tempDir>;
  let broker: MatrixBroker;
  beforeAll(async () => {
    tmp = tempDir(`spokepilot-matrix-${name}-`);
    broker = await startBroker(name, tmp.dir);
  }, 120_000);
  afterAll(async () => {
    await broker?.stop();
    tmp?.cleanup();
  }, 60_000);

  const publishOnce = async (url: string, topic: string, payload: string, retain = false) => {
    const c = await mqtt.connectAsync(url, { clientId: `pub-${Math.random().toString(36).slice(2)}`, protocolVersion: 4, reconnectPeriod: 0 });
    await c.publishAsync(topic, payload, { qos: 1, retain });
    await c.endAsync();
  };

  it('delivers QoS 1 from one endpoint to a wildcard subscriber on another', async () => {
    const observer = await Observer.connect(broker.urls.at(-1)!, 'mx/+/+/+');
    try {
      await publishOnce(broker.urls[0]!, 'mx/site-a/node-1/event', JSON.stringify({ n: 1 }));
      const got = await observer.waitFor((s) => s.topic === 'mx/site-a/node-1/event', 'the event');
      expect(got.body).toEqual({ n: 1 });
    } finally { await observer.close(); }
  });

  it('delivers (or not) a retained message to a later wildcard subscriber as its capabilities say', async () => {
    const topic = `mx/site-r/node-${name}/state`;
    // Published and read on the same endpoint: this is about wildcards, not about nodes.
    await publishOnce(broker.urls[0]!, topic, '{"r":1}', true);
    const wildcard = await Observer.connect(broker.urls[0]!, 'mx/site-r/+/+');
    const exact = await Observer.connect(broker.urls[0]!, topic);
    try {
      await exact.waitFor((s) => s.topic === topic && s.retain, 'retained on the exact topic');
      // A QoS 1 round trip on the wildcard connection: anything retained was sent before its reply.
      await publishOnce(broker.urls[0]!, 'mx/site-r/marker/event', '{}');
      await wildcard.waitFor((s) => s.topic.endsWith('/marker/event'), 'marker');
      expect(wildcard.seen.some((s) => s.topic === topic)).toBe(broker.caps.retainedOnWildcards);
    } finally {
      await wildcard.close();
      await exact.close();
      await publishOnce(broker.urls[0]!, topic, '', true); // clear it
    }
  });

  it('routes a site name with a dot to a `+` level only where dots are ordinary characters', async () => {
    const observer = await Observer.connect(broker.urls[0]!, 'mx/+/+/telemetry');
    try {
      await publishOnce(broker.urls[0]!, 'mx/paris.fr/node-1/telemetry', '{"dotted":true}');
      await publishOnce(broker.urls[0]!, 'mx/paris-fr/node-1/telemetry', '{"dotted":false}');
      await observer.waitFor((s) => s.body.dotted === false, 'the undotted message');
      expect(observer.seen.some((s) => s.body.dotted === true)).toBe(broker.caps.dotsInLevels);
    } finally { await observer.close(); }
  });
});
