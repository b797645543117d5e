/**
 * Whether the router followed a BGP steer, judged on what it shows, never on
 * the commands having been accepted: every steered prefix the chosen hub
 * advertises has its best path through that hub, and each agent-owned
 * route-map reads back with exactly the clauses intended.
 */
import type { BgpPathEntry, RouteMapEntry } from '../../../proto/records/routing.js';
import type { DualCloudConfig } from './config.js';
import { ROUTE_MAP_SEQ, type RouteMapIntent } from './plan.js';

/** Steered prefixes whose best path is not via `neighbor` although it offers a path (empty: followed). */
export function prefixesNotVia(c: DualCloudConfig, paths: readonly BgpPathEntry[], neighbor: string): string[] {
  return c.prefixes.filter((prefix) => {
    const offered = paths.some((p) => p.network === prefix && p.valid && p.nextHop === neighbor);
    const best = paths.find((p) => p.network === prefix && p.best);
    return offered && best?.nextHop !== neighbor;
  });
}

/** Agent-owned route-maps that do not read back as intended, each with what differs (empty: as intended). */
export function routeMapDifferences(intents: readonly RouteMapIntent[], entries: readonly RouteMapEntry[]): string[] {
  return intents.flatMap((i) => {
    const e = entries.find((x) => x.name === i.name && x.sequence === ROUTE_MAP_SEQ);
    if (!e) return [`route-map ${i.name} permit ${ROUTE_MAP_SEQ} is missing`];
    const diffs: string[] = [];
    if (e.action !== 'permit') diffs.push(`route-map ${i.name} ${ROUTE_MAP_SEQ} is ${e.action}`);
    if (e.setLocalPreference !== i.localPreference)
      diffs.push(`route-map ${i.name} sets local-preference ${e.setLocalPreference ?? 'none'}, intended ${i.localPreference ?? 'none'}`);
    const community = e.setCommunities?.join(' ');
    if (community !== i.community)
      diffs.push(`route-map ${i.name} sets community ${community ?? 'none'}, intended ${i.community ?? 'none'}`);
    if (e.setMetric !== i.med) diffs.push(`route-map ${i.name} sets metric ${e.setMetric ?? 'none'}, intended ${i.med ?? 'none'}`);
    return diffs;
  });
}
