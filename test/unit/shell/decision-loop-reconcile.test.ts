/**
 * The decision loop's part of reconciliation, with a fake actuator: a
 * comparison never runs while an actuation is in flight (nor with a read that
 * spanned one), repairs go through the actuator, and mode changes are applied
 * to the router (released into dry-run, steered back in enforce).
 */
import { describe, expect, it } from 'vitest';
import type { ActuationTargets } from '../../../agent/core/actuation/plan.js';
import type { TrackSeen } from '../../../agent/core/reconcile.js';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import type { ActuationOutcome, Actuator } from '../../../agent/shell/act/actuator.js';
import { DecisionLoop } from '../../../agent/shell/decide/decision-loop.js';
import { CONFIG, FIBRE, HUB1, HUB2, LTE } from '../core/policy/fixture.js';

const TARGETS: ActuationTargets = {
  client: 'FLEX',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: LTE, stubTrack: 112 },
  ],
};
const seen = (m: Record<number, TrackSeen>) => new Map(Object.entries(m).map(([k, v]) => [Number(k), v] as const));
const ALL_UP = seen({ 101: 'up', 102: 'up', 111: 'up', 112: 'up' });
const FIBRE_DOWN = seen({ 101: 'up', 102: 'up', 111: 'down', 112: 'up' });
const OK: ActuationOutcome = { ok: true, attempts: 1, verifiedAfterMs: 0 };

/** An actuator whose calls are recorded and finish when the test says so. */
function fakeActuator() {
  const calls: { kind: 'steer' | 'release' | 'reapply'; arg?: unknown; finish: (o: ActuationOutcome) => void }[] = [];
  const call = (kind: 'steer' | 'release' | 'reapply', arg?: unknown) =>
    new Promise<ActuationOutcome>((finish) => calls.push({ kind, arg, finish }));
  const actuator = {
    steer: (target: unknown) => call('steer', target),
    release: () => call('release'),
    reapply: (plan: unknown) => call('reapply', plan),
  } as unknown as Actuator;
  return { actuator, calls };
}

function loopOn(mode: 'enforce' | 'dry-run' = 'enforce') {
  let now = 1_000_000;
  const clock: Clock = { now: () => now, setTimer: () => () => undefined, sleep: async () => undefined };
  const fake = fakeActuator();
  const modes: { mode: string; action: string }[] = [];
  const loop = new DecisionLoop({
    policy: { ...CONFIG, mode },
    clock,
    actuator: fake.actuator,
    log: silentLogger,
    journal: () => undefined,
    reconcile: { targets: TARGETS, strategy: 'stub-tracks', config: { retryAfterMs: 30_000, maxRepairs: 3, pathGraceMs: 30_000 } },
    onModeApplied: (m, action) => modes.push({ mode: m, action }),
  });
  // The router seen on fibre-hub1: adopted.
  loop.observe({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
  return {
    loop,
    ...fake,
    modes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('decision loop: reconciliation', () => {
  it('repairs a flipped track through the actuator, once per verify timeout', async () => {
    const t = loopOn();
    expect(t.loop.state.selected).toBe('fibre-hub1');
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    expect(t.calls.map((c) => c.kind)).toEqual(['reapply']);
    expect((t.calls[0]!.arg as { configLines: string[] }).configLines).toContain('track 111 stub-object');
    t.calls[0]!.finish(OK);
    await settle();
    t.advance(5_000);
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    expect(t.calls).toHaveLength(1); // within the verify timeout: not again
    t.advance(30_000);
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    expect(t.calls).toHaveLength(2);
  });

  it('never compares while an actuation runs or waits, nor with a read that spanned one', async () => {
    const t = loopOn();
    const epoch = t.loop.actuationEpoch;
    t.loop.observe({ kind: 'override', source: LTE, untilMs: Number.MAX_SAFE_INTEGER, by: 't' });
    expect(t.calls.map((c) => c.kind)).toEqual(['steer']);
    expect(t.loop.actuating).toBe(true);
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    expect(t.calls).toHaveLength(1);
    expect(t.loop.drift).toBeUndefined();
    t.calls[0]!.finish(OK);
    await settle();
    expect(t.loop.actuating).toBe(false);
    // The read began before the steer: what it saw is stale.
    t.loop.reconcileAfterRead(ALL_UP, epoch);
    expect(t.calls).toHaveLength(1);
    // A fresh read that shows the steer's tracks: in sync.
    t.loop.observe({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
    t.loop.reconcileAfterRead(seen({ 101: 'up', 102: 'up', 111: 'down', 112: 'up' }), t.loop.actuationEpoch);
    expect(t.loop.drift).toBeUndefined();
    expect(t.calls).toHaveLength(1);
  });

  const modeRows: {
    name: string;
    from: 'enforce' | 'dry-run';
    to: 'enforce' | 'dry-run';
    override?: boolean;
    calls: string[];
    action: string;
  }[] = [
    { name: 'enforce -> dry-run: the forbids are released', from: 'enforce', to: 'dry-run', calls: ['release'], action: 'release' },
    { name: 'dry-run -> enforce: steered to the selected candidate', from: 'dry-run', to: 'enforce', calls: ['steer'], action: 'steer' },
    { name: 'same mode again (a reload): nothing', from: 'enforce', to: 'enforce', calls: [], action: '' },
  ];
  it.each(modeRows)('$name', async (r) => {
    const t = loopOn(r.from);
    t.loop.reconfigure({ ...t.loop.policy, mode: r.to });
    expect(t.calls.map((c) => c.kind)).toEqual(r.calls);
    expect(t.modes.map((m) => m.action).join()).toBe(r.action);
    if (r.calls[0] === 'steer') expect(t.calls[0]!.arg).toEqual({ peer: HUB1, source: FIBRE });
  });

  it('in dry-run a difference is reported and never repaired', () => {
    const t = loopOn('dry-run');
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    t.advance(600_000);
    t.loop.reconcileAfterRead(FIBRE_DOWN, t.loop.actuationEpoch);
    expect(t.calls).toHaveLength(0);
    expect(t.loop.drift).toMatchObject({
      status: 'dry-run',
      intended: { released: true },
      tracks: [{ track: 111, want: 'up', seen: 'down' }],
    });
  });
});
