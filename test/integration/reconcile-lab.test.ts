/**
 * Reconciliation against the lab over real SSH (issue 13 item 1): the agent
 * runs in this process against a lab spoke, an operator changes the agent's
 * stub tracks by hand through a second SSH session, and the agent must notice
 * on its next FlexVPN poll, repair what it can, count it, raise what it
 * cannot (in /healthz, /status, /metrics, the MQTT state and events), and
 * apply mode changes to the router: into dry-run its forbids are released,
 * back to enforce the router is steered to the selected candidate.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import type { DriftEvent, RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

/** The configuration in force with another policy mode: a reload as SIGHUP or set-policy makes it. */
const withMode = (c: AgentConfig, mode: AgentConfig['policy']['mode']): AgentConfig => ({ ...c, policy: { ...c.policy, mode } });

/** Lab seconds per real second: the verify timeout (30 lab s) is 1.5 s, a FlexVPN poll (5 lab s) 0.25 s. */
const SPEED = 20;
const FIBRE_TRACK = 111;
const LTE_TRACK = 112;

describe('reconciliation against the lab (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent;
  let ops: SshRouterCli;
  let tmp: ReturnType<typeof tempDir>;
  let broker: EmbeddedBroker | undefined;
  const events: RuntimeEvent[] = [];
  const drifts = () => events.flatMap((e) => (e.kind === 'drift' ? [e.event] : [])) as DriftEvent[];

  async function start(o: { mqtt?: boolean } = {}): Promise<void> {
    if (o.mqtt) broker = await startEmbeddedBroker();
    const config = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
      ...(broker ? { mqttUrl: broker.url } : {}),
    });
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    // Adopted, and the first comparison done: in sync.
    await waitFor('adoption', () => agent.runtime.loop.state.selected === 'fibre-hub1' && agent.runtime.pollerStats().flexvpn!.reads >= 1);
  }

  const track = (n: number) => spoke.router.state().tracks[n];
  const http = async (path: string) => {
    const r = await fetch(`http://127.0.0.1:${agent.httpPort}${path}`);
    return path === '/metrics' ? r.text() : (r.json() as Promise<Record<string, unknown>>);
  };
  const flexReads = () => agent.runtime.pollerStats().flexvpn!.reads;

  beforeEach(async () => {
    events.length = 0;
    tmp = tempDir('spokepilot-reconcile-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 5,
      users: [
        { username: 'agent', password: 'agent', privilege: 15 },
        { username: 'ops', password: 'ops', privilege: 15 },
      ],
    });
    // The operator: a second SSH session to the same router.
    ops = labSshCli(spoke.ssh, { username: 'ops', password: 'ops' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
  });
  afterEach(async () => {
    await agent?.stop('test over', 5000);
    await ops.close();
    await broker?.stop();
    broker = undefined;
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('a stub track flipped by hand is repaired on the next poll, counted and reported', async () => {
    await start();
    expect(agent.runtime.loop.drift).toBeUndefined();
    expect(track(FIBRE_TRACK)).toBe('up');

    await ops.configure([`track ${FIBRE_TRACK} stub-object`, 'default-state down']);
    expect(track(FIBRE_TRACK)).toBe('down');

    await waitFor(
      'the flip repaired',
      () =>
        agent.runtime.metrics.repairsApplied >= 1 &&
        track(FIBRE_TRACK) === 'up' &&
        agent.runtime.loop.drift === undefined &&
        drifts().some((d) => d.action === 'resolved'),
    );
    expect(drifts().map((d) => d.action)).toEqual(['detected', 'repair-applied', 'resolved']);
    const detected = drifts()[0] as Extract<DriftEvent, { drift: unknown }>;
    expect(detected.drift).toMatchObject({
      status: 'repairing',
      intended: { candidate: 'fibre-hub1' },
      tracks: [{ track: FIBRE_TRACK, want: 'up', seen: 'down' }],
      repairs: 1,
    });
    expect(agent.runtime.metrics.driftsDetected).toBe(1);
    expect(agent.degradations.list()).toEqual([]);

    const metrics = (await http('/metrics')) as string;
    expect(metrics).toContain('spokepilot_drift_total 1');
    expect(metrics).toMatch(/spokepilot_drift_repairs_total\{outcome="applied"\} [1-9]/);
    expect(metrics).toContain('spokepilot_drift 0');
    expect(metrics).toContain('spokepilot_intended_path{candidate="fibre-hub1"} 1');
    expect(metrics).toContain('spokepilot_active_path{candidate="fibre-hub1"} 1');
    expect(await http('/healthz')).toMatchObject({ status: 'ok', mode: 'enforce' });
    const status = (await http('/status')) as { reconcile: Record<string, unknown> };
    expect(status.reconcile).toMatchObject({ drift: null, driftsDetected: 1, repairsFailed: 0 });
  }, 60_000);

  it('a track the router will not take back is raised after 3 repairs, not retried, and clears when fixed by hand', async () => {
    await start({ mqtt: true });
    const operator = await mqtt.connectAsync(broker!.url, { clientId: 'operator' });
    const seen: { leaf: string; body: Record<string, unknown> }[] = [];
    operator.on('message', (topic, payload) =>
      seen.push({ leaf: topic.split('/').pop()!, body: JSON.parse(payload.toString()) as Record<string, unknown> }),
    );
    await operator.subscribeAsync('spokepilot/v1/lab/spoke1/#', { qos: 1 });
    try {
      // Another kind of object now holds the agent's number: IOS refuses `track 111 stub-object`.
      await ops.configure([`no track ${FIBRE_TRACK}`, `track ${FIBRE_TRACK} interface GigabitEthernet5 line-protocol`]);

      const raised = await waitFor(
        'drift raised',
        () => (agent.runtime.loop.drift?.status === 'unrepaired' ? agent.runtime.loop.drift : undefined),
        30_000,
      );
      expect(raised).toMatchObject({
        intended: { candidate: 'fibre-hub1', released: false },
        tracks: [{ track: FIBRE_TRACK, want: 'up', seen: 'not-stub' }],
        repairs: 3,
      });
      expect(agent.runtime.metrics.repairsFailed).toBe(3);
      expect(drifts().filter((d) => d.action === 'repair-failed')).toHaveLength(3);
      expect(drifts().find((d) => d.action === 'repair-failed')).toMatchObject({ code: 'ROUTER_CLI_ERROR' });
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'drift', code: 'DRIFT_UNREPAIRED' })]);

      // Raised once, then left alone: ten more polls, no more repairs.
      const reads = flexReads();
      await waitFor('ten more FlexVPN polls', () => flexReads() >= reads + 10);
      expect(agent.runtime.metrics.repairsFailed).toBe(3);
      expect(drifts().filter((d) => d.action === 'raised')).toHaveLength(1);

      expect(await http('/healthz')).toMatchObject({
        status: 'degraded',
        degraded: [expect.objectContaining({ component: 'drift', code: 'DRIFT_UNREPAIRED' })],
        drift: { status: 'unrepaired', repairs: 3 },
      });
      const status = (await http('/status')) as {
        health: { status: string };
        state: { drift?: unknown };
        reconcile: Record<string, unknown>;
      };
      expect(status.health.status).toBe('degraded');
      expect(status.state.drift).toMatchObject({ status: 'unrepaired' });
      expect(status.reconcile).toMatchObject({ repairsFailed: 3, driftsDetected: 1 });
      const metrics = (await http('/metrics')) as string;
      expect(metrics).toContain('spokepilot_drift{status="unrepaired"} 1');
      expect(metrics).toContain('spokepilot_degraded{component="drift",code="DRIFT_UNREPAIRED"} 1');
      expect(metrics).toMatch(/spokepilot_drift_repairs_total\{outcome="failed"\} 3/);
      await waitFor(
        'MQTT: a raised drift event, an agent-health event and the retained state with drift',
        () =>
          seen.some((m) => m.leaf === 'event' && m.body.kind === 'drift' && m.body.action === 'raised') &&
          seen.some(
            (m) => m.leaf === 'event' && m.body.kind === 'agent-health' && m.body.component === 'drift' && m.body.status === 'degraded',
          ) &&
          seen.some((m) => m.leaf === 'state' && (m.body.drift as { status?: string } | undefined)?.status === 'unrepaired'),
      );

      // The operator puts the stub object back: in sync again, the degradation cleared.
      await ops.configure([`no track ${FIBRE_TRACK}`, `track ${FIBRE_TRACK} stub-object`, 'default-state up']);
      await waitFor('drift resolved', () => agent.runtime.loop.drift === undefined && agent.degradations.list().length === 0);
      expect(await http('/healthz')).toMatchObject({ status: 'ok' });
      await waitFor(
        'MQTT: resolved, recovered, and a state without drift',
        () =>
          seen.some((m) => m.leaf === 'event' && m.body.kind === 'drift' && m.body.action === 'resolved') &&
          seen.some(
            (m) => m.leaf === 'event' && m.body.kind === 'agent-health' && m.body.component === 'drift' && m.body.status === 'recovered',
          ) &&
          seen.filter((m) => m.leaf === 'state').at(-1)?.body.drift === undefined,
      );
    } finally {
      await operator.endAsync();
    }
  }, 90_000);

  it("dry-run releases the agent's forbids and only reports a difference; back to enforce steers to the selected candidate", async () => {
    await start();
    const loop = agent.runtime.loop;
    // Steered to LTE by an operator's override: the fibre track forbidden.
    loop.observe({ kind: 'override', source: 'Cellular0/1/0', untilMs: Date.now() + 3_600_000, by: 'test' });
    await waitFor('steered to LTE', () => track(FIBRE_TRACK) === 'down' && !loop.actuating);
    const selected = loop.state.selected;
    expect(selected).toMatch(/^lte-/);

    agent.reload(withMode(agent.runtime.current.value, 'dry-run'));
    await waitFor('forbids released', () => track(FIBRE_TRACK) === 'up' && track(LTE_TRACK) === 'up' && !loop.actuating);
    expect(drifts().find((d) => d.action === 'mode-applied')).toMatchObject({
      mode: 'dry-run',
      applied: 'release',
      intended: { released: true },
    });
    expect(await http('/healthz')).toMatchObject({ mode: 'dry-run' });

    // In dry-run a hand-made forbid is reported, never repaired.
    await ops.configure([`track ${LTE_TRACK} stub-object`, 'default-state down']);
    await waitFor(
      'reported in dry-run',
      () => loop.drift?.status === 'dry-run' && loop.drift.tracks.some((t) => t.track === LTE_TRACK && t.seen === 'down'),
    );
    const reads = flexReads();
    await waitFor('ten more FlexVPN polls', () => flexReads() >= reads + 10);
    expect(track(LTE_TRACK)).toBe('down');
    expect(agent.runtime.metrics.repairsApplied + agent.runtime.metrics.repairsFailed).toBe(0);
    expect(agent.degradations.list()).toEqual([]);

    // Back to enforce: the router is steered to what the policy selected (the override's LTE path) at once.
    agent.reload(withMode(agent.runtime.current.value, 'enforce'));
    expect(
      drifts()
        .filter((d) => d.action === 'mode-applied')
        .at(-1),
    ).toMatchObject({ mode: 'enforce', applied: 'steer', intended: { candidate: selected } });
    await waitFor(
      'steered back and in sync',
      () =>
        track(FIBRE_TRACK) === 'down' &&
        track(LTE_TRACK) === 'up' &&
        !loop.actuating &&
        loop.drift === undefined &&
        spoke.router.state().clients[0]?.source === 'Cellular0/1/0',
    );
    expect(loop.state.selected).toBe(selected);
  }, 60_000);
});
