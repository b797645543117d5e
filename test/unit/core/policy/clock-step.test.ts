import { describe, expect, it } from 'vitest';
import { shiftTimes } from '../../../../agent/core/policy/time-shift.js';
import { adoptedOnFibreHub1, FIBRE, HUB2, LTE } from './fixture.js';

const HOUR = 3600_000;

describe("policy: a step of the wall clock moves the state's times with it", () => {
  it.each([
    ['back an hour', -HOUR],
    ['forward an hour', HOUR],
  ])('%s: a 60 s override still lasts 60 s of real time', (_what, delta) => {
    const run = adoptedOnFibreHub1();
    const t0 = run.nowMs;
    run.see({ kind: 'override', source: LTE, untilMs: t0 + 60_000, by: 'noc-1' });
    expect(run.state.override).toBeDefined();
    run.at(t0 + 10_000 + delta).see({ kind: 'clock-step', deltaMs: delta });
    run.at(t0 + 50_000 + delta).see({ kind: 'tick' });
    expect(run.state.override).toBeDefined(); // 50 s of real time: still on
    run.at(t0 + 61_000 + delta).see({ kind: 'tick' });
    expect(run.state.override).toBeUndefined(); // 61 s: over, not an hour later (or at once)
  });

  it('forward an hour: a path clean for a minute does not look clean for an hour (the preemption delay holds)', () => {
    const run = adoptedOnFibreHub1();
    run.at(40_000).see({ kind: 'interface', name: FIBRE, up: false });
    run.at(100_000).see({ kind: 'interface', name: FIBRE, up: true });
    run.rounds(5, 10_000); // fibre good again at 180 s; the agent is on LTE
    expect(run.steers()).toEqual(['lte-hub1']);
    run.at(run.nowMs + HOUR).see({ kind: 'clock-step', deltaMs: HOUR });
    run.rounds(20, 10_000); // 200 s more of real time: still short of the 300 s delay
    expect(run.steers()).toEqual(['lte-hub1']);
    run.rounds(20, 10_000);
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
  });

  it('moves every absolute time and nothing else', () => {
    const run = adoptedOnFibreHub1();
    run.see({ kind: 'override', peer: HUB2, untilMs: 1_000_000, by: 'noc-1' });
    const s = { ...run.state, lastChangeMs: 5_000, steeringHeldUntilMs: 9_000, steerBlockedUntil: { 'lte-hub1': 7_000 } };
    const shifted = shiftTimes(s, -1_000);
    expect(shifted.override?.untilMs).toBe(999_000);
    expect(shifted.lastChangeMs).toBe(4_000);
    expect(shifted.steeringHeldUntilMs).toBe(8_000);
    expect(shifted.steerBlockedUntil).toEqual({ 'lte-hub1': 6_000 });
    for (const [op, w] of Object.entries(s.windows))
      expect(shifted.windows[Number(op)]!.map((x) => x.atMs)).toEqual(w.map((x) => x.atMs - 1_000));
    for (const [id, h] of Object.entries(s.health)) expect(shifted.health[id]!.sinceMs).toBe(h.sinceMs === 0 ? 0 : h.sinceMs - 1_000);
    expect({
      ...shifted,
      health: undefined,
      windows: undefined,
      override: undefined,
      lastChangeMs: undefined,
      steeringHeldUntilMs: undefined,
      steerBlockedUntil: undefined,
    }).toEqual({
      ...s,
      health: undefined,
      windows: undefined,
      override: undefined,
      lastChangeMs: undefined,
      steeringHeldUntilMs: undefined,
      steerBlockedUntil: undefined,
    });
    expect(shiftTimes(s, 0)).toBe(s);
  });

  it("moves a hub track's Down time, a class's compliance time and the tunnel's probes too", () => {
    const run = adoptedOnFibreHub1();
    const s = {
      ...run.state,
      hubTracksDown: [{ peer: HUB2, track: 141, sinceMs: 50_000 }],
      classes: {
        'fibre-hub1': {
          voice: { compliance: 'meets' as const, sinceMs: 40_000, streak: 0, breaches: [] },
          bulk: { compliance: 'unknown' as const, sinceMs: 0, streak: 0, breaches: [] },
        },
      },
      tunnelWindow: { candidate: 'fibre-hub1', samples: [{ atMs: 30_000, answered: true }], primed: true },
    };
    const shifted = shiftTimes(s, -1_000);
    expect(shifted.hubTracksDown).toEqual([{ peer: HUB2, track: 141, sinceMs: 49_000 }]);
    expect(shifted.classes?.['fibre-hub1']?.voice?.sinceMs).toBe(39_000);
    expect(shifted.classes?.['fibre-hub1']?.bulk?.sinceMs).toBe(0); // never judged: stays "never"
    expect(shifted.tunnelWindow?.samples.map((x) => x.atMs)).toEqual([29_000]);
  });
});
