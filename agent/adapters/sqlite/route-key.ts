import type { AddressFamily, Route } from '../../../proto/records/routing.js';

/** One routing table: an address family in a VRF ('' = global). */
export interface TableId {
  family: AddressFamily;
  vrf: string;
}

export const tableKey = (t: TableId): string => `${t.family}/${t.vrf}`;

export function parseTableKey(key: string): TableId {
  const slash = key.indexOf('/');
  return { family: key.slice(0, slash) as AddressFamily, vrf: key.slice(slash + 1) };
}

/**
 * A route's identity for change detection: everything but the ages, which
 * grow on every read and would make every route "changed" each time.
 */
export function routeIdentity(route: Route): string {
  return JSON.stringify({ ...route, nextHops: route.nextHops.map(({ ageSec: _age, ...hop }) => hop) });
}

/** The youngest next-hop age, the route's own age as IOS shows it. */
export function routeAgeSec(route: Route): number | undefined {
  let age: number | undefined;
  for (const hop of route.nextHops) if (hop.ageSec !== undefined && (age === undefined || hop.ageSec < age)) age = hop.ageSec;
  return age;
}
