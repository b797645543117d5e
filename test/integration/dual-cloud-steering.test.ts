/**
 * The agent steering a dual-cloud spoke over real SSH (the lab's dual-cloud
 * topology, its configuration pasted from `config ios` as an operator would):
 * hub 1's path browns out, the agent prefers hub 2 inbound (local preference
 * on its routes) and tags the spoke's LAN toward hub 1 (the community the
 * hubs map to a lower local preference), verifies by reading BGP back, with
 * soft clears only (no session drops); on stop the route-maps are neutral
 * again and BGP decides alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { eventBody, telemetryBody } from '../../agent/shell/report/report-bodies.js';
import type { RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudSpokeLines } from '../../lab/harness/dual-cloud-agent-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { createPayloadValidators } from '../../proto/schemas/index.js';
import type { BgpNeighborDetail, BgpPathEntry, RouteMapEntry } from '../../proto/records/routing.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

/** Lab seconds per real second. */
const SPEED = 10;
const HUB1 = '172.31.1.1';
const HUB2 = '172.31.2.1';
const LAN = '10.20.12.0/24';

describe('dual-cloud steering through BGP (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let cli: SshRouterCli;
  let config: AgentConfig;
  let tmp: ReturnType<typeof tempDir>;
  const events: RuntimeEvent[] = [];

  const read = async <T>(command: string): Promise<T[]> => {
    const r = parseCommandOutput(command, await cli.show(command));
    expect(r.warnings, command).toEqual([]);
    return r.records as T[];
  };
  const bestOf = async (prefix: string) => (await read<BgpPathEntry>('show bgp ipv4 unicast')).find((p) => p.network === prefix && p.best);
  const sessionsDropped = async () =>
    (await read<BgpNeighborDetail>('show ip bgp neighbors')).reduce((n, x) => n + (x.connectionsDropped ?? 0), 0);

  beforeAll(async () => {
    tmp = tempDir('spokepilot-dual-cloud-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 7,
      topology: 'dual-cloud',
      users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    });
    config = dualCloudLabAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
    // The operator's paste: the probes, the agent's neutral route-maps and the neighbour lines that apply them.
    await cli.configure(dualCloudSpokeLines(config));
    await cli.exec('clear ip bgp * soft');
    await waitFor(
      'both sessions up, hub 1 best (lowest router ID)',
      async () => (await bestOf('10.0.0.0/8'))?.nextHop === HUB1 || undefined,
    );
  }, 60_000);
  afterAll(async () => {
    await agent?.stop('test over', 5000);
    await cli?.close();
    await spoke?.stop();
    clock?.clearAll();
    tmp?.cleanup();
  });

  it('a hub 1 brownout: the agent prefers hub 2 both ways, verified by reading BGP back, sessions kept', async () => {
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    const loop = agent.runtime.loop;
    expect(agent.degradations.list()).toEqual([]); // the preflight passed: the pasted configuration matches
    await waitFor(
      'hub1 adopted and judged good',
      () => (loop.state.selected === 'hub1' && loop.state.health.hub1?.verdict === 'good') || undefined,
      30_000,
    );
    expect(spoke.router.world.returnHubFor(LAN)).toBe('hub1');
    const dropsBefore = await sessionsDropped();

    spoke.router.world.setPath('GigabitEthernet0/0', 'hub1', { latencyMs: 350, jitterMs: 80, lossPct: 2 });
    const steered = await waitFor(
      'the steer to hub 2 verified',
      () => events.find((e) => e.kind === 'actuation' && e.effect.kind === 'steer' && e.effect.candidate === 'hub2' && e.outcome.ok),
      60_000,
    );
    expect(steered).toMatchObject({ outcome: { ok: true } });
    const decision = events.find((e) => e.kind === 'decision' && e.decision.action === 'switch' && e.decision.to === 'hub2');
    // On its latest probes (two slow echoes in a row), not on a window whose median still holds clean ones.
    expect(decision).toMatchObject({
      decision: { from: 'hub1', reason: { code: 'current-bad', candidate: 'hub1', cause: { kind: 'quality', sustained: true } } },
    });

    // Inbound: the summary's best path is hub 2's, with the agent's local preference.
    expect(await bestOf('10.0.0.0/8')).toMatchObject({ nextHop: HUB2, localPref: 200 });
    // Outbound: the LAN is tagged toward hub 1, which maps it to local preference 50: the return path is hub 2 too.
    const maps = await read<RouteMapEntry>('show route-map');
    expect(maps.find((m) => m.name === 'SPOKEPILOT-IN-HUB2')).toMatchObject({ setLocalPreference: 200 });
    expect(maps.find((m) => m.name === 'SPOKEPILOT-OUT-HUB1')).toMatchObject({ setCommunities: ['65000:110'], setCommunityAdditive: true });
    expect(maps.find((m) => m.name === 'SPOKEPILOT-IN-HUB1')?.set).toEqual([]);
    expect(spoke.router.world.hubLearned('hub1').find((r) => r.prefix === LAN)?.communities).toEqual(['65000:110']);
    expect(spoke.router.world.returnHubFor(LAN)).toBe('hub2');
    // Soft clears only: no session went down, and the agent's view agrees with the router.
    expect(await sessionsDropped()).toBe(dropsBefore);
    await waitFor(
      'the router seen on hub 2',
      () => (loop.state.routerActive?.peer === HUB2 && loop.state.routerActive.source === 'Tunnel2') || undefined,
    );

    // Published as the contract says.
    const v = createPayloadValidators();
    for (const e of events) {
      const body = eventBody(e);
      if (body) expect(v.payload('event', { v: 1, id: 'x', ts: 1, ...body }), JSON.stringify(body)).toBeNull();
    }
  }, 120_000);

  it('a spoke-to-spoke flow: the NHRP shortcut is reported as it appears, in telemetry, and outlives hub 1', async () => {
    spoke.router.setFlow('10.20.13.9', true);
    const appeared = await waitFor(
      'a shortcut event',
      () => events.find((e) => e.kind === 'shortcut' && e.change.action === 'appeared'),
      30_000,
    );
    expect(appeared).toMatchObject({
      change: { shortcut: { prefix: '10.20.13.0/24', interface: 'Virtual-Access1', nbmaAddress: '192.0.2.50' } },
    });
    expect(agent!.runtime.shortcuts?.map((x) => x.prefix)).toEqual(['10.20.13.0/24']);
    const telemetry = telemetryBody(agent!.runtime);
    expect(telemetry.shortcuts).toMatchObject([
      { prefix: '10.20.13.0/24', via: expect.stringMatching(/^172\.31\.[12]\.13$/), expireSec: expect.any(Number) },
    ]);
    expect(createPayloadValidators().payload('telemetry', { v: 1, id: 'x', ts: 1, trigger: 'change', ...telemetry })).toBeNull();
    // Spoke 2's LAN is not protected (the data centre, 10.0.0.0/16, is): no violation was ever raised.
    expect(
      events.filter((e) => e.kind === 'shortcut-violations').every((e) => e.kind === 'shortcut-violations' && e.violations.length === 0),
    ).toBe(true);
    // Hub 1 dies (the hub the shortcut's resolution may have gone through): the shortcut stays until its hold time.
    spoke.router.world.setHubUp('hub1', false);
    // Its tunnel drops with the SA (interface-down outranks the session's own bgp-down), and fall-over closes the session.
    await waitFor(
      'hub 1 judged down, its session too',
      () => {
        const st = agent!.runtime.loop.state;
        return (st.bgpDown?.includes(HUB1) && ['interface-down', 'bgp-down'].includes(st.health.hub1?.cause?.kind ?? '')) || undefined;
      },
      60_000,
    );
    const readsAfter = agent!.runtime.pollerStats().flexvpn!.reads;
    await waitFor('two more BGP/NHRP reads', () => agent!.runtime.pollerStats().flexvpn!.reads >= readsAfter + 2 || undefined, 30_000);
    expect(events.filter((e) => e.kind === 'shortcut' && e.change.action === 'gone')).toEqual([]);
    expect(agent!.runtime.shortcuts?.map((x) => x.prefix)).toEqual(['10.20.13.0/24']);
    spoke.router.world.setHubUp('hub1', true);
  }, 120_000);

  it('into dry-run the route-maps are released (BGP alone), back to enforce hub 2 is steered to again', async () => {
    const setMode = (mode: 'enforce' | 'dry-run') => agent!.reload({ ...config, policy: { ...config.policy, mode } });
    const released = () => events.find((e, i) => i >= mark && e.kind === 'actuation' && e.effect.kind === 'release' && e.outcome.ok);
    let mark = events.length;
    setMode('dry-run');
    await waitFor('the release verified', released, 30_000);
    const maps = await read<RouteMapEntry>('show route-map');
    expect(maps.filter((m) => m.name.startsWith('SPOKEPILOT-')).every((m) => m.set.length === 0)).toBe(true);
    mark = events.length;
    setMode('enforce');
    const back = await waitFor(
      'hub 2 steered to again',
      () => events.find((e, i) => i >= mark && e.kind === 'actuation' && e.effect.kind === 'steer' && e.outcome.ok),
      30_000,
    );
    expect(back).toMatchObject({ effect: { candidate: 'hub2' } });
    expect(await bestOf('10.0.0.0/8')).toMatchObject({ nextHop: HUB2, localPref: 200 });
  }, 120_000);

  it('on stop the preference and the tag are removed (verified) and BGP decides alone again', async () => {
    await waitFor(
      "hub 1's session back",
      async () => (await read<BgpNeighborDetail>('show ip bgp neighbors')).every((n) => n.state === 'established') || undefined,
      60_000,
    );
    const outcome = await agent!.stop('test over', 10_000);
    agent = undefined;
    expect(outcome).toEqual({ outcome: 'verified' });
    const maps = await read<RouteMapEntry>('show route-map');
    expect(
      maps
        .filter((m) => m.name.startsWith('SPOKEPILOT-'))
        .map((m) => [m.name, m.set])
        .sort(),
    ).toEqual([
      ['SPOKEPILOT-IN-HUB1', []],
      ['SPOKEPILOT-IN-HUB2', []],
      ['SPOKEPILOT-OUT-HUB1', []],
      ['SPOKEPILOT-OUT-HUB2', []],
    ]);
    // BGP alone: hub 1 again by router ID (it is still browned out; BGP does not see that), both ways.
    await waitFor('hub 1 best again', async () => (await bestOf('10.0.0.0/8'))?.nextHop === HUB1 || undefined);
    expect((await bestOf('10.0.0.0/8'))?.localPref).toBe(100);
    await waitFor('the return path back on hub 1', () => spoke.router.world.returnHubFor(LAN) === 'hub1' || undefined);
  }, 60_000);
});

