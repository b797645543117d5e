/**
 * `spokepilot config ios` (issue 13, item 3): the configuration it prints,
 * pasted over real SSH into a lab spoke that has only its interfaces (no
 * probes, tracks or FlexVPN client), is accepted line by line, passes the
 * agent's preflight, and brings the tunnel up; the agent started on it
 * passes its own preflight, enforces, and steers the tunnel through the stub
 * tracks the text put in the client's lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { runPreflight } from '../../agent/shell/decide/run-preflight.js';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { defaultLabConfig } from '../../lab/router/default-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const tmp = tempDir('spokepilot-ios-');
let clock: ScaledClock;
let spoke: LabSpoke;
let agent: RunningAgent | undefined;

/** The lab's default configuration without probes, tracks or the FlexVPN client block: interfaces, routes, DPD. */
function bareConfig(): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of defaultLabConfig(defaultWorldSpec()).split('\n')) {
    if (!line.startsWith(' ')) skipping = /^(track \d+ |ip sla \d+$|ip sla schedule |crypto ikev2 client flexvpn )/.test(line);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

describe('config ios, pasted into a bare lab spoke', () => {
  beforeAll(async () => {
    clock = new ScaledClock(5);
    spoke = await startLabSpoke({ clock, seed: 3, config: bareConfig(), users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  });
  afterAll(async () => {
    await agent?.stop('test over', 5000);
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('is accepted line by line, passes the preflight, the tunnel comes up, and the agent steers it', async () => {
    const lab = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'a.db'),
    });
    // An in-tunnel probe's target (a host behind the hubs) is the operator's to choose: the generator leaves a template.
    const config = { ...lab, flexvpn: { ...lab.flexvpn, tunnelSlaOperations: [] } };
    const file = join(tmp.dir, 'agent.yaml');
    writeFileSync(file, stringify(config));
    const router = new SshRouterCli({
      host: '127.0.0.1',
      port: spoke.ssh.port,
      username: 'agent',
      password: 'agent',
      hostKeySha256: spoke.ssh.fingerprint,
      acceptAnyHostKey: false,
      connectTimeoutMs: 5000,
      commandTimeoutMs: 10_000,
    });
    try {
      expect((await runPreflight(config, router)).status).toBe('failed'); // bare: no client, no stubs
      const printed = await runCli(['config', 'ios', file]);
      expect(printed.code).toBe(0);
      const lines = printed.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('!'));
      expect(lines.length).toBeGreaterThan(10);
      await router.configure(lines.map((l) => l.trim())); // rejects at the first line IOS refuses
      expect(await runPreflight(config, router)).toMatchObject({ status: 'passed' });
      const deadline = Date.now() + 30_000;
      while (spoke.router.state().clients[0]?.phase !== 'connected') {
        if (Date.now() > deadline) throw new Error(`the tunnel did not come up: ${JSON.stringify(spoke.router.state().clients[0])}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const [fibre, lte] = config.flexvpn.sources;
      expect(spoke.router.state().clients[0]).toMatchObject({ peer: config.flexvpn.peers[0]!.address, source: fibre!.interface });

      // The agent on what was pasted: its own preflight passes (no degradation), so it enforces.
      agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
      expect(agent.degradations.list()).toEqual([]);
      expect(agent.runtime.current.value.policy.mode).toBe('enforce');
      const loop = agent.runtime.loop;
      await waitFor('the agent to adopt the fibre', () => loop.state.selected === config.candidates[0]!.id, 30_000);

      // An operator's override (what a signed force-path does): the agent takes the fibre away through its stub,
      // which the generated list track ANDs into the client's source line, and IOS moves the tunnel to the LTE.
      loop.observe({ kind: 'override', source: lte!.interface, untilMs: Date.now() + 3_600_000, by: 'test' });
      await waitFor(
        'the tunnel on the LTE, steered by the agent',
        () => spoke.router.state().clients[0]?.source === lte!.interface && !loop.actuating,
        30_000,
      );
      expect(spoke.router.state().tracks[fibre!.stubTrack]).toBe('down');
      expect(agent.runtime.metrics.actuationFailures).toBe(0);
      expect(loop.drift).toBeUndefined();

      // Stopping hands the router back: every stub up again, IOS's own judgement alone.
      await agent.stop('test over', 5000);
      agent = undefined;
      expect(spoke.router.state().tracks[fibre!.stubTrack]).toBe('up');
    } finally {
      await router.close();
    }
  }, 90_000);
});
