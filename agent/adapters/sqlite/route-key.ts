import type { AddressFamily, Route } from '../../../proto/records/routing.js';

/**
 * One cached table: an address family in a VRF ('' = global), read from the
 * routing table (`rib`, the default) or from the subnets the hubs pushed by
 * IKEv2 routing (`ikev2`, from `show crypto ikev2 sa detailed`).
 */
export interface TableId {
  family: AddressFamily;
  vrf: string;
  source?: 'rib' | 'ikev2';
}

export const tableKey = (t: TableId): string => `${t.source === 'ikev2' ? 'ikev2:' : ''}${t.family}/${t.vrf}`;

export function parseTableKey(key: string): TableId {
  const ikev2 = key.startsWith('ikev2:');
  const rest = ikev2 ? key.slice('ikev2:'.length) : key;
  const slash = rest.indexOf('/');
  const table: TableId = { family: rest.slice(0, slash) as AddressFamily, vrf: rest.slice(slash + 1) };
  if (ikev2) table.source = 'ikev2';
  return table;
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
