/**
 * Reconciliation of a dual-cloud spoke's steering (agent/core/dual-cloud/reconcile.ts):
 * what differs from the last verified steer, the repair that puts it back, and the pacing.
 */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_STEERING_RECONCILE,
  reconcileSteering,
  steeringDifferences,
  steeringRepairPlan,
  type SteeringReconcileInput,
} from '../../../../agent/core/dual-cloud/reconcile.js';
import type { BgpNeighborDetail, RouteMapEntry } from '../../../../proto/records/routing.js';
import { DC, H1, H2 } from './fixture.js';

const entry = (name: string, set: Partial<RouteMapEntry> = {}, sequence = 10, action: 'permit' | 'deny' = 'permit'): RouteMapEntry => ({
  name,
  action,
  sequence,
  match: [],
  set: [],
  ...set,
});
const neutral = () => ['SP-IN-1', 'SP-OUT-1', 'SP-IN-2', 'SP-OUT-2'].map((n) => entry(n));
/** Steered to hub 2: its routes preferred, the LAN tagged toward hub 1. */
const toHub2 = () => [
  entry('SP-IN-1'),
  entry('SP-OUT-1', { setCommunities: ['65000:110'], setCommunityAdditive: true }),
  entry('SP-IN-2', { setLocalPreference: 200 }),
  entry('SP-OUT-2'),
];
const bound = (): BgpNeighborDetail[] =>
  DC.hubs.map((h) => ({
    neighbor: h.neighbor,
    remoteAs: 65000,
    link: 'internal',
    fallOver: true,
    state: 'established',
    stateRaw: 'Established',
    routeMapIn: h.routeMapIn,
    routeMapOut: h.routeMapOut,
  }));

describe('dual-cloud steering: what differs', () => {
  it('in sync: neutral against neutral, a steer against itself', () => {
    expect(steeringDifferences(DC, undefined, neutral(), bound())).toEqual([]);
    expect(steeringDifferences(DC, H2, toHub2(), bound())).toEqual([]);
  });

  it("names each difference: a set clause, a missing route-map, an entry not the agent's, a neighbour line", () => {
    const maps = toHub2().filter((m) => m.name !== 'SP-IN-2');
    maps[1] = entry('SP-OUT-1');
    maps.push(entry('SP-OUT-2', {}, 5, 'deny'));
    const neighbors = bound();
    delete neighbors[0]!.routeMapOut;
    expect(steeringDifferences(DC, H2, maps, neighbors)).toEqual([
      'route-map SP-OUT-1 sets community none, intended 65000:110',
      'route-map SP-IN-2 permit 10 is missing',
      'route-map SP-OUT-2 has an entry deny 5 the agent does not own',
      `neighbor ${H1} route-map out is none, intended SP-OUT-1`,
    ]);
    expect(steeringDifferences(DC, undefined, neutral(), bound().slice(1))).toEqual([`neighbor ${H1} is not configured`]);
  });

  it('the repair: extra entries removed, the steer said again, neighbour lines only when one is off, then soft clears', () => {
    const maps = [...toHub2(), entry('SP-IN-2', {}, 5, 'deny')];
    const plan = steeringRepairPlan(DC, H2, maps, bound());
    expect(plan.configLines[0]).toBe('no route-map SP-IN-2 deny 5');
    expect(plan.configLines).toContain('set local-preference 200');
    expect(plan.configLines.some((l) => l.startsWith('router bgp'))).toBe(false);
    expect(plan.execCommands).toEqual([
      `clear ip bgp ${H2} soft in`,
      `clear ip bgp ${H1} soft out`,
      `clear ip bgp ${H1} soft in`,
      `clear ip bgp ${H2} soft out`,
    ]);
    const neighbors = bound();
    delete neighbors[1]!.routeMapIn;
    const withBindings = steeringRepairPlan(DC, undefined, neutral(), neighbors).configLines;
    // The route-maps are defined before any neighbour line names them.
    expect(withBindings.slice(withBindings.indexOf('router bgp 65000'))).toEqual([
      'router bgp 65000',
      `neighbor ${H1} route-map SP-IN-1 in`,
      `neighbor ${H1} route-map SP-OUT-1 out`,
      `neighbor ${H2} route-map SP-IN-2 in`,
      `neighbor ${H2} route-map SP-OUT-2 out`,
    ]);
    expect(withBindings.every((l) => l === l.trim())).toBe(true);
  });
});

describe('dual-cloud steering: pacing', () => {
  const cfg = { retryAfterMs: 30_000, maxRepairs: 3 };
  const input = (differences: string[], mode: 'enforce' | 'dry-run' = 'enforce'): SteeringReconcileInput => ({
    differences,
    intended: { candidate: 'hub2', released: false },
    mode,
    active: { peer: H2, source: 'Tunnel2' },
  });

  it('(state, read) -> (drift, repair): repaired at once, again only after the pause, raised after maxRepairs', () => {
    const d = ['route-map SP-IN-2 permit 10 is missing'];
    const rows: [number, boolean, string, number][] = [];
    let s = INITIAL_STEERING_RECONCILE;
    for (const t of [0, 10_000, 30_000, 60_000, 90_000, 120_000]) {
      const r = reconcileSteering(s, input(d), cfg, t);
      s = r.state;
      rows.push([t, r.repair, r.drift!.status, r.drift!.repairs]);
    }
    expect(rows).toEqual([
      [0, true, 'repairing', 1],
      [10_000, false, 'repairing', 1],
      [30_000, true, 'repairing', 2],
      [60_000, true, 'repairing', 3],
      [90_000, false, 'unrepaired', 3],
      [120_000, false, 'unrepaired', 3],
    ]);
    expect(reconcileSteering(s, input(d), cfg, 130_000).drift).toMatchObject({ sinceMs: 0, routeMaps: d, tracks: [], path: false });
  });

  it('a new difference counts again; in sync clears; dry-run reports only', () => {
    let s = reconcileSteering(INITIAL_STEERING_RECONCILE, input(['a']), cfg, 0).state;
    const other = reconcileSteering(s, input(['b']), cfg, 1000);
    expect(other).toMatchObject({ repair: true, drift: { repairs: 1, sinceMs: 1000 } });
    s = other.state;
    expect(reconcileSteering(s, input([]), cfg, 2000)).toEqual({ state: INITIAL_STEERING_RECONCILE, repair: false });
    expect(reconcileSteering(INITIAL_STEERING_RECONCILE, input(['a'], 'dry-run'), cfg, 0)).toMatchObject({
      repair: false,
      drift: { status: 'dry-run', repairs: 0 },
    });
  });
});