describe('dual-cloud steering that BGP does not follow (real SSH)', () => {
  it('is retried, then the route-maps are rolled back to the last verified steer, and the failure reported', async () => {
    const tmp = tempDir('spokepilot-dual-cloud-rollback-');
    const clock = new ScaledClock(SPEED);
    const spoke = await startLabSpoke({
      clock,
      seed: 8,
      topology: 'dual-cloud',
      users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    });
    const base = dualCloudLabAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    const config: AgentConfig = { ...base, actuation: { ...base.actuation, verifyTimeoutSec: 5, retries: 1 } };
    const cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
    const events: RuntimeEvent[] = [];
    let agent: RunningAgent | undefined;
    try {
      await cli.configure(dualCloudSpokeLines(config));
      await cli.exec('clear ip bgp * soft');
      agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
      agent.runtime.events.on((e) => events.push(e));
      const loop = agent.runtime.loop;
      await waitFor(
        'hub1 adopted and judged good',
        () => (loop.state.selected === 'hub1' && loop.state.health.hub2?.verdict === 'good') || undefined,
        30_000,
      );
      // Hub 2 stops advertising the summary (its session stays up): no steer to it can show in the table.
      spoke.router.world.setHubAdvertised('hub2', []);
      loop.observe({ kind: 'override', peer: HUB2, untilMs: clock.now() + 600_000, by: 'test' });
      const failed = await waitFor(
        'the steer to hub 2 failed',
        () => events.find((e) => e.kind === 'actuation' && e.effect.kind === 'steer' && !e.outcome.ok),
        60_000,
      );
      expect(failed).toMatchObject({
        outcome: {
          ok: false,
          code: 'ACTUATE_VERIFY_FAILED',
          attempts: 2,
          rolledBack: true,
          message: expect.stringContaining(`10.0.0.0/8 via ${HUB1}`),
        },
      });
      // Rolled back to what was last verified: nothing (the agent had not steered), so every route-map neutral.
      const maps = parseCommandOutput('show route-map', await cli.show('show route-map')).records as RouteMapEntry[];
      expect(maps.filter((m) => m.name.startsWith('SPOKEPILOT-')).map((m) => m.set)).toEqual([[], [], [], []]);
      expect(loop.state.steerBlockedUntil.hub2).toBeGreaterThan(clock.now());
      expect(eventBody(failed)).toMatchObject({ kind: 'warning', code: 'ACTUATE_VERIFY_FAILED', subject: 'hub2' });
    } finally {
      await agent?.stop('test over', 5000);
      await cli.close();
      await spoke.stop();
      clock.clearAll();
      tmp.cleanup();
    }
  }, 120_000);
});
