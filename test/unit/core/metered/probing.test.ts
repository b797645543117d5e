import { describe, expect, it } from 'vitest';
import { INITIAL_PROBING, nextProbing, scheduleLines, type ProbingState } from '../../../../agent/core/metered/probing.js';
import { adoptedOnFibreHub1, CONFIG, HUB1, LTE, Run } from '../policy/fixture.js';

const HOLD = 300_000;
const step = (prev: ProbingState, run: Run) => nextProbing(prev, run.state, run.cfg, [LTE], run.nowMs, HOLD);

describe('adaptive probing of a metered WAN', () => {
  it('starts in standby while the fibre is good and the tunnel on it', () => {
    const run = adoptedOnFibreHub1();
    const r = step(INITIAL_PROBING, run);
    expect(r.changes).toEqual([{ source: LTE, mode: 'standby', why: 'standby' }]);
    expect(step(r.state, run).changes).toEqual([]);
  });

  it('goes to full rate at the first failing evaluation of the path in use, before it is declared bad', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, failAfter: 3 });
    let p = step(INITIAL_PROBING, run).state;
    run.rounds(3, 10_000, { 11: 900 }); // the window's median turns slow: a failing evaluation, not yet failAfter of them
    expect(run.state.health['fibre-hub1']).toMatchObject({ verdict: 'good', failStreak: 1 });
    const r = step(p, run);
    expect(r.changes).toEqual([{ source: LTE, mode: 'full-rate', why: 'path-degrading' }]);
    p = r.state;
    // Recovered: full rate is held for the hold time, then stops.
    run.rounds(3, 10_000);
    expect(step(p, run).changes).toEqual([]);
    run.rounds(30, 10_000);
    expect(step(p, run).changes).toEqual([{ source: LTE, mode: 'standby', why: 'standby' }]);
  });

  it('stays at full rate while the tunnel is on the metered WAN', () => {
    const run = new Run(CONFIG);
    run.rounds(3, 10_000);
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
    let p = step(INITIAL_PROBING, run);
    expect(p.changes).toEqual([{ source: LTE, mode: 'full-rate', why: 'carries-tunnel' }]);
    run.rounds(100, 10_000, { 11: undefined, 12: undefined });
    p = step(p.state, run);
    expect(p.changes).toEqual([]);
  });

  it('writes only schedule lines of numbered operations', () => {
    expect(scheduleLines([23, 24], 'full-rate')).toEqual([
      'ip sla schedule 23 life forever start-time now',
      'ip sla schedule 24 life forever start-time now',
    ]);
    expect(scheduleLines([23], 'standby')).toEqual(['no ip sla schedule 23']);
  });
});
