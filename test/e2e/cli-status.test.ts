/**
 * `spokepilot status` against a running agent (this process: the lab over SSH,
 * aedes, an operator): human output says the mode, an override and its
 * expiry, MQTT and the outbox, the last decision in words; --json is /status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentOperatorRig, waitFor, type AgentOperatorRig } from '../support/agent-operator.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-status-');
let rig: AgentOperatorRig;

describe('spokepilot status (real bin, running agent)', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  it('says the mode, the override and when it ends, MQTT and the outbox, and the last decision in words', async () => {
    await rig.withAgent(rig.configFor('status', join(tmp.dir, 's.db')), async ({ agent, command }) => {
      await waitFor('a first decision', () => agent.runtime.lastDecision);
      const lte = agent.runtime.loop.policy.candidates.find((c) => c.source.startsWith('Cellular'))!;
      expect(await command('tx-s1', 'force-path', { source: lte.source, forSec: 3600 })).toMatchObject({ ok: true });
      expect(await command('tx-s2', 'set-policy', { policy: { mode: 'dry-run' } })).toMatchObject({ ok: true });
      await waitFor('the override decision', () => (agent.runtime.lastDecision?.reason.code === 'override' ? true : undefined));

      const r = await runCli(['status', '--port', String(agent.httpPort)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^lab\/status \(spokepilot .+\): up \d+ s/);
      expect(r.stdout).toContain('mode         dry-run (decides and reports, changes nothing on the router)');
      expect(r.stdout).toMatch(/health {7}ok/);
      expect(r.stdout).toMatch(/mqtt {9}connected, (outbox empty|\d+ reports? waiting in the outbox)/);
      expect(r.stdout).toMatch(
        new RegExp(`override {5}source ${lte.source} by noc-1, until (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d \\(in (59 min|1 h)\\)`),
      );
      expect(r.stdout).toMatch(/operator noc-1 forced WAN Cellular0\/1\/0 until (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d \(in (59 min|1 h)\)/);
      expect(r.stdout).not.toMatch(/\d{13}|"code"/); // no epoch milliseconds, no raw reason JSON

      const json = await runCli(['status', '--port', String(agent.httpPort), '--json']);
      const body = JSON.parse(json.stdout) as { state: { mode: string; override: { untilMs: number } }; mqtt: { connected: boolean } };
      expect(body.state.mode).toBe('dry-run');
      expect(typeof body.state.override.untilMs).toBe('number');
      expect(body.mqtt.connected).toBe(true);
    });
  }, 90_000);
});
