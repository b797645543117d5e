/**
 * The dual-cloud bench's arms on one seed (lab/harness/dual-cloud-run.ts, the
 * manual clock): BGP alone never leaves a browned-out hub, in either
 * direction; the agent moves both; on a dead hub the agent is no slower than
 * fall-over. Figures are lab seconds from the world's ground truth, not timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDualCloudArm, type DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { labDataPath } from '../../lab/lab-data.js';

const work = mkdtempSync(join(tmpdir(), 'spokepilot-dual-cloud-arms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function arms(name: string): Promise<Record<string, DualCloudFigures>> {
  const scenario = await loadScenario(labDataPath(`scenarios/dual-cloud/${name}.yaml`));
  const out: Record<string, DualCloudFigures> = {};
  for (const arm of ['ios-minimal', 'ios-tuned', 'agent'] as const)
    out[arm] = await runDualCloudArm({ scenario, arm, seed: 1, workDir: work });
  return out;
}

describe('dual-cloud arms', () => {
  it('hub 1 browns out: IOS stays on it both ways to the end; the agent moves both directions to hub 2, symmetric', async () => {
    const r = await arms('dual-cloud-hub1-brownout');
    for (const ios of ['ios-minimal', 'ios-tuned']) {
      expect(r[ios]).toMatchObject({ outboundChanges: 0, timeToWorkingSec: undefined });
      expect(r[ios]!.outboundDegradedSec).toBeGreaterThanOrEqual(145);
      expect(r[ios]!.returnDegradedSec).toBeGreaterThanOrEqual(145);
    }
    expect(r.agent).toMatchObject({ outboundChanges: 1, asymmetricSec: 0 });
    expect(r.agent!.timeToWorkingSec).toBeLessThan(60);
    expect(r.agent!.outboundDegradedSec).toBeLessThan(r['ios-tuned']!.outboundDegradedSec / 2);
    expect(r.agent!.returnDegradedSec).toBeLessThan(r['ios-tuned']!.returnDegradedSec / 2);
  }, 120_000);

  it('hub 1 dies: fall-over beats the hold timer, and the agent is no slower than fall-over', async () => {
    const r = await arms('dual-cloud-hub1-dies');
    expect(r['ios-tuned']!.timeToWorkingSec!).toBeLessThan(r['ios-minimal']!.timeToWorkingSec ?? Infinity);
    expect(r.agent!.timeToWorkingSec!).toBeLessThanOrEqual(r['ios-tuned']!.timeToWorkingSec!);
    expect(r.agent!.outboundDegradedSec).toBeLessThanOrEqual(r['ios-tuned']!.outboundDegradedSec);
  }, 120_000);
});
