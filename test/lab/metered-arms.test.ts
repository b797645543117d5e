/**
 * The metered arms of the failover bench (issue 19): ios-tuned with the LTE's
 * probes slowed for a monthly cap, and the agent layered on it and told the
 * LTE is metered, on one manual clock. What the bench measures must hold here:
 * standby probes cost under 50 MB a month, a dead SIM is known within 60 s,
 * and the agent counts the LTE's bytes from the router's counters.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runArm } from '../../lab/harness/arm-run.js';
import { METERED_ARMS } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { labDataPath } from '../../lab/lab-data.js';
import type { LabRouter } from '../../lab/router/index.js';
import { tempDir } from '../support/temp-dir.js';

const LTE = 'Cellular0/1/0';

describe('metered arms', () => {
  const tmp = tempDir('spokepilot-metered-arm-');
  afterAll(() => tmp.cleanup());

  it('ios-tuned-metered: the standby LTE costs under 50 MB a month; a SIM dead 1 s after a probe is known within 60 s', async () => {
    const base = await loadScenario(labDataPath('scenarios/metered/lte-sim-dies.yaml'));
    // Dies 1 s after the LTE's probes ran: the slowest case (bench/support/metered-bench.ts).
    const scenario = { ...base, fault: { startSec: 61 }, actions: base.actions.map((a) => ({ ...a, atSec: 61 })) };
    let start: number | undefined;
    let known: number | undefined;
    const r = await runArm({
      scenario,
      arm: METERED_ARMS[0]!,
      seed: 1,
      workDir: tmp.dir,
      onSample: (now, router) => {
        start ??= now - 500;
        const client = [...router.model.config.flexClients.values()][0]!;
        const track = client.sources.find((s) => s.interface === LTE)!.track;
        if (known === undefined && router.state().tracks[track] === 'down') known = now;
      },
    });
    expect(known).toBeDefined();
    expect((known! - start!) / 1000 - 61).toBeLessThanOrEqual(60);
    expect((known! - start!) / 1000 - 61).toBeGreaterThan(30); // the next probe, 30 s on, had to time out first
    // Before the death: two hub probes every 30 s and the anchor every 60 s, 100 B each way.
    const perMonthMb = ((r.meteredBytes / scenario.durationSec) * 30 * 86_400) / 1e6;
    expect(perMonthMb).toBeLessThan(50);
  }, 60_000);

  it('agent-on-metered: the agent is told the LTE is metered and counts its bytes from the router', async () => {
    const scenario = await loadScenario(labDataPath('scenarios/metered/lte-sim-dies.yaml'));
    let counted = 0;
    let lteCounters = 0;
    let meteredWhenSpent: string | undefined;
    await runArm({
      scenario: { ...scenario, durationSec: 90 },
      arm: METERED_ARMS[1]!,
      seed: 1,
      workDir: tmp.dir,
      onSample: (_now, router, agent) => {
        const m = agent?.runtime.metered?.telemetry()[0];
        if (!m) return;
        counted = m.periodBytes;
        meteredWhenSpent = m.whenSpent;
        const c = router.model.rt.interfaces.get(LTE)!.counters;
        lteCounters = c.bytesIn + c.bytesOut;
      },
    });
    expect(meteredWhenSpent).toBe('hard-failure-only');
    expect(counted).toBeGreaterThan(0);
    // Counted from the agent's first reading (after boot), so never more than the router's own count.
    expect(counted).toBeLessThanOrEqual(lteCounters);
  }, 60_000);
});

describe('adaptive probing of the metered LTE (agent-on-metered)', () => {
  const tmp = tempDir('spokepilot-metered-probing-');
  afterAll(() => tmp.cleanup());

  it('keeps the full-rate LTE probes stopped in standby and starts them when the fibre fails', async () => {
    const base = await loadScenario(labDataPath('scenarios/metered/lte-sim-dies.yaml'));
    const scenario = {
      ...base,
      durationSec: 150,
      fault: { startSec: 60 },
      actions: [{ atSec: 60, action: { kind: 'cut-wan' as const, wan: 'GigabitEthernet0/0' } }],
    };
    const seen: { sec: number; running: boolean; mode?: string }[] = [];
    let start: number | undefined;
    let lab: LabRouter | undefined;
    await runArm({
      scenario,
      arm: METERED_ARMS[1]!,
      seed: 1,
      workDir: tmp.dir,
      onSample: (now, router, agent) => {
        start ??= now - 500;
        lab = router;
        const running = [23, 24].every((op) => router.model.config.scheduled.has(op));
        seen.push({
          sec: Math.floor((now - start) / 1000),
          running,
          ...(agent?.runtime.meteredProbing ? { mode: agent.runtime.meteredProbing.modes()[LTE] } : {}),
        });
      },
    });
    const before = seen.filter((s) => s.sec < 60);
    expect(before.every((s) => !s.running && s.mode === 'standby')).toBe(true);
    const startedAt = seen.find((s) => s.sec >= 60 && s.running)?.sec;
    expect(startedAt).toBeDefined();
    expect(startedAt! - 60).toBeLessThanOrEqual(15); // the cut is seen at the next interface or probe read
    expect(seen.at(-1)).toMatchObject({ running: true, mode: 'full-rate' });
    // The agent stopped at the end (SIGTERM's restore): the router is left on its own configuration, the fast probes stopped.
    expect([23, 24].filter((op) => lab!.model.config.scheduled.has(op))).toEqual([]);
    expect([21, 22].every((op) => lab!.model.config.scheduled.has(op))).toBe(true);
  }, 60_000);
});
