/**
 * Metered WAN accounting against the lab over real SSH (issue 19 item 1): the
 * agent reads the LTE's counters from `show interfaces Cellular0/1/0`, counts
 * its bytes in a real SQLite file, publishes them on MQTT (aedes), raises a
 * threshold event once, and after a restart resumes from the last reading:
 * the bytes the LTE carried while the agent was stopped are counted, none twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import mqtt from 'mqtt';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { SqliteMeteredUsage } from '../../agent/adapters/sqlite/metered-usage.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import type { RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { createPayloadValidators } from '../../proto/schemas/index.js';
import { tempDir } from '../support/temp-dir.js';
import { Shell } from '../lab/terminal-ssh-client.js';
import { waitFor as pollUntil } from '../support/wait-for.js';

const SPEED = 20;
const LTE = 'Cellular0/1/0';

const waitFor = <T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000) => pollUntil(what, probe, timeoutMs, 50);

describe('metered WAN accounting against the lab (real SSH, SQLite, MQTT)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let broker: EmbeddedBroker;
  let tmp: ReturnType<typeof tempDir>;
  let agent: RunningAgent | undefined;
  const events: RuntimeEvent[] = [];

  beforeEach(async () => {
    events.length = 0;
    tmp = tempDir('spokepilot-metered-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({ clock, seed: 7, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
    broker = await startEmbeddedBroker();
  });
  afterEach(async () => {
    await agent?.stop('test over', 5000);
    agent = undefined;
    await broker.stop();
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  function config(budget: number): AgentConfig {
    const c = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
      mqttUrl: broker.url,
    });
    const sources = c.flexvpn.sources.map((s) =>
      s.interface === LTE
        ? {
            ...s,
            metered: { budget, billingDay: 1, thresholdsPct: [50, 100], whenSpent: 'hard-failure-only' as const, fullRateOperations: [] },
          }
        : s,
    );
    return { ...c, flexvpn: { ...c.flexvpn, sources } };
  }
  async function start(budget: number): Promise<RunningAgent> {
    agent = await startAgent(config(budget), { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    return agent;
  }
  const usage = () => agent!.runtime.metered!.telemetry()[0]!;
  const labLteBytes = () => {
    const c = spoke.router.model.rt.interfaces.get(LTE)!.counters;
    return c.bytesIn + c.bytesOut;
  };

  it('counts the standby LTE from its counters, publishes it, and resumes after a restart without losing or recounting a byte', async () => {
    const operator = await mqtt.connectAsync(broker.url, { clientId: 'operator' });
    const telemetry: Record<string, unknown>[] = [];
    operator.on('message', (topic, payload) => {
      if (topic.endsWith('/telemetry')) telemetry.push(JSON.parse(payload.toString()) as Record<string, unknown>);
    });
    await operator.subscribeAsync('spokepilot/v1/lab/spoke1/telemetry', { qos: 1 });
    try {
      const before = labLteBytes();
      await start(1_000_000_000);
      // The standby LTE carries its probes: the count grows from the agent's first reading on.
      const first = await waitFor('bytes counted on the LTE', () => (usage().periodBytes > 0 ? usage() : undefined));
      expect(first).toMatchObject({ interface: LTE, budgetBytes: 1e9, spent: false, whenSpent: 'hard-failure-only' });
      expect(first.dayBytes).toBe(first.periodBytes);
      // Never more than the router counted since before the agent started.
      expect(first.periodBytes).toBeLessThanOrEqual(labLteBytes() - before);

      const published = await waitFor('telemetry with metered', () => telemetry.find((t) => Array.isArray(t.metered)));
      expect(createPayloadValidators().payload('telemetry', published)).toBeNull();
      expect((published.metered as { interface: string }[])[0]!.interface).toBe(LTE);

      await agent!.stop('restart', 5000);
      agent = undefined;
      const db = openDatabase(join(tmp.dir, 'agent.db'));
      const saved = new SqliteMeteredUsage(db).load(LTE)!;
      db.close();
      const stoppedAt = saved.last!.bytesIn + saved.last!.bytesOut;
      // The LTE goes on carrying probes while no agent runs.
      await waitFor('the LTE carries more while the agent is stopped', () => labLteBytes() > stoppedAt + 1000);

      await start(1_000_000_000);
      expect(usage().periodBytes).toBeGreaterThanOrEqual(saved.periodBytes); // resumed from the file
      const reads = agent!.runtime.pollerStats().interfaces!.reads;
      await waitFor(
        'a reading after the restart',
        () => agent!.runtime.pollerStats().interfaces!.reads > reads && usage().periodBytes > saved.periodBytes,
      );
      const db2 = openDatabase(join(tmp.dir, 'agent.db'));
      const now = new SqliteMeteredUsage(db2).load(LTE)!;
      db2.close();
      // Exactly what the counters moved from the last reading before the stop to the newest one.
      expect(now.periodBytes - saved.periodBytes).toBe(now.last!.bytesIn + now.last!.bytesOut - stoppedAt);
      expect(events.some((e) => e.kind === 'metered' && e.event.kind === 'counters-reset')).toBe(false);
    } finally {
      await operator.endAsync();
    }
  }, 60_000);

  it("follows an operator's clear counters over SSH, and a SIGHUP's smaller budget reaches the accounting, /status and the policy at once", async () => {
    const labAtStart = labLteBytes();
    await start(1_000_000_000);
    await waitFor('bytes counted on the LTE', () => usage().periodBytes > 0 || undefined);
    // An operator on the router's own CLI, over SSH beside the agent's session.
    const operator = await Shell.open(spoke.ssh.port, { username: 'agent', password: 'agent' });
    const counted = usage().periodBytes;
    const labBeforeClear = labLteBytes();
    try {
      await operator.keys(`clear counters ${LTE}\r`, '[confirm]');
      await operator.keys('\r', 'spoke1#');
    } finally {
      await operator.close();
    }
    expect(labLteBytes()).toBeLessThan(labBeforeClear); // the router's counters restarted
    await waitFor('counters-reset', () => events.some((e) => e.kind === 'metered' && e.event.kind === 'counters-reset') || undefined);
    await waitFor('counting on after the reset', () => usage().periodBytes > counted || undefined);

    // SIGHUP with a budget the count is already over: applied at once, the usage kept.
    const before = usage().periodBytes;
    const next = config(Math.max(1, Math.floor(before / 2)));
    const { needRestart } = agent!.reload(next);
    expect(needRestart).toEqual([]);
    expect(usage()).toMatchObject({ budgetBytes: Math.max(1, Math.floor(before / 2)), spent: true });
    expect(usage().periodBytes).toBeGreaterThanOrEqual(before);
    expect(agent!.runtime.loop.state.meteredSpent).toEqual([LTE]);
    const status = (await (await fetch(`http://127.0.0.1:${agent!.httpPort}/status`)).json()) as {
      metered?: { interface: string; spent: boolean; budgetBytes: number }[];
    };
    expect(status.metered).toEqual([
      expect.objectContaining({ interface: LTE, spent: true, budgetBytes: next.flexvpn?.sources[1]!.metered!.budget }),
    ]);

    await agent!.stop('read the file', 5000);
    agent = undefined;
    const db = openDatabase(join(tmp.dir, 'agent.db'));
    const saved = new SqliteMeteredUsage(db).load(LTE)!;
    db.close();
    const sinceClear = saved.last!.bytesIn + saved.last!.bytesOut;
    // Nothing counted before the clear is lost, everything the counters show since is counted...
    expect(saved.periodBytes).toBeGreaterThanOrEqual(counted + sinceClear);
    // ...and nothing twice: never more than the LTE carried while the agent ran.
    expect(saved.periodBytes).toBeLessThanOrEqual(labBeforeClear - labAtStart + labLteBytes());
  }, 60_000);

  it('raises each threshold once (journaled and published), and the spent budget shows in telemetry', async () => {
    const operator = await mqtt.connectAsync(broker.url, { clientId: 'operator' });
    const published: { kind: string; action?: string; pct?: number }[] = [];
    operator.on('message', (_topic, payload) => published.push(JSON.parse(payload.toString()) as { kind: string }));
    await operator.subscribeAsync('spokepilot/v1/lab/spoke1/event', { qos: 1 });
    await start(1_000_000_000);
    const rate = await waitFor('a first count', () => (usage().periodBytes > 0 ? usage().periodBytes : undefined));
    await agent!.stop('smaller budget', 5000);
    // A budget the counted bytes are about to exceed: 50 % is already past, 100 % comes with the next readings.
    await start(Math.max(2, Math.ceil(rate * 1.5)));
    await waitFor('budget spent', () => usage().spent);
    const reads = agent!.runtime.pollerStats().interfaces!.reads;
    await waitFor('three more readings', () => agent!.runtime.pollerStats().interfaces!.reads >= reads + 3);
    expect(usage().usedPct).toBeGreaterThanOrEqual(100);
    // The same usage in /status, and in /metrics under Prometheus names promtool accepts.
    const base = `http://127.0.0.1:${agent!.httpPort}`;
    const status = (await (await fetch(`${base}/status`)).json()) as { metered?: { interface: string; spent: boolean }[] };
    expect(status.metered).toEqual([expect.objectContaining({ interface: LTE, spent: true })]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^spokepilot_metered_period_bytes\\{interface="${LTE.replace(/\//g, '\\/')}"\\} [1-9]\\d*$`, 'm'));
    expect(metrics).toContain(`spokepilot_metered_budget_spent{interface="${LTE}"} 1`);
    if (existsSync('/usr/bin/promtool')) {
      const r = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toBe('');
    }
    await agent!.stop('read the journal', 5000);
    agent = undefined;
    const db = openDatabase(join(tmp.dir, 'agent.db'));
    const rows = db.prepare("SELECT data FROM journal WHERE kind = 'metered' ORDER BY id").all() as { data: string }[];
    db.close();
    const thresholds = rows.map((r) => JSON.parse(r.data) as { kind: string; pct?: number }).filter((e) => e.kind === 'threshold');
    expect(thresholds.map((e) => e.pct)).toEqual([50, 100]);
    // Each also went out on MQTT as a `metered` event (the stop flushes the outbox).
    await waitFor('both thresholds published', () => published.filter((e) => e.kind === 'metered').length >= 2);
    expect(published.filter((e) => e.kind === 'metered').map((e) => [e.action, e.pct])).toEqual([
      ['threshold', 50],
      ['threshold', 100],
    ]);
    await operator.endAsync();
  }, 60_000);
});
