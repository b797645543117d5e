/**
 * Path repair against the lab over real SSH (the hub-drain scenario played by
 * hand): hub 1 drains and its operator clears its sessions, so the FlexVPN
 * client moves to hub 2; the agent still intends fibre-hub1 (hub 1 answers its
 * probes) and its tracks are right, so only the path differs. While hub 1
 * refuses new sessions the agent's reselect lands back on hub 2 and is raised
 * and backed off; once hub 1 accepts sessions again the next reselect puts
 * the router back on hub 1, each step an event with its reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { eventBody } from '../../agent/shell/report/report-bodies.js';
import type { DriftEvent, RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { pathRepairSentence } from '../../agent/cli/human/reasons.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { createPayloadValidators } from '../../proto/schemas/index.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

/** The configuration in force with another policy mode: a reload as SIGHUP or set-policy makes it. */
const withMode = (c: AgentConfig, mode: AgentConfig['policy']['mode']): AgentConfig => ({ ...c, policy: { ...c.policy, mode } });

/** Lab seconds per real second: the first backoff (60 lab s) is 3 s. */
const SPEED = 20;
const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';

describe('path repair against the lab (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent;
  let tmp: ReturnType<typeof tempDir>;
  const events: RuntimeEvent[] = [];
  const drifts = () => events.flatMap((e) => (e.kind === 'drift' ? [e.event] : [])) as DriftEvent[];
  const reasons = () => drifts().flatMap((d) => ('reason' in d ? [d.reason] : []));
  const peer = () => {
    const c = spoke.router.state().clients[0];
    return c?.phase === 'connected' ? c.peer : undefined;
  };

  beforeEach(async () => {
    events.length = 0;
    tmp = tempDir('spokepilot-path-repair-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({ clock, seed: 5, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
    const config = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    await waitFor(
      'adoption',
      () => (agent.runtime.loop.state.selected === 'fibre-hub1' && agent.runtime.pollerStats().flexvpn!.reads >= 1) || undefined,
    );
  });
  afterEach(async () => {
    await agent?.stop('test over', 5000);
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('after a hub drain the router is put back on the intended hub, each reselect explained and reported', async () => {
    const loop = agent.runtime.loop;
    await waitFor('fibre-hub1 judged good', () => loop.state.health['fibre-hub1']?.verdict === 'good' || undefined);
    spoke.router.world.setHubDraining('hub1', true);
    spoke.router.world.clearHubSessions('hub1');
    await waitFor('the client on hub 2', () => peer() === HUB2 || undefined);

    // Hub 1 still refuses: the reselect lands back on hub 2, raised as DRIFT_PATH and backed off.
    const failed = await waitFor('a failed reselect', () => reasons().find((r) => r.code === 'path-reselect-failed'), 40_000);
    expect(failed).toMatchObject({ candidate: 'fibre-hub1', peer: HUB1, from: HUB2, landed: HUB2, attempt: 1 });
    expect(reasons()[0]).toMatchObject({
      code: 'path-reselect',
      candidate: 'fibre-hub1',
      peer: HUB1,
      from: HUB2,
      settleSec: 60,
      attempt: 1,
    });
    expect(peer()).toBe(HUB2);
    await waitFor(
      'raised as DRIFT_PATH while backing off',
      () => (loop.drift?.status === 'unrepaired' && agent.degradations.list().some((d) => d.code === 'DRIFT_PATH')) || undefined,
    );
    expect(loop.state.selected).toBe('fibre-hub1');

    spoke.router.world.setHubDraining('hub1', false);
    const back = await waitFor('reselected onto hub 1', () => reasons().find((r) => r.code === 'path-reselected'), 40_000);
    expect(back).toMatchObject({ candidate: 'fibre-hub1', peer: HUB1, from: HUB2 });
    expect(back.attempt).toBeGreaterThanOrEqual(2);
    expect(peer()).toBe(HUB1);
    expect(spoke.router.state().clients[0]).toMatchObject({ source: 'GigabitEthernet0/0' });
    await waitFor('in sync, nothing degraded', () => (loop.drift === undefined && agent.degradations.list().length === 0) || undefined);

    // Every try is an event, in order: sent, judged; only a whole number of tries, each with a reason in words.
    const codes = reasons().map((r) => r.code);
    expect(codes.at(-1)).toBe('path-reselected');
    expect(codes.filter((c) => c === 'path-reselect')).toHaveLength(codes.length / 2);
    for (const [i, c] of codes.entries())
      expect(c).toBe(i % 2 === 0 ? 'path-reselect' : i === codes.length - 1 ? 'path-reselected' : 'path-reselect-failed');
    expect(drifts().map((d) => d.action)).toContain('resolved');
    expect(agent.runtime.metrics.repairsApplied).toBe(1);
    expect(agent.runtime.metrics.repairsFailed).toBe(codes.length / 2 - 1);
    // As published: valid against the event schema, and each reason has its sentence.
    const v = createPayloadValidators();
    for (const e of events.filter((x) => x.kind === 'drift')) {
      const body = eventBody(e)!;
      expect(v.payload('event', { v: 1, id: 'x', ts: 1, ...body }), JSON.stringify(body)).toBeNull();
    }
    expect(pathRepairSentence(reasons()[0]!, Date.now())).toMatch(new RegExp(`clears hub ${HUB2}'s IKEv2 SA`));
    expect(pathRepairSentence(back, Date.now())).toMatch(/back on fibre-hub1/);
  }, 120_000);

  it("hub 1 returns on a router without `peer reactivate`: the failback steer clears hub 2's SA and the router follows", async () => {
    const loop = agent.runtime.loop;
    expect(spoke.router.model.config.flexClients.get('SPOKE')?.peerReactivate ?? false).toBe(false);
    await waitFor('fibre-hub1 judged good', () => loop.state.health['fibre-hub1']?.verdict === 'good' || undefined);
    spoke.router.world.setHubUp('hub1', false);
    await waitFor(
      'the agent on hub 2',
      () => (peer() === HUB2 && loop.state.selected === 'fibre-hub2' && !loop.actuating) || undefined,
      40_000,
    );
    const cleared: string[] = [];
    spoke.router.subscribe((e) => {
      if (e.kind === 'ike-session' && e.state === 'down' && e.reason === 'clear crypto ikev2 sa') cleared.push(e.peer);
    });
    spoke.router.world.setHubUp('hub1', true);
    const back = await waitFor(
      'the failback verified',
      () => events.find((e) => e.kind === 'actuation' && e.effect.kind === 'steer' && e.effect.candidate === 'fibre-hub1' && e.outcome.ok),
      60_000,
    );
    expect(back).toMatchObject({ outcome: { ok: true, attempts: 1 } });
    expect(peer()).toBe(HUB1);
    expect(cleared).toEqual([HUB2]);
  }, 120_000);

  it('actuation.pathRepair.enabled false: the difference is raised as DRIFT_PATH, the router left where IOS put it', async () => {
    await agent.stop('restart with path repair off', 5000);
    const base = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    agent = await startAgent(
      { ...base, actuation: { ...base.actuation, pathRepair: { ...base.actuation.pathRepair, enabled: false } } },
      { log: silentLogger, clock: agentClockFrom(clock) },
    );
    agent.runtime.events.on((e) => events.push(e));
    const loop = agent.runtime.loop;
    await waitFor('fibre-hub1 judged good', () => loop.state.health['fibre-hub1']?.verdict === 'good' || undefined, 40_000);
    spoke.router.world.setHubDraining('hub1', true);
    spoke.router.world.clearHubSessions('hub1');
    await waitFor('the client on hub 2', () => peer() === HUB2 || undefined);
    spoke.router.world.setHubDraining('hub1', false);
    await waitFor('raised as DRIFT_PATH', () => agent.degradations.list().some((d) => d.code === 'DRIFT_PATH') || undefined, 40_000);
    const reads = agent.runtime.pollerStats().flexvpn!.reads;
    await waitFor(
      '30 more FlexVPN polls (past the default settle and a backoff)',
      () => agent.runtime.pollerStats().flexvpn!.reads >= reads + 30 || undefined,
      40_000,
    );
    expect(reasons().filter((r) => r.code.startsWith('path-reselect'))).toEqual([]);
    expect(peer()).toBe(HUB2);
    expect(loop.state.selected).toBe('fibre-hub1');
  }, 120_000);

  it('dry-run: the same difference is reported, never reselected', async () => {
    const loop = agent.runtime.loop;
    agent.reload(withMode(agent.runtime.current.value, 'dry-run'));
    await waitFor('fibre-hub1 judged good', () => loop.state.health['fibre-hub1']?.verdict === 'good' || undefined);
    spoke.router.world.setHubDraining('hub1', true);
    spoke.router.world.clearHubSessions('hub1');
    await waitFor('the client on hub 2', () => peer() === HUB2 || undefined);
    spoke.router.world.setHubDraining('hub1', false);
    // Dry-run's intent is release (every candidate allowed), so the router on hub 2 is no difference at all.
    const reads = agent.runtime.pollerStats().flexvpn!.reads;
    await waitFor(
      '30 more FlexVPN polls (150 lab s: past the settle and a backoff)',
      () => agent.runtime.pollerStats().flexvpn!.reads >= reads + 30 || undefined,
      40_000,
    );
    expect(reasons()).toEqual([]);
    expect(peer()).toBe(HUB2);
  }, 90_000);
});
