/**
 * The configuration checked against the router (issue 13, item 2): the lab
 * spoke over real SSH, `spokepilot config check --router` as a real process,
 * and the agent itself, which only monitors when its file does not match.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startAgent } from '../../agent/compose/start-agent.js';
import type { FailoverAgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { runCli } from '../support/run-cli.js';
import { labSpokeSuite } from '../support/lab-spoke-suite.js';

const lab = labSpokeSuite({ prefix: 'spokepilot-preflight-', seed: 3 });

function config(name: string, change?: (c: FailoverAgentConfig) => void): FailoverAgentConfig {
  const c = labAgentConfig(lab.spoke.router.world, {
    sshPort: lab.spoke.ssh.port,
    hostKeySha256: lab.spoke.ssh.fingerprint,
    dbPath: join(lab.dir, `${name}.db`),
  });
  change?.(c);
  return c;
}

function file(name: string, c: FailoverAgentConfig): string {
  const path = join(lab.dir, `${name}.yaml`);
  writeFileSync(path, stringify(c));
  return path;
}

describe('preflight against the lab router', () => {
  it('config check --router passes the lab agent configuration and names each problem of a wrong one, with its fix', async () => {
    const ok = await runCli(['config', 'check', file('good', config('good')), '--router']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('router: matches the configuration');
    const wrong = await runCli([
      'config',
      'check',
      file(
        'bad',
        config('bad', (c) => {
          c.flexvpn.client = 'FLEX';
          c.candidates[0]!.slaOperations = [99];
          // fibre-hub2 judged on the fibre's probe of hub 1 (the lab's ip sla 11): numbers swapped.
          c.candidates[1]!.slaOperations = [11];
        }),
      ),
      '--router',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/CLIENT_MISSING: the router has no FlexVPN client "FLEX"\n\s+fix: .*SPOKE/);
    expect(wrong.stderr).toMatch(/SLA_MISSING: IP SLA operation 99/);
    expect(wrong.stderr).toMatch(
      /SLA_WRONG_PEER: IP SLA operation 11 probes \S+, another hub, but candidate fibre-hub2 is on \S+\n\s+fix: /,
    );
    expect(wrong.stderr).toMatch(/the agent would only monitor/);
  }, 60_000);

  it('an agent whose file does not match the router monitors only, says why, and writes nothing to the router', async () => {
    const before = lab.spoke.router.state().tracks;
    const agent = await startAgent(
      config('mismatch', (c) => {
        c.flexvpn.peers[1]!.stubTrack = 150;
      }),
      { log: silentLogger, clock: agentClockFrom(lab.clock) },
    );
    try {
      expect(agent.runtime.loop.policy.mode).toBe('dry-run');
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'preflight', code: 'PEER_TRACK_NOT_AGENTS' })]);
      // Hub 1 dies: the agent decides (dry-run) but never touches the router: no track 150 is created.
      lab.spoke.router.world.setHubUp('hub1', false);
      const deadline = Date.now() + 20_000;
      while (!agent.runtime.lastDecision || agent.runtime.lastDecision.action !== 'switch') {
        if (Date.now() > deadline) throw new Error('no decision');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(agent.runtime.lastDecision.dryRun).toBe(true);
      const after = lab.spoke.router.state().tracks;
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort()); // no track created (150 is not there)
      for (const stub of [101, 102, 111, 112]) expect(after[stub]).toBe(before[stub]); // none of the agent's stubs set
    } finally {
      lab.spoke.router.world.setHubUp('hub1', true);
      expect((await agent.stop('test over', 5000)).outcome).toBe('skipped'); // dry-run: no restore either
    }
  }, 60_000);
});
