/**
 * The dual-cloud scenarios added for issue 15 item 4, each over the lab's
 * dual-cloud spoke with the bench's three arms on one seed
 * (lab/harness/dual-cloud-run.ts, the manual clock). Figures are lab seconds
 * from the world's ground truth; the bench gives them over ten seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDualCloudArm, type DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { labDataPath } from '../../lab/lab-data.js';

const work = mkdtempSync(join(tmpdir(), 'spokepilot-dual-cloud-scenarios-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function arms(name: string): Promise<Record<'ios-minimal' | 'ios-tuned' | 'agent', DualCloudFigures>> {
  const scenario = await loadScenario(labDataPath(`scenarios/dual-cloud/${name}.yaml`));
  const run = (arm: 'ios-minimal' | 'ios-tuned' | 'agent') => runDualCloudArm({ scenario, arm, seed: 1, workDir: work });
  return { 'ios-minimal': await run('ios-minimal'), 'ios-tuned': await run('ios-tuned'), agent: await run('agent') };
}

describe('dual-cloud scenarios', () => {
  it('both clouds degrade: BGP alone never recovers; the agent leaves hub 1 for hub 2 while only hub 1 is bad, gives BGP the choice while both are, then takes both directions to hub 2 once its path recovers', async () => {
    const r = await arms('dual-cloud-both-clouds-degrade');
    expect(r['ios-minimal']).toMatchObject({ outboundChanges: 0, timeToWorkingSec: undefined });
    // Hub 2 recovers 120 s into the fault: nothing can work before.
    for (const arm of ['ios-tuned', 'agent'] as const) expect(r[arm].timeToWorkingSec).toBeGreaterThanOrEqual(120);
    // To hub 2 (hub 1 alone bad), back to BGP's choice (policy.allDown: release), to hub 2 (recovered).
    expect(r.agent.outboundChanges).toBeLessThanOrEqual(3);
    expect(r.agent.asymmetricSec).toBeLessThanOrEqual(3);
    expect(r.agent.timeToWorkingSec!).toBeLessThan(120 + 45);
    expect(r.agent.returnDegradedSec).toBeLessThan(r['ios-minimal'].returnDegradedSec);
  }, 120_000);

  it("hub 1 loses 12 % of its packets, latency unchanged: BGP alone stays; tuned IOS (the jitter runs' loss reactions) and the agent move both directions", async () => {
    const r = await arms('dual-cloud-hub1-loss-brownout');
    expect(r['ios-minimal']).toMatchObject({ outboundChanges: 0, timeToWorkingSec: undefined });
    for (const arm of ['ios-tuned', 'agent'] as const) {
      expect(r[arm].outboundChanges).toBe(1);
      expect(r[arm].timeToWorkingSec!).toBeLessThan(60);
      expect(r[arm].returnDegradedSec).toBeLessThan(60);
    }
  }, 120_000);

  it('a spoke-to-spoke flow during hub loss: the shortcut outlives hub 1 for its hold time; after it the flow breaks only where BGP still points at the dead hub', async () => {
    const r = await arms('dual-cloud-spoke-flow-hub-loss');
    // The first shortcut (through cloud 1, made at about 6 s) lasts its 120 s hold time, 90 s of it after hub 1 died.
    for (const arm of ['ios-minimal', 'ios-tuned', 'agent'] as const) expect(r[arm].flowShortcutSec).toBeGreaterThanOrEqual(115);
    // Default timers: the hold timer (180 s) has not run out when the shortcut expires, and the flow goes to the dead hub.
    expect(r['ios-minimal'].flowBrokenSec).toBeGreaterThan(20);
    expect(r['ios-tuned'].flowBrokenSec).toBe(0);
    expect(r.agent.flowBrokenSec).toBe(0);
  }, 120_000);

  it('asymmetric return: the outbound is already on hub 2; BGP alone leaves the return on the browned-out hub 1, the agent tags it away', async () => {
    const r = await arms('dual-cloud-asymmetric-return');
    for (const arm of ['ios-minimal', 'ios-tuned', 'agent'] as const) expect(r[arm].outboundDegradedSec).toBe(0);
    expect(r['ios-minimal'].returnDegradedSec).toBeGreaterThanOrEqual(145);
    expect(r['ios-minimal'].timeToWorkingSec).toBeUndefined();
    expect(r.agent.returnDegradedSec).toBeLessThan(40);
    expect(r['ios-tuned'].returnDegradedSec).toBeLessThan(40);
  }, 120_000);
});
