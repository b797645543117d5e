import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import type { Seen } from './observer.js';
import { commandRoundTrips } from './command-scenario.js';
import { backlogAcrossBrokerRestart, birthWillAndRetained } from './scenarios.js';

describe('MQTT against aedes in-process (MQTT 3.1.1)', () => {
  let broker: AedesBroker;
  const dirs: ReturnType<typeof tempDir>[] = [];
  const dir = () => {
    const d = tempDir('spokepilot-aedes-');
    dirs.push(d);
    return d.dir;
  };
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker?.stop();
    for (const d of dirs) d.cleanup();
  });

  it('birth, Will and retained state as a subscriber sees them', async () => {
    await birthWillAndRetained({ url: broker.url, protocolVersion: 4 }, dir(), 'aedes-birth');
  });

  it('answers signed commands and refuses every bad one', async () => {
    await commandRoundTrips({ url: broker.url, protocolVersion: 4 }, dir());
  });

  it('delivers a 10,000-message backlog complete and in order across a broker outage', async () => {
    const accepted: Seen[] = [];
    broker.broker.on('publish', (packet, client) => {
      if (client && packet.topic.startsWith('spokepilot/'))
        accepted.push({ topic: packet.topic, retain: packet.retain, body: JSON.parse(packet.payload.toString()) });
    });
    const r = await backlogAcrossBrokerRestart({ url: broker.url, protocolVersion: 4 }, broker, dir(), accepted);
    console.log(`aedes backlog: ${r.duplicates} duplicates (QoS 1 retransmissions), ${r.historical} historical`);
  }, 120_000);
});
