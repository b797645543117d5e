/** IP Event Dampening: the penalty arithmetic as a table, then a flapping WAN on the lab router. */
import { describe, expect, it } from 'vitest';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import type { DampeningConfig } from '../../lab/router/config-model.js';
import {
  decayedPenalty,
  maxPenalty,
  newDampening,
  reuseTimeSec,
  stepDampening,
  type DampeningState,
} from '../../lab/router/dynamics/dampening.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const DEFAULTS: DampeningConfig = { halfLifeSec: 5, reuse: 1000, suppress: 2000, maxSuppressSec: 20, words: [] };

describe('dampening penalty (Cisco IP Event Dampening guide)', () => {
  it('max penalty is reuse x 2^(max-suppress / half-life), as IOS shows MaxP', () => {
    // ipspace.net's capture: HalfL 20, ReuseV 1000, MaxSTm 80 -> MaxP 16000; HalfL 15, ReuseV 500, MaxSTm 60 -> 8000.
    expect(maxPenalty({ ...DEFAULTS, halfLifeSec: 20, maxSuppressSec: 80 })).toBe(16000);
    expect(maxPenalty({ ...DEFAULTS, halfLifeSec: 15, reuse: 500, maxSuppressSec: 60 })).toBe(8000);
    expect(maxPenalty(DEFAULTS)).toBe(16000);
  });

  it('halves every half-life', () => {
    expect(decayedPenalty({ penalty: 2000, at: 0, suppressed: false, flaps: 0, lastUp: true }, DEFAULTS, 5000)).toBe(1000);
  });

  type Row = [string, Array<[number, boolean]>, { penalty: number; suppressed: boolean; flaps: number }];
  it.each<Row>([
    // Each up -> down costs 1000; two quick flaps do not exceed 2000, a third does.
    [
      'one flap',
      [
        [0, true],
        [1000, false],
      ],
      { penalty: 1000, suppressed: false, flaps: 1 },
    ],
    [
      'an up event costs nothing',
      [
        [0, false],
        [1000, true],
      ],
      { penalty: 0, suppressed: false, flaps: 0 },
    ],
    [
      'three flaps in 4 s suppress',
      [
        [0, true],
        [1000, false],
        [2000, true],
        [3000, false],
        [4000, true],
        [5000, false],
      ],
      { penalty: 2332, suppressed: true, flaps: 3 },
    ],
  ])('%s', (_name, steps, expected) => {
    let s: DampeningState = newDampening(steps[0]![1], steps[0]![0]);
    for (const [at, up] of steps.slice(1)) s = stepDampening(s, DEFAULTS, { up, adminDown: false }, at).state;
    expect({ penalty: Math.round(s.penalty), suppressed: s.suppressed, flaps: s.flaps }).toEqual(expected);
  });

  it('reuses once the penalty decays below reuse; shutdown clears it', () => {
    const s: DampeningState = { penalty: 2320, at: 0, suppressed: true, flaps: 3, lastUp: false };
    expect(reuseTimeSec(s, DEFAULTS, 0)).toBe(7); // 5 x log2(2.32) = 6.07
    expect(stepDampening(s, DEFAULTS, { up: true, adminDown: false }, 6000)).toMatchObject({ state: { suppressed: true } });
    expect(stepDampening(s, DEFAULTS, { up: true, adminDown: false }, 7000)).toMatchObject({
      state: { suppressed: false },
      change: 'reused',
    });
    expect(stepDampening(s, DEFAULTS, { up: false, adminDown: true }, 1000)).toMatchObject({
      state: { penalty: 0, suppressed: false },
      change: 'reused',
    });
  });

  it('never grows past the maximum penalty, so suppression ends within max-suppress of the last flap', () => {
    let s = newDampening(true, 0);
    for (let t = 1; t <= 40; t++) s = stepDampening(s, DEFAULTS, { up: t % 2 === 0, adminDown: false }, t * 1000).state;
    expect(s.penalty).toBeLessThanOrEqual(maxPenalty(DEFAULTS));
    expect(reuseTimeSec(s, DEFAULTS, 40_000)).toBeLessThanOrEqual(20);
  });
});

describe('dampening on the lab router', () => {
  it('a flapping WAN is suppressed: its ip routing track and routes go, line-protocol stays; show commands', () => {
    const { router, clock } = labRouter();
    exec(router, 'dampening', 'config-if', 'Cellular0/1/0');
    exec(router, 'track 80 interface Cellular0/1/0 line-protocol', 'config');
    exec(router, 'track 81 interface Cellular0/1/0 ip routing', 'config');
    seconds(clock, 1);
    for (let i = 0; i < 3; i++) {
      router.world.setWanUp('Cellular0/1/0', false);
      seconds(clock, 1);
      router.world.setWanUp('Cellular0/1/0', true);
      seconds(clock, 1);
    }
    expect(router.state().interfaces['Cellular0/1/0']).toEqual({ link: 'up', protocol: 'up' });
    expect(router.state().tracks).toMatchObject({ 80: 'up', 81: 'down' });
    expect(router.state().routes.some((r) => r.includes('Cellular0/1/0'))).toBe(false);
    expect(exec(router, 'show dampening interface')).toBe(
      '1 interface is configured with dampening.\n1 interface is being suppressed.\nFeatures that are using interface dampening:\n  IP Routing',
    );
    const rows = exec(router, 'show interfaces dampening').split('\n');
    expect(rows[0]).toBe('Cellular0/1/0');
    expect(rows[1]).toBe('  Flaps Penalty    Supp ReuseTm   HalfL  ReuseV   SuppV  MaxSTm    MaxP Restart');
    expect(rows[2]).toMatch(/^ {6}3 +\d+ {4}TRUE +\d+ {7}5 {4}1000 {4}2000 {6}20 {3}16000 {7}0$/);
    // IOS logs nothing when it suppresses an interface.
    expect(router.model.log.lines.some((l) => /DAMP/.test(l))).toBe(false);
    seconds(clock, 10);
    expect(router.state().tracks[81]).toBe('up');
  });

  it('prints the command back as typed; no dampening removes it', () => {
    const { router } = labRouter();
    exec(router, 'dampening 10 1500 3000 60 restart 500', 'config-if', 'GigabitEthernet0/0');
    expect(router.model.config.interfaces.get('GigabitEthernet0/0')?.dampening).toMatchObject({
      halfLifeSec: 10,
      reuse: 1500,
      suppress: 3000,
      maxSuppressSec: 60,
      restartPenalty: 500,
    });
    expect(renderRunningConfig(router.model)).toContain(' dampening 10 1500 3000 60 restart 500\n');
    exec(router, 'dampening 8', 'config-if', 'GigabitEthernet0/0');
    expect(router.model.config.interfaces.get('GigabitEthernet0/0')?.dampening).toMatchObject({ halfLifeSec: 8, maxSuppressSec: 32 });
    expect(() => exec(router, 'dampening 31', 'config-if', 'GigabitEthernet0/0')).toThrow(/no command matches/);
    exec(router, 'no dampening', 'config-if', 'GigabitEthernet0/0');
    expect(renderRunningConfig(router.model)).not.toContain('dampening');
  });
});
