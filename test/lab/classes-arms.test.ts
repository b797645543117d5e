/**
 * Issue 19's class and spent-budget scenarios on their bench arms (lab/harness/arms.ts
 * CLASS_ARMS, SPENT_BUDGET_ARMS), one seed each: the world's EF trouble reaches the
 * voice probes, the layered agent judges voice per candidate from them, and the figures
 * the classes bench prints come out of the path meter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runArm } from '../../lab/harness/arm-run.js';
import { armByName, CLASS_ARMS, SPENT_BUDGET_ARMS } from '../../lab/harness/arms.js';
import { labDataPath } from '../../lab/lab-data.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { tempDir } from '../support/temp-dir.js';

const work = tempDir('spokepilot-classes-');
afterAll(() => work.cleanup());

describe('service classes on the bench arms', () => {
  it('fibre-bad-for-voice: ios-minimal leaves voice on the fibre; the agent on ios-tuned-classes judges voice per candidate and voice leaves it', async () => {
    const scenario = await loadScenario(labDataPath('scenarios/classes/fibre-bad-for-voice.yaml'));
    const minimal = await runArm({ scenario, arm: armByName('ios-minimal', CLASS_ARMS), seed: 1, workDir: work.dir });
    expect(minimal.classNoncompliantSec).toEqual({ voice: 300, bulk: 0 });
    const seen = new Set<string>();
    const agent = await runArm({
      scenario,
      arm: armByName('agent-on-classes', CLASS_ARMS),
      seed: 1,
      workDir: work.dir,
      onSample: (_t, _router, a) => {
        const classes = a?.runtime.loop.state.classes ?? {};
        for (const [candidate, byClass] of Object.entries(classes))
          for (const [name, h] of Object.entries(byClass)) seen.add(`${candidate}/${name}/${h.compliance}`);
      },
    });
    expect(seen).toContain('fibre-hub1/voice/fails');
    expect(seen).toContain('lte-hub1/voice/meets');
    expect(agent.classNoncompliantSec!.voice).toBeLessThan(30);
    expect(agent.classNoncompliantSec!.bulk).toBeLessThan(10);
  }, 60_000);

  it('no-path-fit-for-voice: tuned IOS keeps the tunnel but cannot rank two paths failing voice; the agent takes the least bad', async () => {
    const scenario = await loadScenario(labDataPath('scenarios/classes/no-path-fit-for-voice.yaml'));
    const tuned = await runArm({ scenario, arm: armByName('ios-tuned-classes', CLASS_ARMS), seed: 1, workDir: work.dir });
    const seen = new Set<string>();
    const agent = await runArm({
      scenario,
      arm: armByName('agent-on-class-probes', CLASS_ARMS),
      seed: 1,
      workDir: work.dir,
      onSample: (_t, router, a) => {
        const classes = a?.runtime.loop.state.classes ?? {};
        const every = ['fibre-hub1', 'fibre-hub2', 'lte-hub1', 'lte-hub2'].every((c) => classes[c]?.voice?.compliance === 'fails');
        if (every) seen.add(router.state().clients[0]?.source ?? 'no tunnel');
      },
    });
    // Voice fits no path: ios-tuned-classes's tracks waive voice rather than take every path away,
    // so bulk keeps its tunnel, on the fibre (5 % EF loss: five times voice's level).
    expect(tuned.classNoncompliantSec!.bulk).toBeLessThan(10);
    expect(tuned.classExcessMean!.voice).toBeGreaterThan(4);
    // The agent judges every path failing voice and moves the tunnel to the LTE, the less far over, once.
    expect(seen).toContain('Cellular0/1/0');
    expect(agent.decisions.map((d) => d.reason.code)).toEqual(['class-best-of-worst']);
    expect(agent.classNoncompliantSec!.bulk).toBeLessThan(10);
    expect(agent.classExcessMean!.voice).toBeLessThan(tuned.classExcessMean!.voice! / 1.5);
  }, 60_000);

  it('budget-spent-fibre-degrades: with the budget spent the agent stays on the degraded fibre; with budget to spare it takes the LTE', async () => {
    const scenario = await loadScenario(labDataPath('scenarios/metered/budget-spent-fibre-degrades.yaml'));
    const spent = await runArm({ scenario, arm: armByName('agent-budget-spent', SPENT_BUDGET_ARMS), seed: 1, workDir: work.dir });
    const spare = await runArm({ scenario, arm: armByName('agent-on-metered', SPENT_BUDGET_ARMS), seed: 1, workDir: work.dir });
    expect(spent.decisions.some((d) => d.reason.code === 'metered-budget-spent')).toBe(true);
    expect(spent.meteredBytes).toBeLessThan(200_000);
    expect(spare.meteredBytes).toBeGreaterThan(1_000_000);
    expect(spent.degradedSec).toBeGreaterThan(spare.degradedSec);
  }, 60_000);
});
