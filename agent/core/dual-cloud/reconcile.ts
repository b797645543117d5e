/**
 * Reconciliation of a dual-cloud spoke's steering (issue 15 item 4): the
 * agent-owned route-maps and the neighbour lines that apply them, as the
 * router shows them between steers, against what the last verified steer (or
 * release) left. A hand edit, a `no route-map`, a removed `neighbor X
 * route-map` line or a reload with an older startup configuration makes BGP
 * choose something the agent did not; the repair is that steer's
 * configuration again (the bindings too when one is off), with soft clears.
 * Paced and counted as the failover design's reconciliation is
 * (agent/core/reconcile.ts), and reported through the same drift view. Pure.
 */
import type { BgpNeighborDetail, RouteMapEntry } from '../../../proto/records/routing.js';
import type { ActuationPlan } from '../actuation/plan.js';
import type { DriftView } from '../reconcile.js';
import type { DualCloudConfig } from './config.js';
import { planBgpRelease, planBgpSteer, ROUTE_MAP_SEQ, routeMapIntents } from './plan.js';
import { routeMapDifferences } from './verify.js';

/** The neighbour lines that apply the agent's route-maps and do not read back (`show ip bgp neighbors`). */
export function bindingDifferences(c: DualCloudConfig, neighbors: readonly BgpNeighborDetail[]): string[] {
  return c.hubs.flatMap((h) => {
    const n = neighbors.find((x) => x.neighbor === h.neighbor);
    if (!n) return [`neighbor ${h.neighbor} is not configured`];
    const diffs: string[] = [];
    if (n.routeMapIn !== h.routeMapIn)
      diffs.push(`neighbor ${h.neighbor} route-map in is ${n.routeMapIn ?? 'none'}, intended ${h.routeMapIn}`);
    if (n.routeMapOut !== h.routeMapOut)
      diffs.push(`neighbor ${h.neighbor} route-map out is ${n.routeMapOut ?? 'none'}, intended ${h.routeMapOut}`);
    return diffs;
  });
}

/** Entries of an agent-owned route-map other than its one `permit 10` (added by hand): they would match first or after. */
function extraEntries(c: DualCloudConfig, entries: readonly RouteMapEntry[]): RouteMapEntry[] {
  const owned = new Set(c.hubs.flatMap((h) => [h.routeMapIn, h.routeMapOut]));
  return entries.filter((e) => owned.has(e.name) && e.sequence !== ROUTE_MAP_SEQ);
}

/** Everything that differs from the steer to `chosen` (undefined: neutral), in words; empty when in sync. */
export function steeringDifferences(
  c: DualCloudConfig,
  chosen: string | undefined,
  entries: readonly RouteMapEntry[],
  neighbors: readonly BgpNeighborDetail[],
): string[] {
  return [
    ...routeMapDifferences(routeMapIntents(c, chosen), entries),
    ...extraEntries(c, entries).map((e) => `route-map ${e.name} has an entry ${e.action} ${e.sequence} the agent does not own`),
    ...bindingDifferences(c, neighbors),
  ];
}

/**
 * What puts the router back on the steer to `chosen`: extra entries removed,
 * the steer's route-map lines (every set clause said once), the neighbour lines
 * when one is off, then the steer's soft clears.
 */
export function steeringRepairPlan(
  c: DualCloudConfig,
  chosen: string | undefined,
  entries: readonly RouteMapEntry[],
  neighbors: readonly BgpNeighborDetail[],
): ActuationPlan {
  const steer = chosen === undefined ? planBgpRelease(c) : planBgpSteer(c, chosen);
  const removals = extraEntries(c, entries).map((e) => `no route-map ${e.name} ${e.action} ${e.sequence}`);
  const bindings =
    bindingDifferences(c, neighbors).length === 0
      ? []
      : [
          `router bgp ${c.asn}`,
          ...c.hubs.flatMap((h) => [
            `neighbor ${h.neighbor} route-map ${h.routeMapIn} in`,
            `neighbor ${h.neighbor} route-map ${h.routeMapOut} out`,
          ]),
        ];
  // The route-maps first: a binding to a route-map not yet defined would deny every path meanwhile.
  return { configLines: [...removals, ...steer.configLines, ...bindings], execCommands: steer.execCommands };
}

export interface SteeringReconcileState {
  /** The difference being worked on: a change of it starts the count again. */
  key?: string;
  repairs: number;
  lastRepairAtMs?: number;
  sinceMs?: number;
}

export const INITIAL_STEERING_RECONCILE: SteeringReconcileState = { repairs: 0 };

export interface SteeringReconcileInput {
  differences: readonly string[];
  /** The hub candidate the last verified steer chose; undefined: neutral (released, dry-run). */
  intended: { candidate?: string; released: boolean };
  mode: 'enforce' | 'dry-run';
  /** The hub BGP uses now, as last read. */
  active: { peer?: string; source?: string };
}

export interface SteeringReconcileConfig {
  /** Fewest ms between two repairs (the steer's verify timeout). */
  retryAfterMs: number;
  /** Repairs after which the difference is raised and no longer repaired. */
  maxRepairs: number;
}

/** The drift view, and whether to repair now: in enforce only, at most once per `retryAfterMs`, at most `maxRepairs` times per difference. */
export function reconcileSteering(
  s: SteeringReconcileState,
  i: SteeringReconcileInput,
  cfg: SteeringReconcileConfig,
  now: number,
): { state: SteeringReconcileState; drift?: DriftView; repair: boolean } {
  if (i.differences.length === 0) return { state: INITIAL_STEERING_RECONCILE, repair: false };
  const key = i.differences.join('\n');
  const fresh = s.key !== key;
  let state: SteeringReconcileState = fresh ? { key, repairs: 0, sinceMs: now } : s;
  let repair = false;
  let status: DriftView['status'];
  if (i.mode === 'dry-run') status = 'dry-run';
  else if (state.repairs >= cfg.maxRepairs) status = 'unrepaired';
  else {
    status = 'repairing';
    if (state.lastRepairAtMs === undefined || now - state.lastRepairAtMs >= cfg.retryAfterMs) {
      repair = true;
      state = { ...state, repairs: state.repairs + 1, lastRepairAtMs: now };
    }
  }
  const drift: DriftView = {
    status,
    intended: i.intended,
    tracks: [],
    path: false,
    active: i.active,
    repairs: state.repairs,
    sinceMs: state.sinceMs ?? now,
    routeMaps: [...i.differences],
  };
  return { state, drift, repair };
}
