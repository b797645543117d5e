/**
 * The running agent on its MQTT side, end to end: the lab spoke over SSH, the
 * agent, the embedded aedes broker, and an operator's client that watches the
 * tree and sends a signed force-path command.
 */
import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildSignedCommand, generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { runFailover } from '../../lab/harness/failover-run.js';
import { parseScenarioText } from '../../lab/scenario/load.js';
import { startEmbeddedBroker } from '../../lab/embedded-broker.js';
import { tempDir } from '../support/temp-dir.js';

describe('the agent over MQTT (lab + aedes)', () => {
  it('publishes birth, retained state and decision events, and obeys a signed force-path command', async () => {
    const work = tempDir();
    const broker = await startEmbeddedBroker();
    const key = generateSigningKey();
    const operator = await mqtt.connectAsync(broker.url, { clientId: 'operator' });
    const seen: { topic: string; body: Record<string, unknown> }[] = [];
    operator.on('message', (topic, payload) => seen.push({ topic, body: JSON.parse(payload.toString()) }));
    await operator.subscribeAsync('spokepilot/v1/#', { qos: 1 });
    const leaf = (name: string) => seen.filter((m) => m.topic.endsWith(`/${name}`)).map((m) => m.body);
    try {
      const scenario = parseScenarioText('name: quiet\nduration: 90s\nseed: 1\nactions: []\n');
      await runFailover({
        scenario,
        mode: 'agent',
        speed: 10,
        workDir: work.dir,
        mqttUrl: broker.url,
        commandKeys: [{ id: 'noc-1', publicKey: key.publicPem }],
        onAgent: (_agent, spoke) => {
          // Once the agent has judged the paths, the NOC forces the LTE source for a while.
          setTimeout(() => {
            const cmd = buildSignedCommand(
              {
                site: 'lab',
                node: 'spoke1',
                cmd: 'force-path',
                args: { source: 'Cellular0/1/0', forSec: 600 },
                keyId: 'noc-1',
                nowMs: spoke.router.state().at,
                tx: 'tx-force-1',
              },
              parsePrivateKey(key.privatePem),
            );
            void operator.publishAsync('spokepilot/v1/lab/spoke1/cmd', JSON.stringify(cmd), { qos: 1 });
          }, 3000);
        },
      });
      expect(leaf('status').map((s) => s.state)).toEqual(expect.arrayContaining(['online']));
      const reply = leaf('reply').find((r) => r.tx === 'tx-force-1');
      expect(reply).toMatchObject({ tx: 'tx-force-1', ok: true });
      const decisions = leaf('event')
        .filter((e) => e.kind === 'decision')
        .map((e) => e.decision as { action: string; reason: { code: string } });
      expect(decisions.some((d) => d.action === 'switch' && d.reason.code === 'override')).toBe(true);
      const lastState = leaf('state').at(-1) as { active: { source?: string }; override?: { by: string } };
      expect(lastState.active.source).toBe('Cellular0/1/0');
      expect(lastState.override?.by).toBe('noc-1');
      // The forced pivot is one path-change, from the fibre to the LTE, not one per end of the tunnel's bounce.
      const changes = leaf('event').filter((e) => e.kind === 'path-change') as { from: { source?: string }; to: { source?: string } }[];
      expect(changes).toEqual([
        expect.objectContaining({
          from: expect.objectContaining({ source: 'GigabitEthernet0/0' }),
          to: expect.objectContaining({ source: 'Cellular0/1/0' }),
        }),
      ]);
      for (const m of seen) expect(typeof m.body.id).toBe('string'); // every payload carries a message id
    } finally {
      await operator.endAsync();
      await broker.stop();
      work.cleanup();
    }
  }, 60_000);
});
