/**
 * A dual-cloud start in dry-run after a run that ended steered (as a killed
 * agent leaves it: no restore), over real SSH to the lab's dual-cloud spoke:
 * the agent's route-maps still prefer hub 2 and tag the LAN toward hub 1; the
 * next start in dry-run makes them neutral again (BGP chooses hub 1 by itself),
 * as going to dry-run does. A file that does not match the router (its
 * preflight fails) writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { DualCloudAgentConfig } from '../../agent/config/types.js';
import { planBgpSteer } from '../../agent/core/dual-cloud/plan.js';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudSpokeLines } from '../../lab/harness/dual-cloud-agent-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import type { BgpPathEntry, RouteMapEntry } from '../../proto/records/routing.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const SPEED = 10;
const HUB1 = '172.31.1.1';
const HUB2 = '172.31.2.1';

describe('a dual-cloud start in dry-run after a run that ended steered (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let cli: SshRouterCli;
  let config: DualCloudAgentConfig;
  let tmp: ReturnType<typeof tempDir>;

  const read = async <T>(command: string): Promise<T[]> => parseCommandOutput(command, await cli.show(command)).records as T[];
  const best = async () => (await read<BgpPathEntry>('show bgp ipv4 unicast')).find((p) => p.network === '10.0.0.0/8' && p.best)?.nextHop;
  const setClauses = async () => (await read<RouteMapEntry>('show route-map')).flatMap((e) => e.set ?? []);

  beforeEach(async () => {
    tmp = tempDir('spokepilot-dual-dry-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 3,
      topology: 'dual-cloud',
      users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    });
    config = dualCloudLabAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
      mode: 'dry-run',
    });
    cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
    await cli.configure(dualCloudSpokeLines(config));
    // What an agent killed while steered to hub 2 left behind: its own steer, applied as it applies one.
    const left = planBgpSteer(config.dualCloud, HUB2);
    await cli.configure(left.configLines);
    for (const c of left.execCommands) await cli.exec(c);
    await waitFor('the left steer in force: hub 2 best', async () => (await best()) === HUB2 || undefined, 30_000);
  }, 60_000);
  afterEach(async () => {
    await agent?.stop('test over', 5000);
    agent = undefined;
    await cli.close();
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('gives BGP the choice back: the route-maps neutral, hub 1 best again by itself, journaled', async () => {
    expect(await setClauses()).not.toEqual([]);
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    expect(await setClauses()).toEqual([]);
    await waitFor('BGP back on hub 1 by itself', async () => (await best()) === HUB1 || undefined, 30_000);
    const rows = agent.store.reporting({ nonceKeepMs: 0 })!.journal.query({ kinds: ['mode'], limit: 10, newest: true });
    expect(rows.map((r) => r.data)).toContainEqual(expect.objectContaining({ action: 'release-left-steer', outcome: 'verified' }));
  }, 60_000);

  it('a file the router does not match (preflight fails) writes nothing', async () => {
    const wrong: DualCloudAgentConfig = {
      ...config,
      dualCloud: { ...config.dualCloud, hubs: config.dualCloud.hubs.map((h, i) => (i === 0 ? { ...h, routeMapIn: 'NOT-THERE' } : h)) },
    };
    agent = await startAgent(wrong, { log: silentLogger, clock: agentClockFrom(clock) });
    expect(await setClauses()).not.toEqual([]);
    expect(await best()).toBe(HUB2);
  }, 60_000);
});
