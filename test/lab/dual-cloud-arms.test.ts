/**
 * The dual-cloud bench's arms on one seed (lab/harness/dual-cloud-run.ts, the
 * manual clock): BGP alone never leaves a browned-out hub, in either
 * direction; tuned IOS's quality tracks and EEM applets and the agent move
 * both; on a dead hub both are faster than the hold timer. Figures are lab
 * seconds from the world's ground truth, not timings.
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
  it('hub 1 browns out: BGP alone stays on it both ways; tuned IOS (tracks, EEM) and the agent move both directions to hub 2, symmetric', async () => {
    const r = await arms('dual-cloud-hub1-brownout');
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
  }, 120_000);

  it('hub 1 dies: tuned IOS and the agent leave it well before the hold timer runs out', async () => {
    const r = await arms('dual-cloud-hub1-dies');
    for (const arm of ['ios-tuned', 'agent']) {
      expect(r[arm]!.timeToWorkingSec!).toBeLessThan(30);
      expect(r[arm]!.timeToWorkingSec!).toBeLessThan(r['ios-minimal']!.timeToWorkingSec ?? Infinity);
    }
  }, 120_000);
});
