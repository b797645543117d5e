/**
 * A start in dry-run after a run that ended steered (issue 13: "dry-run
 * leaves earlier forbids in place"), over real SSH to the lab: an agent that
 * stopped without restoring (as a killed one does) left the fibre forbidden;
 * the next start in dry-run gives that forbid back, from its own journal, and
 * nothing else: a forbid set by hand afterwards is only reported.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const SPEED = 20;
const FIBRE_TRACK = 111;
const LTE_TRACK = 112;
const LTE = 'Cellular0/1/0';

describe('a start in dry-run after a run that ended steered (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let ops: SshRouterCli;
  let tmp: ReturnType<typeof tempDir>;

  const track = (n: number) => spoke.router.state().tracks[n];
  /** The same database every time: the journal is what tells the agent's forbids from anyone else's. */
  const config = (mode: 'enforce' | 'dry-run'): AgentConfig => {
    const c = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
      mode,
    });
    // `leave`: stopping keeps the last steer, as a killed agent does (no restore runs).
    return { ...c, actuation: { ...c.actuation, onStop: 'leave' } };
  };
  const start = async (mode: 'enforce' | 'dry-run') => {
    agent = await startAgent(config(mode), { log: silentLogger, clock: agentClockFrom(clock) });
    return agent;
  };
  const stop = async () => {
    await agent?.stop('test over', 5000);
    agent = undefined;
  };

  beforeEach(async () => {
    tmp = tempDir('spokepilot-dry-start-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 5,
      users: [
        { username: 'agent', password: 'agent', privilege: 15 },
        { username: 'ops', password: 'ops', privilege: 15 },
      ],
    });
    ops = labSshCli(spoke.ssh, { username: 'ops', password: 'ops' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
  });
  afterEach(async () => {
    await stop();
    await ops.close();
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('gives back its own forbid left by the earlier run, and leaves one set by hand to be reported', async () => {
    // The earlier run: steered to the LTE (the fibre forbidden), then gone without restoring.
    const first = await start('enforce');
    await waitFor('adoption', () => first.runtime.loop.state.selected === 'fibre-hub1' && first.runtime.pollerStats().flexvpn!.reads >= 1);
    first.runtime.loop.observe({ kind: 'override', source: LTE, untilMs: Date.now() + 3_600_000, by: 'test' });
    await waitFor('steered to the LTE', () => track(FIBRE_TRACK) === 'down' && !first.runtime.loop.actuating);
    await stop();
    expect(track(FIBRE_TRACK)).toBe('down');

    // Started in dry-run: the forbid is given back before the agent starts watching.
    const second = await start('dry-run');
    expect(track(FIBRE_TRACK)).toBe('up');
    expect(second.runtime.current.value.policy.mode).toBe('dry-run');
    expect(second.degradations.list()).toEqual([]);
    await waitFor(
      'in sync on its first FlexVPN read',
      () => second.runtime.pollerStats().flexvpn!.reads >= 1 && second.runtime.loop.drift === undefined,
    );
    await stop();

    // A forbid set by hand afterwards is not the agent's: the next dry-run start reports it and changes nothing.
    await ops.configure([`track ${LTE_TRACK} stub-object`, 'default-state down']);
    const third = await start('dry-run');
    await waitFor(
      'the hand-made forbid reported',
      () =>
        third.runtime.loop.drift?.status === 'dry-run' &&
        third.runtime.loop.drift.tracks.some((t) => t.track === LTE_TRACK && t.seen === 'down'),
    );
    expect(track(LTE_TRACK)).toBe('down');
    expect(track(FIBRE_TRACK)).toBe('up');
  }, 90_000);
});
