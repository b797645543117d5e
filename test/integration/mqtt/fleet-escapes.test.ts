/**
 * Red-team finding 12, as it was found: an escape-laden state published
 * retained by a client that is not the node, then `spokepilot fleet --once`
 * (the real bin) on the operator's console.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROOT, topicOf } from '../../../proto/topics.js';
import { runCli } from '../../support/run-cli.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { SAMPLE_STATE } from './scenarios.js';

const ESC = '\u001b]0;PWN\u0007\u001b[2J\u001b[31mHACKED';
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const TERMINAL_CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('spokepilot fleet against escape-laden retained payloads (real bin, aedes)', () => {
  let broker: AedesBroker;
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker.stop();
  });

  it('prints no control character, and shows a state that fails its schema as invalid', async () => {
    const evil = await mqtt.connectAsync(broker.url, { clientId: 'rt-esc' });
    try {
      const env = { v: 1, id: 'x', ts: Date.now() };
      const valid = { ...env, ...SAMPLE_STATE, active: { ...SAMPLE_STATE.active, peer: ESC } };
      await evil.publishAsync(
        topicOf(DEFAULT_ROOT, { site: 'evil', node: 'n1' }, 'status'),
        JSON.stringify({ ...env, state: 'online', session: 1, agentVersion: ESC }),
        { qos: 1, retain: true },
      );
      await evil.publishAsync(topicOf(DEFAULT_ROOT, { site: 'evil', node: 'n1' }, 'state'), JSON.stringify(valid), {
        qos: 1,
        retain: true,
      });
      await evil.publishAsync(
        topicOf(DEFAULT_ROOT, { site: 'evil', node: 'n2' }, 'state'),
        JSON.stringify({ ...env, active: { peer: ESC } }),
        { qos: 1, retain: true },
      );

      const run = await runCli(['fleet', '--broker', broker.url, '--once']);
      expect(run.code, run.stderr).toBe(0);
      expect(TERMINAL_CONTROLS.test(run.stdout.replace(/\n/g, ''))).toBe(false);
      const lines = run.stdout.trim().split('\n');
      // The text stays visible, inert: each escape sequence is one ␛.
      expect(lines.find((l) => l.startsWith('evil/n1'))).toMatch(/online\s+\u241b\u241b\u241bHACKED\s/);
      expect(lines.find((l) => l.startsWith('evil/n2'))).toMatch(/\[invalid state: /);
    } finally {
      await evil.endAsync();
    }
  });
});
