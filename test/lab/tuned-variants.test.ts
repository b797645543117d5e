/**
 * The variants of ios-tuned (lab/harness/arms.ts TUNED_VARIANTS,
 * lab/baselines/VARIANTS.md): every file loads into the lab router without a
 * config error and plays a short scenario; and the feature each one adds
 * does what its comments say, so that a variant's figures measure the
 * configuration it claims to be.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runArm } from '../../lab/harness/arm-run.js';
import { armByName, baselineConfig, TUNED_VARIANTS } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { tempDir } from '../support/temp-dir.js';
import { labRouter, seconds } from './lab-helpers.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const work = tempDir('spokepilot-variants-');
afterAll(() => work.cleanup());

const FIBRE = 'GigabitEthernet0/0';
const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';

const play = async (scenario: string, arm: string, seed = 1) =>
  runArm({ scenario: await loadScenario(`${SCENARIOS}${scenario}.yaml`), arm: armByName(arm, TUNED_VARIANTS), seed, workDir: work.dir });

/** A lab router booted on the variant's configuration, two minutes on. */
function booted(arm: string) {
  const lab = labRouter({ config: baselineConfig(armByName(arm, TUNED_VARIANTS).baseline, DEFAULT_SERVICE_LEVEL) });
  seconds(lab.clock, 120);
  return lab;
}

describe('ios-tuned variants', () => {
  it('are named ios-tuned-<what> after their files, and none is an agent arm but the agent layered on combined', () => {
    const variants = TUNED_VARIANTS.filter((a) => !a.agent);
    expect(variants.map((a) => a.name)).toEqual([
      'ios-tuned-reaction',
      'ios-tuned-anchors',
      'ios-tuned-eem-clear',
      'ios-tuned-dampening',
      'ios-tuned-combined',
    ]);
    for (const a of variants) expect(a.baseline).toBe(`${a.name}.ios`);
    expect(TUNED_VARIANTS.filter((a) => a.agent)).toEqual([
      { name: 'agent-on-combined', baseline: 'agent-on-ios-tuned-combined.ios', agent: true },
    ]);
  });

  it.each(TUNED_VARIANTS.filter((a) => !a.agent).map((a) => a.name))(
    '%s loads without a config error, fills every placeholder and fails over when hub 1 dies',
    async (name) => {
      const text = baselineConfig(armByName(name, TUNED_VARIANTS).baseline, DEFAULT_SERVICE_LEVEL);
      expect(text).not.toMatch(/\{\{/);
      const { router } = booted(name);
      expect(router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB1, source: FIBRE });
      router.stop();
      const r = await play('hub1-dies', name);
      expect(r.neverRecovered).toBe(false);
      expect(r.run.outcome.clients[0]).toMatchObject({ peer: HUB2, source: FIBRE });
    },
  );
});

describe('what each variant adds', () => {
  it('reaction: packet loss trips a reaction, EEM sets its stub down and the tunnel leaves the fibre', () => {
    const { router, clock } = booted('ios-tuned-reaction');
    router.world.setPath(FIBRE, '*', { lossPct: 30 });
    seconds(clock, 15);
    const lines = router.model.log.lines;
    expect(lines.some((l) => /%RTT-3-IPSLATHRESHOLD: IP SLAs\(3[12]\): Threshold Occurred for packetLoss(SD|DS)/.test(l))).toBe(true);
    expect(lines.some((l) => /%TRACK-6-STATE: 3[12][12] stub-object Up -> Down/.test(l))).toBe(true);
    expect(router.state().clients[0]).toMatchObject({ source: 'Cellular0/1/0' });
    router.stop();
  });

  it('anchors: the fibre stays the source when every internet anchor stops answering pings', () => {
    const { router, clock } = booted('ios-tuned-anchors');
    router.world.setPath(FIBRE, 'internet', { up: false });
    seconds(clock, 30);
    expect(router.state().tracks).toMatchObject({ 31: 'down', 33: 'down', 35: 'down', 1: 'up', 81: 'up' });
    expect(router.state().clients[0]).toMatchObject({ phase: 'connected', source: FIBRE });
    router.stop();
  });

  it('eem-clear: the applet runs when hub 1 is judged dead, and clears its session', () => {
    const { router, clock } = booted('ios-tuned-eem-clear');
    router.world.setHubUp('hub1', false);
    seconds(clock, 10);
    expect(router.state().tracks[91]).toBe('down');
    expect(router.model.log.lines.some((l) => l.includes('%HA_EM-6-LOG: HUB1-DEAD: hub 1 judged dead'))).toBe(true);
    expect(router.state().clients[0]).toMatchObject({ peer: HUB2 });
    router.stop();
  });

  it('dampening: a fibre flapping every 30 s is suppressed at the third flap, and its ip routing track is down', () => {
    const { router, clock } = booted('ios-tuned-dampening');
    for (let i = 0; i < 3; i++) {
      router.world.setWanUp(FIBRE, false);
      seconds(clock, 15);
      router.world.setWanUp(FIBRE, true);
      seconds(clock, i < 2 ? 15 : 1);
    }
    expect(router.model.rt.interfaces.get(FIBRE)?.dampening).toMatchObject({ suppressed: true, flaps: 3 });
    expect(router.state().tracks[3]).toBe('down');
    expect(router.state().clients[0]).toMatchObject({ source: 'Cellular0/1/0' });
    router.stop();
  });

  it('combined: data loss that ICMP does not see is seen by udp-jitter; ICMP-only loss is not taken for data loss', async () => {
    const dataLoss = await play('data-loss-only', 'ios-tuned-combined');
    expect(dataLoss.timeToWorkingPathSec).toBeLessThan(20);
    const probeLoss = await play('probe-loss-only', 'ios-tuned-combined');
    expect(probeLoss.falseSwitches).toBe(0);
  });

  it('combined: with nothing meeting the level the tunnel stays on the least bad path, and returns at once after both WANs were down', async () => {
    const degrade = await play('both-hubs-degrade', 'ios-tuned-combined');
    expect(degrade.run.outcome.clients[0]).toMatchObject({ phase: 'connected', peer: HUB1, source: FIBRE });
    expect(degrade.offPreferredAfterFaultSec).toBe(0);
    const down = await play('both-wans-down', 'ios-tuned-combined');
    // The WANs return at 150 s: the tunnel is back within seconds, not after the 60 s hold-down.
    expect(down.timeToWorkingPathSec).toBeLessThan(130);
    expect(down.pathChanges).toBe(0);
  });
});
