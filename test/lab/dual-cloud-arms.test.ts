/**
 * The dual-cloud bench's arms on one seed (lab/harness/dual-cloud-run.ts, the
 * manual clock): BGP alone never leaves a browned-out hub, in either
 * direction; tuned IOS's quality tracks and EEM applets and the agent move
 * both; on a dead hub both are faster than the hold timer; on noisy but
 * healthy links the agent does not follow the tracks' false alarms. Figures are lab
 * seconds from the world's ground truth, not timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDualCloudArm, type DualCloudArm, type DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { labDataPath } from '../../lab/lab-data.js';

const work = mkdtempSync(join(tmpdir(), 'spokepilot-dual-cloud-arms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function arms(name: string, also: readonly DualCloudArm[] = []): Promise<Record<string, DualCloudFigures>> {
  const scenario = await loadScenario(labDataPath(`scenarios/dual-cloud/${name}.yaml`));
  const out: Record<string, DualCloudFigures> = {};
  for (const arm of ['ios-minimal', 'ios-tuned', 'agent', ...also] as const)
    out[arm] = await runDualCloudArm({ scenario, arm, seed: 1, workDir: work });
  return out;
}

describe('dual-cloud arms', () => {
  it('hub 1 browns out: BGP alone stays on it both ways; tuned IOS (IP SLA reactions, EEM) and the agent move both directions to hub 2, symmetric', async () => {
    const r = await arms('dual-cloud-hub1-brownout', ['ios-tuned-consecutive', 'ios-tuned-immediate']);
    expect(r['ios-minimal']).toMatchObject({ outboundChanges: 0, timeToWorkingSec: undefined });
    expect(r['ios-minimal']!.outboundDegradedSec).toBeGreaterThanOrEqual(145);
    expect(r['ios-minimal']!.returnDegradedSec).toBeGreaterThanOrEqual(145);
    for (const arm of ['ios-tuned', 'agent']) {
      expect(r[arm]).toMatchObject({ outboundChanges: 1 });
      // Each direction moves on its own soft clear, a command apart: a sample may fall between them.
      expect(r[arm]!.asymmetricSec).toBeLessThanOrEqual(1);
      expect(r[arm]!.timeToWorkingSec).toBeLessThan(60);
      expect(r[arm]!.returnDegradedSec).toBeLessThan(r['ios-minimal']!.returnDegradedSec / 2);
    }
    // Two witnesses, the latest echo and the latest jitter run, move both directions a probe period
    // before two echoes in a row: the run reports between two echoes. ios-tuned, reacting through
    // EEM as the run lands, is ahead of the agent by at most its read of the probes. Acting on the
    // first slow echo alone is sooner still (and pays on noise, below).
    for (const way of ['outboundDegradedSec', 'returnDegradedSec'] as const) {
      expect(r.agent![way]).toBeLessThan(r['ios-tuned-consecutive']![way]);
      expect(r.agent![way]).toBeLessThanOrEqual(r['ios-tuned']![way] + 0.2);
      expect(r['ios-tuned']![way]).toBeLessThan(r['ios-tuned-consecutive']![way]);
      expect(r['ios-tuned-immediate']![way]).toBeLessThan(r['ios-tuned']![way] - 1);
    }
  }, 120_000);

  it('hub 1 dies: tuned IOS and the agent leave it well before the hold timer runs out', async () => {
    const r = await arms('dual-cloud-hub1-dies');
    for (const arm of ['ios-tuned', 'agent']) {
      expect(r[arm]!.timeToWorkingSec!).toBeLessThan(30);
      expect(r[arm]!.timeToWorkingSec!).toBeLessThan(r['ios-minimal']!.timeToWorkingSec ?? Infinity);
    }
  }, 120_000);

  it("noisy but healthy links: tuned IOS's tracks move traffic on noise, more so on one slow echo; the agent acts on them only when its probes show a fault", async () => {
    const scenario = await loadScenario(labDataPath('scenarios/dual-cloud/dual-cloud-noisy-but-healthy.yaml'));
    const r: Record<string, DualCloudFigures> = {};
    for (const arm of ['ios-tuned', 'ios-tuned-immediate', 'agent', 'agent-trusting-tracks'] as const)
      r[arm] = await runDualCloudArm({ scenario, arm, seed: 1, workDir: work });
    // Nothing is ever outside the level: every change is a false one.
    for (const arm of Object.keys(r)) expect(r[arm]).toMatchObject({ outboundDegradedSec: 0, returnDegradedSec: 0 });
    expect(r['ios-tuned']!.outboundChanges).toBeGreaterThanOrEqual(4);
    // Reacting to one slow echo follows every echo the hubs' delay spikes push past the level.
    expect(r['ios-tuned-immediate']!.outboundChanges).toBeGreaterThanOrEqual(r['ios-tuned']!.outboundChanges * 1.5);
    // Trusting the same tracks, the agent follows their false alarms too (its 300 s preemption rides
    // out the ones that come while it is away); confirming them, it follows fewer, and a quarter of IOS's at most.
    expect(r['agent-trusting-tracks']!.outboundChanges).toBeGreaterThanOrEqual(2);
    expect(r.agent!.outboundChanges).toBeLessThan(r['agent-trusting-tracks']!.outboundChanges);
    expect(r.agent!.outboundChanges).toBeLessThanOrEqual(r['ios-tuned']!.outboundChanges / 4);
  }, 180_000);
});
