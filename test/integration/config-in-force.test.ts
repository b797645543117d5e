/**
 * One owner of the configuration in force (issue 14): after a SIGHUP reload
 * and after a signed set-policy, /healthz, /status, the retained MQTT state
 * and the get-state reply all name the same policy mode. The agent in this
 * process, the lab spoke over real SSH, aedes, real HTTP, and an operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { reloadConfig } from '../../agent/cli/reload-config.js';
import { loadConfigFile } from '../../agent/config/load.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { agentOperatorRig, published, waitFor, type AgentOperatorRig, type OperatorSession } from '../support/agent-operator.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-in-force-');
let rig: AgentOperatorRig;

/** The mode as each reader reports it. */
async function modes(s: OperatorSession, tx: string): Promise<Record<string, unknown>> {
  const status = (await (await fetch(`http://127.0.0.1:${s.agent.httpPort}/status`)).json()) as { state: { mode: string } };
  const reply = await s.command(tx, 'get-state');
  return {
    healthz: (await s.health()).mode,
    status: status.state.mode,
    mqttState: published(s.seen, 'state').at(-1)?.mode,
    getState: (reply.result as { state: { mode: string } }).state.mode,
  };
}

const all = (mode: string) => ({ healthz: mode, status: mode, mqttState: mode, getState: mode });

describe('the configuration in force, as every reader reports it', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  it('agrees on the policy mode after a SIGHUP reload and after set-policy', async () => {
    const config = rig.configFor('in-force', join(tmp.dir, 'f.db'));
    expect(config.policy.mode).toBe('enforce');
    await rig.withAgent(config, async (s) => {
      await waitFor('the first retained state', () => published(s.seen, 'state').length > 0 || undefined);
      expect(await modes(s, 'tx-f0')).toEqual(all('enforce'));

      // SIGHUP: the file now says dry-run; it is read, validated and applied through RunningAgent.reload.
      const file = join(tmp.dir, 'agent.yaml');
      const next: AgentConfig = { ...structuredClone(config), policy: { ...config.policy, mode: 'dry-run' }, node: 'renamed' };
      writeFileSync(file, stringify(next));
      const logged: { event: string; fields?: Record<string, unknown> }[] = [];
      const log = {
        ...silentLogger,
        info: (event: string, fields?: Record<string, unknown>) => void logged.push({ event, ...(fields ? { fields } : {}) }),
        error: (event: string, fields?: Record<string, unknown>) => void logged.push({ event, ...(fields ? { fields } : {}) }),
      };
      reloadConfig({ load: () => loadConfigFile(file, {}), dryRun: false, reload: (c) => s.agent.reload(c), log });
      expect(logged).toEqual([{ event: 'reloaded', fields: { policy: 'applied', needRestart: ['node'] } }]);
      await waitFor('the retained state in dry-run', () => published(s.seen, 'state').at(-1)?.mode === 'dry-run' || undefined);
      expect(await modes(s, 'tx-f1')).toEqual(all('dry-run'));
      // What needs a restart keeps its start-up value.
      expect(s.agent.runtime.current.value.node).toBe('in-force');

      // set-policy back to enforce: the same owner, the same readers.
      expect(await s.command('tx-f2', 'set-policy', { policy: { mode: 'enforce' } })).toMatchObject({ ok: true });
      await waitFor('the retained state in enforce', () => published(s.seen, 'state').at(-1)?.mode === 'enforce' || undefined);
      expect(await modes(s, 'tx-f3')).toEqual(all('enforce'));
      expect(s.agent.runtime.loop.policy).toBe(s.agent.runtime.current.policy);
    });
  }, 90_000);
});
