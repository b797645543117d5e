/**
 * Reconciliation of a dual-cloud spoke's steering over real SSH (issue 15
 * item 4): between steers an operator (a second SSH session) edits the
 * agent's route-maps, removes one, or removes a neighbour line that applies
 * one, as a hand edit or a reload with an older startup configuration would.
 * The agent notices on its next BGP poll, puts back what its last verified
 * steer left (route-maps, neighbour lines, soft clears), and says so: drift
 * events and `repair` rows in its journal (the real SQLite file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import type { DriftEvent, RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudSpokeLines } from '../../lab/harness/dual-cloud-agent-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import type { BgpNeighborDetail, BgpPathEntry, RouteMapEntry } from '../../proto/records/routing.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

/** Lab seconds per real second: a BGP poll (5 lab s) is 0.5 s, the pause between repairs (30 lab s) 3 s. */
const SPEED = 10;
const HUB1 = '172.31.1.1';
const HUB2 = '172.31.2.1';
const LAN = '10.20.12.0/24';

describe('dual-cloud route-map reconciliation (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let ops: SshRouterCli;
  let config: AgentConfig;
  let tmp: ReturnType<typeof tempDir>;
  const events: RuntimeEvent[] = [];
  const drifts = (from = 0) => events.slice(from).flatMap((e) => (e.kind === 'drift' ? [e.event] : [])) as DriftEvent[];

  const read = async <T>(command: string): Promise<T[]> => {
    const r = parseCommandOutput(command, await ops.show(command));
    expect(r.warnings, command).toEqual([]);
    return r.records as T[];
  };
  const routeMap = async (name: string) => (await read<RouteMapEntry>('show route-map')).filter((m) => m.name === name);
  const neighbor = async (address: string) => (await read<BgpNeighborDetail>('show ip bgp neighbors')).find((n) => n.neighbor === address);

  /** An operator's change, then the agent's drift events for it: detected, a repair applied, resolved. */
  async function handEdit(lines: string[]): Promise<DriftEvent[]> {
    const mark = events.length;
    await ops.configure(lines);
    await waitFor('the difference repaired', () => drifts(mark).some((d) => d.action === 'resolved') || undefined, 30_000);
    return drifts(mark);
  }

  beforeAll(async () => {
    tmp = tempDir('spokepilot-dual-cloud-reconcile-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 11,
      topology: 'dual-cloud',
      users: [
        { username: 'agent', password: 'agent', privilege: 15 },
        { username: 'ops', password: 'ops', privilege: 15 },
      ],
    });
    config = dualCloudLabAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    ops = labSshCli(spoke.ssh, { username: 'ops', password: 'ops' });
    await ops.configure(dualCloudSpokeLines(config));
    await ops.exec('clear ip bgp * soft');
    await waitFor(
      'both sessions up, hub 1 best',
      async () =>
        (await read<BgpPathEntry>('show bgp ipv4 unicast')).find((p) => p.network === '10.0.0.0/8' && p.best)?.nextHop === HUB1 ||
        undefined,
      30_000,
    );
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    const reads = () => agent!.runtime.pollerStats().flexvpn!.reads;
    await waitFor('hub 1 adopted', () => (agent!.runtime.loop.state.selected === 'hub1' && reads() >= 1) || undefined, 30_000);
    const after = reads();
    await waitFor('two BGP polls more', () => reads() >= after + 2 || undefined, 30_000);
  }, 90_000);
  afterAll(async () => {
    await agent?.stop('test over', 5000);
    await ops?.close();
    await spoke?.stop();
    clock?.clearAll();
    tmp?.cleanup();
  });

  it('adopted with neutral route-maps: in sync, nothing repaired', () => {
    expect(agent!.runtime.loop.drift).toBeUndefined();
    expect(drifts()).toEqual([]);
  });

  it('a set line added by hand to a neutral route-map is taken out again', async () => {
    const seen = await handEdit(['route-map SPOKEPILOT-IN-HUB2 permit 10', 'set local-preference 300']);
    expect(seen.map((d) => d.action)).toEqual(['detected', 'repair-applied', 'resolved']);
    expect(seen[0]).toMatchObject({
      drift: {
        status: 'repairing',
        intended: { released: true },
        routeMaps: ['route-map SPOKEPILOT-IN-HUB2 sets local-preference 300, intended none'],
        repairs: 1,
      },
    });
    expect((await routeMap('SPOKEPILOT-IN-HUB2'))[0]?.set).toEqual([]);
  }, 60_000);

  it('the neighbour line that applies a route-map, removed, is put back', async () => {
    const seen = await handEdit(['router bgp 65000', `no neighbor ${HUB1} route-map SPOKEPILOT-IN-HUB1 in`]);
    expect(seen[0]).toMatchObject({
      drift: { routeMaps: [`neighbor ${HUB1} route-map in is none, intended SPOKEPILOT-IN-HUB1`] },
    });
    expect(await neighbor(HUB1)).toMatchObject({ routeMapIn: 'SPOKEPILOT-IN-HUB1', routeMapOut: 'SPOKEPILOT-OUT-HUB1' });
  }, 60_000);

  it('steered to hub 2, then its route-maps edited and one removed: the steer is put back, the return path too', async () => {
    spoke.router.world.setPath('GigabitEthernet0/0', 'hub1', { latencyMs: 350, jitterMs: 80, lossPct: 2 });
    await waitFor(
      'the steer to hub 2 verified',
      () => events.find((e) => e.kind === 'actuation' && e.effect.kind === 'steer' && e.effect.candidate === 'hub2' && e.outcome.ok),
      60_000,
    );
    await waitFor(
      'in sync after the steer',
      () => (agent!.runtime.loop.drift === undefined && !agent!.runtime.loop.actuating) || undefined,
    );
    expect(spoke.router.world.returnHubFor(LAN)).toBe('hub2');

    // The return path's tag removed and the change pushed out: the core would come back through the bad hub 1.
    let seen = await handEdit(['route-map SPOKEPILOT-OUT-HUB1 permit 10', 'no set community']);
    expect(seen[0]).toMatchObject({
      drift: {
        intended: { candidate: 'hub2', released: false },
        routeMaps: ['route-map SPOKEPILOT-OUT-HUB1 sets community none, intended 65000:110'],
      },
    });
    expect((await routeMap('SPOKEPILOT-OUT-HUB1'))[0]).toMatchObject({ setCommunities: ['65000:110'], setCommunityAdditive: true });
    await waitFor('the return through hub 2 again', () => spoke.router.world.returnHubFor(LAN) === 'hub2' || undefined);

    // The whole inbound route-map gone (a reload with an older startup configuration): defined again, hub 2 preferred again.
    seen = await handEdit(['no route-map SPOKEPILOT-IN-HUB2']);
    expect(seen[0]).toMatchObject({ drift: { routeMaps: [`route-map SPOKEPILOT-IN-HUB2 permit 10 is missing`] } });
    expect((await routeMap('SPOKEPILOT-IN-HUB2'))[0]).toMatchObject({ action: 'permit', sequence: 10, setLocalPreference: 200 });
    const best = (await read<BgpPathEntry>('show bgp ipv4 unicast')).find((p) => p.network === '10.0.0.0/8' && p.best);
    expect(best).toMatchObject({ nextHop: HUB2, localPref: 200 });

    // An entry of the agent's route-map that the agent does not own (it would match first): removed.
    seen = await handEdit(['route-map SPOKEPILOT-IN-HUB2 deny 5']);
    expect(seen[0]).toMatchObject({
      drift: { routeMaps: ['route-map SPOKEPILOT-IN-HUB2 has an entry deny 5 the agent does not own'] },
    });
    expect((await routeMap('SPOKEPILOT-IN-HUB2')).map((m) => m.sequence)).toEqual([10]);
  }, 120_000);

  it('each repair is in the journal with what differed, and its outcome', async () => {
    await agent!.stop('read the journal', 5000);
    agent = undefined;
    const db = openDatabase(join(tmp.dir, 'agent.db'));
    const rows = db.prepare("SELECT kind, data FROM journal WHERE kind IN ('repair', 'repair-outcome') ORDER BY id").all() as {
      kind: string;
      data: string;
    }[];
    db.close();
    const repairs = rows.filter((r) => r.kind === 'repair').map((r) => JSON.parse(r.data) as { drift: { routeMaps: string[] } });
    expect(repairs.map((r) => r.drift.routeMaps[0])).toEqual([
      'route-map SPOKEPILOT-IN-HUB2 sets local-preference 300, intended none',
      `neighbor ${HUB1} route-map in is none, intended SPOKEPILOT-IN-HUB1`,
      'route-map SPOKEPILOT-OUT-HUB1 sets community none, intended 65000:110',
      'route-map SPOKEPILOT-IN-HUB2 permit 10 is missing',
      'route-map SPOKEPILOT-IN-HUB2 has an entry deny 5 the agent does not own',
    ]);
    const outcomes = rows.filter((r) => r.kind === 'repair-outcome').map((r) => JSON.parse(r.data) as { ok: boolean });
    expect(outcomes).toHaveLength(5);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  }, 30_000);
});
