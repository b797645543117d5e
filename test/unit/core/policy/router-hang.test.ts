/**
 * Red-team finding 18: a router that applies a line but never returns a prompt
 * made the agent go round the candidates of an override (3 timeouts, a
 * rollback, then the other candidate), each attempt a real tunnel pivot.
 * Rows: the override, what the actuator reported, and what the policy did.
 */
import { describe, expect, it } from 'vitest';
import { MAX_HANG_HOLD_MS, STEER_BLOCK_MS } from '../../../../agent/core/policy/absorb.js';
import type { Observation } from '../../../../agent/core/policy/types.js';
import { adoptedOnFibreHub1, LTE } from './fixture.js';

const OVERRIDE: Observation = { kind: 'override', source: LTE, untilMs: 3_600_000, by: 'ops' };
const hung = (candidate: string): Observation => ({
  kind: 'steer-failed',
  candidate,
  code: 'ACTUATE_ROUTER_ERROR',
  routerCode: 'ROUTER_TIMEOUT',
});
const notTaken = (candidate: string): Observation => ({ kind: 'steer-failed', candidate, code: 'ACTUATE_VERIFY_FAILED' });

/** Adopted on fibre-hub1, override to LTE at 40 s (steers lte-hub1), then `events` as [atMs, observation]; ticks each second to `untilMs`. */
function run(events: [number, Observation][], untilMs: number) {
  const r = adoptedOnFibreHub1();
  r.at(40_000).see(OVERRIDE);
  const due = [...events];
  for (let t = 41_000; t <= untilMs; t += 1000) {
    while (due.length > 0 && due[0]![0] <= t) r.at(due[0]![0]).see(due.shift()![1]);
    r.at(t).see({ kind: 'tick' });
  }
  return r;
}

describe('policy step: a router that hangs in a config session', () => {
  it.each([
    {
      name: 'after a hang, no other candidate is tried until the hold ends; then the override is tried again',
      events: [[80_000, hung('lte-hub1')]] as [number, Observation][],
      untilMs: 80_000 + STEER_BLOCK_MS + 1000,
      steers: [
        [40_000, 'lte-hub1'],
        [80_000 + STEER_BLOCK_MS, 'lte-hub1'],
      ],
    },
    {
      name: 'each hang in a row doubles the hold',
      events: [
        [80_000, hung('lte-hub1')],
        [180_000, hung('lte-hub1')],
      ] as [number, Observation][],
      untilMs: 180_000 + 2 * STEER_BLOCK_MS + 1000,
      steers: [
        [40_000, 'lte-hub1'],
        [140_000, 'lte-hub1'],
        [180_000 + 2 * STEER_BLOCK_MS, 'lte-hub1'],
      ],
    },
    {
      name: 'a path the router took but that did not come up: the other candidate at once, as before',
      events: [[80_000, notTaken('lte-hub1')]] as [number, Observation][],
      untilMs: 90_000,
      steers: [
        [40_000, 'lte-hub1'],
        [80_000, 'lte-hub2'],
      ],
    },
    {
      name: 'both candidates of the override failed: neither is forced again before its block ends',
      events: [
        [80_000, notTaken('lte-hub1')],
        [120_000, notTaken('lte-hub2')],
      ] as [number, Observation][],
      untilMs: 80_000 + STEER_BLOCK_MS + 1000,
      steers: [
        [40_000, 'lte-hub1'],
        [80_000, 'lte-hub2'],
        [80_000 + STEER_BLOCK_MS, 'lte-hub1'],
      ],
    },
  ])('$name', ({ events, untilMs, steers }) => {
    const r = run(events, untilMs);
    expect(r.effects.filter((e) => e.effect.kind === 'steer').map((e) => [e.atMs, (e.effect as { candidate: string }).candidate])).toEqual(
      steers,
    );
  });

  it("the hold is capped, and an operator's new intent lifts it", () => {
    let r = run([], 41_000);
    for (let i = 0; i < 8; i++) r.at(50_000 + i).see(hung('lte-hub1'));
    expect(r.state.steeringHeldUntilMs).toBe(50_007 + MAX_HANG_HOLD_MS);
    r = run([[80_000, hung('lte-hub1')]], 81_000);
    r.at(82_000).see({ kind: 'clear-override', by: 'ops' }); // the operator's new intent is tried at once
    expect(r.state.steeringHeldUntilMs).toBeUndefined();
  });

  it('a read showing the router on the chosen path forgets the hangs', () => {
    const r = run([[80_000, hung('lte-hub1')]], 81_000);
    r.at(82_000).see({ kind: 'flexvpn', activePeer: '192.0.2.1', activeSource: LTE, peersActiveElsewhere: [] });
    expect(r.state).toMatchObject({ selected: 'lte-hub1' });
    expect(r.state.routerHangs).toBeUndefined();
  });
});
