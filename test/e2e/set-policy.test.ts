/**
 * A signed set-policy changes what it names and nothing else (issue 13: a
 * partial policy silently reset every other setting to its default). The
 * agent in this process, the lab over SSH, aedes, and an operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentOperatorRig, type AgentOperatorRig } from '../support/agent-operator.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-policy-');
let rig: AgentOperatorRig;

describe('set-policy over MQTT', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  it('merges a partial policy into the one in force, nested sections key by key', async () => {
    await rig.withAgent(rig.configFor('policy', join(tmp.dir, 'p.db')), async ({ agent, command }) => {
      const before = structuredClone(agent.runtime.loop.policy);
      expect(before.windowSamples).toBe(8); // the lab's tuning, not the default
      const reply = await command('tx-p1', 'set-policy', { policy: { preemptDelaySec: 120, fail: { rttMs: 300 }, mode: before.mode } });
      // The reply says what changed, setting by setting, and what was named but already so.
      expect(reply).toMatchObject({
        ok: true,
        result: {
          applied: [
            { setting: 'preemptDelaySec', from: before.preemptDelaySec, to: 120 },
            { setting: 'fail.rttMs', from: before.fail.rttMs, to: 300 },
          ],
          unchanged: ['mode'],
        },
      });
      const after = agent.runtime.loop.policy;
      expect(after.preemptDelaySec).toBe(120);
      expect(after.fail).toEqual({ ...before.fail, rttMs: 300 });
      expect({ ...after, preemptDelaySec: before.preemptDelaySec, fail: before.fail }).toEqual(before);
      // A bad value is refused whole and changes nothing.
      expect(await command('tx-p2', 'set-policy', { policy: { preemptDelaySec: 30, minSamples: 1000 } })).toMatchObject({
        ok: false,
        error: { code: 'invalid-args' },
      });
      expect(agent.runtime.loop.policy.preemptDelaySec).toBe(120);
      // A misspelt setting is named, not ignored; an empty policy is a mistake, not a no-op.
      const misspelt = await command('tx-p3', 'set-policy', { policy: { preemtDelaySec: 30 } });
      expect(misspelt).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      expect(JSON.stringify(misspelt)).toContain('preemtDelaySec');
      expect(await command('tx-p4', 'set-policy', { policy: {} })).toMatchObject({
        ok: false,
        error: { code: 'invalid-args', message: 'the policy names no setting to change' },
      });
      expect(agent.runtime.loop.policy.preemptDelaySec).toBe(120);
    });
  }, 60_000);
});
